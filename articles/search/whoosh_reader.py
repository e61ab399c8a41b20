"""The Whoosh engine's reading side: an opened index, and evaluating a plan on it.

``articles.search.backend`` (the haystack door) hands over a plan (``articles.search.plan``);
this module answers it: matching document numbers, counts, facets, ranking, similar articles.

Matching is exact. A term of one or two characters is one posting list of ``text``; a longer
term's candidates are the intersection of its bigrams' posting lists, and each candidate is
confirmed by a byte search of its record in the text store (``textstore``). Posting lists are
read block by block into sorted numpy arrays of document numbers, so intersecting, excluding,
filtering (year, reporter, column: their posting lists; dates: an array), counting facets
(``bincount``), BM25 and top-k ordering are array operations; nothing visits a matching
document in Python except the byte search of a long term's candidates. Results of each term
are cached per searcher. An AND is evaluated cheapest part first, each later part only within
what is left.

Counts are exact while a query leaves at most ``EXACT_UP_TO`` (10,000) candidates to confirm,
as the Xapian engine's are exact up to 10,000 matches. Beyond that (集成电路 in 82,887 of
100,000 articles), the shown results are still confirmed one by one in the order they are
shown, but the count and facets are estimated from a sample of ``SAMPLE`` candidates spread
over them (``Matched``; the page says 约 N). A whole-archive exact count of such a phrase costs
one byte search per candidate, more than a query's budget.

Ranking never changes what matches: articles with more wanted terms in the headline come
first (a headline match outranks any body-only one); within that, BM25 over the jieba words of
the terms (each word's scores computed once per searcher, summed over the documents still in
contention); then newer first among equal scores. Sorting by date reads the date array.

Searchers are opened once per process and reused until the index changes (a new commit or a
rebuild swapped in), and never before a fork: a gunicorn worker opens its own on first use.
"""

from __future__ import annotations

import datetime as dt
import gc
import heapq
import itertools
import math
import os
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

from . import plan
from .analysis import jieba_words, query_words
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
from .normalize import normalize
from .textstore import TextStoreReader

ARTICLE_CT = "articles.article"
HEADLINE_SCORE = 1000.0  # a result's score: 1,000 per wanted term in the headline, plus BM25
# Bound on one query's ranking work (issue 14 item 7): BM25 reads each ranking word's whole
# posting list, and 32 common single characters cost most of a second at 27,000 articles. Only
# the RANK_WORDS most distinctive words (fewest articles) are scored; matching never changes.
RANK_WORDS = 8
# Bound on one term's matching work: once fewer candidates are left than a posting list has
# entries / CONFIRM_RATIO, each candidate is confirmed in the text store instead (about 1 µs).
CONFIRM_RATIO = 20
CONFIRM_SHORT = True  # also for terms of one or two characters (tests/bench/query_bounds.py lifts it)


def _ordered_test(op: str, value):
    if op == "exact":
        return lambda v: v == value
    if op == "in":
        values = set(value)
        return values.__contains__
    if op == "range":
        low, high = value
        return lambda v: low <= v <= high
    return {
        "gt": lambda v: v > value,
        "gte": lambda v: v >= value,
        "lt": lambda v: v < value,
        "lte": lambda v: v <= value,
    }[op]


class IndexUnavailable(RuntimeError):
    """There is no search index yet (it is built by ``make run`` / ``rebuild_index``)."""


class IndexOutdated(IndexUnavailable):
    """The index was built by older code and cannot answer this query exactly (a ``正文:`` scope
    on an index without the body's place): never a silently empty answer. ``make run``
    (``ensure_search_index``) rebuilds such an index, as ``manage.py rebuild_index`` does."""

    reader_message = (
        "搜索索引是旧版本建立的，还不能只在正文中检索。请管理员运行 make run"
        "（或 python manage.py rebuild_index）重建索引；其他检索不受影响。"
    )


# --------------------------------------------------------------------------- sets of documents
#
# A set of documents is a sorted numpy array of document numbers (``DOC``): intersections,
# unions, counts, facets and top-k orderings are vector operations, and only the byte search of
# the text store visits documents one by one.

DOC = np.int32
EMPTY = np.zeros(0, dtype=DOC)


def as_docs(found) -> np.ndarray:
    """``found`` (an array of document numbers, or any iterable of them) as a sorted array."""
    if isinstance(found, np.ndarray):
        return found
    return np.unique(np.fromiter(found, dtype=DOC))


# --------------------------------------------------------------------------- one opened index

CACHE_BYTES = 96 * 2**20  # cached term and word results per process
BM25_K1, BM25_B = 1.2, 0.75  # Whoosh's defaults
# Counts are exact while a query leaves at most EXACT_UP_TO candidates to confirm in the text
# store (as the Xapian engine's are exact up to 10,000 matches). Beyond that, confirming every
# candidate of a common phrase costs more than the page's budget (82,887 byte searches for
# 集成电路 at 100,000 articles): the page's results are still confirmed one by one in rank
# order, while the count and the facets are estimated from a fixed sample of SAMPLE candidates
# (the page says 约 N).
EXACT_UP_TO = 10_000
SAMPLE = 2_000
# With this many candidates or more left, a longer phrase's further bigram lists are not read:
# they would prune little, and the byte search decides anyway.
LEAN_CANDIDATES = 4 * EXACT_UP_TO


@dataclass
class Matched:
    """What a query matches: ``docs`` are the matches when ``exact``; otherwise candidates,
    each still to pass every ``checks`` entry (field, form) before it is shown."""

    docs: np.ndarray
    checks: list = field(default_factory=list)
    count: int = 0
    exact: bool = True
    bounds: tuple[int, int] = (0, 0)
    rate: float = 1.0  # estimated share of the candidates that match

    @classmethod
    def exactly(cls, docs: np.ndarray) -> "Matched":
        return cls(docs=docs, count=len(docs), bounds=(len(docs), len(docs)))


def _leaf_arrays(matcher, weights: bool = False):
    """(ids, weights or None) of a segment's whole posting list, read block by block: Whoosh's
    own decoder is a Python generator per posting; here each block is one C-level call."""
    if not isinstance(matcher, W3LeafMatcher):  # any other matcher type: slower, same answer
        ids, tfs = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            tfs.append(matcher.weight())
            matcher.next()
        return np.array(ids, dtype=np.int64), (np.array(tfs, dtype=np.float32) if weights else None)
    matcher.reset()
    id_blocks: list = []
    weight_blocks: list = []
    while True:
        if matcher._data is None:
            matcher._read_data()
        data = matcher._data
        id_blocks.append(data[0])
        if weights:
            w = data[1]
            weight_blocks.append(w if isinstance(w, tuple) else (1.0 if w is None else w,) * len(data[0]))
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
    if matcher._byteids:  # never for document postings; kept for completeness
        ids = np.array([i for block in id_blocks for i in block], dtype=np.int64)
    else:
        # Each block's ids are deltas from the previous id of the block (the first is absolute).
        lengths = [len(b) for b in id_blocks]
        deltas = np.fromiter(itertools.chain.from_iterable(id_blocks), dtype=np.int64, count=sum(lengths))
        starts = np.cumsum([0] + lengths[:-1])
        ids = np.cumsum(deltas)
        if len(starts) > 1:
            # Undo the running sum across block boundaries: each block restarts from its own first id.
            base = ids[starts[1:] - 1]
            ids -= np.repeat(np.concatenate(([0], base)), lengths)
    tfs = None
    if weights:
        tfs = np.fromiter(itertools.chain.from_iterable(weight_blocks), dtype=np.float32, count=len(ids))
    return ids, tfs


def _column(reader, name: str, default) -> list:
    """One value per document number across segments (missing values: ``default``)."""
    values: list = []
    for leaf, offset in reader.leaf_readers():
        size = leaf.doc_count_all()
        assert offset == len(values)
        column = list(leaf.column_reader(name)) if leaf.has_column(name) else []
        values.extend(column[:size] + [default] * (size - len(column)))
    return values


def _coded(values: list) -> tuple[list, np.ndarray]:
    """Distinct values (sorted) and each document's index into them."""
    names = sorted(set(values))
    index = {v: i for i, v in enumerate(names)}
    return names, np.fromiter((index[v] for v in values), dtype=np.int32, count=len(values))


class IndexState:
    """An opened index: the searcher, the text store, per-document arrays and a term cache."""

    def __init__(self, folder: str):
        self.folder = folder
        self.searcher = whoosh_index.open_dir(folder).searcher()
        self.store = TextStoreReader(folder)
        reader = self.searcher.reader()
        self.size = reader.doc_count_all()
        self.tstart = np.array(_column(reader, TSTART, 0), dtype=np.int64)
        self.tlen = np.array(_column(reader, TLEN, 0), dtype=np.int64)
        self.hlen = np.array(_column(reader, HLEN, 0), dtype=np.int64)
        # Where each body lies in the store (absolute start, length); an index built before
        # the body scope has no such columns and answers body queries with IndexOutdated.
        self.has_body = BLEN in self.searcher.schema
        zeros = np.zeros(self.size, dtype=np.int64)
        self.bstart = self.tstart + (np.array(_column(reader, BOFF, 0), dtype=np.int64) if self.has_body else zeros)
        self.blen = np.array(_column(reader, BLEN, 0), dtype=np.int64) if self.has_body else zeros
        # Facets count codes: each keyword value's index into its sorted distinct values (arrays,
        # not 100,000 Python objects a garbage collection would walk through).
        self._codes = {name: _coded(_column(reader, name, "")) for name in (YEAR, COLUMN, PAPER)}
        reporters = [v.split(REPORTER_SEPARATOR) if v else () for v in _column(reader, REPORTERS, "")]
        names = sorted({r for rs in reporters for r in rs})
        index = {r: i for i, r in enumerate(names)}
        self._reporter_names = names
        self._reporter_doc = np.fromiter((d for d, rs in enumerate(reporters) for _ in rs), dtype=np.int32)
        self._reporter_code = np.fromiter((index[r] for rs in reporters for r in rs), dtype=np.int32)
        del reporters
        dates = _column(reader, ISSUE_DATE, None)
        self.day = np.fromiter((d.toordinal() if d else 0 for d in dates), dtype=np.int64, count=self.size)
        # Newest first among equals: a date key that also orders documents of one day.
        self.sortkey = self.day << 32 | np.arange(self.size, dtype=np.int64)
        ends = self.tstart + self.tlen
        if len(ends) and int(ends.max()) > self.store.size:
            # The text store lost records the index points to: answering would silently miss
            # articles, so say the index is unavailable (503) until it is rebuilt.
            self.close()
            raise IndexUnavailable(f"{folder}: text store shorter than the index expects")
        self._length_norms: np.ndarray | None = None
        self._all: np.ndarray | None = None
        self._django_ids: list[int] | None = None
        self._frequencies: dict = {}
        self._cache: OrderedDict = OrderedDict()
        self._cached_bytes = 0
        self.length_norms()  # every ranked query needs them: read once, with the index

    def close(self) -> None:
        self.searcher.close()
        self.store.close()

    def up_to_date(self) -> bool:
        return self.searcher.up_to_date()

    # -- sets of documents

    def _mask(self, docs: np.ndarray) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        mask[docs] = True
        return mask

    def intersect(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        if len(a) > len(b):
            a, b = b, a
        if not len(a):
            return EMPTY
        if len(a) * 16 < len(b):  # a few against many: binary search
            at = np.searchsorted(b, a)
            at[at == len(b)] = 0
            return a[b[at] == a]
        return a[self._mask(b)[a]]

    def union(self, parts: list) -> np.ndarray:
        parts = [p for p in parts if len(p)]
        if not parts:
            return EMPTY
        if len(parts) == 1:
            return parts[0]
        mask = np.zeros(self.size, dtype=bool)
        for part in parts:
            mask[part] = True
        return np.flatnonzero(mask).astype(DOC)

    def minus(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return a[~self._mask(b)[a]] if len(b) and len(a) else a

    # -- term results

    def _remember(self, key, value):
        size = sum(v.nbytes for v in value) if isinstance(value, tuple) else value.nbytes
        self._cache[key] = value
        self._cached_bytes += size
        while self._cached_bytes > CACHE_BYTES and len(self._cache) > 1:
            _, old = self._cache.popitem(last=False)
            self._cached_bytes -= sum(v.nbytes for v in old) if isinstance(old, tuple) else old.nbytes
        return value

    def _cached(self, key):
        value = self._cache.get(key)
        if value is not None:
            self._cache.move_to_end(key)
        return value

    def _leaves(self, within=None) -> list:
        """(segment reader, first document number) of every segment, or of those holding a
        document of ``within``: documents are numbered in segment order, and a filter such as
        a year keeps documents of a few segments only (ingest order is mostly date order)."""
        leaves = self.searcher.reader().leaf_readers()
        if within is None:
            return leaves
        starts = np.array([offset for _, offset in leaves] + [self.size], dtype=np.int64)
        held = np.unique(np.searchsorted(starts, within, side="right") - 1)
        return [leaves[i] for i in held.tolist()]

    def _restricted(self, within) -> bool:
        """Whether reading only ``within``'s segments is worth it (and not cached)."""
        if within is None or len(within) * 4 > self.size:
            return False
        return len(self._leaves(within)) * 2 <= len(self.searcher.reader().leaf_readers())

    def postings(self, fieldname: str, term: str, within=None) -> np.ndarray:
        """The (live) documents whose ``fieldname`` has ``term``; with ``within`` (a few
        segments' worth), possibly only those in the segments holding ``within``'s documents."""
        key = ("p", fieldname, term)
        found = self._cached(key)
        if found is not None:
            return found
        restricted = self._restricted(within)
        parts = []
        for leaf, offset in self._leaves(within) if restricted else self._leaves():
            try:
                matcher = leaf.postings(fieldname, term)
            except TermNotFound:
                continue
            deleted = None
            if isinstance(matcher, FilterMatcher):  # the segment has deleted documents
                deleted, matcher = matcher._ids, matcher.child
            ids, _ = _leaf_arrays(matcher)
            if deleted:
                ids = ids[~np.isin(ids, np.fromiter(deleted, dtype=np.int64))]
            parts.append(ids + offset if offset else ids)
        found = np.concatenate(parts).astype(DOC) if parts else EMPTY
        return found if restricted else self._remember(key, found)

    def frequency(self, fieldname: str, term: str) -> int:
        key = (fieldname, term)
        if key not in self._frequencies:
            if len(self._frequencies) > 100_000:
                self._frequencies.clear()
            self._frequencies[key] = self.searcher.reader().doc_frequency(fieldname, term)
        return self._frequencies[key]

    def _ranges(self, fieldname: str):
        if fieldname == BODY:
            if not self.has_body:
                raise IndexOutdated(f"{self.folder}: built before the body scope; rebuild the index")
            return self.bstart, self.blen
        return self.tstart, (self.tlen if fieldname == TEXT else self.hlen)

    def confirm(self, fieldname: str, form: str, docs: np.ndarray) -> np.ndarray:
        """Those of ``docs`` whose text, headline or body holds ``form``: a byte search of each."""
        starts, lengths = self._ranges(fieldname)
        return self.store.containing(docs, form, starts, lengths)

    def candidates(self, fieldname: str, form: str, within=None, lean: bool = False) -> tuple[np.ndarray, bool]:
        """(documents, exact): a superset of the documents (within ``within``) whose
        ``fieldname`` holds ``form``, and whether it is exactly them (else: ``confirm``)."""
        self._ranges(fieldname)  # an outdated index says so before any work
        grams = HEADLINE if fieldname == HEADLINE else TEXT
        if len(form) <= 2:
            if CONFIRM_SHORT and within is not None and len(within) * CONFIRM_RATIO < self.frequency(grams, form):
                # Few candidates left: a byte search of each is cheaper than reading a long
                # posting list (32 common characters read 32 whole lists: issue 14 item 7).
                return within, False
            found = self.postings(grams, form, within)
            return (found if within is None else self.intersect(found, within)), fieldname != BODY
        frequency = {p: self.frequency(grams, p) for p in {form[i : i + 2] for i in range(len(form) - 1)}}
        found = within
        for pair in sorted(frequency, key=lambda p: (frequency[p], p)):
            if found is not None and len(found) * CONFIRM_RATIO < frequency[pair]:
                # Confirming a few candidates is cheaper than reading a long posting list to
                # prune them: the byte search decides anyway (and a 200-character query of
                # common pairs cannot make us read 199 posting lists).
                break
            if lean and found is not None and len(found) >= LEAN_CANDIDATES:
                break
            docs = self.postings(grams, pair, found)
            found = docs if found is None else self.intersect(found, docs)
            if not len(found):
                break
        return (found if found is not None else self.everything()), False

    def containing(self, fieldname: str, form: str, within=None) -> np.ndarray:
        """The documents whose text (``TEXT``), headline (``HEADLINE``) or body (``BODY``) holds
        ``form``: exact.

        Within ``within`` when given (not cached), else in the whole index (cached).
        """
        key = ("c", fieldname, form)
        if within is not None:
            within = as_docs(within)
            whole = self._cached(key)
            if whole is not None:
                return self.intersect(whole, within)
        else:
            found = self._cached(key)
            if found is not None:
                return found
        found, exact = self.candidates(fieldname, form, within)
        if not exact:
            found = self.confirm(fieldname, form, found)
        return found if within is not None else self._remember(key, found)

    def estimate(self, form: str) -> int:
        """An upper bound of how many documents hold ``form`` (to order the work)."""
        grams = [form] if len(form) <= 2 else [form[i : i + 2] for i in range(len(form) - 1)]
        return min(self.frequency(TEXT, g) for g in grams)

    # -- evaluating a plan (articles.search.plan) to a set of document numbers

    def everything(self) -> np.ndarray:
        """Every live document."""
        if self._all is None:
            reader = self.searcher.reader()
            if reader.has_deletions():
                self._all = np.fromiter(reader.all_doc_ids(), dtype=DOC)
            else:
                self._all = np.arange(self.size, dtype=DOC)
        return self._all

    def cost(self, node) -> float:
        """About how many documents evaluating ``node`` touches (to order an AND's work)."""
        if isinstance(node, plan.Contains) and node.field in (TEXT, HEADLINE, BODY):
            return self.estimate(node.form) + {TEXT: 0, BODY: 0.25, HEADLINE: 0.5}[node.field]
        if isinstance(node, plan.Compare) and node.field in (YEAR, COLUMN, REPORTERS) and node.op == "exact":
            return self.frequency(node.field, str(node.value))
        if isinstance(node, plan.Or):
            return sum(self.cost(c) for c in node.children)
        if isinstance(node, plan.Not):
            return math.inf  # subtracted last
        return len(self.everything()) + 1

    def evaluate(self, node, within=None) -> np.ndarray:
        """The documents (within ``within`` when given) that ``node`` matches, exactly."""
        if within is not None:
            within = as_docs(within)
        if isinstance(node, plan.Everything):
            return self.everything() if within is None else within
        if isinstance(node, plan.And):
            matched = within
            for child in sorted(node.children, key=self.cost):
                if matched is not None and not len(matched):
                    break
                matched = self.evaluate(child, matched)
            return matched if matched is not None else self.everything()
        if isinstance(node, plan.Or):
            return self.union([self.evaluate(child, within) for child in node.children])
        if isinstance(node, plan.Not):
            base = self.everything() if within is None else within
            return self.minus(base, self.evaluate(node.child, base))
        if isinstance(node, plan.Contains):
            if node.field in (TEXT, HEADLINE, BODY):
                return self.containing(node.field, node.form, within)
            return self._with_values(node.field, lambda v: node.form in v, within)
        if isinstance(node, plan.Compare):
            return self._compare(node, within)
        raise NotImplementedError(f"cannot evaluate {node!r}")

    def match(self, node) -> Matched:
        """What a whole query matches. As ``evaluate``, except that the phrases of its top-level
        AND are only narrowed to candidates by their bigrams at first: with at most EXACT_UP_TO
        candidates left each is confirmed (exact), else a sample estimates the count."""
        children = list(node.children) if isinstance(node, plan.And) else [node]
        docs = None
        checks: list = []
        for child in sorted(children, key=self.cost):
            if docs is not None and not len(docs):
                break
            if isinstance(child, plan.Contains) and child.field in (TEXT, HEADLINE, BODY):
                whole = self._cached(("c", child.field, child.form))
                if whole is not None:
                    docs = whole if docs is None else self.intersect(whole, docs)
                    continue
                docs, exact = self.candidates(child.field, child.form, docs, lean=True)
                if not exact:
                    checks.append((child.field, child.form))
            else:
                docs = self.evaluate(child, docs)
        if docs is None:
            docs = self.everything()
        if not checks or len(docs) <= EXACT_UP_TO:
            for fieldname, form in checks:
                docs = self.confirm(fieldname, form, docs)
            return Matched.exactly(docs)
        # Too many candidates to confirm them all: confirm a sample spread over them.
        sample = docs[np.linspace(0, len(docs) - 1, SAMPLE).astype(np.int64)]  # distinct: len(docs) > SAMPLE
        passed = sample
        for fieldname, form in checks:
            passed = self.confirm(fieldname, form, passed)
        if not len(passed):
            # No sample passed: never estimate "none" for what may be there; confirm them all.
            for fieldname, form in checks:
                docs = self.confirm(fieldname, form, docs)
            return Matched.exactly(docs)
        rate = len(passed) / len(sample)
        rejected = len(sample) - len(passed)
        return Matched(
            docs=docs,
            checks=checks,
            count=max(len(passed), round(rate * len(docs))),
            exact=False,
            bounds=(len(passed), len(docs) - rejected),
            rate=rate,
        )

    def passing(self, matched: Matched, docs: np.ndarray) -> np.ndarray:
        """Those of ``docs`` (candidates of ``matched``) that pass its checks, in their order."""
        for fieldname, form in matched.checks:
            if not len(docs):
                break
            starts, lengths = self._ranges(fieldname)
            docs = self.store.containing(docs, form, starts, lengths)
        return docs

    def _with_values(self, fieldname: str, wanted, within):
        found = [self.postings(fieldname, value) for value, form in self._values(fieldname).items() if wanted(form)]
        found = self.union(found)
        return found if within is None else self.intersect(found, within)

    def _values(self, fieldname: str) -> dict[str, str]:
        """Distinct values of a keyword field (year, column, reporters) -> their matching form."""
        key = ("v", fieldname)
        if key not in self._frequencies:
            terms = {t.decode("utf-8") if isinstance(t, bytes) else t for t in self.searcher.reader().lexicon(fieldname)}
            self._frequencies[key] = {t: normalize(t) for t in terms}
        return self._frequencies[key]

    def _compare(self, node, within):
        op, value, fieldname = node.op, node.value, node.field
        base = self.everything() if within is None else within
        if fieldname == "django_ct":
            values = value if op == "in" else (value,)
            return base if ARTICLE_CT in values else EMPTY
        if fieldname in (COLUMN, REPORTERS, PAPER, PAGE_LABEL):
            tests = {
                "exact": lambda v: v == value,
                "in": lambda v: v in value,
                "startswith": lambda v: v.startswith(value),
                "contains": lambda v: value in v,
            }
            return self._with_values(fieldname, tests[op], within)
        if fieldname in (YEAR, PAGE_NUMBER):
            test = _ordered_test(op, value)
            return self._with_values(fieldname, lambda v: v.isdigit() and test(int(v)), within)
        if fieldname == ISSUE_DATE:
            days = self.day[base]
            if op == "in":
                keep = np.isin(days, [v.toordinal() for v in value])
            elif op == "range":
                keep = (days >= value[0].toordinal()) & (days <= value[1].toordinal())
            else:
                day = value.toordinal()
                keep = {"exact": days == day, "gt": days > day, "gte": days >= day, "lt": days < day, "lte": days <= day}[op]
            return base[keep]
        if fieldname == "django_id":
            test = _ordered_test(op, value)
            ids = self.django_ids()
            return as_docs([d for d in base.tolist() if test(ids[d])])
        if fieldname == HEADLINE and op == "exact":
            size = len(value.encode("utf-8"))
            found = self.containing(HEADLINE, value, within) if value else EMPTY
            return found[self.hlen[found] == size]
        raise NotImplementedError(f"the lookup {fieldname}__{op} is not supported")

    def django_ids(self) -> list[int]:
        if self._django_ids is None:
            ids = [0] * self.searcher.reader().doc_count_all()
            for d, stored in self.searcher.reader().iter_docs():
                ids[d] = int(stored["django_id"])
            self._django_ids = ids
        return self._django_ids

    def docnum_of(self, django_id: int) -> int | None:
        try:
            return self.searcher.document_number(id=f"{ARTICLE_CT}.{django_id}")
        except Exception:
            return None

    # -- facets

    def field_facets(self, docs, fieldname: str, scale: float = 1.0) -> list[tuple[str, int]]:
        """(value, count) of one keyword field over ``docs``, most frequent first; counts
        multiplied by ``scale`` (an estimate from candidates) and rounded."""
        docs = as_docs(docs)
        if fieldname == REPORTERS:
            names = self._reporter_names
            counts = np.bincount(self._reporter_code[self._mask(docs)[self._reporter_doc]], minlength=len(names))
        elif fieldname in self._codes:
            names, codes = self._codes[fieldname]
            counts = np.bincount(codes[docs], minlength=len(names))
        else:
            raise NotImplementedError(f"no facet for {fieldname!r}: facets are year, reporters, column and paper")
        found = [(names[i], round(int(counts[i]) * scale)) for i in np.flatnonzero(counts).tolist()]
        found = [(name, n) for name, n in found if name != "" and n]
        return sorted(found, key=lambda kv: (-kv[1], kv[0]))

    def date_facets(self, docs, start: dt.date, end: dt.date, gap_by: str, gap_amount: int = 1, scale: float = 1.0):
        """(bucket start, count) for each bucket of ``gap_amount`` ``gap_by`` from ``start`` to ``end``."""
        if gap_by not in ("year", "month", "day"):
            raise NotImplementedError(f"date facets by {gap_by!r}: use year, month or day")
        buckets: list[dt.date] = []
        current = dt.date(start.year, start.month, start.day)
        while current < end:
            buckets.append(current)
            if gap_by == "year":
                current = current.replace(year=current.year + gap_amount)
            elif gap_by == "month":
                month = current.month - 1 + gap_amount
                current = current.replace(year=current.year + month // 12, month=month % 12 + 1, day=1)
            else:
                current = current + dt.timedelta(days=gap_amount)
        edges = np.array([b.toordinal() for b in buckets] + [end.toordinal()], dtype=np.int64)
        index = np.searchsorted(edges, self.day[as_docs(docs)], side="right") - 1
        index = index[(index >= 0) & (index < len(buckets))]
        counts = np.bincount(index, minlength=len(buckets)).tolist() if len(buckets) else []
        return [(dt.datetime(b.year, b.month, b.day), round(n * scale)) for b, n in zip(buckets, counts)]

    # -- ordering

    def _top(self, docs: np.ndarray, primary: np.ndarray | None, k: int) -> np.ndarray:
        """The ``k`` best of ``docs``: highest ``primary`` (one value per doc of ``docs``) first,
        newest first among equals (``primary`` None: newest first)."""
        if k <= 0 or not len(docs):
            return EMPTY
        keys = self.sortkey[docs]
        if primary is None:
            if k < len(docs):
                part = np.argpartition(-keys, k - 1)[:k]
                return docs[part[np.argsort(-keys[part])]]
            return docs[np.argsort(-keys)]
        if k < len(docs):
            kth = -np.partition(-primary, k - 1)[k - 1]
            keep = np.flatnonzero(primary >= kth)
            docs, primary, keys = docs[keep], primary[keep], keys[keep]
        order = np.lexsort((-keys, -primary))[:k]
        return docs[order]

    def ranked(self, forms: list[str], matched, sort_by, end: int, notes: list | None = None) -> tuple[list[int], dict[int, float]]:
        """The first ``end`` matching documents in the order asked for, and their scores.

        ``matched``: a ``Matched`` (or an array of documents: all of them match). ``sort_by``
        is haystack's order_by list (``-issue_date``, ``year`` ...); empty or ``score`` means
        relevance. Candidates that still have checks are confirmed in that order until ``end``
        have passed."""
        if not isinstance(matched, Matched):
            matched = Matched.exactly(as_docs(matched))
        docs = matched.docs
        keys = [k for k in (sort_by or []) if k.lstrip("-") != "score"]
        if keys:
            for key in keys:
                if key.lstrip("-") not in ("issue_date", "year", "django_id", "id", "column"):
                    raise NotImplementedError(f"cannot order by {key!r}: use issue_date, year, column, django_id or score")
            if len(keys) == 1 and keys[0].lstrip("-") in ("issue_date", "year"):
                # The year is the date's year: date order is year order.
                sign = -1 if keys[0].startswith("-") else 1
                return self._in_order(matched, lambda k: self._by_key(docs, sign, k), end), {}
            return self._in_order(matched, lambda k: self._sorted(docs, keys), end), {}
        level = np.zeros(len(docs), dtype=np.float64)
        for form in forms:
            in_headline = self.containing(HEADLINE, form, within=docs)
            if len(in_headline):
                level[np.searchsorted(docs, in_headline)] += 1
        words = self.rank_words(forms, notes)
        bm25 = self.word_scores(words, docs) if words else np.zeros(len(docs))
        primary = level * HEADLINE_SCORE + bm25
        page = self._in_order(matched, lambda k: self._top(docs, primary, k), end)
        at = np.searchsorted(docs, page)
        return page, dict(zip(page, primary[at].tolist())) if page else {}

    def _by_key(self, docs: np.ndarray, sign: int, k: int) -> np.ndarray:
        keys = self.sortkey[docs] * sign
        if k < len(docs):
            part = np.argpartition(keys, k - 1)[:k]
            return docs[part[np.argsort(keys[part])]]
        return docs[np.argsort(keys)]

    def _sorted(self, docs: np.ndarray, keys: list[str]) -> np.ndarray:
        _, codes = self._codes[COLUMN]  # codes of sorted names: code order is name order
        arrays = {"issue_date": self.sortkey, "year": self.sortkey, "column": codes}
        ordered = sorted(docs.tolist(), key=self.sortkey.__getitem__, reverse=True)
        for key in reversed(keys):
            name = key.lstrip("-")
            array = arrays[name] if name in arrays else self.django_ids()
            ordered.sort(key=array.__getitem__, reverse=key.startswith("-"))
        return np.array(ordered, dtype=DOC)

    def _in_order(self, matched: Matched, top, end: int) -> list[int]:
        """The first ``end`` documents of ``top(k)`` (the best ``k`` candidates in order) that
        pass ``matched``'s checks."""
        if not matched.checks:
            return top(end).tolist() if end > 0 else []
        want = end + 16
        while True:
            want = min(len(matched.docs), max(want, int(end / max(matched.rate, 0.01)) + 16))
            best = top(want)
            passed = self.passing(matched, best)
            if len(passed) >= end or want >= len(matched.docs):
                return passed[:end].tolist()
            want *= 4

    def rank_words(self, forms: list[str], notes: list | None = None) -> list[str]:
        """The jieba words that rank a query's matches: each term's search-mode words, less
        those inside a longer word of the same term (every match holds the whole term, so
        集成 and 电路 would only repeat what 集成电路 says, at the price of two more posting
        lists read)."""
        words = []
        for term in forms:
            found = query_words(term)
            words.extend(w for w in found if not any(w != other and w in other for other in found))
        words = list(dict.fromkeys(words))
        if len(words) > RANK_WORDS:
            frequency = {w: self.frequency(WORDS, w) for w in words}
            words = sorted(words, key=lambda w: (frequency[w], words.index(w)))[:RANK_WORDS]
            if notes is not None:
                notes.append(f"查询词较多：相关度只按其中最少见的 {RANK_WORDS} 个词计算（哪些文章符合不受影响）。")
        return words

    def more_like_this(self, docnum: int, within=None, words: int = 12) -> dict[int, float]:
        """Documents sharing the rarest-weighted jieba words of ``docnum``, with BM25 scores."""
        start, length = int(self.tstart[docnum]), int(self.tlen[docnum])
        record = self.store.record(start, length)
        counts = Counter(w for w in jieba_words(record) if len(w) > 1)
        reader = self.searcher.reader()
        total = max(1, reader.doc_count())
        weight = {}
        for word, tf in counts.items():
            frequency = self.frequency(WORDS, word)
            if 1 < frequency < total * 0.2:
                weight[word] = tf * math.log(total / frequency)
        chosen = heapq.nlargest(words, weight, key=weight.get)
        scores = np.zeros(self.size, dtype=np.float64)
        hit = np.zeros(self.size, dtype=bool)
        for word in chosen:
            ids, values = self.word_score_map(word)
            scores[ids] += values
            hit[ids] = True
        hit[docnum] = False
        docs = np.flatnonzero(hit)
        if within is not None:
            docs = self.intersect(docs.astype(DOC), as_docs(within))
        return dict(zip(docs.tolist(), scores[docs].tolist()))

    def word_scores(self, words: list[str], docs: np.ndarray) -> np.ndarray:
        """BM25 of ``words`` in the ``words`` field, summed, for each of ``docs`` (read from
        the segments holding ``docs`` only when they are a few: a year's articles)."""
        scores = np.zeros(self.size, dtype=np.float64)
        restricted = self._restricted(docs)
        for word in words:
            if restricted and self._cached(("w", word)) is None:
                ids, values = self._word_scores_in(word, self._leaves(docs))
            else:
                ids, values = self.word_score_map(word)
            scores[ids] += values
        return scores[docs]

    def word_score_map(self, word: str) -> tuple[np.ndarray, np.ndarray]:
        """(documents, BM25 of one word in each) for every document that has it (cached per
        searcher): a word's posting blocks are decoded once per searcher, and queries that
        share a word (无锡, 发展 ...) share the work."""
        key = ("w", word)
        found = self._cached(key)
        if found is not None:
            return found
        return self._remember(key, self._word_scores_in(word, self._leaves()))

    def _word_scores_in(self, word: str, leaves) -> tuple[np.ndarray, np.ndarray]:
        """(documents, BM25 of ``word``) in the given segments."""
        reader = self.searcher.reader()
        frequency = self.frequency(WORDS, word)
        id_parts, score_parts = [], []
        if frequency:
            total = max(1, reader.doc_count())
            scale = math.log(1 + (total - frequency + 0.5) / (frequency + 0.5)) * (BM25_K1 + 1)
            norms = self.length_norms()
            for leaf, offset in leaves:
                try:
                    matcher = leaf.postings(WORDS, word)
                except TermNotFound:
                    continue
                if isinstance(matcher, FilterMatcher):
                    matcher = matcher.child  # deleted documents never match a query
                ids, tfs = _leaf_arrays(matcher, weights=True)
                ids = ids + offset
                id_parts.append(ids)
                score_parts.append(scale * tfs / (tfs + norms[ids]))
        if id_parts:
            return np.concatenate(id_parts).astype(DOC), np.concatenate(score_parts).astype(np.float64)
        return EMPTY, np.zeros(0, dtype=np.float64)

    def length_norms(self) -> np.ndarray:
        """BM25's length term ``k1 * (1 - b + b * length / average length)`` of each document's
        jieba words, computed on first need."""
        if self._length_norms is None:
            reader = self.searcher.reader()
            average = max(1.0, reader.field_length(WORDS) / max(1, reader.doc_count_all()))
            k1, b = BM25_K1, BM25_B
            lengths: list = []
            for leaf, _ in reader.leaf_readers():
                length = leaf.doc_field_length
                lengths.extend(length(d, WORDS, 0) for d in range(leaf.doc_count_all()))
            self._length_norms = k1 * (1 - b + b * np.array(lengths, dtype=np.float64) / average)
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
        try:
            exists = whoosh_index.exists_in(folder)
        except Exception as exc:  # a garbled table of contents, a missing segment: not usable
            raise IndexUnavailable(f"{folder}: {exc}") from exc
        if not exists:
            raise IndexUnavailable(folder)
        # Opened through the build folder's own path: a later swap of the symlink does not
        # change what this state reads; the check above notices the swap instead.
        try:
            self._state, self._pid = IndexState(folder), os.getpid()
        except IndexUnavailable:
            raise
        except Exception as exc:  # damaged files: say so (the pages answer 503), never a 500
            raise IndexUnavailable(f"{folder}: {exc}") from exc
        # What the process holds now (Django, jieba's dictionary, the searcher) lives as long as
        # the process: keep the cyclic garbage collector from walking it again in every full
        # collection (tens of milliseconds inside some unlucky query at 100,000 articles).
        # Reference counting still frees whatever is dropped later.
        gc.freeze()
        return self._state

    def reset(self) -> None:
        with self._lock:
            if self._state is not None and self._pid == os.getpid():
                self._state.close()
            self._state = self._pid = None


live = LiveSearcher()


