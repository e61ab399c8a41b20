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


def test_idle_connections_do_not_stall_the_workers(served_archive):  # noqa: F811
    """Browsers open connections ahead of time and send nothing on them for a while; a scraper
    may do it on purpose. With more idle connections than workers, a real request must still
    be answered at once, not after gunicorn's 30 s timeout."""
    import socket
    from urllib.parse import urlparse

    manage = served_archive
    with gunicorn(manage, workers=2) as base:
        address = (urlparse(base).hostname, urlparse(base).port)
        idle = [socket.create_connection(address) for _ in range(6)]
        try:
            # A stall detector with a wide margin: a stalled server answers after 30 s.
            status, _, body = http(base + "/reporters/", timeout=15)
        finally:
            for sock in idle:
                sock.close()
    assert status == 200 and "记者" in body
