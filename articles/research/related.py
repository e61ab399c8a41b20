"""Related articles for an article page: the same event (the most alike within a week), the
most alike at any time (haystack's ``more_like_this``: shared rare words), and the same
reporter's nearest articles. All searching goes through ``searching``."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from articles.models import Article

from . import searching

log = logging.getLogger(__name__)

PER_GROUP = 5
EVENT_DAYS = 7


@dataclass
class Related:
    event: list[Article] = field(default_factory=list)
    similar: list[Article] = field(default_factory=list)
    reporter: list[Article] = field(default_factory=list)
    person: object = None


def _articles(ids: list[int]) -> list[Article]:
    by_id = Article.objects.with_page().in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def related_to(article: Article) -> Related:
    related = Related()
    date = article.page.issue.date_issued
    people = [b.person for b in sorted(article.bylines.all(), key=lambda b: b.position)]
    if people:
        person = related.person = people[0]
        mine = Article.objects.with_page().by_person(person).exclude(pk=article.pk)
        before = list(mine.filter(page__issue__date_issued__lte=date).order_by("-page__issue__date_issued", "pk")[:3])
        after = list(mine.filter(page__issue__date_issued__gt=date).order_by("page__issue__date_issued", "pk")[:2])
        related.reporter = sorted(after + before, key=lambda a: a.page.issue.date_issued, reverse=True)
    try:
        week = searching.Filters(date_from=date - dt.timedelta(days=EVENT_DAYS),
                                 date_to=date + dt.timedelta(days=EVENT_DAYS))
        event_ids = searching.like(article, filters=week, limit=PER_GROUP)
        similar_ids = [pk for pk in searching.like(article, limit=2 * PER_GROUP) if pk not in event_ids]
        related.event, related.similar = _articles(event_ids), _articles(similar_ids[:PER_GROUP])
    except searching.IndexUnavailable:
        pass  # the article page never fails for want of a search index
    except Exception:  # a damaged index fails inside Whoosh with whatever the damage causes
        log.warning("related articles of %s left out: the search index failed", article.pk, exc_info=True)
    return related
