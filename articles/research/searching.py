"""The one door from the research tools to the search: haystack's ``SearchQuerySet`` as the
site builds it (``articles.search.query.searchqueryset``) and the page's own form
(``articles.search.forms``).

Exports and feeds run the results page's form (``find_form``), so they hold exactly what the
page lists, the words reading included; trends and related articles ask exact questions
(``find``).
"""

from __future__ import annotations

from dataclasses import dataclass

from articles.search.analysis import jieba_words
from articles.search.forms import ArchiveSearchForm, run_search_form
from articles.search.language import ParsedQuery, QueryError, parse_query
from articles.search.normalize import normalize
from articles.search.query import Filters, IndexUnavailable, filters_sq, searchqueryset, site_facets

__all__ = ["Filters", "Found", "IndexUnavailable", "QueryError", "find", "find_form", "like", "parse", "words"]


@dataclass
class Found:
    count: int
    ids: list[int]
    facets: dict[str, list[tuple[str, int]]]
    match: str = "exact"


def parse(raw: str) -> ParsedQuery:
    return parse_query(raw)


def find(raw: str, *, filters: Filters = Filters(), sort: str = "relevance", limit: int = 20,
         offset: int = 0, facets: bool = False) -> Found:
    """Articles holding what a reader typed, exactly: the count and up to ``limit`` ids in order."""
    parsed = parse_query(raw)
    if parsed.is_empty:
        return Found(count=0, ids=[], facets={})
    sqs = searchqueryset(parsed, filters, sort, facets=facets)
    ids = [int(r.pk) for r in sqs[offset : offset + limit]] if limit > 0 else []
    count = sqs.count()
    return Found(count=count, ids=ids, facets=site_facets(sqs.facet_counts()) if facets and count else {})


def find_form(form: ArchiveSearchForm, *, limit: int) -> Found:
    """The first ``limit`` results of the results page's own (valid) form, in the page's order."""
    page = run_search_form(form, page=1, per_page=limit, facets=False)
    return Found(count=page.count, ids=[int(r.pk) for r in page.results], facets={}, match=page.match)


def like(article, *, filters: Filters = Filters(), limit: int = 5) -> list[int]:
    """Ids of the articles most like ``article`` (haystack's ``more_like_this``: the article's
    rarest words), within ``filters``, best first."""
    from haystack.query import SearchQuerySet

    from articles.models import Article

    sqs = SearchQuerySet().models(Article)
    condition = filters_sq(filters)
    if condition:
        sqs = sqs.filter(condition)
    return [int(r.pk) for r in sqs.more_like_this(article)[:limit]]


def words(text: str) -> list[str]:
    """The words of ``text`` as search segments them (jieba, on the matching form), in order."""
    from articles.search.indexing import prepare_segmenter

    prepare_segmenter()
    return list(dict.fromkeys(jieba_words(normalize(text))))
