"""Background work: ``manage.py`` commands run in their own process, outliving the request.

The one place that starts processes for the site (curation and search ask here, and keep no
process or log handling of their own):

- ``start_command(args, ...)``: fire and forget (the index sync after a staff edit); the
  process is reaped by a thread, so a long-lived worker collects no zombies;
- ``search_rebuild_start`` / ``search_rebuild_status``: one tracked job, the background rebuild
  of the search index after a change to the local words. Its state (running/done/failed, when,
  why, whether another run is queued behind it) is kept in the data folder as JSON, its output
  in a log beside it, so every worker (and the admin) sees the same status.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from django.conf import settings
from django.utils import timezone

REBUILD_STATUS_FILE = "search-rebuild.json"
REBUILD_LOG_FILE = "search-rebuild.log"
_rebuild_lock = threading.Lock()


def _manage() -> str:
    return str(Path(settings.BASE_DIR) / "manage.py")


def start_command(args: list[str], *, name: str) -> subprocess.Popen:
    """Run ``manage.py <args>`` on this data folder in a new process; do not wait for it."""
    process = subprocess.Popen(
        [sys.executable, _manage(), *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, "NEWSARCHIVE_DATA_DIR": str(settings.DATA_DIR)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=None,  # errors reach the server log
        start_new_session=True,  # a Ctrl-C or signal to the server's process group does not cut it short
    )
    threading.Thread(target=process.wait, name=f"{name}-wait", daemon=True).start()
    return process


# --------------------------------------------------------------------------- the rebuild job


def _status_path() -> Path:
    return Path(settings.DATA_DIR) / REBUILD_STATUS_FILE


def search_rebuild_status() -> dict | None:
    """The last background rebuild: ``state`` (running/done/failed), ``started``, ``finished``,
    ``again`` (another rebuild queued behind it). None if there never was one."""
    try:
        status = json.loads(_status_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if status.get("state") == "running" and not _process_alive(status.get("pid")):
        # The worker that watched it was restarted; the log's last line tells how it ended.
        status["state"] = "done" if _log_says_done() else "failed"
    return status


def _process_alive(pid) -> bool:
    if not pid:
        return False
    try:
        os.kill(int(pid), 0)
    except (OSError, ValueError):
        return False
    return True


def _log_says_done() -> bool:
    try:
        return "REBUILD-OK" in (Path(settings.DATA_DIR) / REBUILD_LOG_FILE).read_text(encoding="utf-8")[-200:]
    except OSError:
        return False


def _write_status(status: dict) -> None:
    path = _status_path()
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(status, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def search_rebuild_start(*, reason: str) -> dict:
    """Rebuild the search index in a separate process (it outlives the request that asked).

    The build happens aside and is swapped in by ``articles.search.indexing`` (the one writer),
    so search keeps working meanwhile. A request while one runs queues one more, which starts
    when it finishes, so the last dictionary change is always in the index.
    """
    with _rebuild_lock:
        status = search_rebuild_status()
        if status and status.get("state") == "running":
            status.update(again=True, reason=reason)
            _write_status(status)
            return status
        log_file = open(Path(settings.DATA_DIR) / REBUILD_LOG_FILE, "w", encoding="utf-8")
        command = f'"{sys.executable}" "{_manage()}" rebuild_index --noinput -v1 && echo REBUILD-OK'
        process = subprocess.Popen(
            ["/bin/sh", "-c", command], stdout=log_file, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True, cwd=settings.BASE_DIR,
        )
        log_file.close()
        status = {
            "state": "running", "pid": process.pid, "reason": reason, "again": False,
            "started": timezone.now().isoformat(), "finished": None,
        }
        _write_status(status)
    threading.Thread(target=_rebuild_wait, args=(process,), daemon=True).start()
    return status


def _rebuild_wait(process: subprocess.Popen) -> None:
    code = process.wait()
    with _rebuild_lock:
        status = search_rebuild_status() or {}
        again = status.get("again")
        status.update(state="done" if code == 0 else "failed", finished=timezone.now().isoformat(), again=False)
        _write_status(status)
    if again:
        search_rebuild_start(reason=status.get("reason") or "本地词有改动")


__all__ = ["REBUILD_LOG_FILE", "search_rebuild_start", "search_rebuild_status", "start_command"]
