"""sitemap.xml for search engines: every issue page and every article page.

Served as a sitemap index (``/sitemap.xml``) pointing at one sitemap per section, so an
archive past 50,000 articles splits into pages (``/sitemap-articles.xml?p=2``) as the protocol
requires. Without ``django.contrib.sites`` the domain comes from the request.
"""

from django.contrib.sitemaps import Sitemap

from .models import Article, Issue


class IssueSitemap(Sitemap):
    changefreq = "yearly"  # a printed issue does not change; corrections are rare

    def items(self):
        return Issue.objects.order_by("date_issued").only("pk", "date_issued", "created")

    def lastmod(self, issue):
        return issue.created


class ArticleSitemap(Sitemap):
    changefreq = "yearly"

    def items(self):
        return Article.objects.order_by("pk").only("pk", "updated")

    def lastmod(self, article):
        return article.updated


SITEMAPS = {"issues": IssueSitemap, "articles": ArticleSitemap}
