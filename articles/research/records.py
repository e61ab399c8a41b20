"""Articles as plain records for citations, exports and the API (reads only; no writes here)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from articles.models import Article

from .citations import Reference, page_number


def paper_name(issue) -> str:
    """The paper's name, whether ``Issue.paper`` is its name or a ``Paper`` row."""
    paper = issue.paper
    return getattr(paper, "name", None) or str(paper)


def byline_names(article: Article) -> tuple[str, ...]:
    """People in printed order; the wire agency when no person signed (新华社 is the author then)."""
    people = tuple(b.person.name for b in sorted(article.bylines.all(), key=lambda b: b.position))
    if not people and article.source:
        return (article.source,)
    return people


def article_page(article: Article) -> str:
    """The page as printed (A02); the page's order when the source gave no label."""
    page = article.page
    given = getattr(page, "label_given", True)
    return page_number(page.label if given is not False else "", page.sequence)


def today() -> dt.date:
    return timezone.localdate()


def reference_for(article: Article, url: str, accessed: dt.date | None = None) -> Reference:
    """What a citation of ``article`` needs; ``url`` is its absolute stable URL."""
    issue = article.page.issue
    return Reference(
        id=article.pk,
        headline=article.headline or "（无标题）",
        paper=paper_name(issue),
        date=issue.date_issued,
        date_inferred=issue.date_inferred,
        page=article_page(article),
        url=url,
        accessed=accessed or today(),
        authors=byline_names(article),
        column=article.section,
        abstract=article.first_sentence,
    )


def api_bylines(article: Article) -> list[dict]:
    """The API's bylines: people with their reporter id and page URL, then the wire agency."""
    people = [
        {"id": b.person_id, "name": b.person.name, "role": b.role or None, "url": b.person.get_absolute_url()}
        for b in sorted(article.bylines.all(), key=lambda b: b.position)
    ]
    if article.source:
        people.append({"id": None, "name": article.source, "role": "source", "url": None})
    return people


def api_place(article: Article) -> dict:
    """Where the article was printed, for the API: paper, page and whether the date is inferred."""
    page = article.page
    issue = page.issue
    return {
        "paper": paper_name(issue),
        "issue_date_inferred": issue.date_inferred,
        "page": {"sequence": page.sequence, "label": page.display_label, "number": article_page(article)},
        "column": article.section or None,
    }
