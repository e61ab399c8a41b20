"""Bylines, wire sources and where a sentence ends.

A byline is the parenthesised credit that closes an article: `(高美梅)`, `(据新华社)`,
`(记者 张三 通讯员 李四)`. ``is_terminated`` lives here because a line that ends in a byline
ends its paragraph.
"""

from __future__ import annotations

import re

from .decoding import fold
from .model import Byline

_SENTENCE_END = "。！？!?…"
_CLOSERS = "”’」』\"')）》"
_BYLINE_AT_END = re.compile(r"[(（]([^()（）]{1,60})[)）]\s*$")
_BYLINE_TAIL = 80  # a byline is at most 60 characters plus brackets: look no further back


def _byline_match(line: str) -> tuple[int, re.Match] | None:
    """The closing byline's match and its offset in ``line``; searches only the tail, so a
    huge unpunctuated paragraph costs linear time, not quadratic."""
    offset = max(0, len(line) - _BYLINE_TAIL)
    m = _BYLINE_AT_END.search(line, offset)
    return (m.start(), m) if m else None
_WIRE_AGENCIES = ("新华社", "中新社", "人民日报", "央视新闻", "中国新闻社", "光明日报", "经济日报")
_ROLES = {
    "记者": "记者",
    "本报记者": "记者",
    "见习记者": "见习记者",
    "通讯员": "通讯员",
    "实习生": "实习生",
    "摄影": "摄影",
    "摄": "摄影",
    "文": None,
    "图": "摄影",
}
_NAME = re.compile(r"^[\u3400-\u9fff][\u3400-\u9fff·•]{1,9}$")




def is_terminated(line: str) -> bool:
    """Does this paragraph end a sentence (so a following line starts a new paragraph)?"""
    s = line.rstrip()
    if parse_byline_text(s) is not None:
        return True
    s = s.rstrip(_CLOSERS)
    # A closing quote or bracket counts only after sentence-final punctuation: `……。”`.
    return bool(s) and s[-1] in _SENTENCE_END


def parse_byline_text(line: str) -> tuple[tuple[Byline, ...], str | None] | None:
    """If ``line`` ends with a byline, return (people, wire source); else None.

    A byline is the parenthesised credit that closes an article: `(高美梅)`, `(高美梅、惠晓婧)`,
    `(据新华社)`, `(记者 张三 通讯员 李四)`, `(本报记者 张三)`. It stands on its own line or
    straight after the last sentence's final punctuation.
    """
    found = _byline_match(line)
    if not found:
        return None
    start, m = found
    before = line[max(0, start - 8) : start].rstrip()
    if before and before.rstrip(_CLOSERS)[-1:] not in _SENTENCE_END and not before.endswith(
        tuple(_CLOSERS)
    ):
        return None
    inner = fold(m.group(1)).strip()
    wire = _wire_source(inner)
    if wire:
        return (), wire
    people = _people(inner)
    if people:
        return people, None
    return None


def _wire_source(inner: str) -> str | None:
    s = inner
    if s.startswith("据"):
        s = s[1:]
    s = s.strip("《》 ")
    s = re.sub(r"(电|报道|消息)$", "", s).strip("《》 ")
    if inner.startswith("据") and 1 < len(s) <= 12:
        return s
    if s in _WIRE_AGENCIES:
        return s
    return None


def _people(inner: str) -> tuple[Byline, ...]:
    tokens = [t for t in re.split(r"[\s、,/]+", inner) if t]
    people: list[Byline] = []
    role: str | None = None
    for tok in tokens:
        if tok in _ROLES:
            role = _ROLES[tok]
            continue
        # `记者张三` written without a space
        for prefix in sorted(_ROLES, key=len, reverse=True):
            if tok.startswith(prefix) and _NAME.match(tok[len(prefix) :] or "x"):
                role, tok = _ROLES[prefix], tok[len(prefix) :]
                break
        if not _NAME.match(tok) or len(tok) > 6 and "·" not in tok:
            return ()
        people.append(Byline(name=tok, role=role))
    return tuple(people)


def split_byline(paragraph: str) -> tuple[str, tuple[Byline, ...], str | None] | None:
    """Split a closing byline off a paragraph: (text before it, people, wire source)."""
    found = parse_byline_text(paragraph)
    if found is None:
        return None
    match = _byline_match(paragraph)
    assert match is not None
    return paragraph[: match[0]].rstrip(), found[0], found[1]


