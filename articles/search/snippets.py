"""Snippets and highlighted headlines: every hit marked, all article text escaped.

haystack's ``{% highlight %}`` marks nothing in Chinese (it splits the query on spaces) and
does not escape the text; this module finds the hits the way search matched them (in the
normalised form, whitespace ignored) and maps them back to the printed text, so 無錫 marks
无锡 and a phrase across a headline's line wrap is marked across the space.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .normalize import normalize_with_offsets

SNIPPET_LENGTH = 120  # printed characters around the best cluster of hits
# Bounds on one snippet's work, whatever the article and the query (issue 14 item 7): hits are
# looked for in the first SNIPPET_SCAN printed characters only (far more than any printed
# article; a 3.4-million-character paragraph once cost every search that hit it 0.9 s), and
# at most HITS_PER_TERM occurrences of each term are collected (a query of 32 common single
# characters would otherwise collect tens of thousands).
SNIPPET_SCAN = 20_000
HITS_PER_TERM = 200
CONTEXT_BEFORE = 20
ELLIPSIS = "…"


def term_spans(text: str, terms) -> list[tuple[int, int, int]]:
    """``(start, end, term number)`` of every occurrence of every term (matching form) in
    ``text`` (printed offsets, ``end`` exclusive), sorted."""
    if not text or not terms:
        return []
    form, origin = normalize_with_offsets(text)
    spans: list[tuple[int, int, int]] = []
    for number, term in enumerate(terms):
        start = form.find(term)
        found = 0
        while start >= 0 and found < HITS_PER_TERM:
            spans.append((origin[start], origin[start + len(term) - 1] + 1, number))
            start = form.find(term, start + 1)
            found += 1
    spans.sort()
    return spans


def merged(spans) -> list[tuple[int, int]]:
    """Overlapping or touching spans as one (a run of hits is marked once)."""
    out: list[tuple[int, int]] = []
    for start, end, *_ in spans:
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def hit_spans(text: str, terms) -> list[tuple[int, int]]:
    """``[start, end)`` spans of ``text`` (printed) where any term (matching form) occurs, merged."""
    return merged(term_spans(text, terms))


def _marked(text: str, spans, start: int = 0, end: int | None = None) -> str:
    end = len(text) if end is None else end
    out: list[str] = []
    pos = start
    for s, e in spans:
        s, e = max(s, start), min(e, end)
        if e <= s:
            continue
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:end]))
    return "".join(out)


def highlight(text: str, terms) -> SafeString:
    """The whole text, escaped, with every hit in ``<mark>``."""
    return mark_safe(_marked(text, hit_spans(text, terms)))


def snippet(paragraphs: list[str], terms, length: int = SNIPPET_LENGTH) -> SafeString:
    """About ``length`` printed characters where the hits cluster best, escaped, hits marked.

    Paragraphs are joined by a space for display; no hit spans two of them, as in search.
    """
    text_parts: list[str] = []
    spans: list[tuple[int, int, int]] = []
    offset = 0
    for paragraph in paragraphs:
        if offset >= SNIPPET_SCAN:
            break
        paragraph = paragraph[: SNIPPET_SCAN - offset + 1]
        if text_parts:
            offset += 1
        spans.extend((s + offset, e + offset, t) for s, e, t in term_spans(paragraph, terms))
        text_parts.append(paragraph)
        offset += len(paragraph)
    text = " ".join(text_parts)
    if not text:
        return mark_safe("")
    if not spans:
        end = min(len(text), length)
        return mark_safe(escape(text[:end]) + (ELLIPSIS if end < len(text) else ""))
    start = clause_start(text, _best_window(spans, length), spans)
    end = min(len(text), start + length)
    body = _marked(text, merged(spans), start, end)
    return mark_safe((ELLIPSIS if start > 0 else "") + body + (ELLIPSIS if end < len(text) else ""))


# Where a clause or sentence may begin: after its punctuation (both widths) or a paragraph join.
CLAUSE_ENDS = frozenset("。！？；，、：…!?;,: \n")
CLOSERS = frozenset("”’」』）)】")
LOOK_BACK = 2 * CONTEXT_BEFORE


def clause_start(text: str, start: int, spans) -> int:
    """``start`` moved to where a clause begins, so a snippet never opens mid-word: after the
    last clause mark before the window's first hit (looking back at most ``LOOK_BACK``
    characters), else at the hit itself, which is a word the reader typed."""
    if start == 0:
        return 0
    hit = next((s for s, _, _ in spans if s >= start), start)
    for pos in range(hit - 1, max(0, hit - LOOK_BACK) - 1, -1):
        if text[pos] in CLAUSE_ENDS:
            pos += 1
            while pos < hit and (text[pos] in CLOSERS or text[pos].isspace()):
                pos += 1
            return pos
    return 0 if hit <= LOOK_BACK else hit


def _best_window(spans: list[tuple[int, int, int]], length: int) -> int:
    """Start of the window that shows the most different terms, then the most hits, earliest."""
    starts = [s for s, _, _ in spans]
    best_key, best_start = None, 0
    for first in starts[:200]:
        start = max(0, first - CONTEXT_BEFORE)
        end = start + length
        inside = [(s, e, t) for s, e, t in spans[bisect_left(starts, start) : bisect_right(starts, end)] if e <= end]
        key = (len({t for _, _, t in inside}), len(inside), -start)
        if best_key is None or key > best_key:
            best_key, best_start = key, start
    return best_start
