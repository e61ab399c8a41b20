"""What a delivery says about its pages outside their text: dates and page labels in folder and
file names, a batch's manifest, the paper's short name, and the key that recognises a page
re-sent with other spacing or punctuation widths.

Pure Python, no Django imports (tested with plain pytest in tests/test_sources.py); the ingest
service and command use it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path, PurePath

from .parsing.decoding import nfkc  # unicodedata NFKC, faster on Chinese text

# A printed page label as newsrooms name files: A03, B12, 04, 4, 第4版, 第A02版, 第四版.
_LABEL = re.compile(r"^(?:[A-Za-z]{1,2}\d{1,3}|\d{1,3}|第[A-Za-z]?[0-9一二三四五六七八九十百〇零]{1,4}版)$")
_ISO_DIR = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_COMPACT_NAME = re.compile(r"^(\d{4})(\d{2})(\d{2})[_\-. ]+(.+)$")
_SLUG = re.compile(r"^[a-z][a-z0-9]{1,19}$")


@dataclass(frozen=True)
class PathFacts:
    """What a file's path tells: the issue date, the printed page label and, in
    ``<slug>/YYYY/MM/DD/<label>.txt``, the paper's short name."""

    date: dt.date | None = None
    label: str | None = None
    paper_slug: str | None = None


def _date(y: str, m: str, d: str) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        return None


def _label(stem: str) -> str | None:
    stem = stem.strip()
    if not _LABEL.match(stem):
        return None
    return stem.upper() if stem[:1].isascii() and stem[:1].isalpha() else stem


def read_path(path: str | PurePath) -> PathFacts:
    """Date, page label and paper from a path in one of the delivery shapes:

    - ``2024-09-30/A03.txt`` (a folder named by the ISO date),
    - ``20240930_A03.txt`` (the date in front of the file name),
    - ``jnwb/2024/09/30/A03.txt`` (paper, year, month and day folders).

    A label is read only next to a date, so ``004_ee7d….txt`` or ``1.txt`` tell nothing.
    An impossible date (``2024-02-30``) is not a date.
    """
    p = PurePath(path)
    stem = p.stem
    parts = p.parts[:-1]
    compact = _COMPACT_NAME.match(stem)
    if compact:
        date = _date(*compact.groups()[:3])
        if date is not None:
            return PathFacts(date=date, label=_label(compact.group(4)))
    if parts:
        iso = _ISO_DIR.match(parts[-1])
        if iso:
            date = _date(*iso.groups())
            if date is not None:
                return PathFacts(date=date, label=_label(stem))
    if len(parts) >= 3 and re.fullmatch(r"\d{4}", parts[-3]) and re.fullmatch(r"\d{1,2}", parts[-2]) \
            and re.fullmatch(r"\d{1,2}", parts[-1]):
        date = _date(parts[-3], parts[-2], parts[-1])
        if date is not None:
            slug = parts[-4].lower() if len(parts) >= 4 and _SLUG.match(parts[-4].lower()) else None
            return PathFacts(date=date, label=_label(stem), paper_slug=slug)
    return PathFacts()


# ---------------------------------------------------------------- manifest ---------

MANIFEST_COLUMNS = ("file", "paper", "date", "page", "section")


@dataclass(frozen=True)
class ManifestRow:
    row: int  # the line number in the CSV, the header being line 1
    file: Path
    paper: str | None
    date: dt.date | None
    page: str | None
    section: str | None


class ManifestError(ValueError):
    """The manifest cannot be used at all (unreadable, no ``file`` column)."""


def read_manifest(path: str | Path) -> tuple[list[ManifestRow], list[str]]:
    """Rows of a delivery's manifest (``file,paper,date,page,section``; UTF-8 with or without
    BOM), and a message per row that cannot be used, naming its row number. ``file`` is relative
    to the manifest's folder unless absolute; only ``file`` is required."""
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{path.name}: 清单不是 UTF-8 文本（{exc.reason}）") from None
    reader = csv.DictReader(text.splitlines())
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    if "file" not in header:
        raise ManifestError(f"{path.name}: 清单第 1 行须有列名 file（可选 paper,date,page,section）")
    reader.fieldnames = header
    rows: list[ManifestRow] = []
    problems: list[str] = []
    for number, raw in enumerate(reader, start=2):
        values = {k: (v or "").strip() for k, v in raw.items() if k in MANIFEST_COLUMNS}
        if not any(values.values()):
            continue  # a blank line
        name = values.get("file", "")
        if not name:
            problems.append(f"{path.name} 第 {number} 行：没有文件名 (no file)")
            continue
        file = Path(name) if Path(name).is_absolute() else path.parent / name
        date = None
        if values.get("date"):
            try:
                date = parse_date(values["date"])
            except ValueError:
                problems.append(f"{path.name} 第 {number} 行：日期 {values['date']!r} 无法识别，应为 YYYY-MM-DD")
                continue
        if not file.is_file():
            problems.append(f"{path.name} 第 {number} 行：文件 {name} 不存在 (no such file)")
            continue
        rows.append(ManifestRow(
            row=number, file=file, paper=values.get("paper") or None, date=date,
            page=values.get("page") or None, section=values.get("section") or None,
        ))
    return rows, problems


def parse_date(value: str) -> dt.date:
    """``2024-09-30``, ``2024/9/30`` or ``20240930``; ValueError otherwise."""
    value = value.strip()
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", value) or re.fullmatch(r"(\d{4})(\d{2})(\d{2})", value)
    if not m:
        raise ValueError(value)
    return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


# ---------------------------------------------------------------- papers -----------


def paper_slug(name: str) -> str:
    """A short name for URLs from the paper's title: the pinyin initials (无锡日报 → wxrb);
    letters and digits in the title are kept as they are (lowercase)."""
    from pypinyin import Style, lazy_pinyin  # pure Python; imported here so path reading stays light

    out = []
    for part in lazy_pinyin(name, style=Style.FIRST_LETTER, errors="default"):
        out.extend(ch for ch in part.lower() if ch.isascii() and ch.isalnum())
    slug = "".join(out)[:20]
    if not slug or not slug[0].isalpha():
        slug = ("p" + slug)[:20]
    return slug


# ---------------------------------------------------------------- content key ------


def content_key(text: str) -> str:
    """SHA-256 of the page's text with widths folded (NFKC: ，→, （→( ０→0) and every space
    and line break removed: a page re-sent with trailing spaces, extra blank lines or the
    other punctuation width has the same key."""
    folded = nfkc(text.lstrip("\ufeff"))
    folded = "".join(folded.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def article_fingerprints(texts: list[str]) -> list[str]:
    """One fingerprint for each article of a page, in print order, from its printed text
    (headline, lead and body as the parser read them): SHA-256 with widths folded (NFKC) and
    every space and line break removed, so a page re-sent with other spacing gives the same
    fingerprints. The second article on a page with the same text as an earlier one gets a
    fingerprint of its own (its text and "#2")."""
    seen: dict[str, int] = {}
    fingerprints = []
    for text in texts:
        folded = "".join(nfkc(text).split())
        seen[folded] = seen.get(folded, 0) + 1
        if seen[folded] > 1:
            folded = f"{folded}#{seen[folded]}"
        fingerprints.append(hashlib.sha256(folded.encode("utf-8")).hexdigest())
    return fingerprints


def kept_share(old: str, new: str) -> float:
    """How much of ``old`` text ``new`` keeps, 0..1: the share of old's character pairs
    (spaces removed, widths folded) that are still in new. Linear in the texts' length."""
    from collections import Counter

    def pairs(text: str) -> Counter:
        t = "".join(nfkc(text).split())
        return Counter(t[i:i + 2] for i in range(len(t) - 1))

    a, b = pairs(old), pairs(new)
    total = sum(a.values())
    if not total:
        return 1.0
    return sum(min(n, b[k]) for k, n in a.items()) / total
