"""Public pages for reading the archive: home, the calendar of issues, an issue, an article
(and its plain text), reporters, robots.txt, and the friendly 404/500 pages.

Views stay thin: queries live on the QuerySets in ``models``, month calendars are built by
``calendar_grid``, writes happen in ``services`` (never here).
"""

from __future__ import annotations

import datetime as dt
import logging

from dataclasses import dataclass

from django.db.models import Count, Max, Min, Prefetch, Q
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.dates import ArchiveIndexView, MonthArchiveView, YearArchiveView

from . import links
from .links import archive_url
from .calendar_grid import WEEKDAY_NAMES, month_grid, year_rows
from .models import Article, Byline, Issue, IssueDateRedirect, Page, Paper, Person, default_paper

logger = logging.getLogger(__name__)

LATEST_ISSUES_ON_HOME = 10


def _date_label(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


class BreadcrumbsMixin:
    """Puts ``breadcrumbs`` — (label, url) pairs, the last one the page itself (url None) —
    into the context; ``templates/includes/breadcrumbs.html`` renders them."""

    def get_breadcrumbs(self) -> list[tuple[str, str | None]]:
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumbs"] = [("首页", reverse("articles:home")), *self.get_breadcrumbs()]
        return context


def _archive_crumbs(year: int | None = None, month: int | None = None, paper: Paper | None = None) -> list[tuple[str, str]]:
    other = paper is not None and not paper.is_default
    crumbs = [(f"{paper.name}各期目录" if other else "各期目录", archive_url(paper))]
    if year is not None:
        crumbs.append((f"{year}年", archive_url(paper, year)))
    if month is not None:
        crumbs.append((f"{month}月", archive_url(paper, year, month)))
    return crumbs


def front_page(issue: Issue) -> Page | None:
    """The issue's first page (头版 when the paper printed one), with its articles."""
    articles = Article.objects.order_by("sequence").prefetch_related("bylines__person")
    return issue.pages.order_by("sequence").prefetch_related(Prefetch("articles", queryset=articles)).first()


class PaperMixin:
    """Which paper a URL is about: ``/papers/<slug>/…`` names it, the original URLs mean the
    default paper (江南晚报)."""

    def get_paper(self) -> Paper:
        if not hasattr(self, "_paper"):
            slug = self.kwargs.get("paper")
            self._paper = get_object_or_404(Paper, slug=slug) if slug else Paper.objects.default()
        return self._paper

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["paper"] = self.get_paper()
        return context


class HomeView(TemplateView):
    """/: the search box, the latest issue's front page, 历史上的今天, counts, the latest issues
    and the years to browse."""

    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Counts for the latest few only: annotating first would group every issue in the archive.
        issues = Issue.objects.of_default_paper().dated()
        latest = issues.order_by("-date_issued").values_list("pk", flat=True)[:LATEST_ISSUES_ON_HOME]
        latest_issue = issues.order_by("-date_issued").first()
        today = timezone.localdate()  # the paper's day (TIME_ZONE), not the server's
        context.update(
            latest_issue=latest_issue,
            latest_front_page=front_page(latest_issue) if latest_issue else None,
            today=today,
            on_this_day=issues.on_this_day(today).prefetch_related(
                Prefetch("pages", queryset=Page.objects.order_by("sequence")),
                Prefetch("pages__articles", queryset=Article.objects.order_by("sequence")),
            ),
            paper=default_paper(),
            other_papers=Paper.objects.filter(is_default=False, issues__date_issued__isnull=False).distinct(),
            latest_issues=Issue.objects.filter(pk__in=list(latest)).with_counts().order_by("-date_issued"),
            issue_count=issues.count(),
            article_count=Article.objects.filter(page__issue__date_issued__isnull=False).count(),
            reporter_count=Person.objects.reporters().count(),
            years=[d.year for d in issues.dates("date_issued", "year", order="DESC")],
        )
        return context


class IssueArchiveMixin(PaperMixin, BreadcrumbsMixin):
    """What the date-based views of issues share: one paper's dated issues."""

    date_field = "date_issued"
    # Archive dates are print dates, never embargoes; an inferred date may even lie ahead.
    allow_future = True
    paginate_by = None

    def get_queryset(self):
        return Issue.objects.filter(paper=self.get_paper()).dated()


class IssueArchiveIndexView(IssueArchiveMixin, ArchiveIndexView):
    """/issues/: every year with its twelve months, like a printed archive index."""

    template_name = "articles/archive_index.html"
    allow_empty = True  # an empty archive says so rather than 404
    date_list_period = "year"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["year_rows"] = year_rows(self.get_queryset().month_counts())
        return context

    def get_breadcrumbs(self):
        return [(_archive_crumbs(paper=self.get_paper())[0][0], None)]


class IssueYearArchiveView(IssueArchiveMixin, YearArchiveView):
    """/issues/YYYY/: a calendar of each month of the year that has issues."""

    template_name = "articles/archive_year.html"
    make_object_list = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_date = {issue.date_issued: issue for issue in context["object_list"]}
        context["months"] = [month_grid(m.year, m.month, by_date) for m in context["date_list"]]
        context["weekday_names"] = WEEKDAY_NAMES
        return context

    def get_breadcrumbs(self):
        year = int(self.get_year())
        return [*_archive_crumbs(paper=self.get_paper()), (f"{year}年", None)]


class IssueMonthArchiveView(IssueArchiveMixin, MonthArchiveView):
    """/issues/YYYY/MM/: the month's calendar, then each issue with its headlines."""

    template_name = "articles/archive_month.html"
    month_format = "%m"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        month = context["month"]
        # Counts and headlines for this month's issues only; the generic view's own queries
        # (is the month empty, which months come before and after) stay plain and cheap.
        articles = Article.objects.order_by("sequence")
        issues = (
            Issue.objects.filter(pk__in=[issue.pk for issue in context["object_list"]])
            .with_counts()
            .order_by("date_issued")
            .prefetch_related(Prefetch("pages", queryset=Page.objects.order_by("sequence")),
                              Prefetch("pages__articles", queryset=articles))
        )
        context["issues"] = issues
        context["grid"] = month_grid(month.year, month.month, {issue.date_issued: issue for issue in issues})
        context["weekday_names"] = WEEKDAY_NAMES
        return context

    def get_breadcrumbs(self):
        year, month = int(self.get_year()), int(self.get_month())
        return [*_archive_crumbs(year, paper=self.get_paper()), (f"{month}月", None)]


class IssueDetailView(PaperMixin, BreadcrumbsMixin, DetailView):
    """/issues/YYYY-MM-DD/ (and /papers/<slug>/issues/YYYY-MM-DD/ for the other papers): the
    issue's pages, each with its articles in printed order."""

    template_name = "articles/issue_detail.html"
    context_object_name = "issue"

    def get(self, request, *args, **kwargs):
        date = self.kwargs["date"]
        if not Issue.objects.filter(paper=self.get_paper(), date_issued=date).exists():
            moved = links.issue_for_old_date(date, self.get_paper())
            if moved is not None:
                return HttpResponsePermanentRedirect(moved.get_absolute_url())
            return issue_missing(request, date, paper=self.get_paper())
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        issue = Issue.objects.filter(paper=self.get_paper(), date_issued=self.kwargs["date"]).order_by("pk").first()
        if issue is None:
            raise Http404("这一天没有收录报纸")
        return issue

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue = self.object
        articles = Article.objects.order_by("sequence").prefetch_related("bylines__person")
        # A long issue is shown a few whole pages at a time (?p=2), about
        # ISSUE_ARTICLES_PER_SCREEN articles a screen, so its HTML stays small.
        pages = list(issue.pages.order_by("sequence").annotate(article_count=Count("articles")))
        screens = issue_screens([p.article_count for p in pages])
        try:
            number = min(max(int(self.request.GET.get("p", "1")), 1), len(screens) or 1)
        except ValueError:
            number = 1
        shown = screens[number - 1] if screens else []
        context.update(
            date_correction=issue.old_dates.order_by("-created").first(),
            pages=pages,
            shown_pages=Page.objects.filter(pk__in=[pages[i].pk for i in shown]).order_by("sequence")
            .prefetch_related(Prefetch("articles", queryset=articles)),
            screen_number=number,
            screen_count=len(screens),
            screen_numbers=range(1, len(screens) + 1),
            previous_issue=Issue.objects.previous_of(issue),
            next_issue=Issue.objects.next_of(issue),
        )
        return context

    def get_breadcrumbs(self):
        date = self.object.date_issued
        return [*_archive_crumbs(date.year, date.month, paper=self.get_paper()), (_date_label(date), None)]


ISSUE_ARTICLES_PER_SCREEN = 200


def issue_screens(article_counts: list[int], per_screen: int = ISSUE_ARTICLES_PER_SCREEN) -> list[list[int]]:
    """Page indexes grouped into screens of whole pages, each about ``per_screen`` articles at
    most (a page with more is a screen of its own)."""
    screens: list[list[int]] = []
    total = 0
    for index, count in enumerate(article_counts):
        if not screens or (total + count > per_screen and screens[-1]):
            screens.append([])
            total = 0
        screens[-1].append(index)
        total += count
    return screens


def issue_missing(request, date: dt.date, paper: Paper | None = None):
    """404 for a real date with no issue: the nearest issues before and after, and the month."""
    paper = paper or Paper.objects.default()
    issues = Issue.objects.filter(paper=paper)
    context = {
        "date": date,
        "paper": paper,
        "previous_issue": issues.filter(date_issued__lt=date).order_by("-date_issued").first(),
        "next_issue": issues.filter(date_issued__gt=date).order_by("date_issued").first(),
        "month_has_issues": issues.filter(date_issued__year=date.year, date_issued__month=date.month).exists(),
        "breadcrumbs": [("首页", reverse("articles:home")), *_archive_crumbs(paper=paper), (_date_label(date), None)],
    }
    return render(request, "articles/issue_missing.html", context, status=404)


def article_gone(request, record):
    """410 for an article that was in the archive and was deleted (by staff, or by ingest when
    its page's new file no longer had it): its headline, when, and the page it was printed on
    if that page is still here. The history keeps the copy; readers get a page that says so
    instead of a bare 404."""
    page = Page.objects.select_related("issue").filter(pk=record.page_id).first()
    context = {
        "headline": record.headline or "（无标题）",
        "deleted": record.history_date,
        "page": page,
        "breadcrumbs": [("首页", reverse("articles:home")), *_archive_crumbs(), ("已删除的文章", None)],
    }
    return render(request, "articles/article_gone.html", context, status=410)


class PageDetailView(PaperMixin, BreadcrumbsMixin, DetailView):
    """/issues/YYYY-MM-DD/pages/<n>/: one printed page (版面) of an issue, with its articles,
    and the way to the issue's other pages."""

    template_name = "articles/page_detail.html"
    context_object_name = "page"

    def get(self, request, *args, **kwargs):
        date, sequence = self.kwargs["date"], self.kwargs["sequence"]
        pages = Page.objects.filter(issue__paper=self.get_paper(), issue__date_issued=date, sequence=sequence)
        if not pages.exists():
            moved = links.page_for_old_sequence(date, sequence, self.get_paper())
            if moved is not None:
                return HttpResponsePermanentRedirect(moved.get_absolute_url())
            issue = links.issue_for_old_date(date, self.get_paper())
            if issue is not None:
                return HttpResponsePermanentRedirect(issue.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_object(self, queryset=None):
        page = (
            Page.objects.select_related("issue", "issue__paper")
            .filter(issue__paper=self.get_paper(), issue__date_issued=self.kwargs["date"], sequence=self.kwargs["sequence"])
            .order_by("issue__pk")
            .first()
        )
        if page is None:
            raise Http404("这一期没有这个版面")
        return page

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.object
        siblings = list(page.issue.pages.order_by("sequence"))
        at = next(n for n, p in enumerate(siblings) if p.pk == page.pk)
        context.update(
            issue=page.issue,
            pages=siblings,
            articles=page.articles.order_by("sequence").prefetch_related("bylines__person"),
            previous_page=siblings[at - 1] if at > 0 else None,
            next_page=siblings[at + 1] if at + 1 < len(siblings) else None,
        )
        return context

    def get_breadcrumbs(self):
        date = self.object.issue.date_issued
        return [
            *_archive_crumbs(date.year, date.month, paper=self.get_paper()),
            (_date_label(date), self.object.issue.get_absolute_url()),
            (self.object.display_label, None),
        ]


@dataclass
class Correction:
    """What a reader is told about staff corrections of an article: when, and which fields."""

    date: dt.datetime
    fields: list[str]


def correction_of(article: Article) -> Correction | None:
    """The article's corrections, if a person has corrected any field readers see: the fields
    that still differ from the printed text (``edited_fields``) and when the last correction
    was saved. Ingest's own saves (reason 导入 …, no user) are not corrections; who corrected
    is for the staff history, not for readers."""
    if not article.edited_fields:
        return None
    last = (
        article.history.filter(Q(history_user__isnull=False) | ~Q(history_change_reason__startswith="导入"))
        .order_by("-history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    if last is None:
        return None
    labels = {f.name: str(f.verbose_name) for f in Article._meta.get_fields() if hasattr(f, "verbose_name")}
    labels["bylines"] = "署名"
    return Correction(date=last, fields=[labels.get(name, name) for name in article.edited_fields])


class ArticleDetailView(BreadcrumbsMixin, DetailView):
    """/articles/<id>/: the article, where it was printed, and how to cite it."""

    template_name = "articles/article_detail.html"
    context_object_name = "article"
    # 日期待定: an article whose page has no date yet is for staff (the admin) until they set it.
    queryset = (
        Article.objects.with_page().select_related("page__issue__paper")
        .filter(page__issue__date_issued__isnull=False).prefetch_related("bylines__person")
    )

    def get(self, request, *args, **kwargs):
        if not Article.objects.filter(pk=self.kwargs["pk"]).exists():
            gone = Article.history.filter(id=self.kwargs["pk"], history_type="-").order_by("-history_date").first()
            if gone is not None:
                return article_gone(request, gone)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context.update(
            previous_article=Article.objects.previous_on_page(article),
            next_article=Article.objects.next_on_page(article),
            permalink=self.request.build_absolute_uri(article.get_absolute_url()),
            correction=correction_of(article),
            date_correction=IssueDateRedirect.objects.filter(issue=article.page.issue).order_by("-created").first(),
        )
        return context

    def get_breadcrumbs(self):
        page: Page = self.object.page
        date = page.issue.date_issued
        return [
            *_archive_crumbs(date.year, date.month, paper=page.issue.paper),
            (_date_label(date), page.issue.get_absolute_url()),
            (page.display_label, page.get_absolute_url()),
            # The full headline is the h1 just below; a long one would fill the trail on a phone.
            (Truncator(str(self.object)).chars(16), None),
        ]


class ArticleTextView(ArticleDetailView):
    """/articles/<id>/text/: the same article as plain UTF-8 text, to save or paste."""

    template_name = "articles/article_text.txt"
    content_type = "text/plain; charset=utf-8"


class ReporterListView(BreadcrumbsMixin, ListView):
    """/reporters/: everyone with a byline, with how many articles they have."""

    template_name = "articles/reporter_list.html"
    context_object_name = "reporters"
    queryset = Person.objects.reporters()
    paginate_by = 200

    def get_breadcrumbs(self):
        return [("记者", None)]


class ReporterDetailView(BreadcrumbsMixin, ListView):
    """/reporters/<id>/: one reporter's articles, newest first."""

    template_name = "articles/reporter_detail.html"
    context_object_name = "articles"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        if not Person.objects.filter(pk=self.kwargs["pk"]).exists():
            merged_into = links.person_for_old_id(self.kwargs["pk"])
            if merged_into is not None:
                return HttpResponsePermanentRedirect(merged_into.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        self.person = get_object_or_404(Person, pk=self.kwargs["pk"])
        return Article.objects.with_page().by_person(self.person).in_print_order().prefetch_related("bylines__person")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dates = Article.objects.by_person(self.person).aggregate(
            first=Min("page__issue__date_issued"), last=Max("page__issue__date_issued")
        )
        context.update(
            person=self.person,
            # Roles as printed in the bylines (记者, 通讯员, 实习生 …), the most frequent first.
            roles=[role for role, _ in Byline.objects.filter(person=self.person).exclude(role="")
                   .values_list("role").annotate(n=Count("pk")).order_by("-n", "role")],
            first_year=dates["first"].year if dates["first"] else None,
            last_year=dates["last"].year if dates["last"] else None,
        )
        return context

    def get_breadcrumbs(self):
        return [("记者", reverse("articles:reporter-list")), (self.person.name, None)]


class ColumnListView(BreadcrumbsMixin, ListView):
    """/columns/: every column (栏目) printed in the archive, with how many articles it has."""

    template_name = "articles/column_list.html"
    context_object_name = "columns"
    paginate_by = 300

    def get_queryset(self):
        # Columns of dated issues only: a 日期待定 page's column has no public page yet.
        return Article.objects.with_page().column_counts()

    def get_breadcrumbs(self):
        return [("栏目", None)]


class ColumnDetailView(BreadcrumbsMixin, ListView):
    """/columns/<name>/: one column's articles across the archive, newest first."""

    template_name = "articles/column_detail.html"
    context_object_name = "articles"
    paginate_by = 20

    def get_queryset(self):
        self.column = self.kwargs["name"]
        articles = Article.objects.with_page().filter(section=self.column)
        if not articles.exists():
            raise Http404("没有这个栏目")
        return articles.in_print_order().prefetch_related("bylines__person")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        dates = Article.objects.filter(section=self.column).aggregate(
            first=Min("page__issue__date_issued"), last=Max("page__issue__date_issued")
        )
        context.update(column=self.column, first_date=dates["first"], last_date=dates["last"])
        return context

    def get_breadcrumbs(self):
        return [("栏目", reverse("articles:column-list")), (self.column, None)]


@require_GET
@cache_control(max_age=86400)
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("articles:sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        # Search results are endless variations of the same articles.
        "Disallow: /search/",
        "Disallow: /api/",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def page_not_found(request, exception):
    """handler404: a Chinese page that keeps the header search and offers ways back in."""
    return render(request, "404.html", status=404)


def server_error(request):
    """handler500: rendered without the request context or the database, which may be what
    failed; if even the template fails, a bare page still says what happened."""
    try:
        return HttpResponseServerError(render_to_string("500.html"))
    except Exception:  # the last resort must not raise
        logger.exception("could not render 500.html")
        return HttpResponseServerError(
            '<!doctype html><html lang="zh-Hans"><meta charset="utf-8"><title>服务器出错</title>'
            "<h1>服务器出错</h1><p>请稍后再试。</p></html>"
        )
