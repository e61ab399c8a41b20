"""Research tools on top of the archive and its search: citations and reference-manager
exports, CSV exports of results, Atom feeds, the advanced search form, trends, related articles.

Pure formatting (``citations``, ``trend_chart``) has no Django imports; ``records`` turns
articles into what they format; ``searching`` is the one door to the search engine; the views
in ``views`` and ``feeds`` stay thin.
"""
