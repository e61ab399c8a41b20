"""haystack's Whoosh backend, subclassed for Chinese: our schema, our one writer, our queries.

haystack's own backend gives every text field an English ``StemmingAnalyzer``, highlights with
it, parses queries with Whoosh's query language and creates an empty index when it finds none.
We override only those parts:

- ``build_schema``: the document field ``text`` becomes the candidate field (unigrams and
  bigrams), the ranking field ``words`` (jieba) and the text-store offsets (``tstart``,
  ``tlen``, ``hlen``); ``headline`` keeps its grams for the headline boost;
  ``year``/``column``/``reporters``/``issue_date`` get columns so facets and date sorting read
  arrays instead of documents;
- ``setup``: opens nothing and creates nothing (a request must never write to the index);
- ``update``/``remove``/``clear``: hand over to ``articles.search.indexing``, the one writer;
- ``search``: takes the user's query syntax (``articles.search.query``), never Whoosh's parser.
  It returns no highlighting: the pages mark hits with ``articles.search.snippets``, which
  escapes the text (haystack's ``{% highlight %}`` does not, and marks nothing in Chinese).

The engine is configured in settings.HAYSTACK_CONNECTIONS.
"""

from __future__ import annotations

from haystack.backends.whoosh_backend import WhooshEngine, WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.models import SearchResult
from haystack.utils import get_identifier
from whoosh import columns, fields

from .analysis import GramsField, HeadlineGramsField, WordsField

# Whoosh field names beyond haystack's id/django_ct/django_id; the SearchIndex
# (articles/search_indexes.py) names the same fields.
TEXT, WORDS, HEADLINE = "text", "words", "headline"
ISSUE_DATE, YEAR, REPORTERS, COLUMN = "issue_date", "year", "reporters", "column"
# Where the document's record is in the text store (bytes): start, length, headline length.
TSTART, TLEN, HLEN = "tstart", "tlen", "hlen"


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
            ISSUE_DATE: fields.DATETIME(stored=True, sortable=True),
            YEAR: fields.ID(stored=True, sortable=True),
            COLUMN: fields.ID(stored=True, sortable=True),
            # Person names never contain commas; the column keeps the joined names per document.
            REPORTERS: fields.KEYWORD(stored=True, commas=True, lowercase=False, sortable=True),
        }
        for name, field in ours.items():
            if name in schema:
                schema.remove(name)
            schema.add(name, field)
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

    def search(self, query_string, start_offset=0, end_offset=None, result_class=None, **kwargs):
        """Search with the site's query syntax: haystack's SearchQuerySet gets our results."""
        from .query import QueryError, all_documents, parse_query, search

        result_class = result_class or SearchResult
        if (query_string or "").strip() == "*":
            # haystack's "everything" (update_index --remove counts and pages through it).
            count, ids = all_documents(offset=start_offset, limit=(end_offset or 10**9) - start_offset)
            return {"results": [result_class("articles", "article", pk, 0.0) for pk in ids], "hits": count}
        try:
            parsed = parse_query(query_string or "")
        except QueryError:
            return {"results": [], "hits": 0}
        per_page = max(1, (end_offset or start_offset + 20) - start_offset)
        found = search(parsed, offset=start_offset, limit=per_page)
        results = [result_class("articles", "article", hit.article_id, 0.0) for hit in found.hits]
        return {"results": results, "hits": found.count, "facets": {}, "spelling_suggestion": None}


class ChineseWhooshSearchQuery(WhooshSearchQuery):
    """The user's text goes to our parser as typed: never escaped into Whoosh's query language."""

    def build_query_fragment(self, field, filter_type, value):
        if field == "content" and filter_type == "content":
            return str(getattr(value, "query_string", value))
        return super().build_query_fragment(field, filter_type, value)


class ChineseWhooshEngine(WhooshEngine):
    backend = ChineseWhooshSearchBackend
    query = ChineseWhooshSearchQuery


__all__ = ["ChineseWhooshEngine", "ChineseWhooshSearchBackend", "DJANGO_CT", "DJANGO_ID", "ID"]
