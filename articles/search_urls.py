"""Search URLs (included before the archive's own URLs in newsarchive/urls.py)."""

from django.urls import path

from . import search_views

app_name = "search"

urlpatterns = [
    path("search/", search_views.search_page, name="page"),
    path("api/search/", search_views.search_api, name="api"),
    path("opensearch.xml", search_views.opensearch, name="opensearch"),
]
