"""The Whoosh engine's reading side: an opened index, and evaluating a plan on it.

``articles.search.backend`` (the haystack door) hands over a plan (``articles.search.plan``);
this module answers it: matching document numbers, counts, facets, ranking, similar articles.

Matching is exact and cheap to count. A term of one or two characters is one posting list of
``text``; a longer term's candidates are the intersection of its bigrams' posting lists, and
each candidate is confirmed by a byte search of its record in the text store (``textstore``).
Posting lists are read block by block into Python sets, so intersecting, excluding, filtering
(year, reporter, column: their posting lists; dates: an array) and counting facets run at C
speed over document numbers; nothing visits a matching document in Python except the byte
search of a long term's candidates. Results of each term are cached per searcher. An AND is
evaluated cheapest part first, each later part only within what is left.

Ranking never changes what matches: articles with more wanted terms in the headline come
first (a headline match outranks any body-only one); within that, BM25 over the jieba words of
the terms (each word's scores computed once per searcher, summed over the documents still in
contention); then newer first among equal scores. Sorting by date reads the date array.

Searchers are opened once per process and reused until the index changes (a new commit or a
rebuild swapped in), and never before a fork: a gunicorn worker opens its own on first use.
"""

from __future__ import annotations

import bisect
import datetime as dt
import heapq
import itertools
import math
import os
import threading
from collections import Counter, OrderedDict
from pathlib import Path

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
        # Where each body lies in the store (absolute start, length); an index built before
        # the body scope has no such columns and answers body queries with IndexOutdated.
        self.has_body = BLEN in self.searcher.schema
        boff = _column(reader, BOFF, 0) if self.has_body else [0] * len(self.tstart)
        self.bstart = [t + o for t, o in zip(self.tstart, boff)]
        self.blen = _column(reader, BLEN, 0) if self.has_body else [0] * len(self.tstart)
        self.year = _column(reader, YEAR, "")
        self.column = _column(reader, COLUMN, "")
        self.paper = _column(reader, PAPER, "")
        self.reporters = [tuple(v.split(REPORTER_SEPARATOR)) if v else () for v in _column(reader, REPORTERS, "")]
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
        self._all: frozenset | None = None
        self._django_ids: list[int] | None = None
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
        """The documents whose text (``TEXT``), headline (``HEADLINE``) or body (``BODY``) holds
        ``form``: exact.

        Within ``within`` when given (not cached), else in the whole index (cached).
        """
        if within is None:
            key = ("c", fieldname, form)
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        if fieldname == BODY:
            if not self.has_body:
                raise IndexOutdated(f"{self.folder}: built before the body scope; rebuild the index")
            # The body is part of the text: the text's matches are the candidates, and the byte
            # search of each one's body range decides.
            candidates = self.containing(TEXT, form, within)
            found = frozenset(self.store.containing(candidates, form, self.bstart, self.blen))
            return found if within is not None else self._remember(key, found)
        lengths = self.tlen if fieldname == TEXT else self.hlen
        if len(form) <= 2:
            if CONFIRM_SHORT and within is not None and len(within) * CONFIRM_RATIO < self.frequency(fieldname, form):
                # Few candidates left: a byte search of each is cheaper than reading a long
                # posting list (32 common characters read 32 whole lists: issue 14 item 7).
                return frozenset(self.store.containing(within, form, self.tstart, lengths))
            found = self.postings(fieldname, form)
            return found & within if within is not None else found
        frequency = {p: self.frequency(fieldname, p) for p in {form[i : i + 2] for i in range(len(form) - 1)}}
        candidates = within
        for pair in sorted(frequency, key=frequency.get):
            if candidates is not None and len(candidates) * CONFIRM_RATIO < frequency[pair]:
                # Confirming a few candidates is cheaper than reading a long posting list to
                # prune them: the byte search decides anyway (and a 200-character query of
                # common pairs cannot make us read 199 posting lists).
                break
            docs = self.postings(fieldname, pair)
            candidates = docs if candidates is None else candidates & docs
            if not candidates:
                break
        found = frozenset(self.store.containing(candidates, form, self.tstart, lengths))
        return found if within is not None else self._remember(key, found)

    def estimate(self, form: str) -> int:
        """An upper bound of how many documents hold ``form`` (to order the work)."""
        grams = [form] if len(form) <= 2 else [form[i : i + 2] for i in range(len(form) - 1)]
        return min(self.frequency(TEXT, g) for g in grams)

    # -- a search

    # -- evaluating a plan (articles.search.plan) to a set of document numbers

    def everything(self) -> frozenset:
        """Every live document."""
        if self._all is None:
            self._all = frozenset(self.searcher.reader().all_doc_ids())
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

    def evaluate(self, node, within=None):
        """The documents (within ``within`` when given) that ``node`` matches."""
        if isinstance(node, plan.Everything):
            return self.everything() if within is None else within
        if isinstance(node, plan.And):
            matched = within
            for child in sorted(node.children, key=self.cost):
                if matched is not None and not matched:
                    break
                matched = self.evaluate(child, matched)
            return matched if matched is not None else self.everything()
        if isinstance(node, plan.Or):
            found: set = set()
            for child in node.children:
                found.update(self.evaluate(child, within))
            return found
        if isinstance(node, plan.Not):
            base = self.everything() if within is None else within
            return set(base).difference(self.evaluate(node.child, base))
        if isinstance(node, plan.Contains):
            if node.field in (TEXT, HEADLINE, BODY):
                return self.containing(node.field, node.form, within)
            return self._with_values(node.field, lambda v: node.form in v, within)
        if isinstance(node, plan.Compare):
            return self._compare(node, within)
        raise NotImplementedError(f"cannot evaluate {node!r}")

    def _restrict(self, found, within):
        return found if within is None else (found & within if isinstance(found, (set, frozenset)) else set(found) & within)

    def _values(self, fieldname: str) -> dict[str, str]:
        """Distinct values of a keyword field (year, column, reporters) -> their matching form."""
        key = ("v", fieldname)
        if key not in self._cache:
            terms = {t.decode("utf-8") if isinstance(t, bytes) else t for t in self.searcher.reader().lexicon(fieldname)}
            self._cache[key] = {t: normalize(t) for t in terms}
        return self._cache[key]

    def _with_values(self, fieldname: str, wanted, within):
        found: set = set()
        for value, form in self._values(fieldname).items():
            if wanted(form):
                found.update(self.postings(fieldname, value))
        return self._restrict(found, within)

    def _compare(self, node, within):
        op, value, fieldname = node.op, node.value, node.field
        if fieldname == "django_ct":
            values = value if op == "in" else (value,)
            return (self.everything() if within is None else within) if ARTICLE_CT in values else set()
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
            test = _ordered_test(op, tuple(v.toordinal() for v in value) if op in ("in", "range") else value.toordinal())
            day = self.day
            return {d for d in (self.everything() if within is None else within) if test(day[d])}
        if fieldname == "django_id":
            test = _ordered_test(op, value)
            ids = self.django_ids()
            return {d for d in (self.everything() if within is None else within) if test(ids[d])}
        if fieldname == HEADLINE and op == "exact":
            size = len(value.encode("utf-8"))
            found = self.containing(HEADLINE, value, within) if value else set()
            return {d for d in found if self.hlen[d] == size}
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

    def field_facets(self, docs, fieldname: str) -> list[tuple[str, int]]:
        """(value, count) of one keyword field over ``docs``, most frequent first."""
        array = {YEAR: self.year, COLUMN: self.column, PAPER: self.paper}.get(fieldname)
        if fieldname == REPORTERS:
            counts = Counter(itertools.chain.from_iterable(map(self.reporters.__getitem__, docs)))
        elif array is not None:
            counts = Counter(map(array.__getitem__, docs))
        else:
            raise NotImplementedError(f"no facet for {fieldname!r}: facets are year, reporters, column and paper")
        counts.pop("", None)
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))

    def date_facets(self, docs, start: dt.date, end: dt.date, gap_by: str, gap_amount: int = 1):
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
        edges = [b.toordinal() for b in buckets] + [end.toordinal()]
        counts = [0] * len(buckets)
        for d in docs:
            index = bisect.bisect_right(edges, self.day[d]) - 1
            if 0 <= index < len(buckets):
                counts[index] += 1
        return [(dt.datetime(b.year, b.month, b.day), n) for b, n in zip(buckets, counts)]

    # -- ordering

    def ranked(self, forms: list[str], matched, sort_by, end: int, notes: list | None = None) -> tuple[list[int], dict[int, float]]:
        """The first ``end`` matching documents in the order asked for, and their scores.

        ``sort_by`` is haystack's order_by list (``-issue_date``, ``year`` ...); empty or
        ``score`` means relevance."""
        keys = [k for k in (sort_by or []) if k.lstrip("-") != "score"]
        if keys:
            return self._sorted(matched, keys, end), {}
        in_headline: Counter = Counter()
        for form in forms:
            in_headline.update(self.containing(HEADLINE, form, within=matched))
        words = list(dict.fromkeys(w for t in forms for w in query_words(t)))
        if len(words) > RANK_WORDS:
            frequency = {w: self.frequency(WORDS, w) for w in words}
            words = sorted(words, key=lambda w: (frequency[w], words.index(w)))[:RANK_WORDS]
            if notes is not None:
                notes.append(f"查询词较多：相关度只按其中最少见的 {RANK_WORDS} 个词计算（哪些文章符合不受影响）。")
        ordered: list[int] = []
        scores: dict[int, float] = {}
        for level in sorted(set(in_headline.values()), reverse=True) + [0]:
            if level:
                group = {d for d, n in in_headline.items() if n == level}
            else:
                group = set(matched).difference(in_headline)
            page, group_scores = self._by_words(words, group, end - len(ordered))
            ordered.extend(page)
            for d in page:
                scores[d] = level * HEADLINE_SCORE + group_scores.get(d, 0.0)
            if len(ordered) >= end:
                break
        return ordered[:end], scores

    def _sorted(self, matched, keys: list[str], end: int) -> list[int]:
        arrays = {
            "issue_date": self.sortkey,
            "year": self.sortkey,  # the year is the date's year: date order is year order
            "django_id": None,
            "id": None,
            "column": self.column,
        }
        for key in keys:
            if key.lstrip("-") not in arrays:
                raise NotImplementedError(f"cannot order by {key!r}: use issue_date, year, column, django_id or score")
        if len(keys) == 1 and keys[0].lstrip("-") in ("issue_date", "year"):
            pick = heapq.nsmallest if not keys[0].startswith("-") else heapq.nlargest
            return pick(end, matched, key=self.sortkey.__getitem__)
        ordered = sorted(matched, key=self.sortkey.__getitem__, reverse=True)
        for key in reversed(keys):
            name = key.lstrip("-")
            array = arrays[name] if arrays[name] is not None else self.django_ids()
            ordered.sort(key=array.__getitem__, reverse=key.startswith("-"))
        return ordered[:end]

    def _by_words(self, words: list[str], group: set, need: int) -> tuple[list[int], dict[int, float]]:
        """Up to ``need`` of ``group``: best BM25 first, newest first among equal scores."""
        if need <= 0 or not group:
            return [], {}
        scores = self.word_scores(words, group) if words else {}
        sortkey = self.sortkey
        ordered = heapq.nlargest(need, scores, key=lambda d: (scores[d], sortkey[d]))
        if len(ordered) < need:
            rest = group.difference(scores)
            ordered.extend(heapq.nlargest(need - len(ordered), rest, key=sortkey.__getitem__))
        return ordered, scores

    def more_like_this(self, docnum: int, within=None, words: int = 12) -> dict[int, float]:
        """Documents sharing the rarest-weighted jieba words of ``docnum``, with BM25 scores."""
        start, length = self.tstart[docnum], self.tlen[docnum]
        record = self.store.record(start, length)
        counts = Counter(w for w in jieba_words(record) if len(w) > 1)
        reader = self.searcher.reader()
        total = max(1, reader.doc_count())
        weight = {}
        for word, tf in counts.items():
            frequency = reader.doc_frequency(WORDS, word)
            if 1 < frequency < total * 0.2:
                weight[word] = tf * math.log(total / frequency)
        chosen = heapq.nlargest(words, weight, key=weight.get)
        scores: dict[int, float] = {}
        for word in chosen:
            for d, value in self.word_score_map(word).items():
                if within is None or d in within:
                    scores[d] = scores.get(d, 0.0) + value
        scores.pop(docnum, None)
        return scores

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
        return self._state

    def reset(self) -> None:
        with self._lock:
            if self._state is not None and self._pid == os.getpid():
                self._state.close()
            self._state = self._pid = None


live = LiveSearcher()


