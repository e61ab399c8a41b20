"""URLs of the research tools (included before the archive's own URLs in newsarchive/urls.py)."""

from django.urls import path

from . import views
from .feeds import IssuesFeed, SearchFeed

app_name = "research"

urlpatterns = [
    path("articles/<int:pk>/cite.ris", views.article_ris, name="article-ris"),
    path("articles/<int:pk>/cite.bib", views.article_bibtex, name="article-bibtex"),
    *[path(f"search/export.{fmt}", views.results_export, {"fmt": fmt}, name=f"export-{fmt}")
      for fmt in views.EXPORT_FORMATS],
    path("search/advanced/", views.advanced_search, name="advanced"),
    path("search/trend/", views.trend_page, name="trend"),
    path("search/trend.csv", views.trend_download, name="trend-csv"),
    path("search/feed/", SearchFeed(), name="search-feed"),
    path("issues/feed/", IssuesFeed(), name="issues-feed"),
]
