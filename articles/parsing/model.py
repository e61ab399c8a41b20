"""What the parser hands to ingest: a page, its articles, bylines and page credits.

Plain frozen dataclasses; every field added after the first release has a default, so callers
written against the older shape keep working.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

PAPER = "江南晚报"


class PageParseError(ValueError):
    """The file cannot be read as a page; the message says why, in words a person can act on."""


@dataclass(frozen=True)
class Byline:
    name: str
    role: str | None = None  # 记者, 通讯员, ... when printed; None for a bare name


@dataclass(frozen=True)
class Credit:
    role: str  # 值班编委, 封面责编, 封面美编, 封面校对, ...
    names: tuple[str, ...]


@dataclass(frozen=True)
class ParsedArticle:
    headline: str
    paragraphs: tuple[str, ...]  # the lead first (when there is one), column breaks rejoined
    bylines: tuple[Byline, ...] = ()
    source: str | None = None  # wire agency for copy printed 据新华社
    section: str | None = None  # column title such as 要闻快览
    dateline: dt.date | None = None
    has_lead: bool = False  # paragraphs[0] is the 本报讯 lead
    kicker: str = ""  # 引题: the line printed above the main title
    subheadline: str = ""  # 副题: the line printed below it
    headline_from_lead: bool = False  # no printed headline: ``headline`` is the first sentence
    photo_credits: tuple[str, ...] = ()  # as printed without brackets: "沈生华 摄"
    captions: tuple[str, ...] = ()  # photo captions (▲…, 图:…, 图片：…)
    dateline_place: str = ""  # 南京 in 本报南京1月2日电
    editor_note: str = ""  # 编者按, kept apart from the body
    cross_references: tuple[str, ...] = ()  # "相关报道见第二版"
    byline_printed: str = ""  # the byline and credit text as printed, roles and all

    @property
    def lead(self) -> str:
        return self.paragraphs[0] if self.has_lead and self.paragraphs else ""

    @property
    def body(self) -> tuple[str, ...]:
        return self.paragraphs[1:] if self.has_lead else self.paragraphs


@dataclass(frozen=True)
class ParsedPage:
    articles: tuple[ParsedArticle, ...]
    credits: tuple[Credit, ...] = ()
    issue_date: dt.date | None = None
    issue_date_inferred: bool = True
    issue_date_evidence: str = ""
    warnings: tuple[str, ...] = field(default=())
    page_label: str | None = None  # A02, from an e-paper line 第A02版:要闻
    page_section: str | None = None  # 要闻, from the same line
    paper: str | None = None  # when the text names its paper unmistakably
    # "given" (issue_date passed in), "inferred" (from datelines and year clues) or "unknown"
    issue_date_source: str = "inferred"

