"""Writes that archive staff make: correct an article, move articles to another page, merge
reporters, confirm an issue's date.

The admin (the ``articles.admin`` package) calls these and nothing else to change data, so the rules live
in one place:

- a field a person sets is added to ``Article.edited_fields`` and ingest leaves it alone from
  then on; setting it back to the parser's value (kept in ``Article.parsed``) unlocks it;
- every change is saved with its user and a reason, so django-simple-history records who
  changed what and when, next to the changes ingest makes;
- an article carries a ``version``: a correction made on a stale copy raises ``StaleEdit``
  instead of overwriting someone else's save;
- after the transaction commits, ``search_follow`` is told what changed. It is the one place
  the search index hears about staff edits; it starts the index's update in another process
  and never writes to the index from the request.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max

from . import jobs, links, services
from .models import CURATED_ARTICLE_FIELDS, LIST_ARTICLE_FIELDS, Article, Byline, Issue, Page, Person, split_paragraphs

log = logging.getLogger(__name__)

FIELD_LABELS = {
    "headline": "标题",
    "section": "栏目",
    "dateline": "电头日期",
    "lead": "导语",
    "body": "正文",
    "source": "稿源",
    "bylines": "署名",
    "kicker": "引题",
    "subheadline": "副题",
    "photo_credits": "摄影",
    "captions": "图片说明",
    "dateline_place": "电头地点",
    "editor_note": "编者按",
    "cross_references": "相关报道",
}


class StaleEdit(Exception):
    """The article was saved by someone else after the editor loaded it."""

    def __init__(self, article: Article, expected_version: int):
        self.article = article
        self.expected_version = expected_version
        super().__init__(
            f"文章 {article.pk} 已是第 {article.version} 版，更正基于第 {expected_version} 版"
        )


# ---------------------------------------------------------------- values ----------


def normalise_value(name: str, value):
    """The stored form of a curated field's value, so equal texts compare equal.

    Browsers send textarea lines with CRLF; body paragraphs are kept one blank line apart.
    """
    if name == "dateline":
        if isinstance(value, str):
            return dt.date.fromisoformat(value) if value else None
        return value or None
    if name == "bylines":
        return [(_person_name(who), (role or "").strip()) for who, role in value]
    if name in LIST_ARTICLE_FIELDS:  # one printed line per item; a textarea sends them as lines
        items = value.splitlines() if isinstance(value, str) else (value or [])
        return [" ".join(str(item).split()) for item in items if str(item).strip()]
    text = (value or "").replace("\r\n", "\n").replace("\r", "\n")
    if name == "body":
        return "\n\n".join(split_paragraphs(text))
    if name == "lead":
        return text.strip()
    return " ".join(text.split()) if name in ("section", "source", "dateline_place") else text.strip()


def _person_name(who) -> str:
    return (who.name if isinstance(who, Person) else str(who)).strip()


def parsed_value(article: Article, name: str):
    """What the parser produced for ``name``, in the field's own type (None if never parsed)."""
    parsed = article.parsed or {}
    if name not in parsed:
        return None
    return normalise_value(name, parsed[name])


def current_value(article: Article, name: str):
    if name == "bylines":
        return [(b.person.name, b.role) for b in article.bylines.select_related("person").order_by("position")]
    return getattr(article, name)


def differs_from_parsed(article: Article, name: str) -> bool:
    if name not in (article.parsed or {}):
        return False
    return normalise_value(name, current_value(article, name)) != parsed_value(article, name)


# ---------------------------------------------------------------- articles --------


def article_correct(
    *,
    article: Article,
    changes: dict,
    user=None,
    expected_version: int | None = None,
    reason: str = "",
) -> list[str]:
    """Apply a person's corrections to ``article``; return the names of the fields that changed.

    ``changes`` maps curated field names (``CURATED_ARTICLE_FIELDS``) to new values; ``bylines``
    is a list of ``(person or name, role)`` in print order. Values equal to the current ones are
    ignored. A changed field is locked against ingest, or unlocked if it now equals the
    parser's value. With ``expected_version`` the save is refused (``StaleEdit``) when the
    article has been saved since that version was read.
    """
    unknown = set(changes) - set(CURATED_ARTICLE_FIELDS)
    if unknown:
        raise ValueError(f"不能更正的字段：{', '.join(sorted(unknown))}")
    with transaction.atomic():
        if expected_version is not None:
            current = article_check_version(article_id=article.pk, expected_version=expected_version)
        else:
            current = Article.objects.select_for_update().get(pk=article.pk)
        locked = set(current.edited_fields or [])
        changed: list[str] = []
        for name in CURATED_ARTICLE_FIELDS:
            if name not in changes:
                continue
            value = normalise_value(name, changes[name])
            if value == normalise_value(name, current_value(current, name)):
                continue
            if name == "bylines":
                services.article_set_bylines(
                    article=current, bylines=value, reason=_reason(reason, ["bylines"]), user=user
                )
            else:
                setattr(current, name, value)
            changed.append(name)
            if name in (current.parsed or {}) and value == parsed_value(current, name):
                locked.discard(name)
            else:
                locked.add(name)
        if not changed:
            return []
        current.edited_fields = [name for name in CURATED_ARTICLE_FIELDS if name in locked]
        current._change_reason = _reason(reason, changed)
        if user is not None:
            current._history_user = user
        current.save()
        article.version = current.version
        _after_commit(changed_ids=[current.pk])
    return changed


def article_check_version(*, article_id: int, expected_version: int) -> Article:
    """The stale-copy check: lock the article's row and return it, or raise ``StaleEdit`` when
    it has been saved since ``expected_version`` was read. Call inside a transaction; the lock
    holds until it ends, so a save later in the same transaction sees the version checked."""
    current = Article.objects.select_for_update().get(pk=article_id)
    if current.version != expected_version:
        raise StaleEdit(current, expected_version)
    return current


def article_revert_to_parsed(*, article: Article, fields: Iterable[str], user=None,
                             expected_version: int | None = None) -> list[str]:
    """Set ``fields`` back to what the parser produced, which also unlocks them for ingest."""
    changes = {name: parsed_value(article, name) for name in fields if name in (article.parsed or {})}
    return article_correct(article=article, changes=changes, user=user,
                           expected_version=expected_version, reason="恢复为解析值")


def article_delete(*, article: Article, user=None) -> None:
    """Delete an article (and its bylines); history keeps a copy of it."""
    with transaction.atomic():
        pk = article.pk
        article._change_reason = services.STAFF_DELETION  # ingest does not load it again
        if user is not None:
            article._history_user = user
        article.delete()
        _after_commit(removed_ids=[pk])


def articles_delete(*, articles: Iterable[Article], user=None) -> int:
    """Delete several articles in one transaction (search hears of it once); return how many."""
    count = 0
    with transaction.atomic():
        for article in articles:
            article_delete(article=article, user=user)
            count += 1
    return count


def articles_move(*, articles: Iterable[Article], page: Page, user=None) -> list[int]:
    """Move articles to another page, of the same issue or another, in one transaction: they
    go after the articles already on it, in their print order. Returns the ids moved (an
    article already on ``page`` stays as it is).

    An article keeps its id and so its URL (``/articles/<id>/``); its history records where it
    came from and who moved it; and it keeps its identity in the source
    (``Article.source_page``), so a re-ingest of the page that printed it finds it where it is
    now and neither moves it back nor loads it a second time."""
    with transaction.atomic():
        page = Page.objects.select_for_update().select_related("issue", "issue__paper").get(pk=page.pk)
        rows = list(
            Article.objects.select_for_update(of=("self",))
            .filter(pk__in=[a.pk for a in articles])
            .select_related("page", "page__issue", "page__issue__paper")
            .order_by("page__issue__date_issued", "page__issue_id", "page__sequence", "sequence")
        )
        next_sequence = (page.articles.aggregate(m=Max("sequence"))["m"] or 0) + 1
        moved = []
        for article in rows:
            if article.page_id == page.pk:
                continue
            was = article.page
            # Its place as a reader counts it (gaps left by earlier moves not counted).
            place = was.articles.filter(sequence__lt=article.sequence).count() + 1
            if article.source_page_id is None:
                article.source_page_id = was.pk  # where it was printed stays its source
            article.page, article.sequence = page, next_sequence
            next_sequence += 1
            article._change_reason = f"人工移动：从 {was} 第{place}篇 移到 {page}"
            if user is not None:
                article._history_user = user
            article.save()
            moved.append(article.pk)
        _after_commit(changed_ids=moved)
    return moved


def _reason(reason: str, changed: list[str]) -> str:
    names = "、".join(FIELD_LABELS[name] for name in changed)
    return f"{reason}：{names}" if reason else f"人工更正：{names}"


# ---------------------------------------------------------------- reporters -------


@dataclass
class MergeResult:
    into: Person
    merged_names: list[str] = field(default_factory=list)
    moved_article_ids: list[int] = field(default_factory=list)


def person_merge(*, into: Person, others: Iterable[Person], user=None) -> MergeResult:
    """Merge variant spellings of one reporter into ``into``: every byline moves to it, the
    other names are deleted, and each moved article's bylines are locked against ingest (the
    source text still carries the variant spelling)."""
    with transaction.atomic():
        into = Person.objects.select_for_update().get(pk=into.pk)
        others = [p for p in Person.objects.select_for_update().filter(pk__in=[o.pk for o in others]) if p.pk != into.pk]
        result = MergeResult(into=into, merged_names=[p.name for p in others])
        if not others:
            return result
        reason = f"合并记者：{'、'.join(result.merged_names)} 并入 {into.name}"
        moved: dict[int, Article] = {}
        for byline in Byline.objects.filter(person__in=others).select_related("article").order_by("pk"):
            article = byline.article
            byline._change_reason = reason
            if user is not None:
                byline._history_user = user
            if article.bylines.filter(person=into).exists():
                byline.delete()  # the article already names the kept spelling
            else:
                byline.person = into
                byline.save()
            moved[article.pk] = article
        for article in moved.values():
            article.edited_fields = [n for n in CURATED_ARTICLE_FIELDS if n in {*article.edited_fields, "bylines"}]
            article._change_reason = reason
            if user is not None:
                article._history_user = user
            article.save()
        # /reporters/<id>/ of each merged name answers 301 to the kept one from now on.
        links.person_ids_retired(people=others, into=into)
        for other in others:
            other._change_reason = f"并入 {into.name}"
            if user is not None:
                other._history_user = user
            other.delete()
        # A record on the kept reporter too, so its own history shows the merge.
        into._change_reason = f"{reason}（{len(moved)} 篇文章）"
        if user is not None:
            into._history_user = user
        into.save()
        result.moved_article_ids = sorted(moved)
        _after_commit(changed_ids=result.moved_article_ids)
    return result


class NameTaken(ValueError):
    """Another reporter already has that name (after spaces are made single)."""

    def __init__(self, name: str):
        self.name = name
        super().__init__(f"已有记者叫“{name}”")


def person_name_normal(name: str) -> str:
    """A reporter's name as stored: no spaces at the ends, runs of spaces as one."""
    return " ".join(name.split())


def person_rename(*, person: Person, name: str, user=None) -> Person:
    """Correct a reporter's name everywhere it is printed in the archive. A name another
    reporter has raises ``NameTaken``: that is a merge (``person_merge``), not a rename."""
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        name = person_name_normal(name)
        if name == person.name:
            return person
        if Person.objects.filter(name=name).exclude(pk=person.pk).exists():
            raise NameTaken(name)
        old = person.name
        person.name = name
        person._change_reason = f"更名：{old} → {name}"
        if user is not None:
            person._history_user = user
        person.save()
        ids = list(Article.objects.filter(bylines__person=person).values_list("pk", flat=True).distinct())
        for article in Article.objects.filter(pk__in=ids):
            if "bylines" not in article.edited_fields:
                article.edited_fields = [n for n in CURATED_ARTICLE_FIELDS if n in {*article.edited_fields, "bylines"}]
                article._change_reason = person._change_reason
                if user is not None:
                    article._history_user = user
                article.save()
        _after_commit(changed_ids=ids)
    return person


# ---------------------------------------------------------------- issues ----------


def issue_confirm_date(*, issue: Issue, date: dt.date | None = None, user=None) -> Issue:
    """Confirm an issue's date, or correct it to ``date``. Either way the date is no longer
    inferred and ingest will not move the issue's pages again.

    If another issue of the paper already has that date, the pages join it and this issue is
    deleted; the issue that now holds the pages is returned.
    """
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        target = date or issue.date_issued
        if target is None:
            raise ValueError("这一期日期待定：请填写出版日期")
        reason = "人工确认日期" if target == issue.date_issued else f"人工更正日期：{issue.date_issued} → {target}"
        article_ids = list(Article.objects.filter(page__issue=issue).values_list("pk", flat=True))
        if target != issue.date_issued:
            other = Issue.objects.select_for_update().filter(paper=issue.paper, date_issued=target).exclude(pk=issue.pk).first()
            # /issues/<old date>/ answers 301 to wherever the pages are from now on (a page
            # that was 日期待定 had no public URL to keep).
            if issue.date_issued is not None:
                links.issue_date_retired(issue=issue, old_date=issue.date_issued, into=other)
            if other is not None:
                next_sequence = (other.pages.aggregate(m=Max("sequence"))["m"] or 0) + 1
                for page in issue.pages.order_by("sequence"):
                    page.issue = other
                    page.sequence = next_sequence
                    page.save()
                    next_sequence += 1
                issue._change_reason = f"{reason}（并入该日已有的一期）"
                if user is not None:
                    issue._history_user = user
                issue.delete()
                issue = other
                reason = f"{reason}（并入其他版面）"
            else:
                links.issue_date_taken(date=target, paper_id=issue.paper_id)
                issue.date_issued = target
        issue.date_inferred = False
        issue.date_source = "given"  # a person gave or confirmed it
        issue.date_confirmed_by_staff = True
        issue._change_reason = reason
        if user is not None:
            issue._history_user = user
        issue.save()
        _after_commit(changed_ids=article_ids)
    return issue


def issues_confirm_dates(*, issues: Iterable[Issue], user=None) -> int:
    """Confirm the dates of several issues in one transaction; return how many needed it."""
    count = 0
    with transaction.atomic():
        for issue in issues:
            if issue.date_inferred or not issue.date_confirmed_by_staff:
                issue_confirm_date(issue=issue, user=user)
                count += 1
    return count


def issues_set_dates(*, dates: dict[int, dt.date], user=None) -> list[Issue]:
    """Correct or confirm the dates of several issues (``{issue id: date}``) in one
    transaction, in the order given; an issue given another's date joins it (as
    ``issue_confirm_date``). Returns the issues that hold the pages now."""
    kept = []
    with transaction.atomic():
        for pk, date in dates.items():
            issue = Issue.objects.filter(pk=pk).first()
            if issue is not None:  # already joined an issue earlier in this batch
                kept.append(issue_confirm_date(issue=issue, date=date, user=user))
    return kept


def issue_set_paper(*, issue: Issue, paper, user=None) -> Issue:
    """Staff say an issue belongs to another paper (ingest was told the wrong one)."""
    with transaction.atomic():
        issue = Issue.objects.select_for_update().get(pk=issue.pk)
        if issue.date_issued is not None and Issue.objects.filter(
            paper=paper, date_issued=issue.date_issued
        ).exclude(pk=issue.pk).exists():
            raise ValueError(f"《{paper}》{issue.date_issued} 已有一期")
        old = issue.paper
        issue.paper = paper
        issue._change_reason = f"人工更正报纸：{old} → {paper}"
        if user is not None:
            issue._history_user = user
        issue.save()
        _after_commit(changed_ids=list(Article.objects.filter(page__issue=issue).values_list("pk", flat=True)))
    return issue


# ---------------------------------------------------------------- dictionary ------


def local_words_changed() -> None:
    """Call after local segmentation words were added, changed or deleted: the index is
    rebuilt in the background with the new dictionary (see ``jobs.search_rebuild_start``)."""
    _after_commit(dictionary_changed=True)


# ---------------------------------------------------------------- search hook -----


class _SearchBatch:
    """What one transaction changed, told to search once when it commits.

    Curation functions each call ``_after_commit``; a bulk action that calls them for many
    rows inside one transaction (``issues_confirm_dates``, ``articles_delete``) would
    otherwise start one index sync process per row (14 issues: 14 processes, about 1.8 GB).
    """

    def __init__(self):
        self.changed_ids: set[int] = set()
        self.removed_ids: set[int] = set()
        self.dictionary_changed = False
        self.done = False

    def __call__(self):
        self.done = True
        search_follow(changed_ids=sorted(self.changed_ids), removed_ids=sorted(self.removed_ids),
                      dictionary_changed=self.dictionary_changed)


def _after_commit(*, changed_ids=(), removed_ids=(), dictionary_changed=False) -> None:
    connection = transaction.get_connection()
    # The batch belongs to the outermost transaction (a test case's own is not one: each
    # request in a test commits on its own there); it is joined while Django still holds it
    # as a callback of that transaction, so a reused atomic() decorator starts afresh.
    outer = next((block for block in connection.atomic_blocks if not getattr(block, "_from_testcase", False)), None)
    batch = getattr(outer, "search_batch", None)
    pending = batch is not None and not batch.done and any(
        callback is batch for _, callback, _ in connection.run_on_commit
    )
    if not pending:
        batch = _SearchBatch()
        if outer is not None:
            outer.search_batch = batch
    batch.changed_ids.update(changed_ids)
    batch.removed_ids.update(removed_ids)
    batch.dictionary_changed = batch.dictionary_changed or dictionary_changed
    if not pending:
        transaction.on_commit(batch)


def search_follow(*, changed_ids: Iterable[int] = (), removed_ids: Iterable[int] = (),
                  dictionary_changed: bool = False) -> None:
    """Tell the search index what staff changed. The one hook between curation and search.

    Runs after the transaction committed, so search never sees a change that was rolled back,
    and writes nothing itself: article changes start ``indexing.index_follow`` (a separate
    process that syncs the index from the history, taking the one writer's lock in turn with
    other writers), and a dictionary change starts a background rebuild with a status the admin
    shows. Both return at once. A failure to start either is logged, not raised: the
    correction itself is saved, and the next sync (another edit, an ingest, ``make run``'s
    ``ensure_search_index``) catches the index up from the history.
    """
    from articles.search import indexing

    if not indexing.index_exists():
        return  # no index yet: the first build (make run) will contain the change
    try:
        if changed_ids or removed_ids:
            indexing.index_follow(changed_ids=changed_ids, removed_ids=removed_ids)
        if dictionary_changed:
            jobs.search_rebuild_start(reason="本地词有改动")
    except Exception:
        log.exception("搜索索引没能跟上人工更正（文章 %s，删除 %s）", list(changed_ids), list(removed_ids))
