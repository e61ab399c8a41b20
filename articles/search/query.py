"""The user's query syntax, the Whoosh queries built from it, and running a search.

Syntax, and nothing else is syntax: terms separated by spaces must all appear; ``"..."`` keeps
spaces inside a phrase; a leading ``-`` excludes a term or phrase. Field names, wildcards,
``~``, brackets, AND/OR are searched as the text they are: the user's string never reaches
Whoosh's query parser. Every term is put in matching form (``normalize``), so 無錫 finds 无锡
and ＲＦ３６０ finds RF360.

Recall is exact: a term of one character is a ``chars`` term, of two a ``text`` bigram, of more a
phrase of its overlapping bigrams (see ``analysis``). Ranking adds, without changing what
matches, a constant for every term found in the headline and BM25 over the jieba words of the
terms; equal scores put newer articles first.

Searchers are opened once per process and reused until the index changes (a new commit or a
rebuild swapped in), and never before a fork: a gunicorn worker opens its own on first use.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import sorting
from whoosh.matching import NullMatcherClass, WrappingMatcher

from .analysis import query_words
from .backend import CHARS, COLUMN, HEADLINE, ISSUE_DATE, REPORTERS, TEXT, WORDS, YEAR
from .normalize import normalize

MAX_QUERY_CHARS = 200
MAX_TERMS = 32
HEADLINE_SCORE = 100.0  # per term found in the headline: outranks any body-only match
SORTS = ("relevance", "newest", "oldest")


class QueryError(ValueError):
    """A query we refuse, with a message for the user (the page answers 400)."""


class IndexUnavailable(RuntimeError):
    """There is no search index yet (it is built by ``make run`` / ``rebuild_index``)."""


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    include: tuple[str, ...] = ()  # matching forms, all required
    exclude: tuple[str, ...] = ()  # matching forms, none may appear

    @property
    def is_empty(self) -> bool:
        return not self.include


def _sanitise(raw: str) -> str:
    # Lone surrogates (from %ED%A0%80 and the like) cannot be encoded; drop them up front.
    return raw.encode("utf-8", "replace").decode("utf-8").replace("\ufffd", " ").replace("\x00", " ")


def split_query(raw: str) -> list[tuple[bool, str]]:
    """``(excluded, text)`` for each term or phrase, in the order typed."""
    text = raw.replace("＂", '"')
    tokens: list[tuple[bool, str]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        excluded = False
        if text[i] == "-" and i + 1 < n and not text[i + 1].isspace():
            excluded, i = True, i + 1
        if text[i] == '"':
            end = text.find('"', i + 1)
            end = n if end < 0 else end  # an unclosed quote runs to the end
            tokens.append((excluded, text[i + 1 : end]))
            i = end + 1
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] != '"':
            i += 1
        tokens.append((excluded, text[start:i]))
    return tokens


def parse_query(raw: str) -> ParsedQuery:
    """Parse what the user typed; raises ``QueryError`` when it is too long to be a search."""
    raw = _sanitise(raw).strip()
    if len(raw) > MAX_QUERY_CHARS:
        raise QueryError(f"搜索词太长：最多 {MAX_QUERY_CHARS} 个字符，您输入了 {len(raw)} 个。")
    tokens = split_query(raw)
    if len(tokens) > MAX_TERMS:
        raise QueryError(f"搜索词太多：最多 {MAX_TERMS} 个，您输入了 {len(tokens)} 个。")
    include: dict[str, None] = {}
    exclude: dict[str, None] = {}
    for excluded, text in tokens:
        form = normalize(text)
        if form:
            (exclude if excluded else include)[form] = None
    return ParsedQuery(raw=raw, include=tuple(include), exclude=tuple(exclude))


# --------------------------------------------------------------------------- Whoosh queries


def recall_query(form: str) -> wq.Query:
    """Matches exactly the documents whose matching form contains ``form``."""
    if len(form) == 1:
        return wq.Term(CHARS, form)
    return grams_query(TEXT, form)


def grams_query(fieldname: str, form: str) -> wq.Query:
    if len(form) <= 2:
        return wq.Term(fieldname, form)
    return wq.Phrase(fieldname, [form[i : i + 2] for i in range(len(form) - 1)])


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    reporter: str | None = None
    column: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def queries(self) -> list[wq.Query]:
        found: list[wq.Query] = []
        if self.year is not None:
            found.append(wq.Term(YEAR, str(self.year)))
        if self.reporter:
            found.append(wq.Term(REPORTERS, self.reporter))
        if self.column:
            found.append(wq.Term(COLUMN, self.column))
        if self.date_from or self.date_to:
            start = dt.datetime.combine(self.date_from, dt.time.min) if self.date_from else None
            end = dt.datetime.combine(self.date_to, dt.time.max) if self.date_to else None
            found.append(wq.DateRange(ISSUE_DATE, start, end))
        return found


def matching_query(parsed: ParsedQuery, filters: Filters = Filters()) -> wq.Query:
    """Exactly the documents that hold every included term, no excluded one, within the filters."""
    required = [recall_query(t) for t in parsed.include] + filters.queries()
    positive: wq.Query = required[0] if len(required) == 1 else wq.And(required)
    if parsed.exclude:
        positive = wq.AndNot(positive, wq.Or([recall_query(t) for t in parsed.exclude]))
    return positive


def ranking_query(parsed: ParsedQuery) -> wq.Query | None:
    """Scores only: headline matches and jieba words. Never changes which documents match."""
    parts: list[wq.Query] = [
        Constant(grams_query(HEADLINE, t), HEADLINE_SCORE) for t in parsed.include
    ]
    words = dict.fromkeys(w for t in parsed.include for w in query_words(t))
    parts.extend(wq.Term(WORDS, w) for w in words)
    return wq.Or(parts) if parts else None


class _ConstantMatcher(WrappingMatcher):
    """Scores every match with ``boost`` exactly, even when sorting asks for the real matcher."""

    def replace(self, minquality=0):
        child = self.child.replace(0)
        return self if child is self.child else self.__class__(child, boost=self.boost)

    def supports_block_quality(self):
        return False

    def max_quality(self):
        return self.boost

    def block_quality(self):
        return self.boost

    def weight(self):
        return self.boost

    def score(self):
        return self.boost


class Constant(wq.WrappingQuery):
    """``child``'s matches, each scored ``score``. Whoosh's own ConstantScoreQuery falls back to
    the child's scores whenever results are sorted with a score facet, and turns 0 into 1."""

    def __init__(self, child: wq.Query, score: float):
        super().__init__(child)
        self.score = score

    def __eq__(self, other):
        return type(other) is type(self) and other.child == self.child and other.score == self.score

    def __hash__(self):
        return hash(self.child) ^ hash(self.score)

    def _rewrap(self, child):
        return self.__class__(child, self.score)

    def matcher(self, searcher, context=None):
        m = self.child.matcher(searcher, context)
        if isinstance(m, NullMatcherClass):
            return m
        return _ConstantMatcher(m, boost=self.score)


def scored_query(parsed: ParsedQuery, filters: Filters = Filters()) -> wq.Query:
    matching = Constant(matching_query(parsed, filters), 0.0)
    ranking = ranking_query(parsed)
    return wq.AndMaybe(matching, ranking) if ranking is not None else matching


# --------------------------------------------------------------------------- running a search


@dataclass
class Hit:
    article_id: int


@dataclass
class Outcome:
    count: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    seconds: float = 0.0


class _FacetArrays:
    """Per-document facet values of one reader, read once from the columns, then indexed by docnum."""

    def __init__(self, searcher):
        self.year = self._column(searcher, YEAR)
        self.column = self._column(searcher, COLUMN)
        self.reporters = [tuple(v.split(",")) if v else () for v in self._column(searcher, REPORTERS)]

    @staticmethod
    def _column(searcher, name: str) -> list:
        """One value per document number across segments; a segment without the column
        (no document in it had a value) contributes empty values."""
        values: list = []
        for reader, offset in searcher.reader().leaf_readers():
            size = reader.doc_count_all()
            assert offset == len(values)
            column = list(reader.column_reader(name)) if reader.has_column(name) else []
            values.extend(column[:size] + [""] * (size - len(column)))
        return values

    def counts(self, docnums) -> dict[str, list[tuple[str, int]]]:
        years: Counter = Counter()
        columns: Counter = Counter()
        people: Counter = Counter()
        for d in docnums:
            years[self.year[d]] += 1
            columns[self.column[d]] += 1
            people.update(self.reporters[d])
        for counter in (years, columns, people):
            counter.pop("", None)
        return {
            "year": sorted(years.items(), key=lambda kv: kv[0], reverse=True),
            "reporter": sorted(people.items(), key=lambda kv: (-kv[1], kv[0])),
            "column": sorted(columns.items(), key=lambda kv: (-kv[1], kv[0])),
        }


class LiveSearcher:
    """One Whoosh searcher per process, reopened when the index changes or after a fork."""

    def __init__(self):
        self._lock = threading.RLock()
        self._pid = None
        self._folder = None
        self._searcher = None
        self.facet_arrays: _FacetArrays | None = None

    def _index_path(self) -> Path:
        from django.conf import settings

        return Path(settings.SEARCH_INDEX_DIR)

    def get(self):
        """The current searcher (call with ``lock`` held)."""
        folder = os.path.realpath(self._index_path())
        stale = (
            self._searcher is None
            or self._pid != os.getpid()
            or self._folder != folder
            or not self._searcher.up_to_date()
        )
        if stale:
            if self._searcher is not None and self._pid == os.getpid():
                self._searcher.close()
            if not whoosh_index.exists_in(folder):
                self._searcher = None
                raise IndexUnavailable(folder)
            # Opened through the build folder's own path: a later swap of the symlink does not
            # change what this searcher reads; the check above notices the swap instead.
            self._searcher = whoosh_index.open_dir(folder).searcher()
            self._folder, self._pid = folder, os.getpid()
            self.facet_arrays = None
        return self._searcher

    @property
    def lock(self):
        return self._lock

    def reset(self):
        with self._lock:
            if self._searcher is not None and self._pid == os.getpid():
                self._searcher.close()
            self._searcher = self._folder = self._pid = None
            self.facet_arrays = None


live = LiveSearcher()


def _sortedby(sort: str):
    date = sorting.FieldFacet(ISSUE_DATE, reverse=(sort != "oldest"))
    if sort == "relevance":
        return sorting.MultiFacet([sorting.ScoreFacet(), date])
    return sorting.MultiFacet([date, sorting.ScoreFacet()])


def search(
    parsed: ParsedQuery,
    *,
    filters: Filters = Filters(),
    sort: str = "relevance",
    offset: int = 0,
    limit: int = 20,
    facets: bool = True,
) -> Outcome:
    """The articles matching ``parsed``: the exact count, one page of hits, and facet counts."""
    started = time.perf_counter()
    if parsed.is_empty:
        return Outcome(count=0, hits=[], facets={}, seconds=0.0)
    if sort not in SORTS:
        sort = "relevance"
    from .indexing import prepare_segmenter

    prepare_segmenter()  # a no-op after the first call (wsgi.py calls it before any request)
    q = scored_query(parsed, filters)
    with live.lock:
        searcher = live.get()
        results = searcher.search(q, limit=offset + limit, sortedby=_sortedby(sort))
        count = len(results)
        page = results[offset : offset + limit]
        hits = [Hit(article_id=int(r["django_id"])) for r in page]
        counted: dict = {}
        if facets and count:
            if live.facet_arrays is None:
                live.facet_arrays = _FacetArrays(searcher)
            counted = live.facet_arrays.counts(results.docs())
    return Outcome(count=count, hits=hits, facets=counted, seconds=time.perf_counter() - started)


def all_documents(*, offset: int = 0, limit: int = 100) -> tuple[int, list[int]]:
    """Every indexed article id, in index order: the count and one slice (for haystack's ``*``)."""
    with live.lock:
        searcher = live.get()
        ids = [int(fields["django_id"]) for fields in searcher.all_stored_fields()]
    return len(ids), ids[offset : offset + limit]
