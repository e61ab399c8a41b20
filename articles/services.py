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

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Max, Q
from simple_history.utils import bulk_create_with_history

from . import links, parsing, sources
from .models import CURATED_ARTICLE_FIELDS, Article, Byline, Delivery, DeliveryFile, Issue, Page, Paper, Person

IngestStatus = Literal["created", "updated", "skipped", "held"]

# Limits a real page never reaches (a broadsheet page's text is 5-60 KB, 1-40 articles, and its
# longest paragraph a few hundred characters); past them a file is refused by name, so one
# runaway file cannot make an issue page or a search slow for everyone. Settings may change them.
LIMITS = {
    "NEWSARCHIVE_INGEST_MAX_PAGE_BYTES": 2_000_000,
    "NEWSARCHIVE_INGEST_MAX_ARTICLES": 500,
    "NEWSARCHIVE_INGEST_MAX_PARAGRAPH_CHARS": 20_000,
}
# An update that keeps less than this share of a loaded page's text is held for staff.
MIN_KEPT_SHARE_FOR_UPDATE = 0.5


def ingest_limit(name: str) -> int:
    return int(getattr(settings, name, LIMITS[name]))


class IngestRefused(parsing.PageParseError):
    """A file past one of the ingest limits: refused by name, nothing written."""


@dataclass(frozen=True)
class PageSource:
    """What the delivery says about a page file outside its text, and where each fact came from.

    ``date_from`` is "given" (an option or the manifest) or "path" (folder or file name); with
    no date the text's datelines decide ("inferred"), or nothing does ("unknown").
    """

    paper: str | None = None  # the paper's name (or slug of a known paper); a new name adds it
    paper_slug: str | None = None  # from a path: used only when a paper has that slug
    date: dt.date | None = None
    date_from: str = "given"
    label: str | None = None
    section: str | None = None


@dataclass
class IngestResult:
    source_file: str
    status: IngestStatus
    articles: int = 0
    issue_date: dt.date | None = None
    issue_date_inferred: bool = True
    issue_date_source: str = "inferred"
    paper: str = ""
    page_label: str = ""
    kept_edits: int = 0  # fields left as staff corrected them
    warnings: list[str] = field(default_factory=list)
    changed_article_ids: list[int] = field(default_factory=list)
    removed_article_ids: list[int] = field(default_factory=list)
    page_id: int | None = None
    held_text: str = ""  # a held update's text, kept for staff


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


def page_label(page: parsing.ParsedPage, sequence: int) -> str:
    """A front page names its editors 封面责编 etc.; otherwise the page's order is all we know."""
    if any(c.role.startswith("封面") for c in page.credits):
        return "头版"
    return f"第{sequence}版"


def paper_for(*, name: str | None) -> Paper:
    """The paper called ``name`` (or with that slug); a name not yet known adds the paper, its
    slug from the pinyin initials (无锡日报 → wxrb, editable in the admin). None: the default."""
    # The default paper comes from a migration; after a database flush it is made again here,
    # before a page naming it (江南晚报) could add it as a second, non-default paper.
    default = Paper.objects.default()
    if not name:
        return default
    name = " ".join(name.split())
    found = Paper.objects.filter(Q(name=name) | Q(slug=name.lower())).first()
    if found is not None:
        return found
    base = sources.paper_slug(name)
    slug, n = base, 2
    while Paper.objects.filter(slug=slug).exists():
        slug, n = f"{base[:18]}{n}", n + 1
    with transaction.atomic():
        paper, _ = Paper.objects.get_or_create(name=name, defaults={"slug": slug})
    return paper


def _check_limits(*, name: str, parsed: parsing.ParsedPage) -> None:
    if not any(parsing.is_terminated(p) for a in parsed.articles for p in a.paragraphs):
        # No date is no reason to refuse a page, but text without one finished sentence is not
        # a page (markup, a list of words, a file of another kind).
        raise IngestRefused(f"{name}: 没有一句完整的话（无“。！？”结尾的段落）——不像报纸版面，未导入")
    most = ingest_limit("NEWSARCHIVE_INGEST_MAX_ARTICLES")
    if len(parsed.articles) > most:
        raise IngestRefused(
            f"{name}: 文章过多（{len(parsed.articles):,} 篇，每版上限 {most:,} 篇）——不像一个版面，未导入"
        )
    longest = ingest_limit("NEWSARCHIVE_INGEST_MAX_PARAGRAPH_CHARS")
    for article in parsed.articles:
        for paragraph in (*article.paragraphs, article.headline):
            if len(paragraph) > longest:
                raise IngestRefused(
                    f"{name}: 段落过长（{len(paragraph):,} 字，上限 {longest:,} 字）——"
                    f"《{article.headline[:20]}》一段未分段，未导入"
                )


def page_ingest(
    *, path: Path, source: PageSource | None = None, fallback_year: int | None = None, force_update: bool = False,
    text: str | None = None,
) -> IngestResult:
    """Load one page file. Skips a page already loaded (the same bytes, or the same text up to
    spacing and punctuation width); a changed page updates its page, leaving every field a
    person edited as they left it, unless it would replace most of the page's text: then it
    is held for staff (status ``held``) and nothing changes (``force_update`` applies it).

    A page is the same page as a loaded one when the source gives its paper, date and label and
    they match; otherwise only when it comes from the same full path. Never by file name alone.

    Raises ``parsing.PageParseError`` (nothing written) when the file cannot be used, and
    ``IngestRefused`` past the limits.
    """
    source = source or PageSource()
    name = path.name
    full_path = str(path.resolve())
    if text is None:
        most = ingest_limit("NEWSARCHIVE_INGEST_MAX_PAGE_BYTES")
        size = path.stat().st_size
        if size > most:
            raise IngestRefused(f"{name}: 文件过大（{size:,} 字节，上限 {most:,} 字节）——不像一个版面，未导入")
        data = path.read_bytes()
        text = parsing.decode_page(data, name)
    else:
        data = text.encode("utf-8")
    digest = sha256_of(data)
    # The same page may be re-sent in another encoding, with CRLF, other spacing or the other
    # punctuation width: recognise it by its decoded, normalised text too.
    text_digest = sha256_of(text.strip().encode("utf-8"))
    key = sources.content_key(text)

    already = _already_loaded(digest=digest, text_digest=text_digest, key=key)
    if already is not None:
        return _skipped(already, name)

    # No year from this year's calendar: a month and day the text gives with no year is not a
    # date (it put 3 of 4 real pages in the wrong year); such a page goes in as 日期待定.
    parsed = parsing.parse_page(text, name, issue_date=source.date, fallback_year=fallback_year)
    _check_limits(name=name, parsed=parsed)
    known = Paper.objects.filter(slug=source.paper_slug).first() if source.paper_slug and not source.paper else None
    paper = known or paper_for(name=source.paper or parsed.paper)
    if source.date is not None:
        date, date_from = source.date, source.date_from
    else:
        date, date_from = parsed.issue_date, parsed.issue_date_source
        if date is None:
            date_from = "unknown"
    label = source.label or parsed.page_label
    section = source.section or parsed.page_section or ""
    identified_by_label = bool(label) and date is not None and date_from in ("given", "path")

    for attempt in (1, 2):
        try:
            with transaction.atomic():
                # Checked again inside the write transaction: another ingest may have loaded it.
                already = _already_loaded(digest=digest, text_digest=text_digest, key=key)
                if already is not None:
                    result = _skipped(already, name)
                    result.warnings.append(RACE_NOTE)
                    return result
                if identified_by_label:
                    page = Page.objects.select_for_update().filter(
                        issue__paper=paper, issue__date_issued=date, label=label
                    ).first()
                else:
                    page = Page.objects.select_for_update().filter(source_path=full_path, issue__paper=paper).first()
                if page is not None and not force_update:
                    held = _held_reason(page=page, parsed=parsed)
                    if held:
                        return IngestResult(
                            source_file=name, status="held", articles=len(parsed.articles),
                            issue_date=page.issue.date_issued, issue_date_inferred=page.issue.date_inferred,
                            issue_date_source=page.issue.date_source, paper=paper.name, page_label=page.display_label,
                            warnings=[held], page_id=page.pk, held_text=text,
                        )
                result = IngestResult(source_file=name, status="updated" if page else "created")
                result.warnings.extend(parsed.warnings)
                if page is None:
                    issue = _issue_for(paper=paper, date=date, date_from=date_from, parsed=parsed)
                    sequence = (issue.pages.aggregate(m=Max("sequence"))["m"] or 0) + 1
                    page = Page(issue=issue, sequence=sequence)
                    page.label = label or page_label(parsed, sequence)
                else:
                    _move_page_if_redated(page, paper=paper, date=date, date_from=date_from, parsed=parsed)
                    if label:
                        page.label = label
                page.label_given = bool(label)
                page.section = section
                page.source_file = name
                page.source_path = full_path
                page.sha256 = digest
                page.text_sha256 = text_digest
                page.content_key = key
                page.credits = [{"role": c.role, "names": list(c.names)} for c in parsed.credits]
                page.save()

                if result.status == "created":
                    # A new page has nothing a person could have edited: write its rows in bulk.
                    created = _articles_create(page=page, parsed_articles=parsed.articles, reason=f"导入 {name}")
                    result.changed_article_ids.extend(a.pk for a in created)
                else:
                    _page_articles_update(page=page, parsed=parsed, name=name, result=result)

                issue = page.issue
                result.articles = len(parsed.articles)
                result.issue_date = issue.date_issued
                result.issue_date_inferred = issue.date_inferred
                result.issue_date_source = issue.date_source
                result.paper = paper.name
                result.page_label = page.display_label
                result.page_id = page.pk
            return result
        except IntegrityError:
            # Another ingest loaded the same page (or took the page number) between our check
            # and our write: the unique constraints refused ours. Say so, or try once more.
            already = _already_loaded(digest=digest, text_digest=text_digest, key=key)
            if already is not None:
                result = _skipped(already, name)
                result.warnings.append(RACE_NOTE)
                return result
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


RACE_NOTE = "另一导入同时载入了同一版面，本次跳过 (already loaded)"


def _already_loaded(*, digest: str, text_digest: str, key: str) -> Page | None:
    return (
        Page.objects.filter(Q(sha256=digest) | Q(text_sha256=text_digest) | Q(content_key=key))
        .select_related("issue", "issue__paper")
        .first()
    )


def _skipped(already: Page, name: str) -> IngestResult:
    issue = already.issue
    result = IngestResult(
        source_file=name,
        status="skipped",
        articles=already.articles.count(),
        issue_date=issue.date_issued,
        issue_date_inferred=issue.date_inferred,
        issue_date_source=issue.date_source,
        paper=issue.paper.name,
        page_label=already.display_label,
        page_id=already.pk,
    )
    if already.source_file != name:
        result.warnings.append(f"与已导入的 {already.source_file} 内容相同")
    return result


def _page_text(articles) -> str:
    return "\n".join(f"{a.headline}\n{a.lead}\n{a.body}" for a in articles)


def _held_reason(*, page: Page, parsed: parsing.ParsedPage) -> str:
    """Why an update of ``page`` must wait for staff, or "" when it may go ahead."""
    # The articles the page's file printed, wherever staff put them since (not those moved here).
    old = _page_text(Article.objects.filter(Q(source_page=page) | Q(page=page, source_page__isnull=True)))
    new = "\n".join(f"{a.headline}\n" + "\n".join(a.paragraphs) for a in parsed.articles)
    share = sources.kept_share(old, new)
    if share >= MIN_KEPT_SHARE_FOR_UPDATE:
        return ""
    return (
        f"新文件只保留了 {page} 原有文字的 {share:.0%}：像是另一版面而非更正，"
        "已暂缓，请编辑在后台“导入文件”中核对"
    )


def _issue_for(*, paper: Paper, date: dt.date | None, date_from: str, parsed: parsing.ParsedPage) -> Issue:
    """The paper's issue of ``date``; a page with no date gets an issue of its own (日期待定)."""
    if date is None:
        return Issue.objects.create(
            paper=paper, date_issued=None, date_source="unknown", date_inferred=False,
            date_evidence="；".join(parsed.warnings)[:300],
        )
    inferred = date_from == "inferred"
    issue, created = Issue.objects.get_or_create(
        paper=paper,
        date_issued=date,
        defaults={
            "date_inferred": inferred, "date_source": date_from,
            "date_evidence": parsed.issue_date_evidence[:300] if inferred else "",
        },
    )
    if not created and issue.date_inferred and not inferred:
        # The source now says what was only inferred: the date is no longer a guess.
        issue.date_inferred = False
        issue.date_source = date_from
        issue.save(update_fields=["date_inferred", "date_source"])
    return issue


def _move_page_if_redated(
    page: Page, *, paper: Paper, date: dt.date | None, date_from: str, parsed: parsing.ParsedPage
) -> None:
    """A changed file may carry another date; a date staff confirmed is never moved, and a
    page that no longer tells its date keeps the one it had."""
    old = page.issue
    if old.date_confirmed_by_staff or date is None or (old.date_issued == date and old.paper_id == paper.pk):
        return
    new = _issue_for(paper=paper, date=date, date_from=date_from, parsed=parsed)
    if old.pages.count() == 1 and old.date_issued is not None and old.paper.is_default:
        links.issue_date_retired(issue=old, old_date=old.date_issued, into=new)  # its URL leads on
    page.issue = new
    page.sequence = (new.pages.aggregate(m=Max("sequence"))["m"] or 0) + 1
    page.save()
    if not old.pages.exists():
        old.delete()


def _page_articles_update(*, page: Page, parsed: parsing.ParsedPage, name: str, result: IngestResult) -> None:
    """A changed file of a loaded page: apply it article by article, keeping staff corrections.

    Each article of the file is found again by its identity in the source (this page and its
    fingerprint: ``Article.source_page``, ``source_fingerprint``) wherever staff have put it
    since; failing that, by mostly the same text (a source correction), then by its position
    among the page's own articles still on it. A found article keeps the page and place
    staff gave it: re-ingest never moves an article back, never makes a second copy of it, and
    never undoes a correction. Articles new in the file are added to the page."""
    reason = f"导入 {name}"
    values = [parsed_article_values(a) for a in parsed.articles]
    fingerprints = sources.article_fingerprints([_article_source_text(v) for v in values])
    own = list(
        Article.objects.filter(Q(source_page=page) | Q(page=page, source_page__isnull=True))
        .select_related("page", "page__issue", "page__issue__paper").order_by("page_id", "sequence", "pk")
    )
    # An article staff deleted stays deleted: its identity is in the history of the deletion.
    deleted_by_staff = set(
        _history_manager(Article).filter(
            history_type="-", history_change_reason=STAFF_DELETION, source_page_id=page.pk,
            source_fingerprint__in=fingerprints,
        ).values_list("source_fingerprint", flat=True)
    )
    matched = _match_source_articles(page=page, own=own, values=values, fingerprints=fingerprints,
                                     skip=deleted_by_staff)
    found = {a.pk for a in matched if a is not None}

    next_sequence = (page.articles.aggregate(m=Max("sequence"))["m"] or 0) + 1
    for index, (article, article_values, fingerprint) in enumerate(zip(matched, values, fingerprints)):
        if article is None and fingerprint in deleted_by_staff:
            result.warnings.append(f"《{article_values['headline']}》已由编辑删除，不再导入")
            continue
        if article is None:  # new in this file: appended, then put in print order below
            article, next_sequence = Article(page=page, sequence=next_sequence), next_sequence + 1
            matched[index] = article
        kept = _article_apply(article=article, values=article_values, reason=reason,
                              source_page=page, fingerprint=fingerprint)
        result.kept_edits += kept.kept_edits
        result.changed_article_ids.append(kept.article.pk)
    for article in own:
        if article.pk in found:
            continue
        if article.page_id != page.pk:
            result.warnings.append(
                f"《{article.headline}》在新文件中已不存在，但编辑已把它移到{article.page}，予以保留"
            )
            continue
        if article.edited_fields:
            result.warnings.append(
                f"第{article.sequence}篇《{article.headline}》在新文件中已不存在，但有人工更正，予以保留"
            )
            continue
        result.removed_article_ids.append(article.pk)
        article._change_reason = f"导入 {name}：新文件中已无此文"
        article.delete()
    # The page's own articles in the file's order, then those staff moved here or kept.
    in_file = [a for a in matched if a is not None and a.page_id == page.pk]
    placed = {a.pk for a in in_file}
    others = [a for a in page.articles.order_by("sequence") if a.pk not in placed]
    moved = _articles_renumber(page=page, ordered=in_file + others, reason=reason)
    result.changed_article_ids.extend(pk for pk in moved if pk not in result.changed_article_ids)


def _article_source_text(values: dict) -> str:
    """What an article's fingerprint is taken from: its text as the parser read it."""
    return "\n".join((values.get("headline") or "", values.get("lead") or "", values.get("body") or ""))


# The reason curation.article_delete records: an article staff deleted is not loaded again.
STAFF_DELETION = "人工删除"
# A changed article is the same article when each text keeps at least this share of the other.
SAME_ARTICLE_SHARE = 0.5


def _match_source_articles(
    *, page: Page, own: list[Article], values: list[dict], fingerprints: list[str], skip: set[str] = frozenset()
) -> list[Article | None]:
    """For each parsed article, the loaded article it is (or None: a new one, or one whose
    fingerprint is in ``skip``). ``own`` are the articles this page's file printed, wherever
    they are now."""
    matched: list[Article | None] = [None] * len(values)
    left = {a.pk: a for a in own}
    by_fingerprint = {a.source_fingerprint: a for a in own if a.source_fingerprint}
    for index, fingerprint in enumerate(fingerprints):
        article = by_fingerprint.get(fingerprint)
        if article is not None and article.pk in left:
            matched[index] = left.pop(article.pk)
    unmatched = {index for index, article in enumerate(matched) if article is None and fingerprints[index] not in skip}
    # Rarely reached: only articles whose text changed in the file are compared.
    for index, article_values in enumerate(values):
        if index not in unmatched or not left:
            continue
        new = _article_source_text(article_values)
        best, best_share = None, SAME_ARTICLE_SHARE
        for candidate in left.values():
            old = _article_source_text(candidate.parsed or {})
            share = min(sources.kept_share(old, new), sources.kept_share(new, old))
            if share >= best_share:
                best, best_share = candidate, share
        if best is not None:
            matched[index] = left.pop(best.pk)
    # Last, by position, as before articles had an identity: among those still on the page.
    at = {a.sequence: a for a in left.values() if a.page_id == page.pk}
    for index in sorted(unmatched):
        article = at.get(index + 1)
        if matched[index] is None and article is not None and article.pk in left:
            matched[index] = left.pop(article.pk)
    return matched


def _articles_renumber(*, page: Page, ordered: list[Article], reason: str) -> list[int]:
    """Number the articles of ``page`` 1, 2, ... in the order given, if their numbers do not
    already follow it (gaps left by a move are fine). Returns the ids whose number changed."""
    numbers = [a.sequence for a in ordered]
    if all(a < b for a, b in zip(numbers, numbers[1:])):
        return []
    # Past every number in use first, so the (page, sequence) constraint holds at each step.
    top = max([*numbers, len(ordered)])
    for n, article in enumerate(ordered, start=1):
        Article.objects.filter(pk=article.pk).update(sequence=top + n)
    changed = []
    for n, article in enumerate(ordered, start=1):
        was, article.sequence = article.sequence, n
        if was != n:
            changed.append(article.pk)
            article._change_reason = f"{reason}：版内顺序 {was} → {n}"
            article.save(update_fields=["sequence"])
        else:
            Article.objects.filter(pk=article.pk).update(sequence=n)
    return changed


def _articles_create(*, page: Page, parsed_articles: tuple[parsing.ParsedArticle, ...], reason: str) -> list[Article]:
    """Create a new page's articles and bylines with their history rows, a few queries per page.

    Same rows as saving one by one (``_article_apply`` on a new article, then
    ``article_set_bylines``), but ingest of a large archive spends its time in per-row
    queries and simple_history's per-save work otherwise (see docs/benchmarks.md).
    """
    articles = []
    all_values = [parsed_article_values(a) for a in parsed_articles]
    fingerprints = sources.article_fingerprints([_article_source_text(v) for v in all_values])
    for sequence, (values, fingerprint) in enumerate(zip(all_values, fingerprints), start=1):
        article = Article(page=page, sequence=sequence, parsed=values, version=1,  # version: as a first save()
                          source_page=page, source_fingerprint=fingerprint)
        article.headline_from_lead = values["headline_from_lead"]
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


def _article_apply(*, article: Article, values: dict, reason: str, source_page: Page, fingerprint: str) -> _Applied:
    """Set an article's fields from parsed values, except the fields a person edited, and its
    identity in the source. Its page and place are left as they are."""
    locked = set(article.edited_fields or [])
    changed = article.pk is None
    if (article.source_page_id, article.source_fingerprint) != (source_page.pk, fingerprint):
        article.source_page, article.source_fingerprint = source_page, fingerprint
        changed = True
    for name in CURATED_ARTICLE_FIELDS:
        if name == "bylines" or name in locked:
            continue
        value = values[name]
        if name == "dateline":
            value = dt.date.fromisoformat(value) if value else None
        if getattr(article, name) != value:
            setattr(article, name, value)
            changed = True
    if "headline" not in locked and article.headline_from_lead != values.get("headline_from_lead", False):
        article.headline_from_lead = values.get("headline_from_lead", False)
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


def article_set_bylines(
    *, article: Article, bylines: list[list[str]] | list[tuple[str, str]], reason: str = "", user=None
) -> None:
    """Replace an article's bylines with (name, role) pairs, in order; reuses people by name.
    ``user``: the person making the change, for the history (None: the import program)."""
    wanted = [(name, role or "") for name, role in bylines]
    current = [(b.person.name, b.role) for b in article.bylines.select_related("person").order_by("position")]
    if current == wanted:
        return
    # Row by row, so the history records what happened to each byline: a role or name that
    # changed is one change, not a deletion and an addition.
    rows = list(article.bylines.select_related("person").order_by("position"))
    for extra in rows[len(wanted):]:
        extra._change_reason = reason
        if user is not None:
            extra._history_user = user
        extra.delete()
    for position, (name, role) in enumerate(wanted):
        byline = rows[position] if position < len(rows) else Byline(article=article)
        person = byline.person if byline.pk and byline.person.name == name else Person.objects.get_or_create(name=name)[0]
        if byline.pk and (byline.person_id, byline.role, byline.position) == (person.pk, role, position):
            continue
        byline.person, byline.role, byline.position = person, role, position
        byline._change_reason = reason
        if user is not None:
            byline._history_user = user
        byline.save()



# ---------------------------------------------------------------- deliveries ------


@dataclass
class DeliveryItem:
    """What became of one file of a delivery, for ``delivery_record``."""

    path: str
    status: str
    message: str = ""
    page_id: int | None = None
    held_text: str = ""
    source: dict = field(default_factory=dict)


def delivery_record(*, command: str, started, items: list[DeliveryItem]) -> Delivery:
    """Record one ingest run and what became of each file, in one transaction at its end (a
    record written at the start would take the write lock before the files' own transactions)."""
    from django.utils import timezone

    counts = {status: 0 for status in ("created", "updated", "skipped", "held", "failed")}
    for item in items:
        counts[item.status] += 1
    with transaction.atomic():
        delivery = Delivery.objects.create(
            command=command[:2000], finished=timezone.now(),
            **{f"{status}_count": n for status, n in counts.items()},
        )
        Delivery.objects.filter(pk=delivery.pk).update(started=started)
        DeliveryFile.objects.bulk_create(
            DeliveryFile(
                delivery=delivery, path=item.path[:1000], status=item.status, message=item.message[:1000],
                page_id=item.page_id if item.page_id and Page.objects.filter(pk=item.page_id).exists() else None,
                held_text=item.held_text, source=item.source,
            )
            for item in items
        )
    return delivery


def held_file_apply(*, held: DeliveryFile, user=None) -> IngestResult:
    """Staff accept a held update: apply its text to the page it would have replaced."""
    if held.status != "held" or held.resolved:
        raise ValueError("只有尚未处理的待审文件可以采用")
    facts = held.source or {}
    source = PageSource(
        paper=facts.get("paper"), date=dt.date.fromisoformat(facts["date"]) if facts.get("date") else None,
        date_from=facts.get("date_from") or "given", label=facts.get("label"), section=facts.get("section"),
    )
    result = page_ingest(path=Path(held.path), source=source, force_update=True, text=held.held_text)
    with transaction.atomic():
        held.resolved = True
        held.message = f"{held.message}（已由编辑采用：{STATUS_WORDS.get(result.status, result.status)}）"[:1000]
        if result.page_id:
            held.page_id = result.page_id
        held.save()
    return result


STATUS_WORDS = {"created": "新增", "updated": "更新", "skipped": "已导入，跳过", "held": "待人工审核", "failed": "失败"}
