"""sitemap.xml for search engines: every issue, every printed page (版面), every column (栏目)
and every article page.

Served as a sitemap index (``/sitemap.xml``) pointing at one sitemap per section, so a
large archive splits into pages (``/sitemap-articles.xml?p=2``). Without
``django.contrib.sites`` the domain comes from the request. Only what a reader can open is
listed: a 日期待定 issue (and its pages and articles) has no public URL until staff date it.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Article, Issue, Page


class IssueSitemap(Sitemap):
    changefreq = "yearly"  # a printed issue does not change; corrections are rare

    def items(self):
        return Issue.objects.dated().select_related("paper").order_by("date_issued").only(
            "pk", "date_issued", "created", "paper__slug", "paper__is_default"
        )

    def lastmod(self, issue):
        return issue.created

    def get_latest_lastmod(self):
        # The default walks every item in Python; the database answers at once.
        return Issue.objects.aggregate(latest=Max("created"))["latest"]


class PageSitemap(Sitemap):
    """Each printed page of a dated issue: /issues/<date>/pages/<n>/ (other papers under
    /papers/<slug>/)."""

    changefreq = "yearly"
    limit = 5000

    def items(self):
        return (
            Page.objects.filter(issue__date_issued__isnull=False)
            .select_related("issue", "issue__paper")
            .order_by("issue__date_issued", "issue__paper_id", "sequence")
            .only("pk", "sequence", "ingested", "issue__date_issued", "issue__paper__slug", "issue__paper__is_default")
        )

    def lastmod(self, page):
        return page.ingested

    def get_latest_lastmod(self):
        return Page.objects.aggregate(latest=Max("ingested"))["latest"]


class ColumnSitemap(Sitemap):
    """Each column (栏目) printed in a dated issue: /columns/<name>/."""

    changefreq = "monthly"  # a column gains articles as issues are loaded

    def items(self):
        return list(
            Article.objects.with_page().exclude(section="").values_list("section", flat=True)
            .order_by("section").distinct()
        )

    def location(self, name):
        return reverse("articles:column-detail", kwargs={"name": name})


class ArticleSitemap(Sitemap):
    changefreq = "yearly"
    # Rendering costs about 0.2 ms an entry, so pages of 5,000 (not the protocol's 50,000)
    # keep each response near a second.
    limit = 5000

    def items(self):
        return Article.objects.filter(page__issue__date_issued__isnull=False).order_by("pk").only("pk", "updated")

    def lastmod(self, article):
        return article.updated

    def get_latest_lastmod(self):
        return Article.objects.aggregate(latest=Max("updated"))["latest"]


SITEMAPS = {"issues": IssueSitemap, "pages": PageSitemap, "columns": ColumnSitemap, "articles": ArticleSitemap}
