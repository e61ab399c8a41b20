"""The one door from the research tools to the search engine.

Everything here (exports, feeds, trends, related articles, the API's extra keys) asks
``find`` for matching article ids; when the site's search moves behind haystack's
``SearchQuerySet``, only this module changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from articles.search.query import Filters, IndexUnavailable, ParsedQuery, QueryError, parse_query, search

__all__ = ["Filters", "Found", "IndexUnavailable", "QueryError", "find", "parse"]


@dataclass
class Found:
    count: int
    ids: list[int]
    facets: dict[str, list[tuple[str, int]]]


def parse(raw: str) -> ParsedQuery:
    return parse_query(raw)


def find(raw: str, *, filters: Filters = Filters(), sort: str = "relevance", limit: int = 20,
         offset: int = 0, facets: bool = False) -> Found:
    """Articles matching what a reader typed: the exact count and up to ``limit`` ids in order."""
    parsed = parse_query(raw)
    if parsed.is_empty:
        return Found(count=0, ids=[], facets={})
    outcome = search(parsed, filters=filters, sort=sort, offset=offset, limit=limit, facets=facets)
    return Found(count=outcome.count, ids=[hit.article_id for hit in outcome.hits], facets=outcome.facets)
