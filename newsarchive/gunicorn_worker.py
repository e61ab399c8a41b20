"""gunicorn's threaded worker, with a request's head read by the poller and under a deadline.

gunicorn's gthread worker hands a connection to a thread as soon as its first byte arrives,
and the thread then reads the rest of the head (request line and headers) blocking, for as
long as the client takes. Twenty connections dripping a header byte every few seconds thus
hold all sixteen threads of a 4 × 4 server, and every other request waits (issue 14, item 11).

Here the worker's main loop reads the head itself, without blocking, as bytes arrive; a
connection takes a thread only once its head is complete (a blank line) and is handed over
with the bytes already read. A head not complete within ``header_timeout`` seconds of the
connection opening (or of the first byte of a keep-alive connection's next request) is answered
``408 Request Timeout`` and closed; a head longer than ``MAX_HEAD_BYTES`` gets ``431``. Request
bodies are still read by the thread (the proxy in front should buffer them: README).

``header_timeout`` comes from ``GUNICORN_HEADER_TIMEOUT`` (seconds, default 15; gunicorn.conf.py).
TLS connections (gunicorn's own ``certfile``) are left to gunicorn's own reading.
"""

from __future__ import annotations

import errno
import os
import selectors
import socket
import time
from functools import partial

from gunicorn.workers.gthread import ThreadWorker

# Longer than any head gunicorn accepts in practice (request line 8 KB, a few KB of cookies and
# headers); gunicorn still applies its own limits to what it is handed.
MAX_HEAD_BYTES = 64 * 1024
DEFAULT_HEADER_TIMEOUT = 15.0

_REFUSALS = {
    408: b"HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
    431: b"HTTP/1.1 431 Request Header Fields Too Large\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
}


def header_timeout() -> float:
    try:
        value = float(os.environ.get("GUNICORN_HEADER_TIMEOUT", DEFAULT_HEADER_TIMEOUT))
    except ValueError:
        return DEFAULT_HEADER_TIMEOUT
    return value if value > 0 else DEFAULT_HEADER_TIMEOUT


def head_complete(data: bytes) -> bool:
    """A blank line ends the head; leading blank lines before a request line do not count."""
    data = data.lstrip(b"\r\n")
    return b"\r\n\r\n" in data or b"\n\n" in data


class HeadTimeoutThreadWorker(ThreadWorker):
    """See the module docstring."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.header_timeout = header_timeout()
        self._heads = {}  # connection -> deadline, for connections whose head is being read

    def accept(self, server, listener):
        try:
            sock, client = listener.accept()
        except OSError as e:
            if e.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        from gunicorn.workers.gthread import TConn

        conn = TConn(self.cfg, sock, client, server)
        conn.head = b""
        self.nr_conns += 1
        with self._lock:
            self._heads[conn] = time.monotonic() + self.header_timeout
            self.poller.register(conn.sock, selectors.EVENT_READ, partial(self.on_client_socket_readable, conn))

    def on_client_socket_readable(self, conn, client):
        if self.cfg.is_ssl:
            return super().on_client_socket_readable(conn, client)
        with self._lock:
            if conn.initialized and conn not in self._heads:
                # A keep-alive connection's next request begins: it leaves keep-alive and its
                # head's deadline starts now.
                try:
                    self._keep.remove(conn)
                except ValueError:
                    return  # closed by murder_keepalived meanwhile
                conn.head = b""
                self._heads[conn] = time.monotonic() + self.header_timeout
        try:
            data = conn.sock.recv(8192)
        except (BlockingIOError, InterruptedError):
            return
        except OSError:
            data = b""
        if not data:  # the client went away
            self._drop(conn)
            return
        conn.head += data
        if len(conn.head) > MAX_HEAD_BYTES:
            self._drop(conn, refusal=431)
            return
        if not head_complete(conn.head):
            return
        with self._lock:
            self._heads.pop(conn, None)
            self.poller.unregister(client)
        head, conn.head = conn.head, b""
        conn.init()  # blocking socket and (first time) the parser, which reads through its unreader
        conn.parser.unreader.unread(head)
        fs = self.tpool.submit(self.handle, conn)
        self._wrap_future(fs, conn)

    def murder_keepalived(self):
        super().murder_keepalived()
        now = time.monotonic()
        with self._lock:
            late = [conn for conn, deadline in self._heads.items() if deadline <= now]
        for conn in late:
            self.log.info("Closing a connection from %s: no complete request head within %.0f s",
                          conn.client[0] if isinstance(conn.client, tuple) else conn.client, self.header_timeout)
            self._drop(conn, refusal=408)

    def _drop(self, conn, refusal: int | None = None):
        with self._lock:
            if self._heads.pop(conn, None) is None:
                return  # already handed to a thread, or closed
            try:
                self.poller.unregister(conn.sock)
            except (KeyError, ValueError, OSError):
                pass
        if refusal is not None:
            try:
                conn.sock.send(_REFUSALS[refusal])  # non-blocking: best effort
            except OSError:
                pass
        try:
            conn.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.nr_conns -= 1
        conn.close()
