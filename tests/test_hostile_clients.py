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
    env = subprocess_env(manage, PORT=str(free_port(PORTS)), WEB_CONCURRENCY="2", **env)
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
