"""The Whoosh engine behind haystack: haystack's Whoosh backend, subclassed for Chinese.

haystack's own backend gives every text field an English ``StemmingAnalyzer``, parses queries
with Whoosh's query language and creates an empty index when it finds none. We override only:

- ``build_schema``: the document field ``text`` becomes the candidate field (unigrams and
  bigrams), the ranking field ``words`` (jieba) and the text-store offsets (``tstart``,
  ``tlen``, ``hlen``, and ``boff``/``blen`` for the body, which is no field of its own);
  ``headline`` keeps its grams for the headline boost;
  ``year``/``column``/``reporters``/``issue_date`` get columns so facets and date sorting read
  arrays instead of documents;
- ``setup``: opens nothing and creates nothing (a request must never write to the index);
- ``update``/``remove``/``clear``: hand over to ``articles.search.indexing``, the one writer;
- ``search``/``more_like_this``: take a plan (``articles.search.plan``, built by
  ``ChineseWhooshSearchQuery`` from haystack's ``SQ`` tree) or a string, and answer it with
  ``articles.search.whoosh_reader``: exact matches, counts, field and date facets, ordering,
  scores, and highlighting with ``articles.search.snippets`` (escaped; haystack's
  ``{% highlight %}`` tag does not escape and marks nothing in Chinese).

The engine is configured in settings.HAYSTACK_CONNECTIONS.
"""

from __future__ import annotations

import datetime as dt

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.models import SearchResult
from haystack.utils import get_identifier
from whoosh import columns, fields
from whoosh.analysis import RegexTokenizer

from . import plan
from .analysis import GramsField, HeadlineGramsField, WordsField
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


class ChineseWhooshSearchBackend(WhooshSearchBackend):
    def setup(self):
        from haystack import connections

        self.content_field_name, self.schema = self.build_schema(
            connections[self.connection_alias].get_unified_index().all_searchfields()
        )
        self.setup_complete = True

    def build_schema(self, fields_by_name):
        content_field_name, schema = super().build_schema(fields_by_name)
        if content_field_name != TEXT:
            raise ValueError(f"the document field must be called {TEXT!r}, not {content_field_name!r}")
        ours = {
            TEXT: GramsField(),
            WORDS: WordsField(),
            HEADLINE: HeadlineGramsField(),
            TSTART: fields.COLUMN(columns.NumericColumn("Q")),
            TLEN: fields.COLUMN(columns.NumericColumn("I")),
            HLEN: fields.COLUMN(columns.NumericColumn("I")),
            BOFF: fields.COLUMN(columns.NumericColumn("I")),
            BLEN: fields.COLUMN(columns.NumericColumn("I")),
            ISSUE_DATE: fields.DATETIME(stored=True, sortable=True),
            YEAR: fields.ID(stored=True, sortable=True),
            COLUMN: fields.ID(stored=True, sortable=True),
            PAPER: fields.ID(stored=True, sortable=True),
            PAGE_LABEL: fields.ID(stored=True, sortable=True),
            PAGE_NUMBER: fields.ID(stored=True, sortable=True),
            # One term per reporter, whole: names may hold commas (李,四) and spaces (张 三).
            REPORTERS: fields.KEYWORD(
                stored=True,
                sortable=True,
                analyzer=RegexTokenizer(f"[^{REPORTER_SEPARATOR}]+"),
            ),
        }
        for name, field in ours.items():
            if name in schema:
                schema.remove(name)
            schema.add(name, field)
        if BODY in schema:
            # The body is a range of the text store record (BOFF, BLEN), not a Whoosh field.
            schema.remove(BODY)
        return content_field_name, schema

    def update(self, index, iterable, commit=True):
        from .indexing import index_objects

        index_objects(search_index=index, objects=iterable)

    def remove(self, obj_or_string, commit=True):
        from .indexing import index_remove

        index_remove(identifiers=[get_identifier(obj_or_string)])

    def clear(self, models=None, commit=True):
        from .indexing import index_clear

        index_clear()

    # -- reading

    def _plan(self, query) -> object:
        return query if not isinstance(query, str) else plan.parse_string(query)

    def _models_allow(self, models) -> bool:
        from articles.models import Article

        return not models or Article in models

    def search(
        self,
        query_string,
        sort_by=None,
        start_offset=0,
        end_offset=None,
        fields="",
        highlight=False,
        facets=None,
        date_facets=None,
        query_facets=None,
        narrow_queries=None,
        spelling_query=None,
        within=None,
        dwithin=None,
        distance_point=None,
        models=None,
        limit_to_registered_models=None,
        result_class=None,
        **kwargs,
    ):
        from .indexing import prepare_segmenter
        from .whoosh_reader import EMPTY, Matched, live

        prepare_segmenter()  # jieba and staff's local words, once per process (ranking only)
        if within or dwithin or distance_point:
            raise NotImplementedError("the archive's index has no locations")
        result_class = result_class or SearchResult
        query = self._plan(query_string)
        extra = [self._plan(q) for q in (narrow_queries or ())]
        if extra:
            query = plan.And((query, *extra))
        with live.lock:
            state = live.get()
            matched = state.match(query) if self._models_allow(models) else Matched.exactly(EMPTY)
            count = matched.count
            # An estimated count may exceed what is there: the last page is short, never padded.
            end = count if end_offset is None else min(count, end_offset)
            notes: list[str] = []
            page, scores = (
                state.ranked(plan.positive_forms(query), matched, sort_by, end, notes) if end > start_offset else ([], {})
            )
            page = page[start_offset:end]
            stored = [state.searcher.stored_fields(d) for d in page]
            counted = {"fields": {}, "dates": {}, "queries": {}}
            # Beyond EXACT_UP_TO candidates, facets are the candidates' counts scaled by the share
            # of the sample that matched (an estimate, as the count is).
            scale = 1.0 if matched.exact else matched.rate
            for name in facets or {}:
                counted["fields"][name] = state.field_facets(matched.docs, name, scale)
            for name, options in (date_facets or {}).items():
                if name != ISSUE_DATE:
                    raise NotImplementedError(f"date facets on {name!r}: only issue_date")
                counted["dates"][name] = state.date_facets(
                    matched.docs,
                    _as_date(options["start_date"]),
                    _as_date(options["end_date"]),
                    options.get("gap_by", "month"),
                    int(options.get("gap_amount", 1)),
                    scale,
                )
            for name, value in (query_facets or []):
                found = len(state.evaluate(plan.parse_string(f"{name}:{value}"), matched.docs))
                counted["queries"][f"{name}_{value}"] = found if matched.exact else round(found * scale)
        results = [
            result_class("articles", "article", int(s["django_id"]), scores.get(d, 0.0), **_stored(s))
            for d, s in zip(page, stored)
        ]
        if highlight and results:
            _highlight(results, plan.positive_forms(query))
        return {
            "results": results,
            "hits": count,
            "hits_exact": matched.exact,
            "hits_bounds": matched.bounds,
            "facets": counted,
            "spelling_suggestion": None,
            "notes": notes,
        }

    def more_like_this(
        self,
        model_instance,
        additional_query_string=None,
        start_offset=0,
        end_offset=None,
        models=None,
        limit_to_registered_models=None,
        result_class=None,
        **kwargs,
    ):
        from .whoosh_reader import live

        result_class = result_class or SearchResult
        query = self._plan(additional_query_string) if additional_query_string else plan.EVERYTHING
        with live.lock:
            state = live.get()
            docnum = state.docnum_of(model_instance.pk)
            if docnum is None or not self._models_allow(models):
                return {"results": [], "hits": 0}
            within = None if query == plan.EVERYTHING else state.evaluate(query)
            scores = state.more_like_this(docnum, within)
            ordered = sorted(scores, key=lambda d: (-scores[d], -int(state.sortkey[d])))
            end = len(ordered) if end_offset is None else end_offset
            page = ordered[start_offset:end]
            stored = [state.searcher.stored_fields(d) for d in page]
        results = [
            result_class("articles", "article", int(s["django_id"]), scores[d], **_stored(s))
            for d, s in zip(page, stored)
        ]
        return {"results": results, "hits": len(ordered)}


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _stored(stored: dict) -> dict:
    """A result's stored fields in Python form (``result.year`` is an int, ``result.reporters``
    a list, ``result.issue_date`` a date), without haystack's own id fields."""
    values = {k: v for k, v in stored.items() if k not in (ID, DJANGO_CT, DJANGO_ID)}
    if YEAR in values:
        values[YEAR] = int(values[YEAR])
    if ISSUE_DATE in values and isinstance(values[ISSUE_DATE], dt.datetime):
        values[ISSUE_DATE] = values[ISSUE_DATE].date()
    values[REPORTERS] = values[REPORTERS].split(REPORTER_SEPARATOR) if values.get(REPORTERS) else []
    values.setdefault(COLUMN, "")
    if values.get(PAGE_NUMBER):
        values[PAGE_NUMBER] = int(values[PAGE_NUMBER])
    return values


def _highlight(results, forms) -> None:
    """``result.highlighted["text"]``: one escaped snippet of the printed article, hits marked."""
    from articles.models import Article

    from .snippets import snippet

    articles = Article.objects.in_bulk([r.pk for r in results])
    for result in results:
        article = articles.get(int(result.pk))
        marked = snippet(article.paragraphs, forms) if article else ""
        result.highlighted = {TEXT: [str(marked)]}


class ChineseWhooshSearchQuery(plan.PlanSearchQuery, WhooshSearchQuery):
    """haystack's SQ tree goes to the backend as a plan: the user's text is never escaped into
    Whoosh's query language, and no lookup is silently dropped."""


class ChineseWhooshEngine(WhooshEngine):
    backend = ChineseWhooshSearchBackend
    query = ChineseWhooshSearchQuery


__all__ = ["ChineseWhooshEngine", "ChineseWhooshSearchBackend", "ChineseWhooshSearchQuery"]
