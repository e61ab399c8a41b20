"""WSGI entry point for gunicorn (see gunicorn.conf.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsarchive.settings")

application = get_wsgi_application()


def _prepare_search() -> None:
    # Load jieba's dictionary here, at import: with gunicorn's preload_app the master does it
    # once and the forked workers share it, so no request waits a second for it. The database
    # connection it used is closed so no worker inherits it.
    from django.db import connections

    from articles.search.indexing import prepare_segmenter

    prepare_segmenter()
    connections.close_all()


_prepare_search()
