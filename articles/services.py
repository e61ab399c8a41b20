"""Writes to the archive: ingest a page file, keeping staff corrections.

Every write goes through a small keyword-only function here, inside ``transaction.atomic()``.
Reads stay on the QuerySets in ``models``.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from django.db import connection, transaction
from django.db.models import Max, Q
from simple_history.utils import bulk_create_with_history

from . import links, parsing
from .models import CURATED_ARTICLE_FIELDS, Article, Byline, Issue, Page, Person

IngestStatus = Literal["created", "updated", "skipped"]


@dataclass
class IngestResult:
    source_file: str
    status: IngestStatus
    articles: int = 0
    issue_date: dt.date | None = None
    issue_date_inferred: bool = True
    kept_edits: int = 0  # fields left as staff corrected them
    warnings: list[str] = field(default_factory=list)
    changed_article_ids: list[int] = field(default_factory=list)
    removed_article_ids: list[int] = field(default_factory=list)


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
    }


def page_label(page: parsing.ParsedPage, sequence: int) -> str:
    """A front page names its editors 封面责编 etc.; otherwise the page's order is all we know."""
    if any(c.role.startswith("封面") for c in page.credits):
        return "头版"
    return f"第{sequence}版"


def page_ingest(*, path: Path, fallback_year: int | None = None) -> IngestResult:
    """Load one page file. Skips a file whose content is already loaded; a changed file of the
    same name updates its page, leaving every field a person edited as they left it.

    Raises ``parsing.PageParseError`` (nothing written) when the file cannot be used.
    """
    data = path.read_bytes()
    name = path.name
    digest = sha256_of(data)
    text = parsing.decode_page(data, name)
    # The same page may be re-sent in another encoding or with CRLF line ends: recognise it by
    # its decoded text too, so it is never loaded twice.
    text_digest = sha256_of(text.strip().encode("utf-8"))
    already = (
        Page.objects.filter(Q(sha256=digest) | Q(text_sha256=text_digest)).select_related("issue").first()
    )
    if already is not None:
        result = IngestResult(
            source_file=name,
            status="skipped",
            articles=already.articles.count(),
            issue_date=already.issue.date_issued,
            issue_date_inferred=already.issue.date_inferred,
        )
        if already.source_file != name:
            result.warnings.append(f"与已导入的 {already.source_file} 内容相同")
        return result
    parsed = parsing.parse_page(text, name, fallback_year=fallback_year or dt.date.today().year)
    if parsed.issue_date is None:
        raise parsing.PageParseError(f"{name}: 无法推断出版日期 ({'；'.join(parsed.warnings)})")

    with transaction.atomic():
        page = Page.objects.select_for_update().filter(source_file=name).first()
        result = IngestResult(source_file=name, status="updated" if page else "created")
        result.warnings.extend(parsed.warnings)
        if page is None:
            issue = _issue_for(parsed)
            sequence = (issue.pages.aggregate(m=Max("sequence"))["m"] or 0) + 1
            page = Page(issue=issue, sequence=sequence, source_file=name)
            page.label = page_label(parsed, sequence)
        else:
            _move_page_if_redated(page, parsed)
        page.sha256 = digest
        page.text_sha256 = text_digest
        page.credits = [{"role": c.role, "names": list(c.names)} for c in parsed.credits]
        page.save()

        if result.status == "created":
            # A new page has nothing a person could have edited: write its rows in bulk.
            created = _articles_create(page=page, parsed_articles=parsed.articles, reason=f"导入 {name}")
            result.changed_article_ids.extend(a.pk for a in created)
        else:
            _page_articles_update(page=page, parsed=parsed, name=name, result=result)

        result.articles = len(parsed.articles)
        result.issue_date = page.issue.date_issued
        result.issue_date_inferred = page.issue.date_inferred
    return result


def _issue_for(parsed: parsing.ParsedPage) -> Issue:
    issue, created = Issue.objects.get_or_create(
        date_issued=parsed.issue_date,
        defaults={"date_inferred": parsed.issue_date_inferred, "date_evidence": parsed.issue_date_evidence[:300]},
    )
    return issue


def _move_page_if_redated(page: Page, parsed: parsing.ParsedPage) -> None:
    """A changed file may infer another date; a date staff confirmed is never moved."""
    old = page.issue
    if old.date_confirmed_by_staff or old.date_issued == parsed.issue_date:
        return
    new = _issue_for(parsed)
    if old.pages.count() == 1:  # the old date's page goes away: its URL leads to the new one
        links.issue_date_retired(issue=old, old_date=old.date_issued, into=new)
    page.issue = new
    page.sequence = (new.pages.aggregate(m=Max("sequence"))["m"] or 0) + 1
    page.save()
    if not old.pages.exists():
        old.delete()


def _page_articles_update(*, page: Page, parsed: parsing.ParsedPage, name: str, result: IngestResult) -> None:
    """A changed file of a loaded page: apply it article by article, keeping staff corrections."""
    existing = {a.sequence: a for a in page.articles.all()}
    for sequence, parsed_article in enumerate(parsed.articles, start=1):
        article = existing.pop(sequence, None)
        kept = _article_apply(
            page=page, sequence=sequence, article=article,
            values=parsed_article_values(parsed_article), reason=f"导入 {name}",
        )
        result.kept_edits += kept.kept_edits
        result.changed_article_ids.append(kept.article.pk)
    for article in existing.values():
        if article.edited_fields:
            result.warnings.append(
                f"第{article.sequence}篇《{article.headline}》在新文件中已不存在，但有人工更正，予以保留"
            )
            continue
        result.removed_article_ids.append(article.pk)
        article._change_reason = f"导入 {name}：新文件中已无此文"
        article.delete()


def _articles_create(*, page: Page, parsed_articles: tuple[parsing.ParsedArticle, ...], reason: str) -> list[Article]:
    """Create a new page's articles and bylines with their history rows, a few queries per page.

    Same rows as saving one by one (``_article_apply`` on a new article, then
    ``article_set_bylines``), but ingest of a large archive spends its time in per-row
    queries and simple_history's per-save work otherwise (see docs/benchmarks.md).
    """
    articles = []
    for sequence, parsed_article in enumerate(parsed_articles, start=1):
        values = parsed_article_values(parsed_article)
        article = Article(page=page, sequence=sequence, parsed=values, version=1)  # version: as a first save()
        for name in CURATED_ARTICLE_FIELDS:
            if name != "bylines":
                value = values[name]
                setattr(article, name, dt.date.fromisoformat(value) if name == "dateline" and value else value)
        articles.append(article)
    articles = _bulk_create_with_history(Article, articles, reason)

    wanted = [(article, name, role or "") for article in articles for name, role in article.parsed["bylines"]]
    if not wanted:
        return articles
    names = list(dict.fromkeys(name for _, name, _ in wanted))
    people = {p.name: p for p in Person.objects.filter(name__in=names)}
    for name in names:
        if name not in people:
            people[name], _ = Person.objects.get_or_create(name=name)
    bylines = []
    position: dict[int, int] = {}
    for article, name, role in wanted:
        n = position.get(article.pk, 0)
        position[article.pk] = n + 1
        bylines.append(Byline(article=article, person=people[name], position=n, role=role))
    _bulk_create_with_history(Byline, bylines, reason)
    return articles


@functools.cache
def _history_manager(model):
    # ``Model.history`` builds a new manager class on every access (inspect.getmembers): a
    # tenth of bulk ingest time. Unbound to any instance, one manager per model can be reused.
    return model.history


def _bulk_create_with_history(model, objects: list, reason: str) -> list:
    if not connection.features.can_return_rows_from_bulk_insert:  # no ids back: the slower way
        return bulk_create_with_history(objects, model, default_change_reason=reason)
    created = model.objects.bulk_create(objects)
    _history_manager(model).bulk_history_create(created, default_change_reason=reason)
    return created


@dataclass
class _Applied:
    article: Article
    kept_edits: int


def _article_apply(*, page: Page, sequence: int, article: Article | None, values: dict, reason: str) -> _Applied:
    """Set an article's fields from parsed values, except the fields a person edited."""
    if article is None:
        article = Article(page=page, sequence=sequence)
    locked = set(article.edited_fields or [])
    changed = article.pk is None
    for name in CURATED_ARTICLE_FIELDS:
        if name == "bylines" or name in locked:
            continue
        value = values[name]
        if name == "dateline":
            value = dt.date.fromisoformat(value) if value else None
        if getattr(article, name) != value:
            setattr(article, name, value)
            changed = True
    if article.parsed != values:
        article.parsed = values
        changed = True
    if changed:
        article._change_reason = reason
        article.save()
    if "bylines" not in locked:
        article_set_bylines(article=article, bylines=values["bylines"], reason=reason)
    return _Applied(article=article, kept_edits=len(locked & set(CURATED_ARTICLE_FIELDS)))


def article_set_bylines(*, article: Article, bylines: list[list[str]] | list[tuple[str, str]], reason: str = "") -> None:
    """Replace an article's bylines with (name, role) pairs, in order; reuses people by name."""
    wanted = [(name, role or "") for name, role in bylines]
    current = [(b.person.name, b.role) for b in article.bylines.select_related("person").order_by("position")]
    if current == wanted:
        return
    # Row by row, so the history records what happened to each byline: a role or name that
    # changed is one change, not a deletion and an addition.
    rows = list(article.bylines.select_related("person").order_by("position"))
    for extra in rows[len(wanted):]:
        extra._change_reason = reason
        extra.delete()
    for position, (name, role) in enumerate(wanted):
        byline = rows[position] if position < len(rows) else Byline(article=article)
        person = byline.person if byline.pk and byline.person.name == name else Person.objects.get_or_create(name=name)[0]
        if byline.pk and (byline.person_id, byline.role, byline.position) == (person.pk, role, position):
            continue
        byline.person, byline.role, byline.position = person, role, position
        byline._change_reason = reason
        byline.save()

