"""gunicorn settings for `make run` and `make loadtest`.

Environment: PORT, GUNICORN_BIND, WEB_CONCURRENCY, GUNICORN_THREADS, GUNICORN_HEADER_TIMEOUT,
NEWSARCHIVE_DATA_DIR (the pid file lives there). Signals (README, "gunicorn and graceful restart"): HUP re-forks
the workers with this file re-read; USR2 then QUIT on the old master swaps in new code
without refusing a connection.
"""

import os
from pathlib import Path


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the CPUs this process may use (containers)
    except AttributeError:
        return os.cpu_count() or 1


wsgi_app = "newsarchive.wsgi:application"

# Loopback only: put a reverse proxy in front to serve other machines. The proxy's
# X-Forwarded-Proto is trusted from 127.0.0.1 only (gunicorn's forwarded_allow_ips default).
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")

# 2 processes per core plus one, capped at 4: every request is CPU work in Python (page
# rendering, Whoosh search), so more processes than that only add memory; and SQLite takes
# one writer at a time.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * _cores() + 1, 4)))

# Threaded workers (gthread): a connection waits in the worker's poller until its request has
# arrived, and only then takes a thread. Sync workers block on an idle connection instead, and
# browsers open idle ones ahead of time (preconnect): two such sockets from Chromium stalled
# both workers of a 2-worker server for the whole 30 s timeout. Threads also keep connections
# alive between requests. GUNICORN_THREADS=1 gives plain sync workers (behind a buffering
# proxy such as nginx they are as good).
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# gthread, except that the worker's poller reads each request's head and hands the connection
# to a thread only once the head is complete; a head not complete within GUNICORN_HEADER_TIMEOUT
# seconds (default 15) is answered 408 and closed. Plain gthread lets a client dripping header
# bytes hold a thread as long as it likes: 20 such connections held all 16 threads of a 4 × 4
# server (newsarchive/gunicorn_worker.py). Sync workers have no such guard: use them only
# behind a proxy that buffers whole requests (README).
worker_class = "newsarchive.gunicorn_worker.HeadTimeoutThreadWorker" if threads > 1 else "sync"

# Import the app once in the master and fork the workers from it, so whatever is loaded at
# import time (Django, the jieba dictionary) is read once and shared copy-on-write instead of
# being rebuilt in every worker. Trade-off: HUP does not pick up new code (see above).
preload_app = True

# A worker that stops answering gunicorn's heartbeat for 30 s is killed and replaced (with sync
# workers that is any request running over 30 s). Restarts wait as long for requests in
# flight to finish.
timeout = 30
graceful_timeout = 30

# Request lines up to 8 KB (gunicorn's maximum; default 4 KB), so a long search URL still
# reaches the app and gets its own Chinese "query too long" page; longer ones get gunicorn's 400.
limit_request_line = 8190

# Recycle each worker after a few thousand requests (jittered so they do not all restart at
# once): bounds slow memory growth, and with preload a new worker is a cheap fork.
max_requests = 5000
max_requests_jitter = 500

# One line per request on stdout, with the time taken in milliseconds at the end.
accesslog = "-"
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'

_data_dir = Path(os.environ.get("NEWSARCHIVE_DATA_DIR") or Path(__file__).resolve().parent / "var")
pidfile = str(_data_dir / "gunicorn.pid")


def pre_fork(server, worker):
    """Runs in the master before each fork. With preload_app the master has imported Django;
    if anything at import time opened a database connection, the workers must not inherit it
    (SQLite forbids using a connection across fork; on PostgreSQL two processes would talk
    over one socket)."""
    from django.db import connections

    connections.close_all()
