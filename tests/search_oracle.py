"""What the search tests share: the reader's sense of "the same text" that decides which articles
hold a query (computed with Python ``in``, independently of the index), and the set-up of a
throwaway database and Whoosh index that the recall tests search."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

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
    """Settings that keep the data folder and the Chinese Whoosh index under ``folder``."""
    index_dir = folder / "whoosh_index"
    return override_settings(
        DATA_DIR=folder,
        SEARCH_INDEX_DIR=index_dir,
        HAYSTACK_CONNECTIONS={
            "default": {"ENGINE": "articles.search.backend.ChineseWhooshEngine", "PATH": str(index_dir)}
        },
    )


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
            query.live.reset()
            with django_db_blocker.unblock():
                delete_everything()
