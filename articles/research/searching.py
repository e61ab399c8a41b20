"""The one door from the research tools to the search engine.

Everything here (exports, feeds, trends, related articles, the API's extra keys) asks
``find`` for matching article ids; when the site's search moves behind haystack's
``SearchQuerySet``, only this module changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from articles.search.analysis import jieba_words
from articles.search.normalize import normalize
from articles.search.query import Filters, IndexUnavailable, ParsedQuery, QueryError, parse_query, search

__all__ = ["Filters", "Found", "IndexUnavailable", "QueryError", "find", "parse", "words"]


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


def words(text: str) -> list[str]:
    """The words of ``text`` as search segments them (jieba, on the matching form), in order."""
    from articles.search.indexing import prepare_segmenter

    prepare_segmenter()
    return list(dict.fromkeys(jieba_words(normalize(text))))
