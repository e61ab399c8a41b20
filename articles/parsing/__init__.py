"""Parse one printed page of 江南晚报 (plain text) into its articles and page metadata.

Pure Python, no Django imports: the ingest service turns a ``ParsedPage`` into rows.
The format, as far as we know it, is described in FORMAT.md in the shared folder; in short:
a page is lines of text; an article is a headline line, a ``本报讯`` lead, body paragraphs and
a byline in parentheses; printed column breaks leave a paragraph cut mid-sentence; a column
title (``要闻快览``) heads short items without ``本报讯``; the masthead and imprint are not
article text, but the page credits (值班编委 ...) are kept.

The package is small modules, one concern each: ``decoding`` (bytes -> text, ``fold``),
``furniture`` (masthead, imprint, e-paper furniture), ``segmentation`` (articles and column
breaks), ``headlines``, ``bylines`` (bylines, credits, wire sources), ``datelines`` and
``issue_dates``; ``page`` puts them together (``patterns`` tries many line patterns as one, quickly). Everything callers use is re-exported here.
"""

from __future__ import annotations

from .bylines import is_terminated, parse_byline_text, split_byline
from .datelines import find_dateline
from .decoding import decode_page, fold
from .furniture import strip_boilerplate
from .headlines import KNOWN_COLUMN_TITLES
from .issue_dates import infer_year
from .model import PAPER, Byline, Credit, PageParseError, ParsedArticle, ParsedPage
from .page import parse_page, parse_page_bytes
from .segmentation import rejoin_column_breaks

# The benchmark corpus generator builds pages the parser must read back, using these line
# tests; they stay importable from the package for it.
from .furniture import _footer_strength  # noqa: E402,F401
from .headlines import _is_byline_line, _title_like  # noqa: E402,F401

__all__ = [
    "Byline",
    "Credit",
    "KNOWN_COLUMN_TITLES",
    "PAPER",
    "PageParseError",
    "ParsedArticle",
    "ParsedPage",
    "decode_page",
    "find_dateline",
    "fold",
    "infer_year",
    "is_terminated",
    "parse_byline_text",
    "parse_page",
    "parse_page_bytes",
    "rejoin_column_breaks",
    "split_byline",
    "strip_boilerplate",
]
