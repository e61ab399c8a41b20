"""Hostile requests against the real server, as `make run` starts it: every one is answered
(no 5xx), none stalls a worker (gunicorn kills a worker stuck for 30 s and logs
"WORKER TIMEOUT"), and the site answers normally afterwards."""

from urllib.parse import quote, urlencode

from hostile import PAGE_NUMBERS, QUERIES
from test_faults import gunicorn, http, own_sqlite_processes, served_archive  # noqa: F401  (fixture)

pytestmark = own_sqlite_processes


def test_hostile_requests_never_break_or_stall_a_worker(served_archive):  # noqa: F811
    manage = served_archive
    manage("ensure_search_index")
    paths = [f"/search/?{urlencode({'q': q})}" for q in QUERIES]
    paths += [f"/api/search/?{urlencode({'q': q, 'page': p})}" for q in QUERIES[::5] for p in PAGE_NUMBERS]
    paths += ["/issues/2023-02-30/", "/issues/9999/12/", "/articles/99999999999999999999/", "/reporters/?page=-1",
              "/search/?q=" + quote("x" * 5000), "/" + quote("无锡" * 300) + "/"]
    with gunicorn(manage, workers=2) as base:
        statuses = {}
        for path in paths:
            status, _, _ = http(base + path, timeout=60)
            statuses[path] = status
        oversized, _, _ = http(base + "/search/?q=" + quote("锡" * 5000), timeout=60)
        after, _, body = http(base + "/search/?q=" + quote("无锡"), timeout=60)
    server_errors = {path: status for path, status in statuses.items() if status >= 500}
    assert server_errors == {}
    assert statuses["/search/?q=" + quote("x" * 5000)] == 400  # the app's own "too long" page
    assert oversized == 400  # over gunicorn's 8 KB request line: gunicorn's own 400
    assert after == 200 and "无锡" in body
    log = (manage.data_dir / "gunicorn.log").read_text()
    assert "WORKER TIMEOUT" not in log
    assert "Traceback" not in log
