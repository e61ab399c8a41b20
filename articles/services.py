"""Writes to the archive: ingest page files, keeping staff corrections.

Every write goes through a small keyword-only function here, inside ``transaction.atomic()``.
Reads stay on the QuerySets in ``models``. Reading and parsing a page file needs no database
(``pagefiles``): ``manage.py ingest`` does it in worker processes and stores what they give
with an ``IngestRun``, several files to a transaction; ``page_ingest`` is one file of it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Max, Q
from django.utils import timezone

from . import links, parsing, sources
from .models import (
    CURATED_ARTICLE_FIELDS, Article, Byline, Delivery, DeliveryFile, Issue, Page, Paper, Person, page_display_label,
)
from .pagefiles import (  # noqa: F401  (re-exported: the names ingest's callers have used)
    LIMITS, IngestRefused, PreparedPage, article_source_text, page_prepare, parsed_article_values, sha256_of,
)

IngestStatus = Literal["created", "updated", "skipped", "held"]

# An update that keeps less than this share of a loaded page's text is held for staff.
MIN_KEPT_SHARE_FOR_UPDATE = 0.5


def ingest_limit(name: str) -> int:
    return int(getattr(settings, name, LIMITS[name]))


def ingest_limits() -> dict:
    """The limits ``pagefiles.page_prepare`` checks, as settings give them."""
    return {name: ingest_limit(name) for name in LIMITS}


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
    prepared = page_prepare(path, issue_date=source.date, fallback_year=fallback_year, limits=ingest_limits(), text=text)
    return IngestRun().write_one(prepared, source, force_update=force_update)


RACE_NOTE = "另一导入同时载入了同一版面，本次跳过 (already loaded)"


@dataclass
class _Plan:
    """Where a new or changed page goes: what the source and the text say, source first."""

    paper: Paper
    date: dt.date | None
    date_from: str
    label: str | None
    section: str
    identified_by_label: bool

    def identity(self, prepared: PreparedPage) -> tuple:
        if self.identified_by_label:
            return ("label", self.paper.pk, self.date, self.label)
        return ("path", self.paper.pk, prepared.full_path)


class _NoUser:
    """An object with no ``_history_user``: asks simple_history for the request's user, if any."""


class IngestRun:
    """The writer of one ingest run: stores prepared page files (``pagefiles.page_prepare``).

    ``write`` takes a batch of files and writes it in one transaction: one query finds which of
    them are loaded already, one which are pages loaded before under another file, and the new
    pages of the batch are created together (issues, pages, articles, people, bylines and the
    history rows, each a few multi-row INSERTs). A file that changes a loaded page goes the
    careful way, article by article, in a savepoint of its own. Any database error rolls the
    batch back and writes it again one file at a time, so the file it came from is reported
    alone and the others go in. The papers are remembered across the run (forgotten after a
    rollback).
    """

    def __init__(self):
        self._papers: dict[tuple, Paper | None] = {}
        self._mine: set[int] = set()  # pages this run wrote

    def _forget(self) -> None:
        self._papers.clear()

    # ---- one file

    def write_one(self, prepared: PreparedPage, source: PageSource, *, force_update: bool = False) -> IngestResult:
        """One file in a transaction of its own; raises the file's error (``PageParseError``,
        ``IngestRefused``, ``OSError``) or a database's."""
        already = _already_loaded(prepared)
        if already is not None:
            return _skipped(already, prepared.name)
        for attempt in (1, 2):
            try:
                with transaction.atomic():
                    return self._write_page(prepared, source, force_update=force_update, seen=False)
            except IntegrityError:
                # Another ingest loaded the same page (or took the page number) between our check
                # and our write: the unique constraints refused ours. Say so, or try once more.
                self._forget()
                already = _already_loaded(prepared)
                if already is not None:
                    result = _skipped(already, prepared.name)
                    result.warnings.append(RACE_NOTE)
                    return result
                if attempt == 2:
                    raise
            except DatabaseError:
                self._forget()
                raise
        raise AssertionError("unreachable")

    def _write_page(self, prepared: PreparedPage, source: PageSource, *, force_update: bool, seen: bool) -> IngestResult:
        """Inside a transaction. ``seen``: the page was found loaded before the transaction began."""
        # Checked (again) inside the write transaction: another ingest may have loaded it.
        already = _already_loaded(prepared)
        if already is not None:
            return self._skipped(already, prepared.name, seen=seen)
        if prepared.error is not None:
            raise prepared.error
        plan = self._plan(prepared, source)
        parsed, name = prepared.parsed, prepared.name
        if plan.identified_by_label:
            page = Page.objects.select_for_update().filter(
                issue__paper=plan.paper, issue__date_issued=plan.date, label=plan.label
            ).first()
        else:
            page = Page.objects.select_for_update().filter(
                source_path=prepared.full_path, issue__paper=plan.paper
            ).first()
        if page is None:
            return self._pages_create([(prepared, plan)])[0]
        if not force_update:
            held = _held_reason(page=page, prepared=prepared)
            if held:
                return IngestResult(
                    source_file=name, status="held", articles=len(prepared.values),
                    issue_date=page.issue.date_issued, issue_date_inferred=page.issue.date_inferred,
                    issue_date_source=page.issue.date_source, paper=plan.paper.name, page_label=page.display_label,
                    warnings=[held], page_id=page.pk, held_text=prepared.text,
                )
        result = IngestResult(source_file=name, status="updated")
        result.warnings.extend(parsed.warnings)
        _move_page_if_redated(page, paper=plan.paper, date=plan.date, date_from=plan.date_from, parsed=parsed)
        if plan.label:
            page.label = plan.label
        page.label_given = bool(plan.label)
        page.section = plan.section
        page.source_file = name
        page.source_path = prepared.full_path
        page.sha256 = prepared.digest
        page.text_sha256 = prepared.text_digest
        page.content_key = prepared.key
        page.credits = [{"role": c.role, "names": list(c.names)} for c in parsed.credits]
        page.save()
        self._mine.add(page.pk)
        _page_articles_update(page=page, prepared=prepared, result=result)
        issue = page.issue
        result.articles = len(prepared.values)
        result.issue_date = issue.date_issued
        result.issue_date_inferred = issue.date_inferred
        result.issue_date_source = issue.date_source
        result.paper = plan.paper.name
        result.page_label = page.display_label
        result.page_id = page.pk
        return result

    # ---- a batch of files

    def write(self, batch: list[tuple[PreparedPage, PageSource]]) -> list[IngestResult | Exception]:
        """Write several files, in one transaction when nothing goes wrong; for each file its
        result, or the error that kept it out (its own, or the database's)."""
        seen = set(_already_loaded_many([prepared for prepared, _ in batch]))  # before the write lock
        try:
            with transaction.atomic():
                return self._write_batch(batch, seen)
        except DatabaseError:
            self._forget()
        out: list[IngestResult | Exception] = []
        for prepared, source in batch:
            try:
                out.append(self.write_one(prepared, source))
            except (parsing.PageParseError, OSError, DatabaseError) as exc:
                out.append(exc)
        return out

    def _write_batch(self, batch: list[tuple[PreparedPage, PageSource]], seen: set[int]) -> list[IngestResult | Exception]:
        results: list[IngestResult | Exception | None] = [None] * len(batch)
        loaded = _already_loaded_many([prepared for prepared, _ in batch])
        counts = _article_counts([page.pk for page in loaded.values()])
        waiting = []
        for index, (prepared, source) in enumerate(batch):
            already = loaded.get(index)
            if already is not None:
                results[index] = self._skipped(already, prepared.name, seen=index in seen,
                                               articles=counts.get(already.pk, 0))
            elif prepared.error is not None:
                results[index] = prepared.error
            else:
                waiting.append(index)
        plans = {index: self._plan(*batch[index]) for index in waiting}
        known = _identities_loaded([(batch[index][0], plans[index]) for index in waiting])
        # New pages go in together; a file for a page loaded before, or one that shares a page
        # or a text with an earlier file of the batch, goes after them, the careful way.
        fresh, later, taken = [], [], set()
        for index in waiting:
            prepared, plan = batch[index][0], plans[index]
            keys = {("identity", plan.identity(prepared)), ("sha256", prepared.digest),
                    ("text", prepared.text_digest), ("key", prepared.key)}
            if plan.identity(prepared) in known or keys & taken:
                later.append(index)
            else:
                fresh.append(index)
            taken |= keys
        created = self._pages_create([(batch[index][0], plans[index]) for index in fresh])
        for index, result in zip(fresh, created):
            results[index] = result
        for index in later:
            with transaction.atomic():  # a savepoint
                results[index] = self._write_page(*batch[index], force_update=False, seen=index in seen)
        return results

    # ---- shared

    def _skipped(self, already: Page, name: str, *, seen: bool, articles: int | None = None) -> IngestResult:
        result = _skipped(already, name, articles=articles)
        if not seen and already.pk not in self._mine:
            result.warnings.append(RACE_NOTE)  # another ingest loaded it while we waited to write
        return result

    def _paper(self, source: PageSource, parsed: parsing.ParsedPage) -> Paper:
        if source.paper_slug and not source.paper:
            key = ("slug", source.paper_slug)
            if key not in self._papers:
                self._papers[key] = Paper.objects.filter(slug=source.paper_slug).first()
            if self._papers[key] is not None:
                return self._papers[key]
        key = ("name", source.paper or parsed.paper)
        if key not in self._papers:
            self._papers[key] = paper_for(name=source.paper or parsed.paper)
        return self._papers[key]

    def _plan(self, prepared: PreparedPage, source: PageSource) -> _Plan:
        parsed = prepared.parsed
        paper = self._paper(source, parsed)
        if source.date is not None:
            date, date_from = source.date, source.date_from
        else:
            date, date_from = parsed.issue_date, parsed.issue_date_source
            if date is None:
                date_from = "unknown"
        label = source.label or parsed.page_label
        return _Plan(
            paper=paper, date=date, date_from=date_from, label=label,
            section=source.section or parsed.page_section or "",
            identified_by_label=bool(label) and date is not None and date_from in ("given", "path"),
        )

    def _pages_create(self, items: list[tuple[PreparedPage, _Plan]]) -> list[IngestResult]:
        """New pages with their issues (found or made), articles and bylines, in a few
        multi-row INSERTs with their history rows: the same rows as saving them one by one."""
        if not items:
            return []
        now = timezone.now()
        # The issues: one query for those that exist; new ones made in the batch's order.
        issues: dict[tuple, Issue] = {}
        dated = {(plan.paper.pk, plan.date) for _, plan in items if plan.date is not None}
        if dated:
            for issue in Issue.objects.filter(
                paper_id__in={paper for paper, _ in dated}, date_issued__in={date for _, date in dated}
            ):
                if (issue.paper_id, issue.date_issued) in dated:
                    issues[issue.paper_id, issue.date_issued] = issue
        new_issues: list[Issue] = []
        firmed: dict[int, tuple[Issue, str]] = {}  # id(issue) -> (issue, date_from): no longer inferred
        page_issue: list[tuple[Issue, bool, str]] = []  # the issue, and its date_inferred/source then
        for prepared, plan in items:
            parsed = prepared.parsed
            if plan.date is None:  # a page nothing dated: an issue of its own (日期待定)
                issue = Issue(paper=plan.paper, date_issued=None, date_source="unknown", date_inferred=False,
                              date_evidence="；".join(parsed.warnings)[:300], created=now)
                new_issues.append(issue)
                page_issue.append((issue, False, "unknown"))
                continue
            inferred = plan.date_from == "inferred"
            issue = issues.get((plan.paper.pk, plan.date))
            if issue is None:
                issue = Issue(paper=plan.paper, date_issued=plan.date, date_inferred=inferred,
                              date_source=plan.date_from,
                              date_evidence=parsed.issue_date_evidence[:300] if inferred else "", created=now)
                issues[plan.paper.pk, plan.date] = issue
                new_issues.append(issue)
            elif id(issue) not in firmed and issue.date_inferred and not inferred:
                # The source now says what was only inferred: the date is no longer a guess.
                firmed[id(issue)] = (issue, plan.date_from)
            if id(issue) in firmed:
                page_issue.append((issue, False, firmed[id(issue)][1]))
            else:
                page_issue.append((issue, issue.date_inferred, issue.date_source))
        _insert_objects(Issue, new_issues, now=now, reason=None)
        for issue, date_from in firmed.values():
            issue.date_inferred = False
            issue.date_source = date_from
            issue.save(update_fields=["date_inferred", "date_source"])

        # The pages, numbered after those their issue has.
        made = {issue.pk for issue in new_issues}
        top = dict(
            Page.objects.filter(issue_id__in={issue.pk for issue, _, _ in page_issue} - made).order_by()
            .values_list("issue_id").annotate(m=Max("sequence")).values_list("issue_id", "m")
        )
        pages = []
        for (prepared, plan), (issue, _, _) in zip(items, page_issue):
            sequence = top[issue.pk] = (top.get(issue.pk) or 0) + 1
            pages.append(dict(
                issue_id=issue.pk, sequence=sequence, label=plan.label or page_label(prepared.parsed, sequence),
                label_given=bool(plan.label), section=plan.section, source_file=prepared.name,
                source_path=prepared.full_path, sha256=prepared.digest, text_sha256=prepared.text_digest,
                content_key=prepared.key,
                credits=[{"role": c.role, "names": list(c.names)} for c in prepared.parsed.credits],
                ingested=now,
            ))
        page_ids = _insert_rows(Page, pages, now=now, reason=None)
        self._mine.update(page_ids)

        # The articles: a new page has nothing a person could have edited.
        rows, reasons = [], []
        for (prepared, _), page_id in zip(items, page_ids):
            for sequence, (values, fingerprint) in enumerate(zip(prepared.values, prepared.fingerprints), start=1):
                row = {name: values[name] for name in CURATED_ARTICLE_FIELDS if name != "bylines"}
                if row["dateline"]:
                    row["dateline"] = dt.date.fromisoformat(row["dateline"])
                row.update(page_id=page_id, sequence=sequence, headline_from_lead=values["headline_from_lead"],
                           parsed=values, source_page_id=page_id, source_fingerprint=fingerprint,
                           edited_fields=[], updated=now, version=1)  # version: as a first save()
                rows.append(row)
                reasons.append(f"导入 {prepared.name}")
        article_ids = _insert_rows(Article, rows, now=now, reason=reasons)

        # People by name (one query), then the bylines.
        names = list(dict.fromkeys(name for row in rows for name, _ in row["parsed"]["bylines"]))
        people = dict(Person.objects.filter(name__in=names).values_list("name", "pk")) if names else {}
        missing = [name for name in names if name not in people]
        people.update(zip(missing, _insert_rows(Person, [{"name": name} for name in missing], now=now, reason=None)))
        bylines, byline_reasons = [], []
        for row, article_id, reason in zip(rows, article_ids, reasons):
            for position, (name, role) in enumerate(row["parsed"]["bylines"]):
                bylines.append({"article_id": article_id, "person_id": people[name], "position": position,
                                "role": role or ""})
                byline_reasons.append(reason)
        _insert_rows(Byline, bylines, now=now, reason=byline_reasons)

        results, ids = [], iter(article_ids)
        for (prepared, plan), page, page_id, (issue, inferred, date_source) in zip(items, pages, page_ids, page_issue):
            results.append(IngestResult(
                source_file=prepared.name, status="created", articles=len(prepared.values),
                issue_date=issue.date_issued, issue_date_inferred=inferred, issue_date_source=date_source,
                paper=plan.paper.name, warnings=list(prepared.parsed.warnings),
                page_label=page_display_label(page["label"], page["sequence"], given=page["label_given"]),
                changed_article_ids=[next(ids) for _ in prepared.values], page_id=page_id,
            ))
        return results


def _already_loaded(prepared: PreparedPage) -> Page | None:
    if not prepared.digest:
        return None
    return (
        Page.objects.filter(
            Q(sha256=prepared.digest) | Q(text_sha256=prepared.text_digest) | Q(content_key=prepared.key)
        )
        .select_related("issue", "issue__paper")
        .first()
    )


def _already_loaded_many(prepared: list[PreparedPage]) -> dict[int, Page]:
    """For each file (by its index) loaded already, its page: one query for all of them (in
    SQL written here: compiling the ORM's three IN lists cost more than running them), then the
    pages found, if any, in Page's order, as ``_already_loaded``'s ``first()``."""
    readable = [p for p in prepared if p.digest]
    if not readable:
        return {}
    qn = connection.ops.quote_name
    sets = [sorted({p.digest for p in readable}), sorted({p.text_digest for p in readable}),
            sorted({p.key for p in readable})]
    where = " OR ".join(
        f"{qn(column)} IN ({', '.join(['%s'] * len(values))})"
        for column, values in zip(("sha256", "text_sha256", "content_key"), sets)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {qn('id')} FROM {qn(Page._meta.db_table)} WHERE {where}", [v for vs in sets for v in vs])
        ids = [row[0] for row in cursor.fetchall()]
    if not ids:
        return {}
    pages = list(Page.objects.filter(pk__in=ids).select_related("issue", "issue__paper"))
    found = {}
    for index, p in enumerate(prepared):
        if p.digest:
            for page in pages:
                if p.digest == page.sha256 or p.text_digest == page.text_sha256 or p.key == page.content_key:
                    found[index] = page
                    break
    return found


def _identities_loaded(items: list[tuple[PreparedPage, _Plan]]) -> set[tuple]:
    """Which of these files' pages were loaded before under another file (``_Plan.identity``):
    by paper, date and label when the source gives them, else by the full path."""
    found = set()
    by_label = [plan for _, plan in items if plan.identified_by_label]
    if by_label:
        found.update(
            ("label", paper, date, label) for paper, date, label in Page.objects.filter(
                issue__date_issued__in={plan.date for plan in by_label}, label__in={plan.label for plan in by_label}
            ).values_list("issue__paper_id", "issue__date_issued", "label")
        )
    by_path = [prepared.full_path for prepared, plan in items if not plan.identified_by_label]
    if by_path:
        found.update(
            ("path", paper, path) for path, paper in Page.objects.filter(source_path__in=set(by_path))
            .values_list("source_path", "issue__paper_id")
        )
    return found


def _article_counts(page_ids: list[int]) -> dict[int, int]:
    if not page_ids:
        return {}
    from django.db.models import Count

    return dict(
        Article.objects.filter(page_id__in=page_ids).order_by().values_list("page_id")
        .annotate(n=Count("pk")).values_list("page_id", "n")
    )


def _skipped(already: Page, name: str, articles: int | None = None) -> IngestResult:
    issue = already.issue
    result = IngestResult(
        source_file=name,
        status="skipped",
        articles=already.articles.count() if articles is None else articles,
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


def _held_reason(*, page: Page, prepared: PreparedPage) -> str:
    """Why an update of ``page`` must wait for staff, or "" when it may go ahead."""
    # The articles the page's file printed, wherever staff put them since (not those moved here).
    old = _page_text(Article.objects.filter(Q(source_page=page) | Q(page=page, source_page__isnull=True)))
    new = "\n".join(article_source_text(values) for values in prepared.values)
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


def _page_articles_update(*, page: Page, prepared: PreparedPage, result: IngestResult) -> None:
    """A changed file of a loaded page: apply it article by article, keeping staff corrections.

    Each article of the file is found again by its identity in the source (this page and its
    fingerprint: ``Article.source_page``, ``source_fingerprint``) wherever staff have put it
    since; failing that, by mostly the same text (a source correction), then by its position
    among the page's own articles still on it. A found article keeps the page and place
    staff gave it: re-ingest never moves an article back, never makes a second copy of it, and
    never undoes a correction. Articles new in the file are added to the page."""
    name = prepared.name
    reason = f"导入 {name}"
    values, fingerprints = prepared.values, prepared.fingerprints
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
        new = article_source_text(article_values)
        best, best_share = None, SAME_ARTICLE_SHARE
        for candidate in left.values():
            old = article_source_text(candidate.parsed or {})
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


@functools.cache
def _history_manager(model):
    # ``Model.history`` builds a new manager class on every access (inspect.getmembers): a
    # tenth of bulk ingest time. Unbound to any instance, one manager per model can be reused.
    return model.history


@functools.cache
def _historical_model(model):
    """The model of ``model``'s history rows, or None when it keeps none."""
    return _history_manager(model).model if hasattr(model, "history") else None


def _insert_rows(model, rows: list[dict], *, now, reason: str | list[str] | None) -> list[int]:
    """INSERT new rows of ``model`` (each a dict of every field's attname but the id) in
    multi-row statements, with their history rows when the model keeps history (the same rows
    simple_history writes on a save: type "+", ``reason``, one reason or one per row, the
    request's user if any). Returns the new ids in order.

    Ingest of a large archive spends most of its database time in Django building model
    instances and compiling each INSERT otherwise (see docs/benchmarks.md, "Ingest, session 3").
    """
    if not rows:
        return []
    memo: dict = {}  # a value's database form, by the value's id: a history row shares its row's values
    ids = _insert(model, rows, returning=True, memo=memo)
    historical = _historical_model(model)
    if historical is not None:
        user = historical.get_default_history_user(_NoUser())
        reasons = reason if isinstance(reason, list) else [reason] * len(rows)
        _insert(historical, [
            {**row, "id": pk, "history_date": now, "history_change_reason": why, "history_type": "+",
             "history_user_id": user.pk if user is not None else None}
            for row, pk, why in zip(rows, ids, reasons)
        ], returning=False, memo=memo)
    return ids


def _insert_objects(model, objects: list, *, now, reason: str | None = "") -> None:
    """``_insert_rows`` of unsaved model instances; sets their ids."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    ids = _insert_rows(model, [{f.attname: getattr(obj, f.attname) for f in fields} for obj in objects],
                       now=now, reason=reason)
    for obj, pk in zip(objects, ids):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, connection.alias


# Fields whose Python values (str, int, bool, None) every backend takes as they are: no
# get_db_prep_save call for each of them (a third of the writer's time when there was).
_PLAIN_FIELDS = {
    "CharField", "TextField", "IntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
    "SmallIntegerField", "BigIntegerField", "BooleanField", "AutoField", "BigAutoField", "ForeignKey",
}


@functools.cache
def _insert_plan(model, alias: str) -> tuple[list, str, str]:
    """The fields (attname, and the conversion to a database value or None), the statement's
    head and one row's placeholders, for inserting ``model`` rows on the connection ``alias``."""
    from django.db import connections

    real = connections[alias]  # not the thread-local proxy: one lookup instead of one per value
    fields = []
    for f in model._meta.concrete_fields:
        if f.primary_key:
            continue
        plain = f.get_internal_type() in _PLAIN_FIELDS and (
            f.get_internal_type() != "ForeignKey" or f.target_field.get_internal_type() in _PLAIN_FIELDS
        )
        # The conversion, keyed by what it depends on, so a history row reuses its row's values.
        kind = (f.get_internal_type(), getattr(f, "encoder", None))
        if plain:
            prep = None
        elif kind[0] == "JSONField":  # what get_db_prep_save comes to for a value (not an expression)
            prep = (kind, functools.partial(real.ops.adapt_json_value, encoder=f.encoder))
        else:
            prep = (kind, functools.partial(f.get_db_prep_save, connection=real))
        fields.append((f.attname, f.column, prep))
    qn = real.ops.quote_name
    head = f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(column) for _, column, _ in fields)}) VALUES "
    return fields, head, "(" + ", ".join(["%s"] * len(fields)) + ")"


def _insert(model, rows: list[dict], *, returning: bool, memo: dict) -> list[int]:
    """``memo`` must not outlive ``rows`` (it is keyed by the ids of their values)."""
    fields, head, one = _insert_plan(model, connection.alias)

    def prepared(value, prep):
        key = (id(value), prep[0])
        if key not in memo:
            memo[key] = prep[1](value)
        return memo[key]

    pk = connection.ops.quote_name(model._meta.pk.column)
    many = connection.features.can_return_rows_from_bulk_insert or not returning
    per_statement = max(1, (connection.features.max_query_params or 60000) // len(fields)) if many else 1
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            chunk = rows[start:start + per_statement]
            params = [
                row[name] if prep is None or row[name] is None else prepared(row[name], prep)
                for row in chunk for name, _, prep in fields
            ]
            sql = head + ", ".join([one] * len(chunk))
            if returning and many:
                cursor.execute(f"{sql} RETURNING {pk}", params)
                ids.extend(r[0] for r in cursor.fetchall())
            else:
                cursor.execute(sql, params)
                if returning:
                    ids.append(connection.ops.last_insert_id(cursor, model._meta.db_table, model._meta.pk.column))
    return ids


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
    wanted = sorted({item.page_id for item in items if item.page_id})
    pages = set()  # the pages still there (one a rerun replaced or staff deleted is not)
    for start in range(0, len(wanted), 900):
        pages.update(Page.objects.filter(pk__in=wanted[start:start + 900]).values_list("pk", flat=True))
    with transaction.atomic():
        delivery = Delivery.objects.create(
            command=command[:2000], finished=timezone.now(),
            **{f"{status}_count": n for status, n in counts.items()},
        )
        Delivery.objects.filter(pk=delivery.pk).update(started=started)
        DeliveryFile.objects.bulk_create(
            DeliveryFile(
                delivery=delivery, path=item.path[:1000], status=item.status, message=item.message[:1000],
                page_id=item.page_id if item.page_id in pages else None,
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
