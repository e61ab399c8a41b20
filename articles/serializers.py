"""Plain-data views of articles, shared by the JSON Lines export and the JSON API."""

from __future__ import annotations

from .models import Article


def article_bylines(article: Article) -> list[dict]:
    """People in printed order, then the wire agency (role ``source``) when there is one."""
    people = [
        {"name": b.person.name, "role": b.role or None}
        for b in sorted(article.bylines.all(), key=lambda b: b.position)
    ]
    if article.source:
        people.append({"name": article.source, "role": "source"})
    return people


def article_export(article: Article) -> dict:
    """One line of ``export_articles``: the keys are an interface, keep them."""
    page = article.page
    issue = page.issue
    return {
        "id": article.pk,
        "url": article.get_absolute_url(),
        "source_file": page.source_file,
        "issue_date": issue.date_issued.isoformat() if issue.date_issued else None,
        "issue_date_inferred": issue.date_inferred,
        "page": page.sequence,
        "sequence": article.sequence,
        "section": article.section or None,
        "headline": article.headline,
        "bylines": article_bylines(article),
        "dateline": article.dateline.isoformat() if article.dateline else None,
        "paragraphs": article.paragraphs,
        "source": article.source or None,
        # Added with papers and printed fields (issue 10); the 13 keys above keep their meaning.
        "paper": issue.paper.name,
        "kicker": article.kicker,
        "subheadline": article.subheadline,
        "photo_credits": list(article.photo_credits or []),
        "captions": list(article.captions or []),
        "dateline_place": article.dateline_place,
        "issue_date_source": issue.date_source,
    }
