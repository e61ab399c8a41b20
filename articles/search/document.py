"""What one article becomes in a search index: the one function every engine's writer calls.

haystack's ``ArticleIndex`` (``articles/search_indexes.py``) says which fields an article has
(the document text from its template, headline, body, date, year, reporters, column ...);
``article_document`` is its prepared form, ``articles_to_index`` the articles with what
preparing them reads already loaded. Each engine turns this dictionary into its own terms.
"""

from __future__ import annotations


def search_index():
    """haystack's SearchIndex for articles."""
    from haystack import connections

    from articles.models import Article

    return connections["default"].get_unified_index().get_index(Article)


def articles_to_index():
    """Every article to index, with its page, issue and bylines loaded."""
    return search_index().index_queryset()


def article_document(article) -> dict:
    """The fields of one article as every engine indexes them (haystack's ``full_prepare``)."""
    return search_index().full_prepare(article)


__all__ = ["article_document", "articles_to_index", "search_index"]
