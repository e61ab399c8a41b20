"""What every engine's index writer shares: builds kept beside the live path, the writer lock,
the atomic swap, the segmenter prepared once per process, and the report of a rebuild.

Layout under the data folder, for a live path ``<name>`` (``whoosh_index``, ``xapian_index``)::

    <name>            -> <name>.builds/<build>   (a symlink: the live index)
    <name>.builds/    one folder per build; the live one and the one before it
    <name>.lock       held by whoever writes (flock), so writers take turns

A rebuild writes a new folder (``new_build_folder``) while the site keeps serving the old one,
then ``swap_to`` points the live path at it in one atomic rename; the previous build stays until
the next swap, so a worker still reading it never loses its files.

Both engines' writers (``indexing`` for Whoosh, ``xapian_index``) import this module; it imports
neither of them.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from . import analysis
from .changes import local_words


@dataclass
class BuildReport:
    """What a rebuild did: articles written, wall seconds, where, articles synced after it."""

    articles: int = 0
    seconds: float = 0.0
    path: str = ""
    synced: int = 0
    notes: list[str] = field(default_factory=list)


def builds_dir(live: Path) -> Path:
    return live.with_name(live.name + ".builds")


def lock_path(live: Path) -> Path:
    return live.with_name(live.name + ".lock")


@contextmanager
def writer_lock(live: Path):
    """One writer of the index at ``live`` at a time, across processes (ingest, sync, rebuild)."""
    path = lock_path(live)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def new_build_folder(live: Path) -> Path:
    """A new, empty folder for a build of the index at ``live``."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    folder = builds_dir(live) / f"{stamp}-{uuid.uuid4().hex[:8]}"
    folder.mkdir(parents=True)
    return folder


def swap_to(live: Path, folder: Path) -> None:
    """Point ``live`` at ``folder`` in one atomic rename; drop every build but it and the previous.

    A plain folder at ``live`` (an index from before builds were kept aside) is moved in with
    the builds and kept as the previous one, like any build a reader may still have open.
    """
    previous = live.resolve() if live.is_symlink() else None
    if live.exists() and not live.is_symlink():
        previous = builds_dir(live) / f"legacy-{uuid.uuid4().hex[:8]}"
        builds_dir(live).mkdir(parents=True, exist_ok=True)
        live.rename(previous)
    tmp = live.with_name(live.name + ".swap")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(os.path.relpath(folder, live.parent), tmp)
    os.replace(tmp, live)
    keep = {folder.resolve(), previous.resolve() if previous else None}
    for other in builds_dir(live).iterdir():
        if other.resolve() not in keep:
            shutil.rmtree(other, ignore_errors=True)


_segmenter_ready = False


def stamp_state(stamp: dict | None, schema_version: int, marks: dict) -> str:
    """``outdated`` (schema or local words changed), ``stale`` (database changed) or ``current``:
    what an existing index's stamp says against the database's ``marks`` now."""
    if not stamp or stamp.get("schema_version") != schema_version:
        return "outdated"
    if (stamp.get("marks") or {}).get("dictionary") != marks["dictionary"]:
        return "outdated"  # local words change how every article is segmented for ranking
    return "current" if stamp.get("marks") == marks else "stale"


def prepare_segmenter() -> None:
    """Load jieba (cache in the data folder) and staff's local words, once per process.

    Words staff add later reach this process's queries after a restart; the index itself is
    rebuilt with them by ``index_ensure`` (the dictionary is part of the stamp).

    ``newsarchive/wsgi.py`` calls this at import, so gunicorn's master loads the dictionary once
    before forking its workers and no request waits for it; a rebuild calls it before forking
    its processes, which then share the loaded dictionary.
    """
    global _segmenter_ready
    if _segmenter_ready:
        return
    analysis.load_jieba(settings.DATA_DIR)
    analysis.add_words(local_words())
    _segmenter_ready = True


__all__ = [
    "BuildReport",
    "builds_dir",
    "lock_path",
    "new_build_folder",
    "prepare_segmenter",
    "swap_to",
    "writer_lock",
]
