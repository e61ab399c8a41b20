"""A page file read, recognised and parsed, with no database: the half of ingest that can run
in another process while the first one writes (``manage.py ingest`` runs it in a process pool).

Pure Python, no Django imports (the limits come in as an argument), so a worker process needs
nothing but this module, ``parsing`` and ``sources``. ``services.page_ingest`` and the ingest
command store what ``page_prepare`` gives; nothing here decides whether a page is new.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from . import parsing, sources

# Limits a real page never reaches (a broadsheet page's text is 5-60 KB, 1-40 articles, and its
# longest paragraph a few hundred characters); past them a file is refused by name, so one
# runaway file cannot make an issue page or a search slow for everyone. Settings may change them.
LIMITS = {
    "NEWSARCHIVE_INGEST_MAX_PAGE_BYTES": 2_000_000,
    "NEWSARCHIVE_INGEST_MAX_ARTICLES": 500,
    "NEWSARCHIVE_INGEST_MAX_PARAGRAPH_CHARS": 20_000,
}


class IngestRefused(parsing.PageParseError):
    """A file past one of the ingest limits: refused by name, nothing written."""


@dataclass
class PreparedPage:
    """One page file as ingest stores it. ``error`` is set when the file cannot be used (a
    ``PageParseError``, ``IngestRefused`` or ``OSError``); the digests are still there when the
    file could be decoded, so a page loaded before is reported as loaded, not as failed."""

    path: Path
    name: str
    full_path: str
    digest: str = ""  # SHA-256 of the bytes
    text_digest: str = ""  # SHA-256 of the decoded text, stripped
    key: str = ""  # sources.content_key: the same text with other spacing or widths
    text: str = ""
    # The parsed page's own facts (date, paper, label, credits, warnings); its articles are in
    # ``values``, so a worker process sends each article's text back once, not twice.
    parsed: parsing.ParsedPage | None = None
    values: list[dict] = field(default_factory=list)  # parsed_article_values of each article
    fingerprints: list[str] = field(default_factory=list)  # sources.article_fingerprints
    error: Exception | None = None


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parsed_article_values(article: parsing.ParsedArticle) -> dict:
    """The parser's values for the curated fields, JSON-ready (also stored in ``Article.parsed``)."""
    return {
        "headline": article.headline,
        "section": article.section or "",
        "dateline": article.dateline.isoformat() if article.dateline else None,
        "lead": article.lead,
        "body": "\n\n".join(article.body),
        "source": article.source or "",
        "bylines": [[b.name, b.role or ""] for b in article.bylines],
        "kicker": article.kicker,
        "subheadline": article.subheadline,
        "photo_credits": list(article.photo_credits),
        "captions": list(article.captions),
        "dateline_place": article.dateline_place,
        "editor_note": article.editor_note,
        "cross_references": list(article.cross_references),
        "headline_from_lead": article.headline_from_lead,
    }


def article_source_text(values: dict) -> str:
    """What an article's fingerprint is taken from: its text as the parser read it."""
    return "\n".join((values.get("headline") or "", values.get("lead") or "", values.get("body") or ""))


def check_limits(*, name: str, parsed: parsing.ParsedPage, limits: dict) -> None:
    if not any(parsing.is_terminated(p) for a in parsed.articles for p in a.paragraphs):
        # No date is no reason to refuse a page, but text without one finished sentence is not
        # a page (markup, a list of words, a file of another kind).
        raise IngestRefused(f"{name}: 没有一句完整的话（无“。！？”结尾的段落）——不像报纸版面，未导入")
    most = limits["NEWSARCHIVE_INGEST_MAX_ARTICLES"]
    if len(parsed.articles) > most:
        raise IngestRefused(
            f"{name}: 文章过多（{len(parsed.articles):,} 篇，每版上限 {most:,} 篇）——不像一个版面，未导入"
        )
    longest = limits["NEWSARCHIVE_INGEST_MAX_PARAGRAPH_CHARS"]
    for article in parsed.articles:
        for paragraph in (*article.paragraphs, article.headline):
            if len(paragraph) > longest:
                raise IngestRefused(
                    f"{name}: 段落过长（{len(paragraph):,} 字，上限 {longest:,} 字）——"
                    f"《{article.headline[:20]}》一段未分段，未导入"
                )


def page_prepare(
    path: Path, *, issue_date: dt.date | None = None, fallback_year: int | None = None, limits: dict | None = None,
    text: str | None = None,
) -> PreparedPage:
    """Read, decode, recognise (digests) and parse one page file; never raises for a bad file
    (the reason is in ``error``). ``text`` given: that text instead of the file's (a held update
    staff accept). ``issue_date``: the date the delivery gives, for relative datelines."""
    limits = {**LIMITS, **(limits or {})}
    prepared = PreparedPage(path=path, name=path.name, full_path=str(path.resolve()))
    try:
        if text is None:
            most = limits["NEWSARCHIVE_INGEST_MAX_PAGE_BYTES"]
            size = path.stat().st_size
            if size > most:
                raise IngestRefused(
                    f"{prepared.name}: 文件过大（{size:,} 字节，上限 {most:,} 字节）——不像一个版面，未导入"
                )
            data = path.read_bytes()
            text = parsing.decode_page(data, prepared.name)
        else:
            data = text.encode("utf-8")
    except (parsing.PageParseError, OSError) as exc:
        prepared.error = exc
        return prepared
    prepared.text = text
    prepared.digest = sha256_of(data)
    # The same page may be re-sent in another encoding, with CRLF, other spacing or the other
    # punctuation width: recognised by its decoded, normalised text too.
    prepared.text_digest = sha256_of(text.strip().encode("utf-8"))
    prepared.key = sources.content_key(text)
    try:
        # No year from this year's calendar: a month and day the text gives with no year is not
        # a date (it put 3 of 4 real pages in the wrong year); such a page goes in as 日期待定.
        parsed = parsing.parse_page(text, prepared.name, issue_date=issue_date, fallback_year=fallback_year)
        check_limits(name=prepared.name, parsed=parsed, limits=limits)
    except parsing.PageParseError as exc:
        prepared.error = exc
        return prepared
    prepared.parsed = dataclasses.replace(parsed, articles=())
    prepared.values = [parsed_article_values(a) for a in parsed.articles]
    prepared.fingerprints = sources.article_fingerprints([article_source_text(v) for v in prepared.values])
    return prepared


def pages_prepare(jobs: list[tuple[Path, dt.date | None]], limits: dict | None = None) -> list[PreparedPage]:
    """``page_prepare`` of several files (path, the date the delivery gives): one task of a
    worker process."""
    out = []
    for path, date in jobs:
        try:
            out.append(page_prepare(path, issue_date=date, limits=limits))
        except Exception as exc:  # a parser bug on one file: that file fails by name, the rest go in
            prepared = PreparedPage(path=path, name=path.name, full_path=str(path.resolve()))
            prepared.error = parsing.PageParseError(f"{path.name}: 解析出错（{type(exc).__name__}: {exc}），未导入")
            out.append(prepared)
    return out
