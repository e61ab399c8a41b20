"""One page of text -> ``ParsedPage``: furniture removed, articles split, dates placed."""

from __future__ import annotations

import datetime as dt

from .bylines import split_byline
from .datelines import _date_for, find_dateline
from .decoding import decode_page
from .furniture import strip_boilerplate
from .headlines import _is_lead
from .issue_dates import IssueDate, infer_issue_date
from .model import Byline, PageParseError, ParsedArticle, ParsedPage
from .segmentation import _segment, rejoin_column_breaks


def parse_page_bytes(
    data: bytes,
    name: str = "page",
    *,
    issue_date: dt.date | None = None,
    fallback_year: int | None = None,
) -> ParsedPage:
    return parse_page(decode_page(data, name), name, issue_date=issue_date, fallback_year=fallback_year)


def parse_page(
    text: str,
    name: str = "page",
    *,
    issue_date: dt.date | None = None,
    fallback_year: int | None = None,
) -> ParsedPage:
    """Text of one page -> ``ParsedPage``. Raises ``PageParseError`` when no article is found.

    With ``issue_date`` (the date the source gives) datelines are placed against it and nothing
    is inferred; without it the date is inferred from the text, and a page whose date cannot be
    determined is returned with ``issue_date=None`` and ``issue_date_source="unknown"``.
    """
    text = text.lstrip("\ufeff")
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    lines, credits = strip_boilerplate(lines)
    chunks = _segment(lines)

    drafts = []
    for chunk in chunks:
        paragraphs = rejoin_column_breaks(chunk.body_lines)
        bylines: tuple[Byline, ...] = ()
        source = None
        if paragraphs:
            split = split_byline(paragraphs[-1])
            if split is not None:
                rest, bylines, source = split
                if rest:
                    paragraphs[-1] = rest
                else:
                    paragraphs.pop()
        headline = " ".join(h.strip() for h in chunk.headline_lines)
        if not paragraphs and not headline:
            continue
        has_lead = bool(paragraphs) and _is_lead(paragraphs[0])
        md = find_dateline(paragraphs[0]) if has_lead else None
        drafts.append((headline, tuple(paragraphs), bylines, source, chunk.section, md, has_lead))

    if not any(d[1] for d in drafts):
        raise PageParseError(f"{name}: 没有找到文章 (no article found: boilerplate only or not a page)")

    if issue_date is not None:
        found = IssueDate(issue_date, "given", "", ())
    else:
        found = infer_issue_date(text, [d[5] for d in drafts if d[5]], fallback_year=fallback_year)

    articles = tuple(
        ParsedArticle(
            headline=headline,
            paragraphs=paragraphs,
            bylines=bylines,
            source=source,
            section=section,
            dateline=_date_for(md, found.date) if md and found.date else None,
            has_lead=has_lead,
        )
        for headline, paragraphs, bylines, source, section, md, has_lead in drafts
    )
    return ParsedPage(
        articles=articles,
        credits=credits,
        issue_date=found.date,
        issue_date_inferred=found.source == "inferred",
        issue_date_evidence=found.evidence,
        warnings=found.warnings,
        issue_date_source=found.source,
    )
