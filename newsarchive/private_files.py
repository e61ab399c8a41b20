"""Write small secrets (the Django secret key, the first admin password) to files only
their owner can read.

No Django imports: settings.py uses this before Django is configured.

The content is written to a 0600 temporary file in the same folder and then moved into
place, so a reader never sees a half-written file.
"""

import os
import tempfile
from pathlib import Path


def _write_temp(folder: Path, content: str) -> Path:
    # mkstemp creates the file with O_CREAT | O_EXCL and mode 0600, whatever the umask.
    fd, name = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.unlink(name)
        raise
    return Path(name)


def create_private_file(path: Path, content: str) -> bool:
    """Create `path` holding `content` with mode 0600, unless it already exists.

    Return True if this call created the file, False if it was already there (possibly
    created a moment ago by another process; the caller should read it back).
    """
    temp = _write_temp(path.parent, content)
    try:
        # link() fails if the target exists: two processes racing here both succeed in
        # writing their own temp file, exactly one wins the link, the other reads its key.
        os.link(temp, path)
    except FileExistsError:
        return False
    finally:
        temp.unlink()
    return True


def replace_private_file(path: Path, content: str) -> None:
    """Write `content` to `path` with mode 0600, replacing any file already there."""
    temp = _write_temp(path.parent, content)
    try:
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
