"""The one writer to the search index: every write to it goes through this module.

Layout under the data folder (``settings.SEARCH_INDEX_DIR`` is the live index path)::

    whoosh_index            -> whoosh_index.builds/<build>   (a symlink: the live index)
    whoosh_index.builds/    one folder per build (Whoosh's files and the text store
                            ``texts.bin``); the live one and the one before it
    whoosh_index.lock       held by whoever writes (flock), so writers take turns

- ``index_rebuild`` builds a complete new index in a new folder while the site keeps serving
  the old one, then swaps the symlink atomically; searchers notice and reopen. The previous
  build is kept until the next rebuild, so a worker still reading it never loses its files.
- ``index_update`` rewrites given articles and deletes removed ones in the live index.
- ``index_follow`` is how staff edits made in a request reach the index: it starts a separate
  ``manage.py ensure_search_index --sync-only`` process (an ``index_sync``) and returns.
- ``index_sync`` brings the live index up to date with the database without a rebuild: each
  build records *marks* (the newest history id of articles, bylines, issues and people, and the
  newest page ingest time) in ``stamp.json``; whatever changed after the marks is reindexed.
  ``index_ensure`` (``make run``) rebuilds when the index is missing or its schema is old, syncs
  when it is stale, and does nothing when it is current.

Requests never write to the index: they open searchers (``articles.search.query``), and the
admin's hook after a commit (``curation.search_follow``) only calls ``index_follow``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import multiprocessing
import os
import shutil
import time
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from whoosh import index as whoosh_index
from whoosh.writing import NO_MERGE

from . import builds, document
from .builds import BuildReport, prepare_segmenter
from .changes import changed_article_ids, database_marks
from .analysis import ArticleTerms, analyse
from .fields import (
    BLEN,
    BODY,
    BOFF,
    COLUMN,
    HEADLINE,
    HLEN,
    ISSUE_DATE,
    PAGE_LABEL,
    PAGE_NUMBER,
    PAPER,
    REPORTER_SEPARATOR,
    REPORTERS,
    TEXT,
    TLEN,
    TSTART,
    WORDS,
    YEAR,
)
from .textstore import TextStoreWriter

# Bump when the schema or the analysis changes: ``index_ensure`` then rebuilds.
SCHEMA_VERSION = 6  # 4: reporters joined by REPORTER_SEPARATOR, not commas; 5: paper, page label and number;
# 6: where the body lies in each record (boff, blen), for the 正文: scope
STAMP_FILE = "stamp.json"
BATCH_SIZE = 500  # articles read from the database at a time
SEGMENT_DOCS = 1000  # articles per segment in a rebuild (see index_rebuild)
SEGMENT_LIMIT_MB = 512  # Whoosh's in-memory pool per (sub-)writer: ~2,000 postings an article


def index_path() -> Path:
    """The live index: haystack's PATH (settings.SEARCH_INDEX_DIR), the one place it is named."""
    return Path(settings.HAYSTACK_CONNECTIONS["default"]["PATH"])


def _xapian():
    """The Xapian engine's writer (``articles.search.xapian_index``) when settings choose that
    engine, else None: every public function below hands over to it, so commands, ingest and
    the admin reach whichever engine serves."""
    if not settings.HAYSTACK_CONNECTIONS["default"]["ENGINE"].endswith(".XapianEngine"):
        return None
    from . import xapian_index

    return xapian_index


def _lock_path() -> Path:
    return builds.lock_path(index_path())


def writer_lock():
    """One writer at a time, across processes (ingest, update_index, make run, rebuild)."""
    return builds.writer_lock(index_path())


def schema():
    from haystack import connections

    backend = connections["default"].get_backend()
    return backend.build_schema(connections["default"].get_unified_index().all_searchfields())[1]


def index_exists() -> bool:
    """A readable index is live. One written by older code whose schema no longer loads counts
    as missing: the next ``ensure_search_index`` builds a new one beside it."""
    if (engine := _xapian()) is not None:
        return engine.index_exists()
    path = index_path()
    try:
        return path.is_dir() and whoosh_index.exists_in(str(path))
    except Exception:  # unpicklable schema, truncated table of contents: not usable
        return False


def index_healthy() -> bool:
    """The live index opens down to its segments, and its text store holds every record."""
    if (engine := _xapian()) is not None:
        return engine.index_exists()
    from .whoosh_reader import IndexState

    if not index_exists():
        return False
    try:
        state = IndexState(str(index_path().resolve()))
    except Exception:  # missing or garbled segment files, a short text store
        return False
    state.close()
    return True


def read_stamp(path: Path | None = None) -> dict | None:
    try:
        return json.loads(((path or index_path()) / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_stamp(folder: Path, marks: dict, version: int | None | str = "current") -> None:
    """Record the marks and the schema version the index at ``folder`` was built with
    (``"current"``: this code's ``SCHEMA_VERSION``)."""
    version = SCHEMA_VERSION if version == "current" else version
    tmp = folder / (STAMP_FILE + ".tmp")
    tmp.write_text(json.dumps({"schema_version": version, "marks": marks}), encoding="utf-8")
    os.replace(tmp, folder / STAMP_FILE)


# --------------------------------------------------------------------------- documents


def whoosh_document(search_index, obj, store: TextStoreWriter) -> dict:
    """The Whoosh fields of one object: haystack prepares it, ``analyse`` tokenises it once,
    and its matching form goes to the text store."""
    prepared = document.article_document(obj)
    return whoosh_fields(prepared, analyse(*_analysed_parts(prepared)), store)


def _analysed_parts(prepared: dict) -> tuple[str, str, str]:
    """What ``analyse`` reads of a prepared document: its text, headline and body."""
    return prepared[TEXT], prepared.get(HEADLINE) or "", prepared.get(BODY) or ""


def whoosh_fields(prepared: dict, terms: ArticleTerms, store: TextStoreWriter) -> dict:
    """The Whoosh fields of one haystack-prepared document whose text ``terms`` analysed."""
    start, length, headline_length = store.append(terms.record, terms.headline_length)
    body_offset, body_length = store.byte_span(terms.record, terms.body_start, terms.body_length)
    issue_date = prepared[ISSUE_DATE]
    doc = {
        "id": prepared["id"],
        "django_ct": prepared["django_ct"],
        "django_id": str(prepared["django_id"]),
        TEXT: terms.grams,
        WORDS: terms.words,
        HEADLINE: terms.headline,
        TSTART: start,
        TLEN: length,
        HLEN: headline_length,
        BOFF: body_offset,
        BLEN: body_length,
        ISSUE_DATE: dt.datetime(issue_date.year, issue_date.month, issue_date.day),
        YEAR: str(prepared[YEAR]),
        REPORTERS: REPORTER_SEPARATOR.join(prepared.get(REPORTERS) or []) or None,
        COLUMN: prepared.get(COLUMN) or None,
        PAPER: prepared.get(PAPER) or None,
        PAGE_LABEL: prepared.get(PAGE_LABEL) or None,
        PAGE_NUMBER: str(prepared[PAGE_NUMBER]) if prepared.get(PAGE_NUMBER) is not None else None,
    }
    return {key: value for key, value in doc.items() if value is not None}


def analyse_documents(pairs: list[tuple[str, str, str]]) -> list[ArticleTerms]:
    """``analyse`` for (text, headline, body) triples: what a rebuild's analysis process runs."""
    return [analyse(*triple) for triple in pairs]


def _prepared_and_analysed(search_index, queryset, ids: list[int], batch_size: int, pool):
    """(prepared document, terms) for each id in order. With a ``pool``, the next batch is
    analysed (normalised, given to jieba) in another process while the caller writes this one."""

    def submit(chunk):
        prepared = [document.article_document(obj) for obj in queryset.filter(pk__in=chunk)]
        pairs = [_analysed_parts(p) for p in prepared]
        return prepared, (pool.apply_async(analyse_documents, (pairs,)) if pool else analyse_documents(pairs))

    chunks = [ids[i : i + batch_size] for i in range(0, len(ids), batch_size)]
    pending = submit(chunks[0]) if chunks else None
    for k in range(len(chunks)):
        prepared, result = pending
        pending = submit(chunks[k + 1]) if k + 1 < len(chunks) else None
        yield from zip(prepared, result.get() if pool else result)


MERGE_FANOUT = 8  # segments of one size class merged together


def merge_updates(writer, segments):
    """Whoosh merge policy for incremental updates: merge small segments by size class.

    Whoosh's default (``MERGE_SMALL``) would, on the first update after a rebuild, merge about
    eighteen of the rebuild's segments, which costs about as much as writing them again. Here
    only segments smaller than a rebuild's take part, and only when ``MERGE_FANOUT`` of one
    size class (1-7, 8-63, 64-511, ... documents) have gathered: each update stays cheap, and
    the number of segments grows with the logarithm of the number of updates.
    """
    from whoosh.reading import SegmentReader

    classes: dict[int, list] = {}
    for segment in segments:
        count = segment.doc_count_all()
        if count < SEGMENT_DOCS:
            classes.setdefault(int(math.log(max(count, 1), MERGE_FANOUT)), []).append(segment)
    merging = [seg for group in classes.values() if len(group) >= MERGE_FANOUT for seg in group]
    for segment in merging:
        reader = SegmentReader(writer.storage, writer.schema, segment)
        writer.add_reader(reader)
        reader.close()
    return [segment for segment in segments if segment not in merging]


@contextmanager
def _writing(ix, folder: Path, *, commit_options: dict | None = None, **options):
    """A Whoosh writer and the build's text store: committed together, or neither.

    The store is flushed to disk before the commit that makes its new offsets visible.
    """
    writer = ix.writer(**options)
    store = TextStoreWriter(folder)
    try:
        yield writer, store
    except BaseException:
        writer.cancel()
        store.close()
        raise
    store.close()
    writer.commit(**(commit_options or {"mergetype": merge_updates}))


def _fitted(writer, doc: dict) -> dict:
    """``doc`` without the fields an index of an older schema lacks: a sync into it still works
    (the index stays "outdated" until a rebuild, and answers what it cannot with IndexOutdated)."""
    names = set(writer.schema.names())
    return doc if all(k in names for k in doc) else {k: v for k, v in doc.items() if k in names}


def _write(writer, store, search_index, objects: Iterable) -> int:
    count = 0
    for obj in objects:
        writer.update_document(**_fitted(writer, whoosh_document(search_index, obj, store)))
        count += 1
    return count


def index_objects(*, search_index, objects: Iterable) -> int:
    """Write prepared objects into the live index (haystack's ``update_index`` comes here)."""
    if (engine := _xapian()) is not None:
        return engine.index_objects(search_index=search_index, objects=objects)
    prepare_segmenter()
    with writer_lock():
        ix, folder = _open_or_create_live()
        with _writing(ix, folder) as (writer, store):
            return _write(writer, store, search_index, objects)


def index_remove(*, identifiers: list[str]) -> None:
    """Delete documents by haystack identifier (``articles.article.<pk>``)."""
    if (engine := _xapian()) is not None:
        return engine.index_remove(identifiers=identifiers)
    if not index_exists():
        return
    with writer_lock():
        ix = whoosh_index.open_dir(str(index_path().resolve()))
        writer = ix.writer()
        for identifier in identifiers:
            writer.delete_by_term("id", identifier)
        writer.commit(mergetype=merge_updates)


def index_update(*, article_ids: Iterable[int] = (), removed_ids: Iterable[int] = ()) -> int:
    """Reindex these articles (deleting any no longer in the database) in the live index."""
    if (engine := _xapian()) is not None:
        return engine.index_update(article_ids=article_ids, removed_ids=removed_ids)
    from articles.models import Article

    prepare_segmenter()
    search_index = document.search_index()
    ids = set(article_ids) | set(removed_ids)
    with writer_lock():
        ix, folder = _open_or_create_live()
        return _update_ids(ix, folder, search_index, ids, Article)


def _update_ids(ix, folder: Path, search_index, ids: set[int], Article) -> int:
    if not ids:
        return 0
    with _writing(ix, folder) as (writer, store):
        # Delete the old copies through ONE searcher, then add: update_document would open a
        # new searcher over every segment for each article (10.7 s for a 20-article page at
        # 100,000 articles, 3.1 s this way; docs/benchmarks.md).
        with writer.searcher() as searcher:
            for pk in ids:
                writer.delete_by_term("id", f"articles.article.{pk}", searcher=searcher)
        ordered = sorted(ids)
        for start in range(0, len(ordered), BATCH_SIZE):
            chunk = ordered[start : start + BATCH_SIZE]
            for obj in search_index.index_queryset().filter(pk__in=chunk):
                writer.add_document(**_fitted(writer, whoosh_document(search_index, obj, store)))
    return len(ids)


def _open_or_create_live():
    """The live index and its build folder, created empty if there is none yet."""
    if index_exists():
        folder = index_path().resolve()
        return whoosh_index.open_dir(str(folder)), folder
    folder = _new_build_folder()
    ix = whoosh_index.create_in(str(folder), schema())
    _write_stamp(folder, {})
    _swap_to(folder)
    return ix, folder


# --------------------------------------------------------------------------- rebuild and swap


def _new_build_folder() -> Path:
    return builds.new_build_folder(index_path())


def _swap_to(folder: Path) -> None:
    builds.swap_to(index_path(), folder)


def analysis_processes(articles: int) -> int:
    """Processes that analyse while a rebuild writes: one when this process may use two cores or
    more and the build is large enough to repay starting it, else none."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return 1 if cores > 1 and articles >= SEGMENT_DOCS else 0


def index_rebuild(*, progress=None, batch_size: int = BATCH_SIZE, workers: int | None = None) -> BuildReport:
    """Build a complete index aside, then swap it in. The live index serves until the swap.

    ``workers`` processes analyse the articles (normalise, jieba) a batch ahead while this one
    prepares them and writes Whoosh and the text store, so a rebuild uses two cores; default:
    ``analysis_processes``. The analysis is a pure function of the text: the results are the
    same with or without them.
    """
    if (engine := _xapian()) is not None:
        return engine.index_rebuild(progress=progress, batch_size=batch_size, workers=workers)
    from articles.models import Article

    prepare_segmenter()  # before forking: the analysis processes share the loaded dictionary
    started = time.monotonic()
    search_index = document.search_index()
    marks = database_marks()  # before reading: whatever changes during the build is synced below
    folder = _new_build_folder()
    ix = whoosh_index.create_in(str(folder), schema())
    queryset = search_index.index_queryset().order_by("pk")
    ids = list(queryset.values_list("pk", flat=True))
    workers = analysis_processes(len(ids)) if workers is None else max(0, workers)
    # Forked, not spawned: the children get jieba's dictionary without loading it. They only
    # run ``analyse_documents`` and never touch the database connection they inherit.
    pool = multiprocessing.get_context("fork").Pool(workers) if workers else None
    total = 0
    try:
        documents = _prepared_and_analysed(search_index, queryset, ids, batch_size, pool)
        for segment_start in range(0, len(ids), SEGMENT_DOCS):
            # One segment per SEGMENT_DOCS articles, never merged: Whoosh keeps a segment's
            # postings in memory up to ``limitmb`` and past that spills sorted runs to disk and
            # merges them in Python, which (like merging segments) cost more than writing.
            size = min(SEGMENT_DOCS, len(ids) - segment_start)
            options = {"limitmb": SEGMENT_LIMIT_MB}
            with _writing(ix, folder, commit_options={"mergetype": NO_MERGE}, **options) as (writer, store):
                for prepared, terms in itertools.islice(documents, size):
                    writer.add_document(**whoosh_fields(prepared, terms, store))
                    total += 1
                    if progress and (total % batch_size == 0 or total == len(ids)):
                        progress(total, len(ids))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()
    _write_stamp(folder, marks)
    with writer_lock():
        # Changes made while we built (an ingest writing to the old index) come across now.
        synced = _sync(whoosh_index.open_dir(str(folder)), folder, marks, search_index, Article)
        _swap_to(folder)
    return BuildReport(articles=total, seconds=time.monotonic() - started, path=str(folder), synced=synced)


def index_clear() -> None:
    """An empty index takes the live index's place (built aside and swapped like a rebuild)."""
    if (engine := _xapian()) is not None:
        return engine.index_clear()
    folder = _new_build_folder()
    whoosh_index.create_in(str(folder), schema())
    _write_stamp(folder, {})
    with writer_lock():
        _swap_to(folder)


# --------------------------------------------------------------------------- staying current


def _sync(ix, folder: Path, marks: dict, search_index, Article, known: set[int] = frozenset()) -> int:
    """Reindex what changed since ``marks`` in the index at ``folder``; record the new marks.

    ``known``: ids the caller was told changed (the ingest service's): written first, and not
    again when the marks name them too."""
    now = database_marks()
    # The index keeps the schema version it was BUILT with: syncing new documents into an index
    # of an older schema does not make it current (``index_state`` keeps saying "outdated").
    version = (read_stamp(folder) or {}).get("schema_version")
    count = _update_ids(ix, folder, search_index, set(known), Article)
    if count:
        ix = ix.refresh()
    if marks.get("dictionary"):
        # Only the changed articles are segmented again: the index keeps the dictionary it was
        # built with, and ``index_state`` keeps calling it outdated until a rebuild.
        now["dictionary"] = marks["dictionary"]
    comparable = {k: v for k, v in now.items() if k != "count"}
    if all(marks.get(k) == v for k, v in comparable.items()) and marks.get("count") == now["count"]:
        if count:
            _write_stamp(folder, now, version)
        return count
    ids = changed_article_ids(marks) - set(known)
    count += _update_ids(ix, folder, search_index, ids, Article)
    ix = ix.refresh()
    if ix.doc_count() != now["count"]:
        # Rows that changed without history (bulk deletes, raw SQL): compare every id.
        with ix.searcher() as searcher:
            indexed = {int(f["django_id"]) for f in searcher.all_stored_fields()}
        missing = indexed ^ set(Article.objects.values_list("pk", flat=True))
        count += _update_ids(ix, folder, search_index, missing, Article)
    _write_stamp(folder, now, version)
    return count


def index_sync(*, changed_ids: Iterable[int] = (), removed_ids: Iterable[int] = ()) -> int:
    """Bring the live index up to date with the database; returns how many articles changed.

    ``changed_ids``/``removed_ids``: what the caller already knows changed (``manage.py ingest``
    passes the ingest service's), written first; the history marks find the rest."""
    if (engine := _xapian()) is not None:
        return engine.index_sync(changed_ids=changed_ids, removed_ids=removed_ids)
    from articles.models import Article

    if not index_exists():
        return 0
    prepare_segmenter()
    with writer_lock():
        folder = index_path().resolve()
        stamp = read_stamp(folder) or {}
        ix = whoosh_index.open_dir(str(folder))
        known = set(changed_ids) | set(removed_ids)
        return _sync(ix, folder, stamp.get("marks") or {}, document.search_index(), Article, known)


def index_state() -> str:
    """``missing``, ``outdated`` (schema changed), ``stale`` (database changed) or ``current``."""
    if (engine := _xapian()) is not None:
        return engine.index_state()
    if not index_healthy():
        return "missing"
    return builds.stamp_state(read_stamp(), SCHEMA_VERSION, database_marks())


def index_ensure(*, progress=None) -> tuple[str, int]:
    """What ``make run`` calls: rebuild when missing or outdated, sync when stale."""
    state = index_state()
    if state in ("missing", "outdated"):
        return state, index_rebuild(progress=progress).articles
    if state == "stale":
        return state, index_sync()
    return state, 0


def index_follow(*, changed_ids=(), removed_ids=()) -> None:
    """Staff changed articles in a request: update the index outside it.

    A request never writes to the index; this starts ``manage.py ensure_search_index
    --sync-only`` as a separate process (``_start_sync_process``) and returns at once. That
    process waits for the writer lock behind any other writer, and the history marks tell it
    what changed, so the ids are only a hint: nothing is started when both are empty, and of
    two edits in quick succession the first process may write both (the second then finds
    nothing to do). Only a sync, never a rebuild: a change to the local words has its own
    background rebuild with a status the admin shows (``jobs.search_rebuild_start``), and
    a missing or outdated index is ``make run``'s to build.
    """
    if not (list(changed_ids) or list(removed_ids)) or not index_exists():
        return
    _start_sync_process()


def _start_sync_process() -> None:
    """Run ``index_sync`` in a new ``manage.py`` process on this data folder; do not wait.

    Tests that keep their database and data folder in their own process (pytest-django's test
    database, a temporary index) replace this with an in-process ``index_sync``; the tests
    through real gunicorn run it as it is.
    """
    from articles import jobs

    jobs.start_command(["ensure_search_index", "--sync-only", "--verbosity", "0"], name="search-sync")


__all__ = [
    "index_follow",
    "prepare_segmenter",
    "BuildReport",
    "database_marks",
    "index_clear",
    "index_ensure",
    "index_exists",
    "index_objects",
    "index_path",
    "index_rebuild",
    "index_remove",
    "index_state",
    "index_sync",
    "index_update",
    "read_stamp",
    "schema",
    "whoosh_document",
    "writer_lock",
]
