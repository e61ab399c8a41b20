"""Search follows the admin behind real gunicorn, as `make run` serves it: several workers, the
index written only by the separate process each edit starts (``indexing.index_follow``).

Editors log in through the admin login form over HTTP (CSRF cookie and token, django-axes in
the authentication path), open an article's change form, fill it in as a browser would and
save; then the JSON search API is asked, for up to 30 s (a bound for a slow machine, not a
speed test), until the new words find the article. Two editors saving at the same moment
from two threads both reach search, and the server log shows no LockError and no traceback.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from live_server import free_port, gunicorn_serving, manage_py, server_env
from test_admin import FIRST_HEADLINE, read_form

PORTS = range(8370, 8390)  # this suite's own ports; any free port after them
PASSWORD = "a-long-test-password-42"
EDITORS = ("meili", "jianguo")
FOLLOW_WAIT = 30  # seconds

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")), reason="runs its own SQLite processes; covered by the SQLite run"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(base URL, data dir) of the seeded, indexed archive with two editors, served by gunicorn
    with the worker count gunicorn.conf.py chooses (at least three)."""
    data_dir = tmp_path_factory.mktemp("admin-search-live")
    env = server_env(data_dir, PORT=str(free_port(PORTS)))
    env.pop("WEB_CONCURRENCY", None)
    make_editors = (
        "from django.contrib.auth.models import Group, User\n"
        f"for name in {EDITORS!r}:\n"
        f"    User.objects.create_user(name, password={PASSWORD!r}, is_staff=True)"
        ".groups.add(Group.objects.get(name='editor'))\n"
    )
    manage_py(env, ["migrate", "--noinput", "-v0"], ["ingest", "seeds/", "-v0"], ["ensure_search_index"],
              ["collectstatic", "--noinput", "-v0"], ["shell", "--no-imports", "-c", make_editors])
    with gunicorn_serving(env, data_dir / "gunicorn.log") as base_url:
        yield base_url, data_dir
        wait_for_syncs(data_dir)  # their errors, if any, go to the server log read below
    log = (data_dir / "gunicorn.log").read_text()
    assert "LockError" not in log and "Traceback" not in log, log[-5000:]


class Editor:
    """One editor's browser: its own cookies, redirects not followed (the tests read them)."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base_url: str, username: str):
        self.base_url = base_url
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), self._NoRedirect)
        status, _ = self.submit("/admin/login/?next=/admin/", "login-form",
                                {"username": username, "password": PASSWORD})
        assert status == 302, f"{username} could not log in"

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base_url + path, data=body,
                                         headers={"Referer": self.base_url + path})
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode()

    def submit(self, path: str, form_id: str, changes: dict[str, str]) -> tuple[int, str]:
        """GET the form, keep every value a browser would send, change some, POST it."""
        status, page = self.request(path)
        assert status == 200, page[:500]
        data = read_form(page, form_id)
        data.update({name: [value] for name, value in changes.items()})
        return self.request(path, data)

    def correct_headline(self, article_id: int, headline: str) -> None:
        status, page = self.submit(f"/admin/articles/article/{article_id}/change/", "article_form",
                                   {"headline": headline})
        assert status == 302, page[:3000]  # saved, back to the list


def found(base_url: str, words: str) -> dict[int, str]:
    """{article id: headline} of every article the JSON search API finds for ``words`` as
    written (mode=exact: the words fallback would find an article by its parts)."""
    url = f"{base_url}/api/search/?{urllib.parse.urlencode({'q': words, 'mode': 'exact'})}"
    results: dict[int, str] = {}
    while url:
        with urllib.request.urlopen(url, timeout=60) as response:
            page = json.load(response)
        results.update({hit["id"]: hit["headline"] for hit in page["results"]})
        url = page["next"] and urllib.parse.urljoin(base_url, page["next"])
    return results


def wait_until_found(base_url: str, words: str, article_id: int) -> None:
    deadline = time.monotonic() + FOLLOW_WAIT
    while article_id not in found(base_url, words):
        assert time.monotonic() < deadline, f"search did not find article {article_id} by {words!r}"
        time.sleep(0.3)


def article_id(base_url: str, headline: str) -> int:
    [pk] = [pk for pk, found_headline in found(base_url, headline).items() if found_headline == headline]
    return pk


def wait_for_syncs(data_dir: Path) -> None:
    """Wait (up to FOLLOW_WAIT) for the sync processes the edits started on ``data_dir``."""
    deadline = time.monotonic() + FOLLOW_WAIT
    mark = f"NEWSARCHIVE_DATA_DIR={data_dir}".encode()
    while time.monotonic() < deadline:
        running = False
        for proc in Path("/proc").iterdir():
            try:
                if b"--sync-only" in (proc / "cmdline").read_bytes() and mark in (proc / "environ").read_bytes().split(b"\0"):
                    running = True
            except OSError:  # not a process, gone, or not ours
                continue
        if not running:
            return
        time.sleep(0.3)


def test_corrected_headline_is_found_by_its_new_words_and_not_its_old_ones(site):
    base_url, _ = site
    pk = article_id(base_url, FIRST_HEADLINE)
    assert list(found(base_url, "庆祝建立")) == [pk]  # only this headline has these words together
    assert found(base_url, "庆贺结好") == {}

    Editor(base_url, "meili").correct_headline(pk, "无锡代表团访问阿联酋艾因市 共同庆贺结好友好交流城市关系五周年")

    wait_until_found(base_url, "庆贺结好", pk)
    assert found(base_url, "庆祝建立") == {}
    # Every worker answers from the same index: ask a few more times than there are workers.
    for _ in range(8):
        assert list(found(base_url, "庆贺结好")) == [pk]


def test_two_editors_saving_at_once_both_reach_search(site):
    base_url, _ = site
    edits = {
        article_id(base_url, "康明斯与卓品智能在锡成立合资公司"): ("meili", "康明斯与卓品智能在锡设立合资企业", "设立合资企业"),
        article_id(base_url, "氢能产业标准体系建设指南发布"): ("jianguo", "氢能产业标准体系建设指南正式印发", "指南正式印发"),
    }
    for _, _, words in edits.values():
        assert found(base_url, words) == {}
    editors = {pk: Editor(base_url, username) for pk, (username, _, _) in edits.items()}
    start = threading.Barrier(len(edits))
    errors = []

    def save(pk: int) -> None:
        try:
            start.wait(timeout=30)
            editors[pk].correct_headline(pk, edits[pk][1])
        except Exception as exc:  # reported below, in the test's own thread
            errors.append(exc)

    threads = [threading.Thread(target=save, args=(pk,)) for pk in edits]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []

    for pk, (_, headline, words) in edits.items():
        wait_until_found(base_url, words, pk)
        assert found(base_url, words) == {pk: headline}
