"""sitemap.xml for search engines: every issue page and every article page.

Served as a sitemap index (``/sitemap.xml``) pointing at one sitemap per section, so a
large archive splits into pages (``/sitemap-articles.xml?p=2``). Without
``django.contrib.sites`` the domain comes from the request.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from .models import Article, Issue


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


SITEMAPS = {"issues": IssueSitemap, "articles": ArticleSitemap}
