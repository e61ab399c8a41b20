"""The parser's fixture pages (tests/fixtures/pages, our own words in the shapes real pages
print), parsed as ingest parses them, and what a reader checks of them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from articles.parsing import parse_page_bytes

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


def parse_fixture(name: str, issue_date: dt.date | None):
    return parse_page_bytes((PAGES / name).read_bytes(), name, issue_date=issue_date)


def titles(parsed) -> list[str]:
    """Each article's whole printed title (kicker, headline, subheadline), or "(from lead)"."""
    return [
        "(from lead)" if a.headline_from_lead else " ".join(x for x in (a.kicker, a.headline, a.subheadline) if x)
        for a in parsed.articles
    ]


def names(article) -> list[str]:
    return [b.name for b in article.bylines]
