"""The Xapian engine's index: what one article becomes in it, where it lives, and its one writer.

Where (``HAYSTACK_CONNECTIONS["default"]``):

- embedded (no ``SHARDS``): one database under ``PATH`` (``<data>/xapian_index``, a symlink to
  ``xapian_index.builds/<build>``; a rebuild is built aside and swapped in, as for Whoosh);
- shards (``SHARDS`` = ``["host:port", ...]``, from ``NEWSARCHIVE_XAPIAN_SHARDS``): each a
  ``xapian-tcpsrv --writable`` process. Article ``pk`` goes to shard ``pk % len(SHARDS)`` (stable
  while the list is); readers open every shard with ``xapian.remote_open`` and combine them in
  one ``xapian.Database``, so Xapian itself fans a search out and merges the results. Each shard
  has one writer at a time (the server allows one writable connection; this process also takes
  the local writer lock), and a rebuild writes all shards in parallel, one process per shard.

What one article becomes (``document``), from haystack's ``full_prepare`` (the same
``SearchIndex`` and template the Whoosh engine reads) and the one normaliser:

- the matching form (``normalize`` per part, parts joined by ``PART_SEPARATOR``): every character
  (unigram) at its position, and every distinct adjacent pair (bigram) of letters, digits or
  Chinese characters as a term *without* positions, each with its count in the article (wdf).
  A query of one character, or two such, is one term; a longer one is ``OP_PHRASE`` of its
  characters at consecutive positions, which holds exactly when the text contains it, filtered
  by its kept bigrams (cheap: a bigram's posting list is far shorter than a common character's). The part separator takes a position but no term, so
  no match spans two parts. Lean positions (schema 4): one positional entry per distinct
  character of an article (~550) instead of one per distinct bigram (~1,100).
- ranking from the same terms (schema 5): the counts are what BM25 weighs (a query's bigrams,
  or its character), and ``more_like_this`` expands over the bigrams. No jieba words are
  indexed: jieba's search-mode words (``W``, schema 4 and before) cost more CPU than the
  jieba floor itself and only ranked; the build no longer segments at all (docs/benchmarks.md).
- the body's parts (lead and paragraphs, haystack's ``body``) are kept apart: their grams go in
  under ``B`` (positions as above), the other parts' without a prefix, so ``text`` is the OR of
  both (``xapian_backend``) and the ``正文:`` scope is ``B`` alone. The body is most of an
  article: kept apart, not copied, it costs the index nothing.
- ``H`` + the headline's grams (characters positional), for headline lookups and the headline boost;
  ``HX`` + the whole headline form, for ``headline__exact``;
- ``Y`` year, ``D`` date (YYYYMMDD), ``C`` column and ``R`` each reporter (matching form), ``K``
  content type, ``Q`` haystack's identifier: boolean filters;
- value slots: date (sorting, ranges, date facets), year, column and reporters as printed
  (facets), django_id (ranges); the document data is the stored fields as JSON.

Xapian's own CJK n-grams (``TermGenerator.FLAG_CJK_NGRAM``) are not used: measured here they are
not exact (phrases matched across punctuation; precision 0.96).
"""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import operator
import os
import shutil
import time
from collections import Counter
from pathlib import Path

import xapian
from django.conf import settings

from . import analysis, builds, document as article_document
from .builds import BuildReport
from .changes import changed_article_ids, database_marks
from .fields import BODY, COLUMN, HEADLINE, ISSUE_DATE, PAGE_LABEL, PAGE_NUMBER, PAPER, REPORTER_SEPARATOR, REPORTERS, TEXT, YEAR
from .normalize import PART_SEPARATOR, normalize
from .whoosh_reader import IndexUnavailable as _WhooshIndexUnavailable

SCHEMA_VERSION = 6  # 2: paper, page label and page number; 3: the body's grams apart (B), for 正文:; 4: positions on characters, not bigrams; 5: gram counts rank, no jieba words; 6: a date-then-id order slot
BODY_SCHEMA_VERSION = 3  # the first version whose index can answer the body scope
CHAR_POSITIONS_SCHEMA_VERSION = 4  # the first whose positions are on characters (before: on bigrams)
GRAM_RANKING_SCHEMA_VERSION = 5  # the first whose grams carry their counts (before: jieba words ranked)
ORDER_SCHEMA_VERSION = 6  # the first with SLOT_ORDER (before: ties in date order fell to docid order)
STAMP_KEY = "newsarchive.stamp"  # Xapian metadata key: the schema version and the history marks
BATCH_SIZE = 500
COMMIT_EVERY = 2000  # documents a rebuild writer adds between commits (bounds its memory: ~690 MiB at 5,000)

# Term prefixes (upper case; every indexed text term is normalised, hence never upper case).
ID_PREFIX = "Q"
CT_PREFIX = "K"
HEADLINE_PREFIX = "H"
BODY_PREFIX = "B"
HEADLINE_EXACT_PREFIX = "HX"
WORD_PREFIX = "W"  # jieba words, schema 4 and before (an older index still ranks with them)
YEAR_PREFIX = "Y"
DATE_PREFIX = "D"
COLUMN_PREFIX = "C"
REPORTER_PREFIX = "R"
PAPER_PREFIX = "P"
PAGE_LABEL_PREFIX = "L"
PAGE_NUMBER_PREFIX = "N"
MAX_TERM_BYTES = 240  # Xapian's limit is 245

# Value slots.
SLOT_DATE, SLOT_YEAR, SLOT_COLUMN, SLOT_REPORTERS, SLOT_DJANGO_ID = 0, 1, 2, 3, 4
SLOT_PAPER, SLOT_PAGE_LABEL, SLOT_PAGE_NUMBER = 5, 6, 7
# The issue date then the article's id: unique, so sorting by date (or relevance, then date)
# leaves no tie to Xapian's document ids, which differ between one database and shards (and
# after updates). The remote protocol sorts by one value slot only (no KeyMaker), hence one slot.
SLOT_ORDER = 8
SLOTS = {
    ISSUE_DATE: SLOT_DATE, YEAR: SLOT_YEAR, COLUMN: SLOT_COLUMN, REPORTERS: SLOT_REPORTERS, "django_id": SLOT_DJANGO_ID,
    PAPER: SLOT_PAPER, PAGE_LABEL: SLOT_PAGE_LABEL, PAGE_NUMBER: SLOT_PAGE_NUMBER,
}


class IndexUnavailable(_WhooshIndexUnavailable):
    """No Xapian index to read (not built yet, or a shard does not answer). A kind of the
    Whoosh engine's, so the search pages answer both with their "being rebuilt" page."""


# --------------------------------------------------------------------------- where it lives


def options() -> dict:
    return settings.HAYSTACK_CONNECTIONS["default"]


def shards() -> list[tuple[str, int]]:
    found = []
    for item in options().get("SHARDS") or ():
        host, _, port = str(item).strip().rpartition(":")
        found.append((host or "127.0.0.1", int(port)))
    return found


def index_path() -> Path:
    return Path(options()["PATH"])


def _lock_path() -> Path:
    return builds.lock_path(index_path())


def shard_of(pk: int, n: int) -> int:
    """The stable rule: article ``pk`` lives on shard ``pk % n``."""
    return pk % n


REMOTE_TIMEOUT_MS = 30_000
# A writer's timeout: a rebuild's commit of thousands of documents to a shard on a busy host
# can take longer than a search may wait (a rebuild of 20,000 articles on two loaded cores
# failed on 30 s).
REMOTE_WRITER_TIMEOUT_MS = 600_000


def open_reader() -> xapian.Database:
    """All the index as one database (the shards combined by Xapian)."""
    remote = shards()
    try:
        if remote:
            db = xapian.Database()
            for host, port in remote:
                db.add_database(xapian.remote_open(host, port, REMOTE_TIMEOUT_MS))
            return db
        return xapian.Database(str(index_path().resolve()))
    except xapian.Error as exc:
        raise IndexUnavailable(f"the Xapian index cannot be opened: {exc}") from exc


def reader_key() -> tuple:
    """Changes when the live index is another database (a rebuild swapped it in)."""
    remote = shards()
    if remote:
        return tuple(remote)
    try:
        return (os.readlink(index_path()),)
    except OSError:
        return (str(index_path()),)


def _open_writer(target) -> xapian.WritableDatabase:
    """``target``: (host, port) of a shard, or a folder. Waits for another writer to finish."""
    deadline = time.monotonic() + 120
    while True:
        try:
            if isinstance(target, tuple):
                return xapian.remote_open_writable(target[0], target[1], REMOTE_WRITER_TIMEOUT_MS)
            return xapian.WritableDatabase(str(target), xapian.DB_CREATE_OR_OPEN)
        except xapian.DatabaseLockError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def writer_lock():
    """One writer at a time on this host (ingest, sync, rebuild), besides Xapian's own lock."""
    return builds.writer_lock(index_path())


def _live_targets() -> list:
    remote = shards()
    return list(remote) if remote else [index_path().resolve()]


# --------------------------------------------------------------------------- one article


def value_term(prefix: str, value: str) -> str:
    term = prefix + value
    if len(term.encode("utf-8")) > MAX_TERM_BYTES:
        import hashlib

        term = prefix + "#" + hashlib.sha1(value.encode("utf-8")).hexdigest()
    return term


def date_value(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def id_value(pk: int) -> str:
    return f"{int(pk):012d}"


def indexed_pair(pair: str) -> bool:
    """Whether the index keeps this bigram as a term: two letters, digits or Chinese characters.
    A pair with punctuation or a symbol (about a fifth of an article's distinct pairs) is not
    kept: a query holding one is the phrase of its characters, filtered by its other pairs."""
    return pair[0].isalnum() and pair[1].isalnum()


class _PairMask(dict):
    """A ``str.translate`` table: characters no kept bigram holds become the part separator."""

    def __missing__(self, codepoint: int) -> str:
        char = chr(codepoint)
        value = char if char.isalnum() else PART_SEPARATOR
        self[codepoint] = value
        return value


_PAIR_MASK = _PairMask()


def _add_grams(doc: xapian.Document, form: str, prefix: str = "", headline: bool = False) -> None:
    """Each character at its position (1-based; the part separator takes one but gets no term,
    so no phrase spans two parts); each distinct bigram within a part that ``indexed_pair``
    keeps, without positions. Text grams carry their counts (wdf): BM25 ranks by them. The
    headline's count once each (the headline boost needs a weight to scale, not how often a
    character recurs in it)."""
    add = doc.add_posting
    term = doc.add_term
    masked = form.translate(_PAIR_MASK)
    if headline:
        seen = set()
        for position, char in enumerate(form, 1):
            if char != PART_SEPARATOR:
                add(prefix + char, position, 0 if char in seen else 1)
                seen.add(char)
        for pair in set(map(operator.add, masked, masked[1:])):
            if PART_SEPARATOR not in pair:
                term(prefix + pair, 1)
        return
    if prefix:
        for position, char in enumerate(form, 1):
            if char != PART_SEPARATOR:
                add(prefix + char, position)
        for pair, count in Counter(map(operator.add, masked, masked[1:])).items():
            if PART_SEPARATOR not in pair:
                term(prefix + pair, count)
    else:
        for position, char in enumerate(form, 1):
            if char != PART_SEPARATOR:
                add(char, position)
        for pair, count in Counter(map(operator.add, masked, masked[1:])).items():
            if PART_SEPARATOR not in pair:
                term(pair, count)


def document(prepared: dict) -> tuple[int, xapian.Document]:
    """(pk, the Xapian document) of one haystack-prepared article (``SearchIndex.full_prepare``)."""
    pk = int(prepared["django_id"])
    forms = analysis.part_forms(prepared[TEXT])
    headline = normalize(prepared.get(HEADLINE) or "")
    doc = xapian.Document()
    form = PART_SEPARATOR.join(forms)
    body = PART_SEPARATOR.join(analysis.part_forms(prepared.get(BODY) or ""))
    start = analysis.body_span(form, body)
    if start >= 0:
        # The rest of the text: the separators left on either side keep its grams from
        # joining the parts before and after the body.
        form = form[:start] + PART_SEPARATOR + form[start + len(body):]
    _add_grams(doc, form)
    _add_grams(doc, body, BODY_PREFIX)
    _add_grams(doc, headline, HEADLINE_PREFIX, headline=True)
    doc.add_boolean_term(value_term(HEADLINE_EXACT_PREFIX, headline))
    day = prepared[ISSUE_DATE]
    if isinstance(day, dt.datetime):
        day = day.date()
    year = int(prepared[YEAR])
    column = prepared.get(COLUMN) or ""
    paper = prepared.get(PAPER) or ""
    page_label = prepared.get(PAGE_LABEL) or ""
    page_number = int(prepared.get(PAGE_NUMBER) or 0)
    reporters = list(prepared.get(REPORTERS) or [])
    doc.add_boolean_term(ID_PREFIX + prepared["id"])
    doc.add_boolean_term(CT_PREFIX + prepared["django_ct"])
    doc.add_boolean_term(YEAR_PREFIX + str(year))
    doc.add_boolean_term(DATE_PREFIX + date_value(day))
    if column:
        doc.add_boolean_term(value_term(COLUMN_PREFIX, normalize(column)))
    for name in reporters:
        doc.add_boolean_term(value_term(REPORTER_PREFIX, normalize(name)))
    if paper:
        doc.add_boolean_term(value_term(PAPER_PREFIX, normalize(paper)))
    if page_label:
        doc.add_boolean_term(value_term(PAGE_LABEL_PREFIX, normalize(page_label)))
    doc.add_boolean_term(PAGE_NUMBER_PREFIX + str(page_number))
    doc.add_value(SLOT_PAPER, paper)
    doc.add_value(SLOT_PAGE_LABEL, page_label)
    doc.add_value(SLOT_PAGE_NUMBER, f"{page_number:06d}")
    doc.add_value(SLOT_DATE, date_value(day))
    doc.add_value(SLOT_YEAR, str(year))
    doc.add_value(SLOT_COLUMN, column)
    doc.add_value(SLOT_REPORTERS, REPORTER_SEPARATOR.join(reporters))
    doc.add_value(SLOT_DJANGO_ID, id_value(pk))
    doc.add_value(SLOT_ORDER, date_value(day) + id_value(pk))
    doc.set_data(json.dumps(
        {"django_id": pk, ISSUE_DATE: day.isoformat(), YEAR: year, COLUMN: column, REPORTERS: reporters,
         PAPER: paper, PAGE_LABEL: page_label, PAGE_NUMBER: page_number},
        ensure_ascii=False,
    ))
    return pk, doc


def _search_index():
    return article_document.search_index()


# --------------------------------------------------------------------------- stamp


def _stamp_of(db) -> dict | None:
    try:
        raw = db.get_metadata(STAMP_KEY)
    except xapian.Error:
        return None
    try:
        return json.loads(raw.decode("utf-8")) if raw else None
    except ValueError:
        return None


def _set_stamp(db: xapian.WritableDatabase, marks: dict, version: int | None | str = "current") -> None:
    version = SCHEMA_VERSION if version == "current" else version
    db.set_metadata(STAMP_KEY, json.dumps({"schema_version": version, "marks": marks}))


def read_stamp() -> dict | None:
    """The stamp every part of the live index agrees on (None when missing or they differ)."""
    stamps = []
    try:
        for target in _live_targets():
            if isinstance(target, tuple):
                db = xapian.remote_open(target[0], target[1], REMOTE_TIMEOUT_MS)
            else:
                db = xapian.Database(str(target))
            stamps.append(_stamp_of(db))
            db.close()
    except xapian.Error:
        return None
    return stamps[0] if stamps and all(s == stamps[0] for s in stamps) else None


def index_exists() -> bool:
    try:
        db = open_reader()
    except IndexUnavailable:
        return False
    db.close()
    return read_stamp() is not None


# --------------------------------------------------------------------------- writing


def _write_documents(db: xapian.WritableDatabase, search_index, ids: list[int], fresh: bool, progress=None) -> int:
    """Index articles ``ids`` into ``db`` (``fresh``: the database is new, nothing to replace).

    Each batch's documents are all made (jieba, terms) before any is added: alternating jieba's
    and Xapian's work article by article cost ~25 % more CPU (each evicts the other's data from
    the caches; measured in docs/benchmarks.md)."""
    queryset = search_index.index_queryset().order_by("pk")
    done = 0
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        made = [document(article_document.article_document(obj)) for obj in queryset.filter(pk__in=chunk)]
        for pk, doc in made:
            if fresh:
                db.add_document(doc)
            else:
                db.replace_document(ID_PREFIX + f"articles.article.{pk}", doc)
            done += 1
            if fresh and done % COMMIT_EVERY == 0:
                db.commit()
        del made
        if progress:
            progress(done)
    return done


def _delete(db: xapian.WritableDatabase, pks) -> None:
    for pk in pks:
        db.delete_document(ID_PREFIX + f"articles.article.{pk}")


def index_update(*, article_ids=(), removed_ids=()) -> int:
    """Reindex these articles (deleting those no longer in the database) in the live index."""
    from articles.models import Article

    ids = set(article_ids) | set(removed_ids)
    if not ids:
        return 0
    with writer_lock():
        return _update_ids(ids, Article, marks=None)


def _update_ids(ids: set[int], Article, marks: dict | None) -> int:
    search_index = _search_index()
    present = set(Article.objects.filter(pk__in=ids).values_list("pk", flat=True))
    targets = _live_targets()
    if not shards():
        _ensure_embedded()
        targets = [index_path().resolve()]
    n = len(targets)
    for k, target in enumerate(targets):
        mine = sorted(pk for pk in ids if shard_of(pk, n) == k) if n > 1 else sorted(ids)
        if not mine and marks is None:
            continue
        db = _open_writer(target)
        try:
            _delete(db, [pk for pk in mine if pk not in present])
            _write_documents(db, search_index, [pk for pk in mine if pk in present], fresh=False)
            if marks is not None:
                # A sync keeps the version the index was built with: new documents in an index
                # of an older schema do not make it current (``index_state`` says "outdated").
                _set_stamp(db, marks, (_stamp_of(db) or {}).get("schema_version"))
            db.commit()
        finally:
            db.close()
    return len(ids)


def index_remove(*, identifiers: list[str]) -> None:
    pks = [int(i.rsplit(".", 1)[-1]) for i in identifiers]
    with writer_lock():
        targets = _live_targets()
        for k, target in enumerate(targets):
            db = _open_writer(target)
            try:
                _delete(db, [pk for pk in pks if len(targets) == 1 or shard_of(pk, len(targets)) == k])
                db.commit()
            finally:
                db.close()


def index_objects(*, search_index, objects) -> int:
    """haystack's ``update_index`` path: reindex these objects."""
    return index_update(article_ids=[obj.pk for obj in objects])


def index_clear() -> None:
    """Empty the index. Over shards haystack's ``clear()`` would ``rmtree`` a local path that is
    not the index: here every shard deletes its articles by their content-type term."""
    with writer_lock():
        if shards():
            for target in shards():
                db = _open_writer(target)
                try:
                    db.delete_document(CT_PREFIX + "articles.article")
                    _set_stamp(db, {})
                    db.commit()
                finally:
                    db.close()
            return
        _swap_in_empty()


def _ensure_embedded() -> None:
    if not index_path().exists():
        _swap_in_empty()


def _swap_in_empty() -> None:
    """A new, empty embedded database (stamped with no marks) becomes the live one."""
    folder = _new_build_folder()
    db = xapian.WritableDatabase(str(folder), xapian.DB_CREATE_OR_OPEN)
    _set_stamp(db, {})
    db.commit()
    db.close()
    _swap_to(folder)


def _new_build_folder() -> Path:
    return builds.new_build_folder(index_path())


def _swap_to(folder: Path) -> None:
    builds.swap_to(index_path(), folder)


# --------------------------------------------------------------------------- rebuild


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _build_part(target, ids: list[int], fresh: bool) -> int:
    """In a forked process: index ``ids`` into ``target`` (a new folder, or a shard)."""
    from django.db import connections

    connections.close_all()  # a connection of our own, not the parent's
    try:
        db = _open_writer(target)
        try:
            if isinstance(target, tuple):
                db.delete_document(CT_PREFIX + "articles.article")
                db.set_metadata(STAMP_KEY, "")
            done = _write_documents(db, _search_index(), ids, fresh=fresh)
            db.commit()
        finally:
            db.close()
    except xapian.Error as exc:
        # Xapian's exceptions cannot be pickled back to the parent process, which then says
        # only "cannot pickle 'SwigPyObject'": pass on what went wrong, and where.
        where = f"{target[0]}:{target[1]}" if isinstance(target, tuple) else str(target)
        raise RuntimeError(f"building the Xapian index at {where}: {type(exc).__name__}: {exc}") from None
    connections.close_all()
    return done


def index_rebuild(*, progress=None, batch_size: int = BATCH_SIZE, workers: int | None = None) -> BuildReport:
    """Index every article. Embedded: ``workers`` processes each build part of a new database
    (articles ``pk % workers``), merged by ``xapian.Database.compact`` (one part is compacted
    too) and swapped in while the old one serves. Shards: one process per shard writes its articles (``pk % shards``); the shards
    are emptied first, so searches see a partial index until it ends."""
    from django.db import connections

    from articles.models import Article

    started = time.monotonic()
    marks = database_marks()
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    remote = shards()
    if remote:
        targets = list(remote)
    else:
        n = max(1, workers if workers is not None else default_workers())
        n = min(n, max(1, len(ids) // 1000))  # small builds are not worth a fork
        folder = _new_build_folder()
        # Built in parts and compacted into the folder, even one part: compacted, the database
        # is about a third smaller (19 against 31 MiB per 1,000 articles) and reads faster, for
        # a few seconds' CPU. Small builds go straight into the folder.
        targets = [folder / f"part{k}" for k in range(n)] if len(ids) >= 1000 else [folder]
    n = len(targets)
    parts = [[pk for pk in ids if shard_of(pk, n) == k] for k in range(n)] if n > 1 else [ids]
    connections.close_all()
    if n == 1:
        total = _build_part(targets[0], parts[0], fresh=not remote)
    else:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(n) as pool:
            total = sum(pool.starmap(_build_part, [(t, p, not remote) for t, p in zip(targets, parts)]))
    notes = []
    if not remote and targets[0] != folder:
        merge_started = time.monotonic()
        merged = xapian.Database()
        for part in targets:
            merged.add_database(xapian.Database(str(part)))
        out = folder / "merged"
        merged.compact(str(out), xapian.DBCOMPACT_MULTIPASS)
        merged.close()
        for part in targets:
            shutil.rmtree(part)
        for item in out.iterdir():
            item.rename(folder / item.name)
        out.rmdir()
        notes.append(f"compacted {n} part(s) in {time.monotonic() - merge_started:.1f} s")
    with writer_lock():
        if remote:
            for target in remote:
                db = _open_writer(target)
                try:
                    _set_stamp(db, marks)
                    db.commit()
                finally:
                    db.close()
            synced = _sync(marks, Article)
        else:
            db = xapian.WritableDatabase(str(folder), xapian.DB_OPEN)
            _set_stamp(db, marks)
            db.commit()
            db.close()
            _swap_to(folder)
            synced = _sync(marks, Article)
    if progress:
        progress(total, len(ids))
    return BuildReport(
        articles=total, seconds=time.monotonic() - started,
        path=",".join(f"{h}:{p}" for h, p in remote) if remote else str(folder), synced=synced, notes=notes,
    )


# --------------------------------------------------------------------------- staying current


def _indexed_pks() -> set[int]:
    db = open_reader()
    try:
        found = set()
        for item in db.allterms(ID_PREFIX + "articles.article."):
            found.add(int(item.term.decode("utf-8").rsplit(".", 1)[-1]))
        return found
    finally:
        db.close()


def _sync(marks: dict, Article, known: set[int] = frozenset()) -> int:
    now = database_marks()
    if marks.get("dictionary"):
        now["dictionary"] = marks["dictionary"]
    if marks == now and not known:
        return 0
    ids = set(known) | changed_article_ids(marks)
    count = _update_ids(ids, Article, marks=now)
    db = open_reader()
    doccount = db.get_doccount()
    db.close()
    if doccount != now["count"]:
        # Rows that changed without history (bulk deletes, raw SQL): compare every id.
        missing = _indexed_pks() ^ set(Article.objects.values_list("pk", flat=True))
        count += _update_ids(missing, Article, marks=now)
    return count


def index_sync(*, changed_ids=(), removed_ids=()) -> int:
    """Bring the index up to date: ``changed_ids``/``removed_ids`` (what ``manage.py ingest``
    knows it changed) first, then whatever the history marks say changed since."""
    from articles.models import Article

    if not index_exists():
        return 0
    with writer_lock():
        stamp = read_stamp() or {}
        return _sync(stamp.get("marks") or {}, Article, set(changed_ids) | set(removed_ids))


def index_state() -> str:
    if not index_exists():
        return "missing"
    stamp, marks = read_stamp(), database_marks()
    if stamp and (stamp.get("schema_version") or 0) >= GRAM_RANKING_SCHEMA_VERSION:
        # No jieba in the index: staff's local words change queries' segmentation, not the
        # index, so they do not make it outdated.
        marks["dictionary"] = (stamp.get("marks") or {}).get("dictionary")
    return builds.stamp_state(stamp, SCHEMA_VERSION, marks)


def index_size_bytes() -> int:
    """Bytes on disk of the embedded database (shards: not known here)."""
    if shards():
        return 0
    folder = index_path().resolve()
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


__all__ = [
    "BuildReport",
    "IndexUnavailable",
    "document",
    "index_clear",
    "index_exists",
    "index_objects",
    "index_rebuild",
    "index_remove",
    "index_state",
    "index_sync",
    "index_update",
    "open_reader",
    "read_stamp",
    "shard_of",
    "shards",
]
