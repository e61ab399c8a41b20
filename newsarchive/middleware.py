"""Response policy for a public site, applied by URL so the views stay about their pages.

- Search pages and the search API are marked ``X-Robots-Tag: noindex``: crawlers should index
  the articles themselves, not an unbounded space of result pages.
- The public reading pages may be corrected at any time (a headline, a date, a merged
  reporter), so caches keep them only to revalidate: ``Cache-Control: no-cache`` with the ETag
  of ``ConditionalGetMiddleware`` (a hash of the page, so every correction changes it) gives a
  304 when nothing changed and the corrected page when something did. Staff see an 编辑 link
  on them: their copies are ``private``, and ``Vary: Cookie`` keeps the two apart.
- A value from the request that the database cannot use (a non-number or a 20-digit number
  for an integer key, a year outside 1–9999, on PostgreSQL a NUL character or an over-long
  string) answers 400 instead of 500, wherever the query was built: Django's admin and
  django-axes build such queries from URL and form values too.
- When the search index is missing or unreadable, search answers 503 "being rebuilt" with a
  ``Retry-After`` instead of a 500, while every other page keeps serving from the database
  (``search_unavailable_response`` is also what the search views return for a missing index).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

# Paths served by the search code (issue 4): the results page and the JSON API.
SEARCH_PATH_PREFIXES = ("/search/", "/api/search/")

# URL names (namespace "articles") of pages a correction can change: caches revalidate them.
REVALIDATED_URL_NAMES = {
    "home", "archive", "archive-year", "archive-month", "issue-detail", "page-detail",
    "article-detail", "article-text", "reporter-list", "reporter-detail", "column-list", "column-detail",
}

RETRY_AFTER_SECONDS = 120


def is_search_path(path: str) -> bool:
    return path.startswith(SEARCH_PATH_PREFIXES)


def search_index_readable() -> bool:
    """True when the live search index folder holds a Whoosh index that opens (or, with the
    Xapian engine, when its database or every shard opens)."""
    if settings.HAYSTACK_CONNECTIONS["default"]["ENGINE"].endswith(".XapianEngine"):
        from articles.search import xapian_index

        try:
            xapian_index.open_reader().close()
        except xapian_index.IndexUnavailable:
            return False
        return True
    path = Path(settings.SEARCH_INDEX_DIR)
    try:
        from whoosh import index as whoosh_index

        if not whoosh_index.exists_in(str(path)):
            return False
        # Opening a reader opens every segment file the table of contents names.
        index = whoosh_index.open_dir(str(path))
        index.reader().close()
        index.close()
    except Exception:  # any failure to open means the index is not usable as it stands
        logger.warning("search index at %s cannot be opened", path, exc_info=True)
        return False
    return True


# Where Django turns Python values into database values (fields, lookups, backends), and the
# admin's date hierarchy, which builds datetimes from the URL.
_QUERY_LAYER = (f"django{os.sep}db{os.sep}", os.path.join("django", "contrib", "admin", "views", "main.py"))


def database_refused_value(exc: BaseException) -> bool:
    """True when ``exc`` is the database refusing a value: Django's ``DataError`` (PostgreSQL:
    a NUL character, a string longer than its column, a number out of range), or
    ValueError/OverflowError raised inside ``django.db`` (or the admin's date hierarchy) while
    building a query, not in our own code."""
    from django.db import DataError

    if isinstance(exc, DataError):
        return True
    if not isinstance(exc, (ValueError, OverflowError)):
        return False
    tb, filename = exc.__traceback__, None
    while tb is not None:
        filename, tb = tb.tb_frame.f_code.co_filename, tb.tb_next
    return filename is not None and any(part in filename for part in _QUERY_LAYER)


def bad_value_response(request):
    return render(request, "400.html", status=400)


def search_unavailable_response(request, message: str | None = None):
    wants_json = request.path.startswith("/api/")
    message = message or "搜索索引正在重建，请稍后再试。其他页面可正常浏览。"
    if wants_json:
        from django.http import JsonResponse

        response = JsonResponse({"error": message}, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        response = render(request, "search_unavailable.html", {"message": message}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    return response


class PublicSiteMiddleware:
    """Robots, caching and search-availability policy; see the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_search_path(request.path):
            response["X-Robots-Tag"] = "noindex"
        elif self._revalidated(request, response):
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                patch_cache_control(response, private=True, no_cache=True)
            else:
                patch_cache_control(response, public=True, no_cache=True)
            patch_vary_headers(response, ["Cookie"])
        return response

    def process_exception(self, request, exception):
        if database_refused_value(exception):
            logger.warning("400 for %s: the database layer refused a value: %s", request.path, exception,
                           exc_info=exception)
            return bad_value_response(request)
        # The search views answer a missing index themselves (articles.search.query raises
        # IndexUnavailable). A corrupt one fails in Whoosh with whatever error the damage
        # causes: when the index is indeed unreadable, say so rather than 500. An index too old
        # for the query (IndexOutdated) says what to run, wherever the search was made.
        from articles.search.whoosh_reader import IndexOutdated

        if isinstance(exception, IndexOutdated):
            return search_unavailable_response(request, IndexOutdated.reader_message)
        if is_search_path(request.path) and not search_index_readable():
            return search_unavailable_response(request)
        return None

    @staticmethod
    def _revalidated(request, response) -> bool:
        """A page (or a 301 from a retired key: the key may serve a page again) of the reading
        site, not already given a cache policy by its view."""
        match = getattr(request, "resolver_match", None)
        return (
            request.method in ("GET", "HEAD")
            and response.status_code in (200, 301)
            and match is not None
            and match.namespace == "articles"
            and match.url_name in REVALIDATED_URL_NAMES
            and not response.cookies
            and not response.has_header("Cache-Control")
        )
