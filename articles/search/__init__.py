"""Chinese full-text search over the archive's articles (django-haystack + Whoosh + jieba).

- ``normalize``: the one normaliser (NFKC, traditional→simplified, casefold) for index and query;
- ``analysis``: turns an article's text into the index's terms, once per article;
- ``backend``: the haystack Whoosh backend, subclassed for our schema;
- ``indexing``: the one writer to the index (update, rebuild aside and swap, catch up);
- ``query``: the user's query syntax, the Whoosh queries built from it, and running a search;
- ``snippets``: escaped snippets with every hit marked.

Design notes: docs/search.md.
"""
