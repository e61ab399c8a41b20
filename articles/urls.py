"""Public URLs: stable, human-readable, fit for citation.

An impossible date (``/issues/2023-02-30/``) or month (``/issues/2023/13/``) is a 404, never a
500: the converters refuse what is not a real date, and the archive views 404 what has no issue.
"""

import datetime as dt

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from . import views
from .sitemaps import SITEMAPS


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(value) from None  # the resolver treats this as no match: 404

    def to_url(self, value):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)


class YearConverter:
    """Four digits, kept as a string: the date-based generic views parse it themselves."""

    regex = r"[0-9]{4}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return f"{int(value):04d}"


class MonthConverter(YearConverter):
    regex = r"[0-9]{2}"

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(IsoDateConverter, "isodate")
register_converter(YearConverter, "yyyy")
register_converter(MonthConverter, "mm")

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("issues/", views.IssueArchiveIndexView.as_view(), name="archive"),
    path("issues/<isodate:date>/", views.IssueDetailView.as_view(), name="issue-detail"),
    path("issues/<isodate:date>/pages/<int:sequence>/", views.PageDetailView.as_view(), name="page-detail"),
    path("issues/<yyyy:year>/", views.IssueYearArchiveView.as_view(), name="archive-year"),
    path("issues/<yyyy:year>/<mm:month>/", views.IssueMonthArchiveView.as_view(), name="archive-month"),
    # The other papers of the archive (the default paper keeps the URLs above).
    path("papers/<slug:paper>/issues/", views.IssueArchiveIndexView.as_view(), name="paper-archive"),
    path("papers/<slug:paper>/issues/<isodate:date>/", views.IssueDetailView.as_view(), name="paper-issue-detail"),
    path("papers/<slug:paper>/issues/<isodate:date>/pages/<int:sequence>/", views.PageDetailView.as_view(),
         name="paper-page-detail"),
    path("papers/<slug:paper>/issues/<yyyy:year>/", views.IssueYearArchiveView.as_view(), name="paper-archive-year"),
    path("papers/<slug:paper>/issues/<yyyy:year>/<mm:month>/", views.IssueMonthArchiveView.as_view(),
         name="paper-archive-month"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="article-detail"),
    path("articles/<int:pk>/text/", views.ArticleTextView.as_view(), name="article-text"),
    path("reporters/", views.ReporterListView.as_view(), name="reporter-list"),
    path("reporters/<int:pk>/", views.ReporterDetailView.as_view(), name="reporter-detail"),
    path("columns/", views.ColumnListView.as_view(), name="column-list"),
    # A column is named as printed (要闻快览); <path:> so even a name with "/" has a URL.
    path("columns/<path:name>/", views.ColumnDetailView.as_view(), name="column-detail"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "articles:sitemap-section"},
         name="sitemap"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
]
