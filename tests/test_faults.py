"""Faults a public archive meets, with real processes: an ingest killed with SIGKILL in the
middle of a file, a database held by a long write while gunicorn serves, and a search index
folder that is missing or corrupt.

The first two start their own processes on a SQLite data dir (the `manage` fixture), so on
the PostgreSQL run they would repeat the SQLite run: they are skipped there. The index faults
run in-process on either database.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from live_server import free_port, gunicorn_serving

BASE_DIR = Path(__file__).resolve().parent.parent
SEEDS = BASE_DIR / "seeds"
PORTS = range(8350, 8370)  # this suite's ports (the loadtest uses the same range)

# For the tests that start their own processes on a SQLite data dir.
own_sqlite_processes = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="runs its own SQLite processes; covered by the SQLite run"
)


def big_page_file(folder: Path, copies: int = 100) -> Path:
    """A real page file with `copies` × 5 articles (seed 002's articles, headlines numbered),
    large enough that its ingest transaction takes seconds."""
    blocks = (SEEDS / "002_c87d14da307c1518.txt").read_text(encoding="utf-8").strip("\n").split("\n\n")
    headlines = {i for i, block in enumerate(blocks[:-1]) if blocks[i + 1].startswith("本报讯")}
    out = []
    for n in range(copies):
        out.extend(block + (f"（之{n}）" if i in headlines else "") for i, block in enumerate(blocks))
    path = folder / "900_big.txt"
    path.write_text("\n\n".join(out) + "\n", encoding="utf-8")
    return path


def sqlite_write_lock_is_held(db: Path) -> bool:
    """True while another connection is inside a write transaction on `db`."""
    probe = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc):
            return True
        raise
    finally:
        probe.close()


def db_rows(db: Path, sql: str, *params):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def subprocess_env(manage, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env["NEWSARCHIVE_DATA_DIR"] = str(manage.data_dir)
    env.update(extra)
    return env


@own_sqlite_processes
def test_ingest_killed_mid_file_leaves_no_partial_page_and_a_rerun_completes_it(manage, tmp_path):
    manage("migrate", "--noinput")
    manage("ingest", str(SEEDS))
    db = manage.data_dir / "db.sqlite3"
    seeds_before = db_rows(db, "SELECT id, headline, body FROM articles_article ORDER BY id")
    folder = tmp_path / "incoming"
    folder.mkdir()
    big = big_page_file(folder)

    # The real ingest command, with one addition: once the first rows of the file's articles
    # are written (inside its transaction, however they are written) it says so and pauses,
    # so the kill lands mid-file however fast ingest has become.
    ingest_paused_mid_file = (
        "import time\n"
        "from django.core.management import call_command\n"
        "from django.db import connection\n"
        "paused = []\n"
        "def pause(execute, sql, params, many, context):\n"
        "    result = execute(sql, params, many, context)\n"
        "    if not paused and connection.in_atomic_block and sql.lstrip().upper().startswith(\n"
        "            'INSERT INTO \"ARTICLES_ARTICLE\"'):\n"
        "        paused.append(1)\n"
        "        print('mid-file', flush=True)\n"
        "        time.sleep(300)\n"
        "    return result\n"
        "with connection.execute_wrapper(pause):\n"
        f"    call_command('ingest', {str(big)!r})\n"
    )
    ingest = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", ingest_paused_mid_file],
        cwd=BASE_DIR, env=subprocess_env(manage), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = ingest.stdout.readline()
        assert line.strip() == "mid-file", f"{line!r} {ingest.stderr.read() if ingest.poll() is not None else ''}"
        assert sqlite_write_lock_is_held(db)  # inside the file's transaction
        articles_seen_by_others = db_rows(db, "SELECT count(*) FROM articles_article")[0][0]
        ingest.send_signal(signal.SIGKILL)
        ingest.wait(timeout=30)
    finally:
        if ingest.poll() is None:
            ingest.kill()
            ingest.wait()
    assert ingest.returncode == -signal.SIGKILL

    # Nothing of the killed file is visible, nothing else changed, and the database is whole.
    assert articles_seen_by_others == len(seeds_before)
    assert db_rows(db, "SELECT count(*) FROM articles_page WHERE source_file = ?", big.name) == [(0,)]
    assert db_rows(db, "SELECT id, headline, body FROM articles_article ORDER BY id") == seeds_before
    assert db_rows(db, "PRAGMA integrity_check") == [("ok",)]

    rerun = manage("ingest", str(folder))
    assert "900_big.txt: 新增，500 篇文章" in rerun.stdout
    assert db_rows(
        db,
        "SELECT count(*) FROM articles_article a JOIN articles_page p ON a.page_id = p.id WHERE p.source_file = ?",
        big.name,
    ) == [(500,)]
    assert "跳过 1" in manage("ingest", str(folder)).stdout


# --- a real gunicorn, as `make run` starts it ----------------------------------------------


def http(url: str, data: bytes | None = None, headers: dict | None = None, timeout: float = 60):
    """(status, headers, body) without raising on 4xx/5xx; no redirects followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read().decode("utf-8", "replace")


@contextmanager
def gunicorn(manage, workers: int = 2):
    env = subprocess_env(manage, PORT=str(free_port(PORTS)), WEB_CONCURRENCY=str(workers))
    with gunicorn_serving(env, manage.data_dir / "gunicorn.log") as base:
        yield base


@pytest.fixture
def served_archive(manage):
    """A data dir prepared the way `make run` prepares it (minus the index, built per test)."""
    manage("migrate", "--noinput")
    manage("ensure_admin")
    manage("ingest", str(SEEDS))
    manage("collectstatic", "--noinput", "-v0")
    return manage


def admin_login(base: str, password: str) -> int:
    """Log in through the admin form, as a browser does; returns the POST's status."""
    import http.cookiejar
    import re

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = opener.open(base + "/admin/login/", timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "admin", "password": password, "next": "/admin/"}
    ).encode()
    request = urllib.request.Request(base + "/admin/login/", data=form, headers={"Referer": base + "/admin/login/"})
    try:
        with opener.open(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@own_sqlite_processes
def test_requests_wait_for_a_long_write_and_then_succeed(served_archive):
    manage = served_archive
    db = manage.data_dir / "db.sqlite3"
    password = (manage.data_dir / "admin-password.txt").read_text().split()[-1]
    article_id = db_rows(db, "SELECT min(id) FROM articles_article")[0][0]

    # A writer that holds the database's write lock for a few seconds, as a big ingest or a
    # bulk correction does. It prints once it holds the lock.
    hold = (
        "import sys, time; from django.db import transaction; from articles.models import Issue\n"
        "with transaction.atomic():\n"
        "    Issue.objects.filter(pk=-1).update(date_evidence='x')\n"
        "    print('locked', flush=True); time.sleep(4)\n"
        "print('released', flush=True)\n"
    )
    with gunicorn(manage) as base:
        writer = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", hold],
            cwd=BASE_DIR, env=subprocess_env(manage), stdout=subprocess.PIPE, text=True,
        )
        try:
            assert writer.stdout.readline().strip() == "locked"
            assert sqlite_write_lock_is_held(db)
            events = []

            def login():
                events.append(admin_login(base, password))

            login_thread = threading.Thread(target=login)
            login_thread.start()
            # Readers are not blocked by the writer (WAL): the public pages keep serving.
            for url in ["/", f"/articles/{article_id}/"]:
                status, _, _ = http(base + url)
                assert status == 200, url
            reads_done_while_locked = sqlite_write_lock_is_held(db)
            login_waiting_while_locked = login_thread.is_alive() and sqlite_write_lock_is_held(db)
            login_thread.join(timeout=60)
            assert writer.stdout.readline().strip() == "released"
        finally:
            writer.wait(timeout=30)
    assert reads_done_while_locked
    # The login writes (session, last_login, the login log): it waited for the lock and
    # then succeeded with the redirect into the admin, instead of failing "database is locked".
    assert login_waiting_while_locked
    assert events == [302]
    assert "database is locked" not in (manage.data_dir / "gunicorn.log").read_text()


# --- the search index missing or corrupt ---------------------------------------------------


@pytest.fixture
def indexed_archive(db, settings, tmp_path):
    """The seed pages and their search index, in a temporary data folder."""
    from io import StringIO

    from django.core.management import call_command

    from articles.search import indexing, query

    settings.DATA_DIR = tmp_path
    settings.SEARCH_INDEX_DIR = tmp_path / "whoosh_index"
    settings.HAYSTACK_CONNECTIONS = {
        "default": {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(settings.SEARCH_INDEX_DIR)}
    }
    call_command("ingest", str(SEEDS), stdout=StringIO(), stderr=StringIO())
    query.live.reset()
    indexing.index_rebuild()
    yield settings.SEARCH_INDEX_DIR
    query.live.reset()


def remove_index(index: Path) -> None:
    import shutil

    live = index.resolve()
    index.unlink() if index.is_symlink() else shutil.rmtree(index)
    shutil.rmtree(live, ignore_errors=True)


def garble_table_of_contents(index: Path) -> None:
    tocs = list(index.resolve().glob("*.toc"))
    assert tocs, "no table of contents to garble"
    for toc in tocs:
        toc.write_bytes(b"\x80\x04garbage, not a pickle" * 10)


def delete_segments(index: Path) -> None:
    segments = [p for p in index.resolve().iterdir() if p.suffix not in (".toc", ".json", ".lock")]
    assert segments, "no segment files to delete"
    for path in segments:
        path.unlink()


def garble_segments(index: Path) -> None:
    segments = [p for p in index.resolve().iterdir() if p.suffix not in (".toc", ".json", ".lock")]
    assert segments, "no segment files to garble"
    for path in segments:
        path.write_bytes(b"\x00" * path.stat().st_size)


def rebuild_with_manage_py():
    from io import StringIO

    from django.core.management import call_command

    call_command("rebuild_index", "--noinput", stdout=StringIO())


@pytest.mark.parametrize("damage", [remove_index, garble_table_of_contents, delete_segments, garble_segments])
def test_damaged_index_makes_search_say_it_is_being_rebuilt_while_pages_serve(client, indexed_archive, damage):
    from articles.models import Article

    from articles.search import query

    assert client.get("/search/", {"q": "无锡"}).status_code == 200  # a worker with a searcher open
    damage(indexed_archive)
    # A worker whose searcher is already open may go on answering from its open files, or see
    # the damage; either way it answers, never 500.
    assert client.get("/search/", {"q": "无锡"}).status_code in (200, 503)
    query.live.reset()  # a worker started (or recycled) after the damage

    for url in ["/search/?q=无锡", "/search/?q=杜小刚&page=1"]:
        response = client.get(url)
        assert response.status_code == 503, url
        assert response["Retry-After"]
        assert "正在重建" in response.content.decode()
        assert 'lang="zh-Hans"' in response.content.decode()
    api = client.get("/api/search/", {"q": "无锡"})
    assert api.status_code == 503 and "正在重建" in api.json()["error"]
    article = Article.objects.order_by("pk").first()
    for url in ["/", article.get_absolute_url(), article.page.issue.get_absolute_url(), "/issues/", "/reporters/"]:
        assert client.get(url).status_code == 200, url

    rebuild_with_manage_py()
    response = client.get("/search/", {"q": "杜小刚"})
    assert response.status_code == 200
    assert article.headline in response.content.decode() or "杜小刚" in response.content.decode()


def test_make_run_step_rebuilds_a_missing_or_unreadable_index(indexed_archive, client):
    """`make run` calls `ensure_search_index`: it must notice either fault and rebuild."""
    from io import StringIO

    from django.core.management import call_command

    from articles.search import query

    for damage in (remove_index, garble_table_of_contents):
        damage(indexed_archive)
        query.live.reset()
        assert client.get("/search/", {"q": "无锡"}).status_code == 503
        out = StringIO()
        call_command("ensure_search_index", stdout=out)
        assert "已新建" in out.getvalue() or "已重建" in out.getvalue(), out.getvalue()
        assert client.get("/search/", {"q": "无锡"}).status_code == 200
