"""Hostile clients against the real server, as `make run` starts it behind the same-host proxy
the README recommends: forged X-Forwarded-For headers (login lock-outs), a flood of expensive
searches from one client, and connections that drip their request head.

The proxy is played by this test process connecting from 127.0.0.1 and sending the header a
proxy sends; a client reaching gunicorn directly is played by connecting from 127.0.0.2 (still
loopback: nothing here leaves the machine)."""

from __future__ import annotations

import http.client
import re
import socket
import time
import urllib.parse
from contextlib import contextmanager
from urllib.parse import urlparse

from live_server import free_port, gunicorn_serving
from test_faults import own_sqlite_processes, served_archive, subprocess_env  # noqa: F401  (fixture)

pytestmark = own_sqlite_processes

PORTS = range(8160, 8170)
PROXY = "127.0.0.1"  # the same-host reverse proxy
DIRECT = "127.0.0.2"  # a client that reaches gunicorn without the proxy


@contextmanager
def serving(manage, **env):
    env = subprocess_env(manage, **{"PORT": str(free_port(PORTS)), "WEB_CONCURRENCY": "2", **env})
    with gunicorn_serving(env, manage.data_dir / "gunicorn.log") as base:
        yield urlparse(base).port


def request(port: int, method: str, path: str, *, peer: str = PROXY, headers: dict | None = None,
            body: bytes | None = None, timeout: float = 30):
    """One request on a fresh connection from ``peer``: (status, headers, text)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=(peer, 0))
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.headers, response.read().decode("utf-8", "replace")
    finally:
        conn.close()


def admin_login(port: int, password: str, *, peer: str = PROXY, forwarded_for: str | None = None) -> int:
    """The admin login form, as a browser behind the proxy submits it; the POST's status
    (302: logged in, 200: the form again, 429: locked out)."""
    extra = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    status, headers, page = request(port, "GET", "/admin/login/", peer=peer, headers=extra)
    assert status == 200, page[:500]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "admin", "password": password, "next": "/admin/"}
    ).encode()
    status, _, _ = request(port, "POST", "/admin/login/", peer=peer, body=form, headers={
        **extra, "Cookie": f"csrftoken={cookie}", "Content-Type": "application/x-www-form-urlencoded",
    })
    return status


def test_behind_the_proxy_a_guesser_locks_out_only_themselves(served_archive):  # noqa: F811
    manage = served_archive
    password = (manage.data_dir / "admin-password.txt").read_text().split()[-1]
    with serving(manage, NEWSARCHIVE_TRUSTED_PROXIES=PROXY) as port:
        # A guesser on the internet, through the proxy: five wrong passwords lock them out...
        guesses = [admin_login(port, "wrong-password", forwarded_for="203.0.113.9") for _ in range(5)]
        guesser_with_right_password = admin_login(port, password, forwarded_for="203.0.113.9")
        # ...and not the editor, who comes through the same proxy from their own address.
        editor = admin_login(port, password, forwarded_for="198.51.100.7")

        # A client reaching gunicorn directly forges the header (a new address each time, and
        # the editor's): it is not believed, so the guesses count against the real peer.
        forged = [admin_login(port, "wrong-password", peer=DIRECT, forwarded_for=f"198.51.100.{n}")
                  for n in range(3, 8)]
        forger_with_right_password = admin_login(port, password, peer=DIRECT, forwarded_for="192.0.2.1")
        editor_again = admin_login(port, password, forwarded_for="198.51.100.7")
        # A client that writes its own X-Forwarded-For through the proxy gets the address the
        # proxy appends (the rightmost), not the one it wrote.
        appended = admin_login(port, password, forwarded_for="198.51.100.7, 203.0.113.9")
    assert guesses == [200, 200, 200, 200, 429]
    assert guesser_with_right_password == 429
    assert editor == 302
    assert forged == [200, 200, 200, 200, 429]
    assert forger_with_right_password == 429
    assert editor_again == 302
    assert appended == 429


def test_without_trusted_proxies_the_header_is_ignored(served_archive):  # noqa: F811
    """The default: nobody's X-Forwarded-For is believed, not even from loopback."""
    manage = served_archive
    password = (manage.data_dir / "admin-password.txt").read_text().split()[-1]
    with serving(manage) as port:
        forged = [admin_login(port, "wrong-password", forwarded_for=f"198.51.100.{n}") for n in range(5)]
        after = admin_login(port, password, forwarded_for="192.0.2.200")
        other_peer = admin_login(port, password, peer=DIRECT)
    assert forged == [200, 200, 200, 200, 429]
    assert after == 429
    assert other_peer == 302
    # The operator is told in the log why the header was ignored.
    log = (manage.data_dir / "gunicorn.log").read_text()
    assert "NEWSARCHIVE_TRUSTED_PROXIES is empty" in log


def test_a_mistyped_trusted_proxy_is_refused_at_start_by_name(manage):
    result = manage("check", env={"NEWSARCHIVE_TRUSTED_PROXIES": "127.0.0.1, 10.0.0.l"}, check=False)
    assert result.returncode != 0
    assert "NEWSARCHIVE_TRUSTED_PROXIES: '10.0.0.l' is not an IP address or network" in result.stderr


def drip_heads(port: int, count: int, *, interval: float = 0.5, limit: float = 20.0) -> dict:
    """``count`` connections that send a request line and then one header byte per ``interval``,
    for at most ``limit`` seconds or until the server closes them all. Returns, per connection,
    what the server answered before closing it (b"" if nothing) and after how many seconds
    (None if it was still open at the end)."""
    import select

    started = time.monotonic()
    socks = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(count)]
    answers = {sock: [b"", None] for sock in socks}
    try:
        for sock in socks:
            sock.sendall(b"GET /reporters/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        open_socks = list(socks)
        while open_socks and time.monotonic() - started < limit:
            for sock in list(open_socks):
                try:
                    sock.sendall(b"a")
                except OSError:
                    pass
            deadline = time.monotonic() + interval
            while open_socks and time.monotonic() < deadline:
                readable, _, _ = select.select(open_socks, [], [], max(0.0, deadline - time.monotonic()))
                for sock in readable:
                    try:
                        data = sock.recv(4096)
                    except OSError:
                        data = b""
                    answers[sock][0] += data
                    if not data:
                        answers[sock][1] = time.monotonic() - started
                        open_socks.remove(sock)
    finally:
        for sock in socks:
            sock.close()
    return {n: tuple(answers[sock]) for n, sock in enumerate(socks)}


def test_connections_dripping_their_headers_do_not_hold_the_workers(served_archive):  # noqa: F811
    """20 connections that send a header byte every half second to a server of one worker
    with 4 threads (one worker, so that every dripper surely lands on it): an ordinary request
    is still answered at once, and the drippers are answered 408 and closed once the head
    timeout (here 3 s) has passed."""
    import threading

    manage = served_archive
    with serving(manage, WEB_CONCURRENCY="1", GUNICORN_HEADER_TIMEOUT="3") as port:
        # Kept-alive connections still serve one request after another (each head read anew).
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        kept_alive = []
        for path in ("/", "/reporters/", "/"):
            conn.request("GET", path)
            response = conn.getresponse()
            kept_alive.append((response.status, len(response.read()) > 0))
        conn.close()
        result = {}
        dripping = threading.Thread(target=lambda: result.update(drip_heads(port, 20)))
        dripping.start()
        try:
            time.sleep(1.5)  # every dripper has sent its request line and a few header bytes
            # A stall detector with a wide margin: a stalled server answers only when the
            # drippers stop, after 20 s.
            started = time.monotonic()
            status, _, body = request(port, "GET", "/reporters/", timeout=8)
            waited = time.monotonic() - started
        finally:
            dripping.join(timeout=30)
        after, _, _ = request(port, "GET", "/", timeout=8)
    assert kept_alive == [(200, True)] * 3
    assert status == 200 and "记者" in body, waited
    assert after == 200
    assert len(result) == 20
    for answer, closed_after in result.values():
        assert answer.startswith(b"HTTP/1.1 408"), answer
        assert closed_after is not None and closed_after < 3 + 3


def test_one_client_flooding_search_is_refused_429_and_others_keep_searching(served_archive):  # noqa: F811
    """The flood of issue 14 item 7 from one client behind the proxy: 16 connections asking for
    page 50 of random one-character queries, on the results page and the API. Past its 2
    searches at once the flooder gets 429 with Retry-After (a Chinese page, JSON on the API);
    an ordinary reader searching meanwhile from another address is never refused."""
    import json
    import random
    import threading
    from urllib.parse import quote

    manage = served_archive
    manage("ensure_search_index")
    characters = "锡无江南晚报市区县镇村路桥河湖山水人民工业发展经济文化教育医院学校"
    flood_statuses, refusals, ordinary = [], [], []
    with serving(manage, NEWSARCHIVE_TRUSTED_PROXIES=PROXY) as port:
        stop_at = time.monotonic() + 60

        def flooder(number: int) -> None:
            rng = random.Random(number)
            for n in range(15):
                if time.monotonic() > stop_at:
                    break
                path = ("/api/search/" if (number + n) % 2 else "/search/") + f"?q={quote(rng.choice(characters))}&page=50"
                status, headers, body = request(port, "GET", path, headers={"X-Forwarded-For": "203.0.113.66"})
                flood_statuses.append(status)
                if status == 429:
                    refusals.append((path, headers.get("Retry-After"), headers.get("Content-Type"), body))

        flood = [threading.Thread(target=flooder, args=(n,)) for n in range(16)]
        for thread in flood:
            thread.start()
        try:
            for _ in range(8):
                status, _, body = request(port, "GET", "/search/?q=" + quote("无锡"),
                                          headers={"X-Forwarded-For": "198.51.100.7"})
                ordinary.append((status, "无锡" in body))
        finally:
            for thread in flood:
                thread.join(timeout=90)
    assert ordinary == [(200, True)] * 8
    assert refusals, f"no 429 among {len(flood_statuses)} flood requests: {sorted(set(flood_statuses))}"
    assert set(flood_statuses) <= {200, 404, 429}  # page 50 is past the end of most results: 404
    for path, retry_after, content_type, body in refusals:
        assert retry_after is not None and int(retry_after) > 0
        if path.startswith("/api/"):
            assert content_type.startswith("application/json")
            assert "搜索太多" in json.loads(body)["error"]
        else:
            assert content_type.startswith("text/html") and "请稍候再搜索" in body
