"""The search index's field vocabulary: the names every layer uses (writer, reader, engines, site).

One small module at the bottom of the search wing, importing nothing, so the haystack
``SearchIndex``, the index writer, each engine and the query language name fields the same
way without importing each other.
"""

# haystack's document field: the article's printed parts (headline, paragraphs, bylines).
TEXT = "text"
# jieba words of the text, counted: ranking only (BM25), never matching.
WORDS = "words"
HEADLINE = "headline"
# The article's body as printed (lead and paragraphs), without headlines, bylines or captions:
# the field of the ``正文:``/``body:`` scope. Matched exactly like ``text``; each engine keeps it
# its own way (Whoosh: where the body lies in the text store record; Xapian: ``B`` grams).
BODY = "body"
ISSUE_DATE = "issue_date"
YEAR = "year"
REPORTERS = "reporters"
COLUMN = "column"
# Issue 10: which paper, and the page as printed (its label) and by order (its sequence).
PAPER = "paper"
PAGE_LABEL = "page_label"
PAGE_NUMBER = "page_number"
# Where the document's record is in the Whoosh text store (bytes): start, length, headline length.
TSTART, TLEN, HLEN = "tstart", "tlen", "hlen"
# ... and where its body lies inside that record: offset from tstart and length (bytes).
BOFF, BLEN = "boff", "blen"

# Fields a search may filter, facet or sort on (haystack's field lookups).
FACET_FIELDS = (YEAR, REPORTERS, COLUMN, PAPER)
DATE_FIELDS = (ISSUE_DATE,)

# Reporters of one article are stored joined by this character: it never occurs in a name
# (a name may hold a comma, ``李,四``, or a space, ``张 三``).
REPORTER_SEPARATOR = "\x1f"

# haystack's "no special field": the document field.
CONTENT = "content"
