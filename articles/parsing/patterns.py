"""Many line patterns tried as one: ``AnyOf(patterns)`` answers "does any of them match?" as one
alternation of them all would, but faster on the lines most of them cannot match.

A line is tested against every furniture pattern, and nearly every line is running text that
none of them matches. Each alternative of one big alternation costs its start-up on every line,
and a few (``^[^。]{0,300}-->$``, ``^\\S+@\\S+\\.\\w+$``) scan the whole line. So the patterns
are read once, at import: a pattern whose every match must hold one of a few words
(``(热线|电话|服务台)`` in a telephone line's pattern, ``-->``, ``@``) is tried only when the
line holds one of them, which one search for all the words tells. The answer is the same: the
words are read from each pattern's own syntax tree, and only where a match cannot do without
them (a run of literal characters, each branch of a group that must match, a repeat of at least
one); a pattern with no such word is tried on every line, as before.
"""

from __future__ import annotations

import re

try:  # the parser of the standard ``re`` module (``sre_parse`` before Python 3.11)
    from re import _constants as _sre, _parser as _sre_parse
except ImportError:  # pragma: no cover
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]


def _alternation(patterns: list[re.Pattern]) -> re.Pattern | None:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns)) if patterns else None


def _needed_words(items) -> frozenset[str] | None:
    """Words one of which every match of the parsed sequence ``items`` holds, or None."""
    best: frozenset[str] | None = None

    def consider(words: frozenset[str] | None) -> None:
        nonlocal best
        # the more selective: the longer shortest word, then the fewer words
        if words and (best is None or (min(map(len, words)), -len(words)) > (min(map(len, best)), -len(best))):
            best = words

    run = ""
    for op, av in items:
        if op == _sre.LITERAL:
            run += chr(av)
            continue
        consider(frozenset([run]) if run else None)
        run = ""
        if op == _sre.SUBPATTERN:
            if not av[1] & (re.IGNORECASE | re.VERBOSE):  # (?i:…) inside: no word to promise
                consider(_needed_words(av[-1]))
        elif op == _sre.BRANCH:
            alternatives = [_needed_words(alt) for alt in av[1]]
            if all(alternatives):
                consider(frozenset().union(*alternatives))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
            consider(_needed_words(av[2]))
        # anything else (classes, anchors, lookarounds, backreferences) promises no word
    consider(frozenset([run]) if run else None)
    return best


def needed_words(pattern: re.Pattern) -> frozenset[str] | None:
    """Words one of which every match of ``pattern`` holds (None: no such words found)."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return None
    return _needed_words(_sre_parse.parse(pattern.pattern, pattern.flags))


def _starts_with_literal(items) -> bool:
    """Does every match start with a literal character (anchors aside)? Such a pattern fails at
    once on a line that starts otherwise: cheap to try on every line."""
    for op, av in items:
        if op == _sre.AT:
            continue
        if op == _sre.LITERAL:
            return True
        if op == _sre.SUBPATTERN:
            return _starts_with_literal(av[-1])
        if op == _sre.BRANCH:
            return all(_starts_with_literal(alt) for alt in av[1])
        return False
    return False


def _worth_guarding(pattern: re.Pattern) -> frozenset[str] | None:
    """The words to look for before trying ``pattern``, when that is cheaper than trying it: a
    few words of two characters or more (one character is in too many lines, but for a few
    rare marks), for a pattern that does not fail at once on its first character."""
    words = needed_words(pattern)
    if not words or len(words) > 8 or any(len(w) < 2 and w not in _RARE_MARKS for w in words):
        return None  # (many words: looking for them costs about what trying the pattern does)
    return None if _starts_with_literal(_sre_parse.parse(pattern.pattern, pattern.flags)) else words


# marks that running Chinese text hardly ever holds: worth looking for even alone
_RARE_MARKS = frozenset("@>»›→©")


class AnyOf:
    """``AnyOf(patterns).search(text)`` is ``bool(re.compile("|".join(patterns)).search(text))``
    (and ``.match`` likewise), tried cheaply: see the module's docstring."""

    def __init__(self, patterns: list[re.Pattern]):
        guarded = {p: _worth_guarding(p) for p in patterns}
        self._plain = _alternation([p for p in patterns if not guarded[p]])
        self._guarded = _alternation([p for p in patterns if guarded[p]])
        words = sorted({w for ws in guarded.values() if ws for w in ws}, key=len, reverse=True)
        self._few_words = tuple(words) if len(words) <= 6 else None  # (str's own search is quicker)
        self._words = re.compile("|".join(map(re.escape, words))) if words else None

    def _has_a_word(self, text: str) -> bool:
        if self._few_words is not None:
            return any(word in text for word in self._few_words)
        return bool(self._words.search(text))

    def search(self, text: str) -> bool:
        if self._plain is not None and self._plain.search(text):
            return True
        return self._guarded is not None and self._has_a_word(text) and bool(self._guarded.search(text))

    def match(self, text: str) -> bool:
        if self._plain is not None and self._plain.match(text):
            return True
        return self._guarded is not None and self._has_a_word(text) and bool(self._guarded.match(text))
