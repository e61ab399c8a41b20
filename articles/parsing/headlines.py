"""Which lines can be headlines, leads and column titles (要闻快览)."""

from __future__ import annotations

import re

from .bylines import _byline_match, is_terminated, parse_byline_text
from .decoding import fold

KNOWN_COLUMN_TITLES = (
    "要闻快览",
    "新闻快览",
    "要闻速递",
    "新闻速递",
    "简讯",
    "快讯",
    "短讯",
    "本地新闻",
    "国内新闻",
    "国际新闻",
)

def _is_lead(line: str) -> bool:
    return fold(line).lstrip().startswith("本报讯")


def _is_byline_line(line: str) -> bool:
    s = line.strip()
    found = _byline_match(s)
    return bool(found) and found[0] == 0 and parse_byline_text(s) is not None


def _title_like(line: str, *, strict: bool = False) -> bool:
    """Could this line be a headline? `strict` is for items without a 本报讯 lead."""
    s = line.strip()
    if not s or _is_lead(s) or is_terminated(s) or len(s) > 90:
        return False
    if strict and (len(s) > 40 or re.search(r"[,;，；、:：]", s)):
        return False
    return True


def _is_column_title(lines: list[str], i: int) -> bool:
    """A column title: `要闻快览` or a short bare line heading headline + paragraph."""
    s = fold(lines[i]).strip()
    if s in KNOWN_COLUMN_TITLES:
        return True
    if len(s) > 6 or re.search(r"[\W\d]", s):
        return False
    return (
        i + 2 < len(lines)
        and _title_like(lines[i + 1], strict=True)
        and not _title_like(lines[i + 2])
        and not _is_lead(lines[i + 2])
    )


