"""The staff admin at /admin/: archive editors correct articles, reporters and issue dates.

One module per model admin (``article``, ``person``, ``issue``, ``localword``, ``paper``,
``delivery``); ``common``
holds what they share. Every change goes through ``articles.curation`` (never a plain
``obj.save()`` here), which locks corrected fields against re-ingest, records who changed what
in the history, refuses a save made on a stale copy, and tells search. Beside each corrected
field the article form shows what the parser produced, with a box to go back to it.
"""

from . import article, delivery, issue, localword, paper, person  # noqa: F401  (each registers its model admin)

from django.contrib import admin as _admin  # noqa: E402

# The index shows what waits for staff after ingest (日期待定 pages, held files).
_admin.site.index_template = "admin/archive_index.html"
