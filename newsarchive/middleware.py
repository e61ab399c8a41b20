"""Response policy for a public site, applied by URL so the views stay about their pages.

- Search pages and the search API are marked ``X-Robots-Tag: noindex``: crawlers should index
  the articles themselves, not an unbounded space of result pages.
- Issue and article pages (and the home page) tell caches how long to keep them; with
  Django's ``ConditionalGetMiddleware`` (ETag) a browser or proxy revalidates cheaply after that.
- When the search index is missing or unreadable, search answers 503 "being rebuilt" with a
  ``Retry-After`` instead of a 500, while every other page keeps serving from the database.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

# Paths served by the search code (issue 4): the results page and the JSON API.
SEARCH_PATH_PREFIXES = ("/search/", "/api/search/")

# URL names (namespace "articles") whose responses public caches may keep for a while. They
# change only on ingest or a staff correction; five minutes is the most a reader can lag behind.
CACHEABLE_URL_NAMES = {"home", "issue-detail", "article-detail", "article-text"}
PUBLIC_MAX_AGE = 300

RETRY_AFTER_SECONDS = 120


def is_search_path(path: str) -> bool:
    return path.startswith(SEARCH_PATH_PREFIXES)


def search_index_dir() -> Path | None:
    """The folder the search backend reads, or None when haystack is not configured."""
    connections = getattr(settings, "HAYSTACK_CONNECTIONS", None)
    if not connections:
        return None
    path = connections.get("default", {}).get("PATH")
    return Path(path) if path else None


# The table-of-contents file (name, mtime, size) last seen to open; each worker keeps its own.
_last_good_toc: tuple | None = None


def _toc_signature(path: Path) -> tuple | None:
    """Whoosh writes a new ``_<indexname>_<generation>.toc`` on every commit; the newest one
    names the index's current state. None when the folder holds no index."""
    try:
        tocs = [entry for entry in path.iterdir() if entry.name.endswith(".toc")]
    except OSError:
        return None
    if not tocs:
        return None
    newest = max(tocs, key=lambda entry: entry.stat().st_mtime_ns)
    stat = newest.stat()
    return (str(newest), stat.st_mtime_ns, stat.st_size)


def search_index_readable() -> bool:
    """True when the Whoosh index folder holds an index that opens.

    Opening reads the table of contents and the segment list; a state that opened once is
    remembered by its TOC file, so the common case costs one directory listing.
    """
    global _last_good_toc
    path = search_index_dir()
    if path is None:
        return True  # no haystack configured: nothing to report as being rebuilt
    signature = _toc_signature(path)
    if signature is None:
        return False
    if signature == _last_good_toc:
        return True
    try:
        from whoosh import index as whoosh_index

        whoosh_index.open_dir(str(path)).close()
    except Exception:  # any failure to open means the index is not usable as it stands
        logger.warning("search index at %s cannot be opened", path, exc_info=True)
        return False
    _last_good_toc = signature
    return True


def forget_search_index_state() -> None:
    """Drop the remembered good state, so the next check opens the index again."""
    global _last_good_toc
    _last_good_toc = None


def search_unavailable_response(request):
    wants_json = request.path.startswith("/api/")
    message = "搜索索引正在重建，请稍后再试。其他页面可正常浏览。"
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
        search = is_search_path(request.path)
        if search and not search_index_readable():
            response = search_unavailable_response(request)
        else:
            response = self.get_response(request)
        if search:
            response["X-Robots-Tag"] = "noindex"
        elif self._cacheable(request, response):
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
            # Staff see the same pages with their session; keep those out of shared caches.
            patch_vary_headers(response, ["Cookie"])
        return response

    def process_exception(self, request, exception):
        # The pre-check passed but the index broke under the search (a rebuild swapping
        # folders, a truncated segment): say so rather than 500, when the index is the cause.
        if is_search_path(request.path):
            forget_search_index_state()
            if not search_index_readable():
                return search_unavailable_response(request)
        return None

    @staticmethod
    def _cacheable(request, response) -> bool:
        match = getattr(request, "resolver_match", None)
        if not (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and match is not None
            and match.namespace == "articles"
            and match.url_name in CACHEABLE_URL_NAMES
            and not response.cookies
            and not response.has_header("Cache-Control")
        ):
            return False
        user = getattr(request, "user", None)
        return user is None or not user.is_authenticated
