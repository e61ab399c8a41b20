"""Searching the archive through haystack's door: a parsed query and filters in, a page out.

The site's one way to search (the search page, the API, feeds, related articles, the admin):
``searchqueryset`` turns what the reader typed (``language.parse_query``) and the filters into a
haystack ``SearchQuerySet``; ``search`` runs it for one page with exact counts and facets. The
engine behind is whichever ``settings.HAYSTACK_CONNECTIONS`` names; nothing here knows it.

Forms and the "run this form" helper are in ``articles.search.forms``.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from haystack.query import SQ, SearchQuerySet

from . import fields
from .language import MAX_QUERY_CHARS, MAX_TERMS, ParsedQuery, QueryError, Term, parse_query, to_sq
from .normalize import normalize
from .whoosh_reader import IndexUnavailable, live

SORTS = ("relevance", "newest", "oldest")
ORDER_BY = {"relevance": (), "newest": ("-issue_date",), "oldest": ("issue_date",)}
# Facet names on the site (and in the API) -> index fields.
FACETS = {"year": fields.YEAR, "reporter": fields.REPORTERS, "column": fields.COLUMN, "paper": fields.PAPER}


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    reporter: str | None = None
    column: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    paper: str | None = None
    page: str | None = None  # as printed (A02, 头版) or its number in the issue (3)


@dataclass
class Hit:
    article_id: int
    score: float = 0.0


@dataclass
class Outcome:
    count: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    seconds: float = 0.0


def filters_sq(filters: Filters) -> SQ:
    """The filters as one ``SQ`` (an empty one when there are none)."""
    result = SQ()
    if filters.year is not None:
        result &= SQ(year__exact=filters.year)
    if filters.reporter:
        result &= SQ(reporters__exact=filters.reporter)
    if filters.column:
        result &= SQ(column__exact=filters.column)
    if filters.date_from:
        result &= SQ(issue_date__gte=filters.date_from)
    if filters.date_to:
        result &= SQ(issue_date__lte=filters.date_to)
    if filters.paper:
        result &= SQ(paper__exact=filters.paper)
    if filters.page:
        page = SQ(page_label__exact=filters.page)
        if filters.page.isascii() and filters.page.isdigit():
            page |= SQ(page_number__exact=int(filters.page))
        result &= page
    return result


def searchqueryset(parsed: ParsedQuery, filters: Filters = Filters(), sort: str = "relevance", *, facets: bool = True):
    """The haystack ``SearchQuerySet`` for a parsed query, filters and sort order."""
    from articles.models import Article

    sqs = SearchQuerySet().models(Article).filter(to_sq(parsed))
    condition = filters_sq(filters)
    if condition:
        sqs = sqs.filter(condition)
    order = ORDER_BY.get(sort, ())
    if order:
        sqs = sqs.order_by(*order)
    if facets:
        for name in FACETS.values():
            sqs = sqs.facet(name)
    return sqs


def site_facets(counts: dict) -> dict[str, list[tuple[str, int]]]:
    """haystack's facet counts under the site's names: years newest first, others by count."""
    found = (counts or {}).get("fields", {})
    result = {}
    for name, fieldname in FACETS.items():
        values = [(str(value), n) for value, n in found.get(fieldname, []) if n]
        if name == "year":
            values.sort(key=lambda kv: kv[0], reverse=True)
        result[name] = values
    return result


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
    sqs = searchqueryset(parsed, filters, sort, facets=facets)
    page = list(sqs[offset : offset + limit]) if limit > 0 else []
    count = sqs.count()
    counted = site_facets(sqs.facet_counts()) if facets and count else {}
    hits = [Hit(article_id=int(r.pk), score=r.score or 0.0) for r in page]
    return Outcome(count=count, hits=hits, facets=counted, seconds=time.perf_counter() - started)


def term_count(term: Term) -> int:
    """How many articles hold one whole-text term, anywhere in the archive."""
    from .language import term_sq

    # Ordered by date: counting then needs no relevance ranking of what it finds.
    return SearchQuerySet().filter(term_sq(term)).order_by("-issue_date").count()


__all__ = [
    "FACETS",
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "SORTS",
    "Filters",
    "Hit",
    "IndexUnavailable",
    "Outcome",
    "ParsedQuery",
    "QueryError",
    "live",
    "normalize",
    "parse_query",
    "search",
    "searchqueryset",
    "site_facets",
]
