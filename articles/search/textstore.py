"""The text store: every indexed article's matching form, to confirm phrases exactly.

One append-only file per index build (``texts.bin`` beside Whoosh's files). Each document's
record is its matching form in UTF-8, headline first (see ``analysis.ArticleTerms.record``);
the document's Whoosh columns ``tstart``/``tlen``/``hlen`` say where it is, and ``boff``/``blen``
where its body lies inside it (the ``正文:`` scope searches only there). UTF-8 makes a byte
search exact: an encoded query can only match at a character boundary, so
``store.find(query, start, end) >= 0`` is exactly "the article's text contains the query".

Readers map the file into memory: every worker shares the operating system's page cache, and
each check is one C-level search over a few kilobytes. Only the index writer appends, and it
flushes before the Whoosh commit that makes the new records' offsets visible, so a searcher
never sees an offset beyond what is on disk. Replaced records stay in the file as garbage
until the next rebuild writes a fresh store.
"""

from __future__ import annotations

import mmap
import os
from pathlib import Path

import numpy as np

FILE_NAME = "texts.bin"


class TextStoreWriter:
    def __init__(self, folder: Path | str):
        self._file = open(Path(folder) / FILE_NAME, "ab")
        self._position = self._file.tell()

    def append(self, record: str, headline_length: int) -> tuple[int, int, int]:
        """Write one record; returns (start, length, headline length), all in bytes."""
        head = record[:headline_length].encode("utf-8")
        data = head + record[headline_length:].encode("utf-8")
        start = self._position
        self._file.write(data)
        self._position += len(data)
        return start, len(data), len(head)

    @staticmethod
    def byte_span(record: str, start: int, length: int) -> tuple[int, int]:
        """Characters ``start`` .. ``start + length`` of ``record`` as (offset, length) in bytes."""
        offset = len(record[:start].encode("utf-8"))
        return offset, len(record[start : start + length].encode("utf-8"))

    def flush(self) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())

    def close(self) -> None:
        self.flush()
        self._file.close()


class TextStoreReader:
    """A read-only view of a store as it was when opened (reopen to see later records)."""

    def __init__(self, folder: Path | str):
        path = Path(folder) / FILE_NAME
        self._file = open(path, "rb") if path.exists() else None
        size = os.fstat(self._file.fileno()).st_size if self._file else 0
        self._map = mmap.mmap(self._file.fileno(), 0, access=mmap.ACCESS_READ) if size else b""
        self.size = size

    def containing(self, docs, needle: str, starts, lengths):
        """Those of ``docs`` (a numpy array of document numbers) whose byte range ``starts[d]``
        .. ``starts[d] + lengths[d]`` (numpy arrays) holds ``needle``, in their order."""
        if not len(docs):
            return docs
        pattern = needle.encode("utf-8")
        find = self._map.find
        begin = starts[docs]
        keep = [find(pattern, a, b) >= 0 for a, b in zip(begin.tolist(), (begin + lengths[docs]).tolist())]
        return docs[np.array(keep, dtype=bool)]

    def record(self, start: int, length: int) -> str:
        return self._map[start : start + length].decode("utf-8")

    def close(self) -> None:
        if isinstance(self._map, mmap.mmap):
            self._map.close()
        if self._file:
            self._file.close()
