"""The search engines a test can run against, by name: settings for a throwaway index, how to
build it, and how to forget a process's open searchers.

Tests that must hold on every engine (``test_haystack_api.py``) are parametrised with
``selected()``: the names in ``NEWSARCHIVE_SEARCH_ENGINE`` (comma-separated; default ``whoosh``).
An engine module adds itself to ``ENGINES`` here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class EngineSetup:
    name: str
    connections: Callable[[Path], dict]  # HAYSTACK_CONNECTIONS for an index under this folder
    build: Callable[[], None]  # (re)build the whole index from the database
    reset: Callable[[], None]  # forget this process's open searchers


def _whoosh_connections(folder: Path) -> dict:
    return {"default": {"ENGINE": "articles.search.backend.ChineseWhooshEngine", "PATH": str(folder / "whoosh_index")}}


def _whoosh_build() -> None:
    from articles.search import indexing, query

    query.live.reset()
    indexing.index_rebuild()


def _whoosh_reset() -> None:
    from articles.search import query

    query.live.reset()


def _xapian_connections(folder: Path) -> dict:
    """Embedded under ``folder``, or the shards NEWSARCHIVE_XAPIAN_SHARDS names (make test-xapian)."""
    shards = [s.strip() for s in os.environ.get("NEWSARCHIVE_XAPIAN_SHARDS", "").split(",") if s.strip()]
    return {
        "default": {
            "ENGINE": "articles.search.xapian_backend.XapianEngine",
            "PATH": str(folder / "xapian_index"),
            "SHARDS": shards,
        }
    }


def _xapian_build() -> None:
    from articles.search import indexing

    _xapian_reset()
    indexing.index_rebuild()


def _xapian_reset() -> None:
    from articles.search import xapian_backend

    xapian_backend.reader.reset()


ENGINES: dict[str, EngineSetup] = {
    "whoosh": EngineSetup("whoosh", _whoosh_connections, _whoosh_build, _whoosh_reset),
    "xapian": EngineSetup("xapian", _xapian_connections, _xapian_build, _xapian_reset),
}


def selected() -> list[str]:
    names = [n.strip() for n in os.environ.get("NEWSARCHIVE_SEARCH_ENGINE", "whoosh").split(",") if n.strip()]
    unknown = [n for n in names if n not in ENGINES]
    if unknown:
        raise RuntimeError(f"NEWSARCHIVE_SEARCH_ENGINE names unknown engines {unknown}; known: {sorted(ENGINES)}")
    return names


@contextmanager
def engine_archive(name: str, folder: Path, django_db_blocker) -> Iterator[EngineSetup]:
    """Settings for engine ``name`` with its index and data under ``folder``, haystack's
    connection reopened on them, and an empty archive; afterwards all restored and emptied."""
    import haystack
    from django.test import override_settings

    from search_oracle import delete_everything

    setup = ENGINES[name]
    connections = setup.connections(folder)
    saved = haystack.connections.connections_info
    with override_settings(
        DATA_DIR=folder,
        SEARCH_INDEX_DIR=folder / "whoosh_index",
        HAYSTACK_CONNECTIONS=connections,
    ):
        haystack.connections.connections_info = connections
        haystack.connections.reload("default")
        try:
            with django_db_blocker.unblock():
                delete_everything()
            yield setup
        finally:
            setup.reset()
            haystack.connections.connections_info = saved
            haystack.connections.reload("default")
            with django_db_blocker.unblock():
                delete_everything()
