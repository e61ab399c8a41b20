"""Shared pytest fixtures for the whole suite."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings

BASE_DIR = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True, scope="session")
def plain_static_storage(tmp_path_factory):
    """Render `{% static %}` without the manifest that only `collectstatic` writes.

    Session-wide (not per test) so it is already in force in setUpClass, where live-server
    test cases start their server thread. STATIC_ROOT points at an empty folder that exists,
    which WhiteNoise otherwise warns about on every request handler it builds.
    """
    with override_settings(
        STATIC_ROOT=tmp_path_factory.mktemp("static_root"),
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {
                "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
            },
        }
    ):
        yield


@pytest.fixture
def manage(tmp_path):
    """Run `manage.py <args>` in a fresh process whose NEWSARCHIVE_DATA_DIR is empty.

    Returns a function; `env` adds to or (with None) removes from the environment.
    `manage.python(code)` runs `code` in `manage.py shell` and returns its stdout.
    """
    data_dir = tmp_path / "data"

    def run(*args, env=None, check=True):
        environ = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith("DJANGO_") and key != "DATABASE_URL"
        }
        environ["NEWSARCHIVE_DATA_DIR"] = str(data_dir)
        for key, value in (env or {}).items():
            if value is None:
                environ.pop(key, None)
            else:
                environ[key] = value
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=environ,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if check and result.returncode != 0:
            pytest.fail(
                f"manage.py {' '.join(args)} exited {result.returncode}\n"
                f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
            )
        return result

    def python(code, env=None):
        return run("shell", "--no-imports", "-c", code, env=env).stdout

    run.data_dir = data_dir
    run.python = python
    return run


@pytest.fixture
def search_data_dir(db, settings, tmp_path):
    """The data folder, and with it the search index, in a temporary folder for one test.

    Points DATA_DIR, SEARCH_INDEX_DIR and haystack's PATH there, and forgets the process's open
    searcher before and after, so each test sees only its own index.
    """
    from articles.search import query

    settings.DATA_DIR = tmp_path
    settings.SEARCH_INDEX_DIR = tmp_path / Path(settings.HAYSTACK_CONNECTIONS["default"]["PATH"]).name
    settings.HAYSTACK_CONNECTIONS = {
        "default": {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(settings.SEARCH_INDEX_DIR)}
    }
    query.live.reset()
    yield settings.SEARCH_INDEX_DIR
    query.live.reset()


@pytest.fixture(autouse=True)
def search_sync_in_process(monkeypatch):
    """The index sync that a staff edit starts in a new process (``indexing.index_follow``)
    runs here instead, at once: in-process tests keep their database (pytest-django's test
    database) and search index (a temporary folder) where another process would not find them.
    The tests through real gunicorn (``test_admin_search_live.py``) run the real process."""
    from articles.search import indexing

    monkeypatch.setattr(indexing, "_start_sync_process", indexing.index_sync)


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """A headless Chromium for the browser tests (they skip without it: ``live_server.needs_chromium``)."""
    from live_server import headless_chromium

    with headless_chromium(tmp_path_factory.mktemp("chromium-profile")) as driver:
        yield driver
