"""The Xapian engine behind haystack (``NEWSARCHIVE_SEARCH_ENGINE=xapian``): embedded or shards.

Subclasses ``xapian-haystack``'s backend and query for their engine plumbing, and overrides what
would answer Chinese wrongly: the index is written by ``articles.search.xapian_index`` (our terms,
never Xapian's ``TermGenerator``); a search gets the engine-neutral plan
(``articles.search.plan``, built from haystack's ``SQ`` tree) and turns it into a
``xapian.Query`` here. Known traps of the stock backend that this avoids: ``clear()`` removes a
local folder even when the index is remote (ours empties each shard); ``filter(content=…)`` of
three or more Chinese characters finds nothing (ours is a phrase of characters, exact).

Counts: exact up to ``EXACT_UP_TO`` matches (Xapian checks at least that many documents);
beyond it the count is Xapian's estimate, and ``search`` also returns ``hits_exact`` and
``hits_bounds`` (lower, upper) so a page can say 约 N. Facet counts are exact while the count
is; beyond that they are over the documents Xapian checked.

Ranking (never which articles match): headline matches first (a large boost on the headline
phrase), then BM25 over the counts in the body of the bigrams covering the query (an index
from before schema 5: over the query's jieba words, ``W`` terms), then newer first. A query
with phrases (three characters or more) checks positions only for its best candidates
(``_best_first``); results by date are read a year at a time (``_by_date_in_years``).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import threading

import xapian
from haystack.backends import BaseEngine, BaseSearchBackend
from haystack.models import SearchResult
from haystack.utils import get_identifier
from xapian_backend import XapianSearchBackend as StockXapianBackend
from xapian_backend import XapianSearchQuery as StockXapianQuery

from . import plan
from . import xapian_index as xi
from .analysis import query_words
from .whoosh_reader import IndexOutdated
from .fields import BODY, COLUMN, HEADLINE, ISSUE_DATE, PAGE_LABEL, PAGE_NUMBER, PAPER, REPORTER_SEPARATOR, REPORTERS, TEXT, YEAR

EXACT_UP_TO = 10_000
HEADLINE_BOOST = 1000.0
_FIELD_PREFIX = {
    COLUMN: xi.COLUMN_PREFIX, REPORTERS: xi.REPORTER_PREFIX, PAPER: xi.PAPER_PREFIX, PAGE_LABEL: xi.PAGE_LABEL_PREFIX,
}


class _Reader(threading.local):
    """One database handle per thread, reopened when the live index changed."""

    def __init__(self):
        self.db = None
        self.key = None

    def get(self) -> xapian.Database:
        key = xi.reader_key()
        if self.db is None or key != self.key:
            if self.db is not None:
                self.db.close()
            self.db, self.key = xi.open_reader(), key
        else:
            try:
                self.db.reopen()
            except xapian.Error:
                self.db = xi.open_reader()
        return self.db

    def reset(self) -> None:
        if self.db is not None:
            self.db.close()
        self.db = self.key = None


reader = _Reader()


# --------------------------------------------------------------------------- plan -> xapian.Query


def _text_query(form: str, prefix: str = "", chars: bool = True, loose: bool = False) -> xapian.Query:
    """Exactly the documents whose (headline, with ``H``; body, with ``B``) matching form contains
    ``form``: one term for one character, or two that make a kept bigram
    (``xapian_index.indexed_pair``); otherwise the phrase of its characters (positions are kept
    for characters only, ``xapian_index._add_grams``), filtered by its kept bigrams, which every
    matching document has and whose short posting lists spare checking most positions.
    ``chars`` False: an index from before schema 4, whose positions are on the bigrams (all of
    them kept), where the phrase is of bigrams (until ``make run`` rebuilds it).
    ``loose``: no positions, for a part that only matches (weighs nothing): every document the
    exact query matches and maybe more (its kept bigrams, or its characters, all present)."""
    if not form:
        return xapian.Query.MatchAll
    if len(form) == 1:
        return xapian.Query(prefix + form)
    pairs = list(dict.fromkeys(form[i : i + 2] for i in range(len(form) - 1)))
    if not chars:
        if len(form) == 2:
            return xapian.Query(prefix + form)
        pairs_in_order = [xapian.Query(prefix + form[i : i + 2]) for i in range(len(form) - 1)]
        if loose:
            return xapian.Query(xapian.Query.OP_AND, pairs_in_order)
        return xapian.Query(xapian.Query.OP_PHRASE, pairs_in_order, len(form) - 1)
    kept = [prefix + pair for pair in pairs if xi.indexed_pair(pair)]
    if len(form) == 2 and kept:
        return xapian.Query(kept[0])
    if loose and kept:
        return xapian.Query(xapian.Query.OP_AND, kept)
    letters = [xapian.Query(prefix + char) for char in form]
    phrase = xapian.Query(xapian.Query.OP_AND, letters) if loose else xapian.Query(xapian.Query.OP_PHRASE, letters, len(form))
    return xapian.Query(xapian.Query.OP_FILTER, phrase, xapian.Query(xapian.Query.OP_AND, kept)) if kept else phrase


def _terms_query(terms) -> xapian.Query:
    terms = list(terms)
    if not terms:
        return xapian.Query.MatchNothing
    return xapian.Query(xapian.Query.OP_OR, [xapian.Query(t) for t in terms])


def _value_terms(db, prefix: str, test) -> list[str]:
    """Terms under ``prefix`` whose value passes ``test`` (reporters/column startswith/contains)."""
    found = []
    for item in db.allterms(prefix):
        term = item.term.decode("utf-8")
        if test(term[len(prefix):]):
            found.append(term)
    return found


def _ordered_query(field: str, op: str, value) -> xapian.Query:
    if field == YEAR:
        encode, slot = (lambda v: str(int(v))), xi.SLOT_YEAR
    elif field == PAGE_NUMBER:
        encode, slot = (lambda v: f"{int(v):06d}"), xi.SLOT_PAGE_NUMBER
    elif field == ISSUE_DATE:
        encode, slot = xi.date_value, xi.SLOT_DATE
    else:  # django_id
        encode, slot = xi.id_value, xi.SLOT_DJANGO_ID
    if op == "range":
        low, high = value
        return xapian.Query(xapian.Query.OP_VALUE_RANGE, slot, encode(low), encode(high))
    if op in ("gte", "gt"):
        query = xapian.Query(xapian.Query.OP_VALUE_GE, slot, encode(value))
        if op == "gt":
            query = xapian.Query(xapian.Query.OP_AND_NOT, query, _ordered_query(field, "exact", value))
        return query
    if op in ("lte", "lt"):
        query = xapian.Query(xapian.Query.OP_VALUE_LE, slot, encode(value))
        if op == "lt":
            query = xapian.Query(xapian.Query.OP_AND_NOT, query, _ordered_query(field, "exact", value))
        return query
    values = value if op == "in" else (value,)
    if field == YEAR:
        return _terms_query(xi.YEAR_PREFIX + str(int(v)) for v in values)
    if field == PAGE_NUMBER:
        return _terms_query(xi.PAGE_NUMBER_PREFIX + str(int(v)) for v in values)
    if field == ISSUE_DATE:
        return _terms_query(xi.DATE_PREFIX + xi.date_value(v) for v in values)
    return _terms_query(xi.ID_PREFIX + f"articles.article.{int(v)}" for v in values)


def _schema_version(db) -> int | None:
    try:
        stamp = json.loads(db.get_metadata(xi.STAMP_KEY).decode("utf-8") or "{}")
    except (xapian.Error, ValueError):
        stamp = {}
    version = stamp.get("schema_version") if isinstance(stamp, dict) else None
    return version if isinstance(version, int) else None


def _date_order_slot(db) -> int:
    """The slot that orders by date: date then id (schema 6 on), else the date alone."""
    version = _schema_version(db)
    return xi.SLOT_ORDER if version is None or version >= xi.ORDER_SCHEMA_VERSION else xi.SLOT_DATE


def _char_positions(db) -> bool:
    """Whether the index keeps positions on characters (schema 4 on), else on bigrams."""
    version = _schema_version(db)
    return version is None or version >= xi.CHAR_POSITIONS_SCHEMA_VERSION


def _require_body(db) -> None:
    """An index built before the body's grams were kept apart would find nothing in the body:
    say so (``IndexOutdated``: the pages tell the reader what to run) instead."""
    version = _schema_version(db)
    if version is None or version < xi.BODY_SCHEMA_VERSION:
        raise IndexOutdated(f"the Xapian index has schema {version!r}: rebuild it for the body scope")


def to_query(node, db, loose: bool = False) -> xapian.Query:
    """A plan as a ``xapian.Query`` that matches exactly the same articles; ``loose``: a query
    without positions that matches all of them and maybe more (``_text_query``), for a part
    that weighs nothing (``_enquire`` scales what matches to 0)."""
    if isinstance(node, plan.Everything):
        return xapian.Query.MatchAll
    if isinstance(node, plan.And):
        if not node.children:
            return xapian.Query.MatchAll
        return xapian.Query(xapian.Query.OP_AND, [to_query(c, db, loose) for c in node.children])
    if isinstance(node, plan.Or):
        if not node.children:
            return xapian.Query.MatchNothing
        return xapian.Query(xapian.Query.OP_OR, [to_query(c, db, loose) for c in node.children])
    if isinstance(node, plan.Not):  # what is left out is left out exactly, or the loose would miss
        return xapian.Query(xapian.Query.OP_AND_NOT, xapian.Query.MatchAll, to_query(node.child, db))
    if isinstance(node, plan.Contains):
        chars = len(node.form) < 3 or _char_positions(db)
        if node.field == TEXT:
            # The text is its body (B grams) and its other parts (no prefix): either may hold it.
            return xapian.Query(xapian.Query.OP_OR, [
                _text_query(node.form, "", chars, loose), _text_query(node.form, xi.BODY_PREFIX, chars, loose)])
        if node.field == BODY:
            _require_body(db)
            return _text_query(node.form, xi.BODY_PREFIX, chars, loose)
        if node.field == HEADLINE:
            return _text_query(node.form, xi.HEADLINE_PREFIX, chars, loose)
        prefix = _FIELD_PREFIX[node.field]
        return _terms_query(_value_terms(db, prefix, lambda v: node.form in v))
    if isinstance(node, plan.Compare):
        field, op, value = node.field, node.op, node.value
        if field == HEADLINE:
            return xapian.Query(xi.value_term(xi.HEADLINE_EXACT_PREFIX, value))
        if field == "django_ct":
            values = value if op == "in" else (value,)
            return _terms_query(xi.CT_PREFIX + str(v) for v in values)
        if field in _FIELD_PREFIX:
            prefix = _FIELD_PREFIX[field]
            if op in ("exact", "content"):
                return xapian.Query(xi.value_term(prefix, value))
            if op == "in":
                return _terms_query(xi.value_term(prefix, v) for v in value)
            if op == "startswith":
                return _terms_query(_value_terms(db, prefix + value, lambda v: True))
            if op == "contains":
                return _terms_query(_value_terms(db, prefix, lambda v: value in v))
            raise NotImplementedError(f"the lookup {field}__{op} is not supported")
        return _ordered_query(field, op, value)
    raise NotImplementedError(f"cannot search for {node!r}")


def _gram_counts(form: str) -> xapian.Query | None:
    """What ranks an article for ``form`` (schema 5 on): the counts in its body (lead and
    paragraphs: what the article is about; the headline has its own boost) of the bigrams that
    cover ``form`` without overlap (集成电路: 集成, 电路; the last pair overlaps for an odd
    length), or of its character for one. Each is one more posting list the match walks for
    every matching article, so no more of them than cover the form."""
    if len(form) == 1:
        grams = [form]
    else:
        grams = [form[i : i + 2] for i in range(0, len(form) - 1, 2)]
        if len(form) % 2:
            grams.append(form[-2:])
    grams = [g for g in dict.fromkeys(grams) if len(g) == 1 or xi.indexed_pair(g)]
    parts = [xapian.Query(xi.BODY_PREFIX + g) for g in grams]
    return xapian.Query(xapian.Query.OP_OR, parts) if parts else None


def _ranking(forms: list[str], db) -> xapian.Query | None:
    version = _schema_version(db)
    if version is None or version >= xi.GRAM_RANKING_SCHEMA_VERSION:
        parts = [q for q in map(_gram_counts, dict.fromkeys(forms)) if q is not None]
    else:  # an index from before schema 5 ranks with the jieba words it holds
        words = list(dict.fromkeys(w for f in forms for w in query_words(f)))
        parts = [xapian.Query(xi.WORD_PREFIX + w) for w in words]
    # The headline's boost: its kept bigrams of the form all there, without positions. Xapian
    # 1.4 weighs a phrase in an optional branch (AND_MAYBE's right) before checking it, so a
    # headline phrase boosted headlines that hold the pairs apart (企业链接产业 for 产业链) in
    # some queries and not in others; pairs alone boost the same articles every time.
    chars = _char_positions(db) if any(len(f) >= 3 for f in forms) else True
    parts += [
        xapian.Query(xapian.Query.OP_SCALE_WEIGHT, _text_query(f, xi.HEADLINE_PREFIX, chars, loose=True), HEADLINE_BOOST)
        for f in forms if f
    ]
    return xapian.Query(xapian.Query.OP_OR, parts) if parts else None


def _date_sort(sort_by) -> bool | None:
    """True for newest first, False for oldest first, None when the order is not by date alone."""
    keys = [k for k in (sort_by or []) if k.lstrip("-") != "score"]
    if len(keys) == 1 and xi.SLOTS.get(keys[0].lstrip("-")) == xi.SLOT_DATE:
        return keys[0].startswith("-")
    return None


def _years(db) -> list[int]:
    """The years the index holds (every article has one year term)."""
    prefix = xi.YEAR_PREFIX.encode()
    return sorted(int(t.term[len(prefix):]) for t in db.allterms(xi.YEAR_PREFIX) if t.term[len(prefix):].isdigit())


def _by_date_in_years(db, query_plan, descending: bool, start_offset: int, size: int, spies):
    """A page of matches by date, one year at a time: sorting every match of a common word by
    date took 0.1-1.3 s at 1,000,000 articles (Xapian reads each match's value), while the
    newest year alone holds the first page (0.5-14 ms, the same articles). The count (exact up
    to EXACT_UP_TO, as for relevance) and the facets come from one pass that stops there.
    Years partition the index and the date-then-id slot orders within a year as over the whole,
    so the order is exactly the global sort's. Returns (the counting MSet, [(document, weight)])."""
    match = xapian.Query(xapian.Query.OP_SCALE_WEIGHT, to_query(query_plan, db), 0)
    counted = _counted(db, query_plan, spies)
    order_slot, everything = _date_order_slot(db), max(1, db.get_doccount())
    matches, skip = [], start_offset
    for year in (reversed(_years(db)) if descending else _years(db)):
        if len(matches) >= size:
            break
        window = xapian.Enquire(db)
        window.set_query(xapian.Query(xapian.Query.OP_FILTER, match, xapian.Query(xi.YEAR_PREFIX + str(year))))
        window.set_weighting_scheme(xapian.BoolWeight())
        window.set_sort_by_value_then_relevance(order_slot, descending)
        window.set_docid_order(xapian.Enquire.DONT_CARE)
        part = window.get_mset(skip, size - len(matches), everything)  # counted whole: the skip is exact
        matches.extend((item.document, item.weight) for item in part)
        skip = max(0, skip - part.get_matches_estimated())
    return counted, matches


def _counted(db, query_plan, spies) -> xapian.MSet:
    """The count (exact up to EXACT_UP_TO, then estimated with bounds) and the facets' spies
    over the documents checked, from one unranked pass that stops there."""
    counter = xapian.Enquire(db)
    counter.set_query(xapian.Query(xapian.Query.OP_SCALE_WEIGHT, to_query(query_plan, db), 0))
    counter.set_weighting_scheme(xapian.BoolWeight())
    for spy in spies:
        counter.add_matchspy(spy)
    return counter.get_mset(0, 0, EXACT_UP_TO + 1)


BOUNDED_UP_TO = 1_000  # pages deeper than this are ranked over every match, positions and all


def _best_first(db, exact_among, loose, query_plan, start_offset: int, size: int, spies):
    """A page of the best matches of a query with phrases (three characters or more), without
    checking the positions of every match: ranking every match of 集成电路 at 1,000,000 articles
    took 0.3-1 s, nearly all of it position checks. The loose query has the same ranking part
    (``_ranking``: no positions) and a matching part without positions (``to_query(loose=True)``):
    it matches every exact match and maybe more, and weighs every document as the exact query
    does. So the exact ranking is the loose ranking
    with the loose-only documents taken out: take the loose best N, keep those that match
    exactly (positions checked for N documents), and grow N eightfold until the page is full.
    Returns (the counting MSet, [(document, weight)]). ``exact_among(query)``: the exact
    ranking's enquire, its matches restricted to those of ``query``."""
    counted = _counted(db, query_plan, spies)
    want = start_offset + size
    if want <= 0 or counted.get_matches_upper_bound() == 0:
        return counted, []
    n = 4 * want + 60
    while True:
        candidates = loose.get_mset(0, n)
        ids = [xapian.Query(xi.ID_PREFIX + f"articles.article.{int(item.document.get_value(xi.SLOT_DJANGO_ID))}")
               for item in candidates]
        best = exact_among(xapian.Query(xapian.Query.OP_OR, ids)).get_mset(0, want, len(ids)) if ids else None
        if best is None or best.size() >= want or candidates.size() < n or n >= db.get_doccount():
            break  # the page is full, or every candidate was ranked exactly
        n *= 8
    return counted, [(item.document, item.weight) for item in best or ()][start_offset:]


def _stored(data: bytes) -> dict:
    values = json.loads(data.decode("utf-8"))
    values[ISSUE_DATE] = dt.date.fromisoformat(values[ISSUE_DATE])
    return values


# --------------------------------------------------------------------------- the backend


class XapianSearchBackend(StockXapianBackend):
    def __init__(self, connection_alias, **connection_options):
        # Not the stock __init__: it creates a folder at PATH, where our symlink to the live
        # build goes (and with shards the index is not local at all).
        BaseSearchBackend.__init__(self, connection_alias, **connection_options)
        self.path = connection_options.get("PATH")
        self.use_lockfile = False
        self._fields, self._schema, self._content_field_name, self._columns = {}, [], None, {}

    def document_count(self):
        try:
            return reader.get().get_doccount()
        except xi.IndexUnavailable:
            return 0

    # -- writing: the one writer

    def update(self, index, iterable, commit=True):
        from .indexing import index_objects

        index_objects(search_index=index, objects=list(iterable))

    def remove(self, obj_or_string, commit=True):
        from .indexing import index_remove

        identifier = obj_or_string if isinstance(obj_or_string, str) else get_identifier(obj_or_string)
        index_remove(identifiers=[identifier])

    def clear(self, models=None, commit=True):
        from .indexing import index_clear

        index_clear()

    # -- reading

    def _plan(self, query):
        return query if not isinstance(query, str) else plan.parse_string(query)

    def _models_allow(self, models) -> bool:
        from articles.models import Article

        return not models or Article in models

    def _enquire(self, db, query_plan, sort_by, loose: bool = False, only: xapian.Query | None = None):
        match = to_query(query_plan, db, loose)
        if only is not None:
            match = xapian.Query(xapian.Query.OP_FILTER, match, only)
        enquire = xapian.Enquire(db)
        keys = [k for k in (sort_by or []) if k.lstrip("-") != "score"]
        ranking = None if keys else _ranking(plan.positive_forms(query_plan), db)
        if ranking is not None:
            query = xapian.Query(
                xapian.Query.OP_AND_MAYBE, xapian.Query(xapian.Query.OP_SCALE_WEIGHT, match, 0), ranking
            )
        else:
            query = xapian.Query(xapian.Query.OP_SCALE_WEIGHT, match, 0)
        enquire.set_query(query)
        # BM25 without length normalisation (b=0): a headline match weighs the same in every
        # article, so articles equal on the query's words tie, and the newer comes first.
        enquire.set_weighting_scheme(xapian.BM25Weight(1.2, 0, 1, 0, 0.5))
        for key in keys:
            if key.lstrip("-") not in xi.SLOTS:
                raise NotImplementedError(f"cannot order by {key!r}: use issue_date, year, column, django_id or score")
        order_slot = _date_order_slot(db)
        if len(keys) == 1:
            # One value slot: the only sort the remote protocol carries (no KeyMaker over it).
            # By date: the date-then-id slot, so articles of one day come in one order everywhere.
            slot = xi.SLOTS[keys[0].lstrip("-")]
            enquire.set_sort_by_value_then_relevance(order_slot if slot == xi.SLOT_DATE else slot, keys[0].startswith("-"))
        elif keys:
            if xi.shards():
                raise NotImplementedError("Xapian shards sort by one field only (no KeyMaker over the remote protocol)")
            sorter = xapian.MultiValueKeyMaker()
            for key in keys:
                sorter.add_value(xi.SLOTS[key.lstrip("-")], key.startswith("-"))
            enquire.set_sort_by_key(sorter, False)
        else:
            enquire.set_sort_by_relevance_then_value(order_slot, True)
        enquire.set_docid_order(xapian.Enquire.DONT_CARE)
        return enquire

    def search(
        self, query_string, sort_by=None, start_offset=0, end_offset=None, fields="", highlight=False,
        facets=None, date_facets=None, query_facets=None, narrow_queries=None, spelling_query=None,
        within=None, dwithin=None, distance_point=None, models=None, limit_to_registered_models=None,
        result_class=None, **kwargs,
    ):
        from .indexing import prepare_segmenter

        prepare_segmenter()  # jieba and staff's local words: the 分词 words mode (and an older index's ranking)
        if within or dwithin or distance_point:
            raise NotImplementedError("the archive's index has no locations")
        result_class = result_class or SearchResult
        query_plan = self._plan(query_string)
        extra = [self._plan(q) for q in (narrow_queries or ())]
        if extra:
            query_plan = plan.And((query_plan, *extra))
        empty = {"results": [], "hits": 0, "hits_exact": True, "hits_bounds": (0, 0),
                 "facets": {"fields": {}, "dates": {}, "queries": {}}, "spelling_suggestion": None}
        if not self._models_allow(models):
            return empty
        db = reader.get()
        for attempt in range(3):
            try:
                return self._search(db, query_plan, sort_by, start_offset, end_offset, highlight, facets,
                                    date_facets, query_facets, result_class)
            except xapian.DatabaseModifiedError:
                db.reopen()
        return self._search(db, query_plan, sort_by, start_offset, end_offset, highlight, facets,
                            date_facets, query_facets, result_class)

    def _search(self, db, query_plan, sort_by, start_offset, end_offset, highlight, facets, date_facets,
                query_facets, result_class):
        enquire = self._enquire(db, query_plan, sort_by)
        spies = {}
        for name in facets or {}:
            if name not in (YEAR, COLUMN, REPORTERS, PAPER):
                raise NotImplementedError(f"facets on {name!r}: only year, column, reporters and paper")
            spies[name] = xapian.ValueCountMatchSpy(xi.SLOTS[name])
            enquire.add_matchspy(spies[name])
        date_spy = None
        if date_facets:
            for name in date_facets:
                if name != ISSUE_DATE:
                    raise NotImplementedError(f"date facets on {name!r}: only issue_date")
            date_spy = xapian.ValueCountMatchSpy(xi.SLOT_DATE)
            enquire.add_matchspy(date_spy)
        size = max(0, (end_offset if end_offset is not None else db.get_doccount()) - start_offset)
        by_date = _date_sort(sort_by)
        all_spies = [*spies.values(), *([date_spy] if date_spy is not None else [])]
        by_relevance = not [k for k in (sort_by or []) if k.lstrip("-") != "score"]
        loose = None
        if by_relevance and start_offset + size <= BOUNDED_UP_TO:
            loose = self._enquire(db, query_plan, sort_by, loose=True)
            if str(loose.get_query()) == str(enquire.get_query()):
                loose = None  # no phrase: ranking every match is cheap
        if by_date is not None:
            mset, matches = _by_date_in_years(db, query_plan, by_date, start_offset, size, all_spies)
        elif loose is not None:
            def exact_among(only):  # without the spies: _best_first counts apart
                return self._enquire(db, query_plan, sort_by, only=only)

            mset, matches = _best_first(db, exact_among, loose, query_plan, start_offset, size, all_spies)
        else:
            mset = enquire.get_mset(start_offset, size, EXACT_UP_TO + 1)
            matches = [(match.document, match.weight) for match in mset]
        lower, upper = mset.get_matches_lower_bound(), mset.get_matches_upper_bound()
        exact = lower == upper
        hits = mset.get_matches_estimated()
        results = []
        for document, weight in matches:
            stored = _stored(document.get_data())
            pk = stored.pop("django_id")
            results.append(result_class("articles", "article", pk, float(weight), **stored))
        counted = {"fields": {}, "dates": {}, "queries": {}}
        for name, spy in spies.items():
            counts: dict = {}
            for item in spy.values():
                value, n = item.term.decode("utf-8"), item.termfreq
                if name == YEAR:  # as the Whoosh engine gives them: the year's digits
                    counts[value] = counts.get(value, 0) + n
                elif name == REPORTERS:
                    for person in (value.split(REPORTER_SEPARATOR) if value else []):
                        counts[person] = counts.get(person, 0) + n
                elif value:
                    counts[value] = counts.get(value, 0) + n
            counted["fields"][name] = sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))
        if date_spy is not None:
            days = [(dt.date(int(v[:4]), int(v[4:6]), int(v[6:8])), n)
                    for v, n in ((i.term.decode("ascii"), i.termfreq) for i in date_spy.values())]
            for name, options in date_facets.items():
                counted["dates"][name] = _date_buckets(days, options)
        for name, value in (query_facets or []):
            sub = plan.And((query_plan, plan.parse_string(f"{name}:{value}")))
            sub_enquire = self._enquire(db, sub, ["issue_date"])
            counted["queries"][f"{name}_{value}"] = sub_enquire.get_mset(0, 0, EXACT_UP_TO + 1).get_matches_estimated()
        if highlight and results:
            from .backend import _highlight

            _highlight(results, plan.positive_forms(query_plan))
        return {
            "results": results, "hits": hits, "hits_exact": exact, "hits_bounds": (lower, upper),
            "facets": counted, "spelling_suggestion": None,
        }

    def more_like_this(self, model_instance, additional_query_string=None, start_offset=0, end_offset=None,
                       models=None, limit_to_registered_models=None, result_class=None, **kwargs):
        """Articles sharing the most telling bigrams of this one (Xapian's relevance-set
        expansion over the text's pairs of Chinese characters, weighed by their counts), best
        first."""
        result_class = result_class or SearchResult
        if not self._models_allow(models):
            return {"results": [], "hits": 0}
        db = reader.get()
        id_term = xi.ID_PREFIX + get_identifier(model_instance)
        postings = list(db.postlist(id_term)) if db.term_exists(id_term) else []
        if not postings:
            return {"results": [], "hits": 0}
        rset = xapian.RSet()
        rset.add_document(postings[0].docid)
        enquire = xapian.Enquire(db)
        enquire.set_query(xapian.Query(id_term))

        version = _schema_version(db)
        if version is None or version >= xi.GRAM_RANKING_SCHEMA_VERSION:
            words = [
                xapian.Query(xapian.Query.OP_OR, xapian.Query(p), xapian.Query(xi.BODY_PREFIX + p))
                for p in _telling_pairs(db, postings[0].docid)
            ]
        else:  # an index from before schema 5: its jieba words
            eset = enquire.get_eset(12, rset, _Words())
            words = [xapian.Query(item.term.decode("utf-8")) for item in eset]
        if not words:
            return {"results": [], "hits": 0}
        query = xapian.Query(xapian.Query.OP_AND_NOT, xapian.Query(xapian.Query.OP_OR, words), xapian.Query(id_term))
        if additional_query_string:
            filter_query = to_query(self._plan(additional_query_string), db)
            query = xapian.Query(xapian.Query.OP_FILTER, query, filter_query)
        enquire.set_query(query)
        enquire.set_sort_by_relevance_then_value(_date_order_slot(db), True)
        size = max(0, (end_offset if end_offset is not None else db.get_doccount()) - start_offset)
        mset = enquire.get_mset(start_offset, size, EXACT_UP_TO + 1)
        results = []
        for match in mset:
            stored = _stored(match.document.get_data())
            pk = stored.pop("django_id")
            results.append(result_class("articles", "article", pk, float(match.weight), **stored))
        return {"results": results, "hits": mset.get_matches_estimated()}


MORE_LIKE_THIS_TERMS = 16  # the article's most telling bigrams a similar article is sought by
MORE_LIKE_THIS_CANDIDATES = 64  # of its most frequent bigrams


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff" or "\U00020000" <= char <= "\U0003ffff"


def _telling_pairs(db, docid: int) -> list[str]:
    """The article's most telling bigrams of two Chinese characters (as Lucene's MoreLikeThis
    picks words): count in the article (body and the rest of the text together) × log(N /
    articles holding it), among the ``MORE_LIKE_THIS_CANDIDATES`` most frequent in the article
    and held by some other article too. Xapian's own expansion (ESet) would pick the pairs
    found in this article alone first (their rarity outweighs all), and a search by them finds
    nothing else. Only the candidates' frequencies are looked up: over shards each lookup asks
    every shard (the whole term list's would take 0.1-0.3 s an article)."""
    counts: dict[str, int] = {}
    for item in db.termlist(docid):
        term = item.term.decode("utf-8")
        pair = term[1:] if term[:1] == xi.BODY_PREFIX else term
        if len(pair) == 2 and _is_han(pair[0]) and _is_han(pair[1]):
            counts[pair] = counts.get(pair, 0) + item.wdf
    candidates = sorted(counts, key=lambda p: (-counts[p], p))[:MORE_LIKE_THIS_CANDIDATES]
    total = max(1, db.get_doccount())
    weights = {}
    for pair in candidates:
        frequency = db.get_termfreq(xi.BODY_PREFIX + pair) or db.get_termfreq(pair)
        if 1 < frequency < total:
            weights[pair] = counts[pair] * math.log(total / frequency)
    return sorted(weights, key=lambda p: (-weights[p], p))[:MORE_LIKE_THIS_TERMS]


class _Words(xapian.ExpandDecider):
    """jieba words of two characters or more (``W``, schema 4 and before)."""

    def __call__(self, term):
        return term.startswith(xi.WORD_PREFIX.encode()) and len(term.decode("utf-8")) > 2


def _date_buckets(days, options) -> list:
    """haystack's date facet: (bucket start as datetime, count), from start_date by gap."""
    start, end = options["start_date"], options["end_date"]
    start = start.date() if isinstance(start, dt.datetime) else start
    end = end.date() if isinstance(end, dt.datetime) else end
    gap_by, amount = options.get("gap_by", "month"), int(options.get("gap_amount", 1))
    edges = []
    cursor = start
    while cursor < end:
        edges.append(cursor)
        if gap_by == "year":
            cursor = cursor.replace(year=cursor.year + amount)
        elif gap_by == "month":
            month = cursor.month - 1 + amount
            cursor = cursor.replace(year=cursor.year + month // 12, month=month % 12 + 1)
        elif gap_by == "day":
            cursor = cursor + dt.timedelta(days=amount)
        else:
            raise NotImplementedError(f"date facets by {gap_by!r}: year, month or day")
    counts = [0] * len(edges)
    import bisect

    for day, n in days:
        if start <= day < end:
            counts[bisect.bisect_right(edges, day) - 1] += n
    return [(dt.datetime(b.year, b.month, b.day), n) for b, n in zip(edges, counts)]


class XapianSearchQuery(plan.PlanSearchQuery, StockXapianQuery):
    """haystack's SQ tree goes to the backend as a plan (``articles.search.plan``); whether the
    last count is Xapian's estimate (``hits_exact``, ``hits_bounds``) is kept by the plan query."""

    def build_params(self, spelling_query=None):
        params = StockXapianQuery.build_params(self, spelling_query=spelling_query)
        params.pop("narrow_queries", None)  # already part of the plan
        # The stock query turns end_offset into a length; our search takes offsets, as haystack.
        if self.end_offset is not None:
            params["end_offset"] = self.end_offset
        return params

    def build_query_fragment(self, field, filter_type, value):
        return str(plan.compile_leaf(field, filter_type, value))


class XapianEngine(BaseEngine):
    backend = XapianSearchBackend
    query = XapianSearchQuery


__all__ = ["XapianEngine", "XapianSearchBackend", "XapianSearchQuery", "reader", "to_query"]
