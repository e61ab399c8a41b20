"""The user's query syntax, and running a search: exact matches, counts, facets, ranking.

Syntax, and nothing else is syntax: terms separated by spaces must all appear; ``"..."`` keeps
spaces inside a phrase; a leading ``-`` excludes a term or phrase. Field names, wildcards,
``~``, brackets, AND/OR are searched as the text they are: the user's string never reaches
Whoosh's query parser. Every term is put in matching form (``normalize``), so 無錫 finds 无锡
and ＲＦ３６０ finds RF360.

Matching is exact and cheap to count. A term of one or two characters is one posting list of
``text``; a longer term's candidates are the intersection of its bigrams' posting lists, and
each candidate is confirmed by a byte search of its record in the text store (``textstore``).
Posting lists are read block by block into Python sets, so intersecting, excluding, filtering
(year, reporter, column: their posting lists; dates: an array) and counting facets run at C
speed over document numbers; nothing visits a matching document in Python except the byte
search of a long term's candidates. Results of each term are cached per searcher.

Ranking never changes what matches: articles with more included terms in the headline come
first (a headline match outranks any body-only one); within that, BM25 over the jieba words of
the terms (each word's scores computed once per searcher, summed over the documents still in
contention); then newer first among equal scores.
Sorting by date reads the date array.

Searchers are opened once per process and reused until the index changes (a new commit or a
rebuild swapped in), and never before a fork: a gunicorn worker opens its own on first use.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import math
import os
import threading
import time
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

from .analysis import query_words
from .backend import COLUMN, HEADLINE, HLEN, ISSUE_DATE, REPORTERS, TEXT, TLEN, TSTART, WORDS, YEAR
from .normalize import normalize
from .textstore import TextStoreReader

MAX_QUERY_CHARS = 200
MAX_TERMS = 32
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
    # Lone surrogates (from %ED%A0%80 and the like) cannot be encoded: drop them. NUL is never
    # text; it separates terms like a space.
    return raw.encode("utf-8", "ignore").decode("utf-8").replace("\x00", " ")


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


# --------------------------------------------------------------------------- filters and outcome


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    reporter: str | None = None
    column: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass
class Hit:
    article_id: int


@dataclass
class Outcome:
    count: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    seconds: float = 0.0


# --------------------------------------------------------------------------- one opened index

CACHE_IDS = 1_000_000  # entries kept in cached term and word results per process (~100 MB at most)
BM25_K1, BM25_B = 1.2, 0.75  # Whoosh's defaults


def _block_ids(matcher) -> None:
    """Decode the current block's document numbers: Whoosh's own decoder is a Python generator;
    ``itertools.accumulate`` gives the same numbers at C speed."""
    if matcher._data is None:
        matcher._read_data()
    ids = matcher._data[0]
    matcher._ids = ids if matcher._byteids else tuple(itertools.accumulate(ids))


def _leaf_ids(matcher) -> list[int]:
    """Every document number of a segment's posting list, a block at a time."""
    if isinstance(matcher, W3LeafMatcher):
        matcher.reset()
        ids: list[int] = []
        while matcher.is_active():
            _block_ids(matcher)
            ids.extend(matcher._ids)
            if matcher._lastblock:
                break
            matcher._goto(matcher._nextoffset)
        return ids
    return list(matcher.all_ids())  # any other matcher type: slower, same answer


def _leaf_blocks(matcher):
    """(ids, weights) of each posting block of a segment's posting list."""
    if isinstance(matcher, W3LeafMatcher):
        matcher.reset()
        while matcher.is_active():
            _block_ids(matcher)
            matcher._read_weights()
            yield matcher._ids, matcher._weights
            if matcher._lastblock:
                break
            matcher._goto(matcher._nextoffset)
        return
    while matcher.is_active():  # any other matcher type: slower, same answer
        yield (matcher.id(),), (matcher.weight(),)
        matcher.next()


def _column(reader, name: str, default) -> list:
    """One value per document number across segments (missing values: ``default``)."""
    values: list = []
    for leaf, offset in reader.leaf_readers():
        size = leaf.doc_count_all()
        assert offset == len(values)
        column = list(leaf.column_reader(name)) if leaf.has_column(name) else []
        values.extend(column[:size] + [default] * (size - len(column)))
    return values


class IndexState:
    """An opened index: the searcher, the text store, per-document arrays and a term cache."""

    def __init__(self, folder: str):
        self.folder = folder
        self.searcher = whoosh_index.open_dir(folder).searcher()
        self.store = TextStoreReader(folder)
        reader = self.searcher.reader()
        self.tstart = _column(reader, TSTART, 0)
        self.tlen = _column(reader, TLEN, 0)
        self.hlen = _column(reader, HLEN, 0)
        self.year = _column(reader, YEAR, "")
        self.column = _column(reader, COLUMN, "")
        self.reporters = [tuple(v.split(",")) if v else () for v in _column(reader, REPORTERS, "")]
        dates = _column(reader, ISSUE_DATE, None)
        self.day = [d.toordinal() if d else 0 for d in dates]
        # Newest first among equals: a date key that also orders documents of one day.
        self.sortkey = [day << 32 | n for n, day in enumerate(self.day)]
        ends = [start + length for start, length in zip(self.tstart, self.tlen)]
        if ends and max(ends) > self.store.size:
            # The text store lost records the index points to: answering would silently miss
            # articles, so say the index is unavailable (503) until it is rebuilt.
            self.close()
            raise IndexUnavailable(f"{folder}: text store shorter than the index expects")
        self._length_norms: list[float] | None = None
        self._cache: OrderedDict = OrderedDict()
        self._cached_ids = 0

    def close(self) -> None:
        self.searcher.close()
        self.store.close()

    def up_to_date(self) -> bool:
        return self.searcher.up_to_date()

    # -- term results

    def _remember(self, key, value):
        self._cache[key] = value
        self._cached_ids += len(value)
        while self._cached_ids > CACHE_IDS and len(self._cache) > 1:
            _, old = self._cache.popitem(last=False)
            self._cached_ids -= len(old)
        return value

    def postings(self, fieldname: str, term: str) -> frozenset:
        """The (live) documents whose ``fieldname`` has ``term``."""
        key = ("p", fieldname, term)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        ids: list[int] = []
        for leaf, offset in self.searcher.reader().leaf_readers():
            try:
                matcher = leaf.postings(fieldname, term)
            except TermNotFound:
                continue
            deleted = None
            if isinstance(matcher, FilterMatcher):  # the segment has deleted documents
                deleted, matcher = matcher._ids, matcher.child
            found = _leaf_ids(matcher)
            if deleted:
                found = [d for d in found if d not in deleted]
            ids.extend(map(offset.__add__, found) if offset else found)
        return self._remember(key, frozenset(ids))

    def frequency(self, fieldname: str, term: str) -> int:
        return self.searcher.reader().doc_frequency(fieldname, term)

    def containing(self, fieldname: str, form: str, within: frozenset | set | None = None):
        """The documents whose text (``TEXT``) or headline (``HEADLINE``) holds ``form``: exact.

        Within ``within`` when given (not cached), else in the whole index (cached).
        """
        if within is None:
            key = ("c", fieldname, form)
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        if len(form) <= 2:
            found = self.postings(fieldname, form)
            return found & within if within is not None else found
        frequency = {p: self.frequency(fieldname, p) for p in {form[i : i + 2] for i in range(len(form) - 1)}}
        candidates = within
        for pair in sorted(frequency, key=frequency.get):
            if candidates is not None and len(candidates) * 20 < frequency[pair]:
                # Confirming a few candidates is cheaper than reading a long posting list to
                # prune them: the byte search decides anyway (and a 200-character query of
                # common pairs cannot make us read 199 posting lists).
                break
            docs = self.postings(fieldname, pair)
            candidates = docs if candidates is None else candidates & docs
            if not candidates:
                break
        lengths = self.tlen if fieldname == TEXT else self.hlen
        found = frozenset(self.store.containing(candidates, form, self.tstart, lengths))
        return found if within is not None else self._remember(key, found)

    def estimate(self, form: str) -> int:
        """An upper bound of how many documents hold ``form`` (to order the work)."""
        grams = [form] if len(form) <= 2 else [form[i : i + 2] for i in range(len(form) - 1)]
        return min(self.frequency(TEXT, g) for g in grams)

    # -- a search

    def matching(self, parsed: ParsedQuery, filters: Filters) -> frozenset | set:
        terms = sorted(parsed.include, key=self.estimate)
        matched = self.containing(TEXT, terms[0])
        for value, fieldname in ((filters.year, YEAR), (filters.reporter, REPORTERS), (filters.column, COLUMN)):
            if value is not None and value != "":
                matched = matched & self.postings(fieldname, str(value))
        if filters.date_from or filters.date_to:
            low = filters.date_from.toordinal() if filters.date_from else 1
            high = filters.date_to.toordinal() if filters.date_to else dt.date.max.toordinal()
            day = self.day
            matched = {d for d in matched if low <= day[d] <= high}
        for term in terms[1:]:
            if not matched:
                break
            matched = self.containing(TEXT, term, within=matched)
        for term in parsed.exclude:
            if not matched:
                break
            matched = matched - self.containing(TEXT, term, within=matched)
        return matched

    def facets(self, docs) -> dict[str, list[tuple[str, int]]]:
        years = Counter(map(self.year.__getitem__, docs))
        columns = Counter(map(self.column.__getitem__, docs))
        people = Counter(itertools.chain.from_iterable(map(self.reporters.__getitem__, docs)))
        for counter in (years, columns, people):
            counter.pop("", None)
        return {
            "year": sorted(years.items(), key=lambda kv: kv[0], reverse=True),
            "reporter": sorted(people.items(), key=lambda kv: (-kv[1], kv[0])),
            "column": sorted(columns.items(), key=lambda kv: (-kv[1], kv[0])),
        }

    def ranked(self, parsed: ParsedQuery, matched, sort: str, end: int) -> list[int]:
        """The first ``end`` matching documents in the order asked for."""
        if sort == "newest":
            return heapq.nlargest(end, matched, key=self.sortkey.__getitem__)
        if sort == "oldest":
            return heapq.nsmallest(end, matched, key=self.sortkey.__getitem__)
        in_headline: Counter = Counter()
        for term in parsed.include:
            in_headline.update(self.containing(HEADLINE, term, within=matched))
        words = list(dict.fromkeys(w for t in parsed.include for w in query_words(t)))
        ordered: list[int] = []
        for level in sorted(set(in_headline.values()), reverse=True) + [0]:
            if level:
                group = {d for d, n in in_headline.items() if n == level}
            else:
                group = set(matched).difference(in_headline)
            ordered.extend(self._by_words(words, group, end - len(ordered)))
            if len(ordered) >= end:
                break
        return ordered[:end]

    def _by_words(self, words: list[str], group: set, need: int) -> list[int]:
        """Up to ``need`` of ``group``: best BM25 first, newest first among equal scores."""
        if need <= 0 or not group:
            return []
        scores = self.word_scores(words, group) if words else {}
        sortkey = self.sortkey
        ordered = heapq.nlargest(need, scores, key=lambda d: (scores[d], sortkey[d]))
        if len(ordered) < need:
            rest = group.difference(scores)
            ordered.extend(heapq.nlargest(need - len(ordered), rest, key=sortkey.__getitem__))
        return ordered

    def word_scores(self, words: list[str], group: set) -> dict[int, float]:
        """BM25 of ``words`` in the ``words`` field, summed, for the documents of ``group``."""
        scores: dict[int, float] = {}
        for word in words:
            per_document = self.word_score_map(word)
            if len(group) < len(per_document):
                pairs = ((d, per_document.get(d)) for d in group)
            else:
                pairs = ((d, v) for d, v in per_document.items() if d in group)
            for d, value in pairs:
                if value:
                    scores[d] = scores.get(d, 0.0) + value
        return scores

    def word_score_map(self, word: str) -> dict[int, float]:
        """BM25 of one word for every document that has it (cached per searcher).

        Whoosh's own Or query would read and score every posting of every word each time;
        here a word's posting blocks are decoded once per searcher, and queries that share
        a word (无锡, 发展 ...) share the work.
        """
        key = ("w", word)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        reader = self.searcher.reader()
        scores: dict[int, float] = {}
        frequency = reader.doc_frequency(WORDS, word)
        if frequency:
            total = max(1, reader.doc_count())
            scale = math.log(1 + (total - frequency + 0.5) / (frequency + 0.5)) * (BM25_K1 + 1)
            norms = self.length_norms()
            for leaf, offset in reader.leaf_readers():
                try:
                    matcher = leaf.postings(WORDS, word)
                except TermNotFound:
                    continue
                if isinstance(matcher, FilterMatcher):
                    matcher = matcher.child  # deleted documents never match a query
                for ids, weights in _leaf_blocks(matcher):
                    for d, tf in zip(ids, weights):
                        d += offset
                        scores[d] = scale * tf / (tf + norms[d])
        return self._remember(key, scores)

    def length_norms(self) -> list[float]:
        """BM25's length term ``k1 * (1 - b + b * length / average length)`` of each document's
        jieba words, computed on first need."""
        if self._length_norms is None:
            reader = self.searcher.reader()
            average = max(1.0, reader.field_length(WORDS) / max(1, reader.doc_count_all()))
            k1, b = BM25_K1, BM25_B
            norms: list[float] = []
            for leaf, _ in reader.leaf_readers():
                length = leaf.doc_field_length
                norms.extend(k1 * (1 - b + b * length(d, WORDS, 0) / average) for d in range(leaf.doc_count_all()))
            self._length_norms = norms
        return self._length_norms

    def article_ids(self, docnums: list[int]) -> list[int]:
        stored = self.searcher.stored_fields
        return [int(stored(d)["django_id"]) for d in docnums]


class LiveSearcher:
    """One opened index per process, reopened when the index changes or after a fork."""

    def __init__(self):
        self._lock = threading.RLock()
        self._pid = None
        self._state: IndexState | None = None

    @property
    def lock(self):
        return self._lock

    def _index_path(self) -> Path:
        from django.conf import settings

        return Path(settings.HAYSTACK_CONNECTIONS["default"]["PATH"])

    def get(self) -> IndexState:
        """The current index state (call with ``lock`` held)."""
        folder = os.path.realpath(self._index_path())
        state = self._state
        if state is not None and self._pid == os.getpid() and state.folder == folder and state.up_to_date():
            return state
        if state is not None and self._pid == os.getpid():
            state.close()
        self._state = None
        if not whoosh_index.exists_in(folder):
            raise IndexUnavailable(folder)
        # Opened through the build folder's own path: a later swap of the symlink does not
        # change what this state reads; the check above notices the swap instead.
        self._state, self._pid = IndexState(folder), os.getpid()
        return self._state

    def reset(self) -> None:
        with self._lock:
            if self._state is not None and self._pid == os.getpid():
                self._state.close()
            self._state = self._pid = None


live = LiveSearcher()


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
    with live.lock:
        state = live.get()
        matched = state.matching(parsed, filters)
        count = len(matched)
        page = state.ranked(parsed, matched, sort, offset + limit)[offset:] if count > offset else []
        hits = [Hit(article_id=pk) for pk in state.article_ids(page)]
        counted = state.facets(matched) if facets and count else {}
    return Outcome(count=count, hits=hits, facets=counted, seconds=time.perf_counter() - started)


def all_documents(*, offset: int = 0, limit: int = 100) -> tuple[int, list[int]]:
    """Every indexed article id, in index order: the count and one slice (for haystack's ``*``)."""
    with live.lock:
        searcher = live.get().searcher
        ids = [int(fields["django_id"]) for fields in searcher.all_stored_fields()]
    return len(ids), ids[offset : offset + limit]
