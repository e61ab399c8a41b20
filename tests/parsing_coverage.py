"""The no-text-lost check for the page parser: every character of a page's non-footer lines
reaches some field of the parsed page.

Whitespace and punctuation are not counted (brackets around a byline are not kept, and both
punctuation widths are one, and a digest's item numbers `2、【…】` are list marks like bullets); every other character of the article lines must be found, as
often as it occurs, in the headlines, kickers, subheadlines, paragraphs, printed bylines and
credits, captions, photo credits, editor's notes, cross-references and column titles.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from articles.parsing import ParsedPage, fold
from articles.parsing.decoding import clean_markup


def _counted(text: str) -> Counter:
    return Counter(
        c for c in fold(text) if not c.isspace() and not unicodedata.category(c).startswith(("P", "S"))
    )


def page_field_text(page: ParsedPage) -> str:
    parts: list[str] = [page.page_label or "", page.page_section or ""]
    for c in page.credits:
        parts.append(c.role + "".join(c.names))
    for a in page.articles:
        parts += [a.kicker, a.subheadline, a.section or "", a.editor_note]
        if not a.headline_from_lead:
            parts.append(a.headline)
        parts += list(a.paragraphs)
        parts.append(a.byline_printed)
        parts += list(a.photo_credits) + list(a.captions) + list(a.cross_references)
    return "\n".join(parts)


def lost_characters(text: str, page: ParsedPage, footer_lines: set[str] | frozenset = frozenset()) -> Counter:
    """Characters of the non-footer lines of ``text`` that no field of ``page`` holds."""
    text = clean_markup(text)  # HTML tags and entities are not text (<br/>, &nbsp;)
    # a digest's item numbers (`2、【…】`) are list marks, as a bullet (•) is
    text = re.sub(r"(?m)^\s*\d{1,2}\s*[、.．]\s*(?=【)", "", text)
    # and so are a brief column's circled item numbers (①, ②, ❶)
    text = re.sub(r"(?m)^\s*[①-⑳❶-❿]", "", text)
    # a database mirror's item pasted on one line starts with its page line and column mark
    # (`第1版(要闻)专栏:  标题……`): furniture, as the same words are on lines of their own
    # (one space after it, or the column's name, when a numbered title above it is repeated after
    # it: `1. 标题` / `第1版()专栏:社论 标题 正文`)
    text = re.sub(r"(?m)^第\s*\d{1,3}\s*版\s*\((?:[^()]|\([^()]*\))*\)\s*专栏\s*:(?=\s|\S{1,12}\s)", "", text)
    body = "\n".join(ln for ln in text.split("\n") if ln.strip() and ln.strip() not in footer_lines)
    # (and a numbered list's, `1. 标题`, `1丨标题`, whose numbers are no part of the titles)
    body = re.sub(r"(?m)^\s*\d{1,2}\s*[、.．丨｜]\s*(?=[\u4e00-\u9fff“《「])", "", body)
    return _counted(body) - _counted(page_field_text(page))


def assert_no_text_lost(text: str, page: ParsedPage, footer_lines=frozenset()) -> None:
    lost = lost_characters(text, page, footer_lines)
    assert not lost, f"article text lost: {''.join(sorted(lost.elements()))!r}"
