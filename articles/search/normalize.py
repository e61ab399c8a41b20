"""The one normaliser: the form in which indexing and querying compare text.

``normalize`` maps each character on its own: NFKC (full-width ＲＦ３６０，（） become RF360,()),
then traditional→simplified with OpenCC's ``t2s`` tables (無錫 → 无锡), then casefold (Chiplet →
chiplet). Mapping character by character, not phrase by phrase, is deliberate: it makes
``normalize(a + b) == normalize(a) + normalize(b)``, so a query that is a substring of the printed
text is, after normalising, a substring of the normalised text. OpenCC's phrase tables would
convert the same characters differently depending on their neighbours, and a query cut out of a
phrase would then stop matching.

``matching_form`` is what search matches against: the normalised text with whitespace removed
(a space in a headline is a line wrap or a title/subtitle break, and a phrase across it must be
found), and the parts of an article (headline, paragraphs, bylines) separated by "\\n", which no
query can contain, so no match spans two paragraphs.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import opencc

__all__ = ["PART_SEPARATOR", "matching_form", "normalize", "normalize_char", "normalize_with_offsets"]

PART_SEPARATOR = "\n"

_t2s = opencc.OpenCC("t2s")


@lru_cache(maxsize=None)
def normalize_char(char: str) -> str:
    """One character's normalised form: "" for whitespace and control characters."""
    category = unicodedata.category(char)
    if char.isspace() or category in ("Cc", "Cf", "Cs", "Zl", "Zp"):
        # Control and format characters (NUL, zero-width space, BOM, lone surrogates) are
        # never printed text; dropping them keeps hostile input out of the index terms.
        return ""
    folded = unicodedata.normalize("NFKC", char)
    converted = "".join(_t2s.convert(c) if ord(c) > 0x2E7F else c for c in folded)
    return "".join(c for c in converted.casefold() if not c.isspace())


class _Table(dict):
    """A ``str.translate`` table filled on first sight of each character (C-speed afterwards)."""

    def __missing__(self, codepoint: int) -> str:
        value = normalize_char(chr(codepoint))
        self[codepoint] = value
        return value


_TABLE = _Table()


def normalize(text: str) -> str:
    """The normalised form of one piece of text, whitespace removed."""
    return text.translate(_TABLE)


def matching_form(parts: list[str] | tuple[str, ...]) -> str:
    """Several parts of one article, normalised, joined by the separator no query contains."""
    return PART_SEPARATOR.join(n for n in (normalize(p) for p in parts) if n)


class _Irregular(dict):
    """Marks the characters whose normalised form is not exactly one character ("\x01")."""

    def __missing__(self, codepoint: int) -> str:
        value = "\x00" if len(_TABLE[codepoint]) == 1 else "\x01"
        self[codepoint] = value
        return value


_IRREGULAR = _Irregular()


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """``normalize(text)`` and, for each of its characters, the index in ``text`` it came from.

    Most characters map to exactly one; only around the others (spaces, expansions such as
    ㈱ → (株)) is the mapping built one character at a time.
    """
    form = text.translate(_TABLE)
    marks = text.translate(_IRREGULAR)
    origin: list[int] = []
    position = 0
    i = marks.find("\x01")
    while i >= 0:
        origin.extend(range(position, i))
        origin.extend([i] * len(_TABLE[ord(text[i])]))
        position = i + 1
        i = marks.find("\x01", position)
    origin.extend(range(position, len(text)))
    return form, origin
