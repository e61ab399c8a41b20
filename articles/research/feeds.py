"""Atom feeds (Django's syndication framework): the newest issues, and the newest articles
matching any search (``/search/feed/?q=…``), so a researcher can follow a topic in a reader."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from articles.models import Article, Issue

from . import searching
from .records import byline_names, paper_name

FEED_ITEMS = 30


def _midnight(date: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(date, dt.time()))


def _date_label(date: dt.date, inferred: bool) -> str:
    return f"{date.year}年{date.month}月{date.day}日" + ("（日期为推断）" if inferred else "")


class IssuesFeed(Feed):
    """/issues/feed/: issues in the order they were added to the archive, newest first."""

    feed_type = Atom1Feed
    title = "江南晚报数字档案 · 新收录的各期"
    subtitle = "新收录的报纸，每期一条，附本期各篇标题。"

    def link(self):
        return reverse("articles:archive")

    def items(self):
        return (Issue.objects.dated().annotate(article_count=Count("pages__articles"))
                .order_by("-created", "-date_issued")[:FEED_ITEMS])

    def item_title(self, issue):
        return f"《{paper_name(issue)}》{_date_label(issue.date_issued, issue.date_inferred)}"

    def item_description(self, issue):
        headlines = Article.objects.filter(page__issue=issue).order_by("page__sequence", "sequence")
        names = "；".join(a.headline for a in headlines.only("headline")[:20])
        return f"共 {issue.article_count} 篇：{names}"

    def item_link(self, issue):
        return issue.get_absolute_url()

    def item_pubdate(self, issue):
        return _midnight(issue.date_issued)

    def item_updateddate(self, issue):
        return issue.created


class SearchFeed(Feed):
    """/search/feed/?q=…: the newest articles matching the query, with the page's filters."""

    feed_type = Atom1Feed

    def get_object(self, request):
        from articles.search_views import BadSearch, read_search_request  # the page's own parameters

        try:
            search_request = read_search_request(request)
        except BadSearch as exc:
            raise Http404(str(exc)) from None
        if search_request.parsed.is_empty:
            raise Http404("订阅需要搜索词：/search/feed/?q=…")
        # The feed object is shared by every request: what belongs to this one travels in obj.
        params = {k: v for k, v in request.GET.items() if k not in ("sort", "page") and v}
        search_request.page_url = reverse("search:page") + "?" + urlencode(params)
        return search_request

    def title(self, obj):
        return f"江南晚报数字档案 · 搜索“{obj.raw}”的最新文章"

    def subtitle(self, obj):
        return f"包含“{obj.raw}”的文章，按出版日期由近及远，最多 {FEED_ITEMS} 篇。"

    def link(self, obj):
        return obj.page_url

    def items(self, obj):
        obj.form.cleaned_data["sort"] = "newest"  # a feed is always the newest matches
        found = searching.find_form(obj.form, limit=FEED_ITEMS)
        by_id = Article.objects.with_page().prefetch_related("bylines__person").in_bulk(found.ids)
        return [by_id[pk] for pk in found.ids if pk in by_id]

    def item_title(self, article):
        return article.headline or "（无标题）"

    def item_description(self, article):
        issue = article.page.issue
        return f"{_date_label(issue.date_issued, issue.date_inferred)} {article.page.display_label}：{article.first_sentence}"

    def item_author_name(self, article):
        return "、".join(byline_names(article)) or None

    def item_pubdate(self, article):
        return _midnight(article.page.issue.date_issued)

    def item_updateddate(self, article):
        return article.updated

    def item_categories(self, article):
        return [article.section] if article.section else []
