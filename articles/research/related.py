"""Related articles for an article page: the same event (its rarest words, within a week), the
same rare words at any time, and the same reporter's nearest articles.

Rare words are the jieba words of the headline and the lead's first sentence that the fewest
articles hold (counted exactly by the search); an article sharing more of them, and rarer ones,
ranks higher. All searching goes through ``searching``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from articles.models import Article

from . import searching

MAX_WORDS = 12  # candidate words looked up per article
RARE_WORDS = 4  # of which the rarest are searched
PER_GROUP = 5
EVENT_DAYS = 7
CANDIDATES = 40


@dataclass
class Related:
    words: list[str] = field(default_factory=list)
    event: list[Article] = field(default_factory=list)
    similar: list[Article] = field(default_factory=list)
    reporter: list[Article] = field(default_factory=list)
    person: object = None


def rare_words(article: Article) -> list[tuple[str, int]]:
    """(word, number of articles holding it) for the rarest words of headline and first sentence,
    rarest first; a word only this article holds tells nothing about others and is left out."""
    words = searching.words(f"{article.headline} {article.first_sentence}")
    words = [w for w in words if len(w) >= 2 and not w.isdigit() and w not in ("本报讯",)][:MAX_WORDS]
    counted = [(w, searching.find(w, limit=0).count) for w in words]
    chosen: list[tuple[str, int]] = []
    for word, count in sorted(counted, key=lambda wn: (wn[1], -len(wn[0]))):
        # jieba's search mode gives 阿联酋 and 阿联 both: one of a nested pair is enough.
        if count >= 2 and not any(word in w or w in word for w, _ in chosen):
            chosen.append((word, count))
    return chosen[:RARE_WORDS]


def _ranked(words: list[tuple[str, int]], exclude: int, filters=None) -> list[int]:
    score: dict[int, float] = defaultdict(float)
    for word, count in words:
        found = searching.find(word, filters=filters or searching.Filters(), limit=CANDIDATES)
        for pk in found.ids:
            if pk != exclude:
                score[pk] += 1.0 / count
    return sorted(score, key=lambda pk: -score[pk])


def _articles(ids: list[int]) -> list[Article]:
    by_id = Article.objects.with_page().in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def related_to(article: Article) -> Related:
    related = Related()
    people = [b.person for b in sorted(article.bylines.all(), key=lambda b: b.position)]
    if people:
        person = related.person = people[0]
        date = article.page.issue.date_issued
        mine = Article.objects.with_page().by_person(person).exclude(pk=article.pk)
        before = list(mine.filter(page__issue__date_issued__lte=date).order_by("-page__issue__date_issued", "pk")[:3])
        after = list(mine.filter(page__issue__date_issued__gt=date).order_by("page__issue__date_issued", "pk")[:2])
        related.reporter = sorted(after + before, key=lambda a: a.page.issue.date_issued, reverse=True)
    try:
        words = rare_words(article)
        related.words = [w for w, _ in words]
        if words:
            date = article.page.issue.date_issued
            window = searching.Filters(date_from=date - dt.timedelta(days=EVENT_DAYS),
                                       date_to=date + dt.timedelta(days=EVENT_DAYS))
            event_ids = _ranked(words, article.pk, window)[:PER_GROUP]
            similar_ids = [pk for pk in _ranked(words, article.pk) if pk not in event_ids][:PER_GROUP]
            related.event, related.similar = _articles(event_ids), _articles(similar_ids)
    except searching.IndexUnavailable:
        pass  # the article page never fails for want of a search index
    return related
