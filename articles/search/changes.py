"""What changed since a search index was written: the marks an index records, and the articles
changed after them.

Every index records *marks* when it is built or synced: the newest ``history_id`` of articles,
bylines, issues and people (django-simple-history), the newest page ingest time, the article
count and the local words' signature. ``changed_article_ids(marks)`` are the articles to write
again. The ingest service also returns the ids it changed (``IngestResult.changed_article_ids``,
``removed_article_ids``): ``manage.py ingest`` hands those to the writer directly, and the marks
catch everything else (staff edits, merges, date corrections). Any engine's writer uses this.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from django.db.models import Max

def local_words() -> list[tuple[str, int | None, str]]:
    """Staff's local names for the segmenter (articles.LocalWord), sorted."""
    from django.db import DatabaseError

    try:
        from articles.models import LocalWord
    except ImportError:
        return []
    try:
        return list(LocalWord.objects.order_by("word").values_list("word", "freq", "tag"))
    except DatabaseError:  # before migrate: no table yet
        return []


def dictionary_signature(words) -> str:
    return hashlib.sha256(json.dumps(list(words), ensure_ascii=False).encode("utf-8")).hexdigest()[:16]


def database_marks() -> dict:
    """The newest change of each kind the index depends on."""
    from articles.models import Article, Byline, Issue, Page, Paper, Person

    def newest(model) -> int:
        return model.history.aggregate(m=Max("history_id"))["m"] or 0

    ingested = Page.objects.aggregate(m=Max("ingested"))["m"]
    return {
        "dictionary": dictionary_signature(local_words()),
        "article": newest(Article),
        "byline": newest(Byline),
        "issue": newest(Issue),
        "person": newest(Person),
        "paper": newest(Paper),
        "page": ingested.isoformat() if ingested else "",
        "count": Article.objects.count(),
    }


def changed_article_ids(marks: dict) -> set[int]:
    """Articles whose indexed values may have changed since ``marks``."""
    from articles.models import Article, Byline, Issue, Paper, Person

    ids = set(Article.history.filter(history_id__gt=marks.get("article", 0)).values_list("id", flat=True))
    ids |= set(Byline.history.filter(history_id__gt=marks.get("byline", 0)).values_list("article_id", flat=True))
    issues = Issue.history.filter(history_id__gt=marks.get("issue", 0)).values_list("id", flat=True)
    ids |= set(Article.objects.filter(page__issue_id__in=list(issues)).values_list("pk", flat=True))
    people = Person.history.filter(history_id__gt=marks.get("person", 0)).values_list("id", flat=True)
    ids |= set(Article.objects.filter(bylines__person_id__in=list(people)).values_list("pk", flat=True))
    papers = Paper.history.filter(history_id__gt=marks.get("paper", 0)).values_list("id", flat=True)
    ids |= set(Article.objects.filter(page__issue__paper_id__in=list(papers)).values_list("pk", flat=True))
    if marks.get("page"):
        since = dt.datetime.fromisoformat(marks["page"])
        ids |= set(Article.objects.filter(page__ingested__gt=since).values_list("pk", flat=True))
    else:
        ids |= set(Article.objects.values_list("pk", flat=True))
    return ids


__all__ = ["changed_article_ids", "database_marks", "dictionary_signature", "local_words"]
