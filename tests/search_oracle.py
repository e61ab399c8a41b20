"""What the search tests share: the reader's sense of "the same text" that decides which articles
hold a query (computed with Python ``in``, independently of the index), and the set-up of a
throwaway database and Whoosh index that the recall tests search."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.test import override_settings

from articles.models import Article, Byline, Issue, Page, Person
from articles.search import query


def same_form(text: str) -> str:
    """Full- and half-width forms and letter case are the same to a reader; spaces are wraps."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).casefold())


def holds_in(parts: Iterable[str], text: str) -> bool:
    """``text`` appears in one of the printed ``parts`` (in the sense of ``same_form``)."""
    return any(same_form(text) in same_form(part) for part in parts)


def delete_everything() -> None:
    """Empty the archive tables and their history, so a module's corpus is all there is."""
    for model in (Byline, Article, Page, Issue, Person):
        model.objects.all().delete()
    for model in (Byline, Article, Issue, Person):
        model.history.all().delete()


def search_settings(folder: Path) -> override_settings:
    """Settings that keep the data folder and the search index under ``folder``, on the engine
    the settings chose (``NEWSARCHIVE_SEARCH_ENGINE``; Xapian shards stay where they are)."""
    connection = dict(settings.HAYSTACK_CONNECTIONS["default"])
    index_dir = folder / Path(connection["PATH"]).name
    connection["PATH"] = str(index_dir)
    return override_settings(DATA_DIR=folder, SEARCH_INDEX_DIR=index_dir, HAYSTACK_CONNECTIONS={"default": connection})


def forget_searchers() -> None:
    """Every engine's per-process searcher, so the next search opens the index anew."""
    query.live.reset()
    if settings.HAYSTACK_CONNECTIONS["default"]["ENGINE"].endswith(".XapianEngine"):
        from articles.search import xapian_backend

        xapian_backend.reader.reset()


@contextmanager
def throwaway_archive(folder: Path, django_db_blocker) -> Iterator[None]:
    """For a module's search tests: settings on ``folder`` and an empty archive; afterwards the
    open searcher forgotten, the archive emptied again and the settings restored."""
    with search_settings(folder):
        try:
            with django_db_blocker.unblock():
                delete_everything()
            yield
        finally:
            forget_searchers()
            with django_db_blocker.unblock():
                delete_everything()
