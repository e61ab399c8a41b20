"""At most a few searches at once per client, so that one client cannot take the site.

A search is the most expensive thing a visitor can ask for; sixteen connections asking for
page 50 of a one-character query kept every worker busy and made an ordinary visitor's search
wait 13 s (issue 14, item 7). Each client (its address, ``newsarchive.client``) may run
``NEWSARCHIVE_SEARCHES_PER_CLIENT`` searches at once (default 2); one more, while those run, is
answered at once with ``429 Too Many Requests``, ``Retry-After`` and a short Chinese page (JSON
on the API), instead of taking a worker thread. The search views themselves bound the work of
each query (articles/search/); this only counts them.

Which views are searches is said by URL name (``LIMITED_VIEWS``), so the views stay as they are.
The count must hold across gunicorn's worker processes and threads, so each of a client's
slots is a lock file under ``<data dir>/run/search-slots/``, taken with ``flock`` without
waiting: the kernel releases it when the request ends or its process dies (kill -9 included),
and a file per slot of a hashed bucket (not per address) keeps their number fixed.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
from pathlib import Path

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.cache import patch_cache_control

from newsarchive.client import client_address

logger = logging.getLogger(__name__)

# View names (namespace:name) that run a search query.
LIMITED_VIEWS = {"search:page", "search:api", "research:trend", "research:trend-csv", "research:search-feed"}
LIMITED_PREFIXES = ("research:export-",)

BUCKETS = 4096  # clients are hashed into this many buckets; two clients share one rarely
RETRY_AFTER_SECONDS = 2
MESSAGE = "您同时进行的搜索太多，请等前面的搜索完成后再试（几秒钟即可）。"


def is_limited(view_name: str | None) -> bool:
    return bool(view_name) and (view_name in LIMITED_VIEWS or view_name.startswith(LIMITED_PREFIXES))


def slots_dir() -> Path:
    return Path(settings.DATA_DIR) / "run" / "search-slots"


def take_slot(client: str, per_client: int) -> int | None:
    """A file descriptor holding one of ``client``'s slots, or None when all are taken."""
    bucket = int.from_bytes(hashlib.blake2b(client.encode(), digest_size=4).digest(), "big") % BUCKETS
    folder = slots_dir()
    for slot in range(per_client):
        path = folder / f"{bucket:03x}-{slot}"
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except FileNotFoundError:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        return fd
    return None


def release_slot(fd: int) -> None:
    try:
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def too_many_searches_response(request):
    if request.path.startswith("/api/"):
        response = JsonResponse({"error": MESSAGE}, status=429, json_dumps_params={"ensure_ascii": False})
    else:
        response = render(request, "search_busy.html", {"message": MESSAGE}, status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    patch_cache_control(response, no_store=True)
    return response


class SearchConcurrencyMiddleware:
    """See the module docstring."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.per_client = int(getattr(settings, "NEWSARCHIVE_SEARCHES_PER_CLIENT", 2))

    def __call__(self, request):
        try:
            return self.get_response(request)
        finally:
            fd = getattr(request, "_newsarchive_search_slot", None)
            if fd is not None:
                request._newsarchive_search_slot = None
                release_slot(fd)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if self.per_client <= 0 or match is None or not is_limited(match.view_name):
            return None
        client = client_address(request)
        fd = take_slot(client, self.per_client)
        if fd is None:
            logger.info("429 for %s: %d searches already running for %s", request.path, self.per_client, client)
            return too_many_searches_response(request)
        request._newsarchive_search_slot = fd
        return None
