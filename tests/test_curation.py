"""The curation services behind the admin, for the cases the admin forms cannot easily reach:
a stale save from code, an article that names both spellings of a merged reporter, and a
corrected date that another issue already has."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.management import call_command

from articles import curation
from articles.models import Article, Byline, Issue, Person

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def archive(db):
    call_command("ingest", str(SEEDS), verbosity=0)


def test_stale_correction_is_refused_and_changes_nothing(archive):
    article = Article.objects.get(headline__startswith="华虹无锡")
    loaded = article.version
    curation.article_correct(article=article, changes={"headline": "第一次更正"}, expected_version=loaded)

    with pytest.raises(curation.StaleEdit):
        curation.article_correct(article=article, changes={"lead": "基于旧版本的更正"}, expected_version=loaded)
    article.refresh_from_db()
    assert article.headline == "第一次更正" and article.lead != "基于旧版本的更正"
    assert article.edited_fields == ["headline"]


def test_typing_the_parsed_value_back_unlocks_the_field(archive):
    article = Article.objects.get(headline__startswith="华虹无锡")
    original = article.headline
    curation.article_correct(article=article, changes={"headline": "临时标题", "source": "新华社"})
    assert Article.objects.get(pk=article.pk).edited_fields == ["headline", "source"]
    curation.article_correct(article=article, changes={"headline": original})
    assert Article.objects.get(pk=article.pk).edited_fields == ["source"]


def test_merge_keeps_one_byline_when_an_article_names_both_spellings(archive):
    kept, variant = Person.objects.get(name="王怡菽"), Person.objects.get(name="王怡菡")
    article = Article.objects.filter(bylines__person=kept).first()
    Byline.objects.create(article=article, person=variant, position=5)

    result = curation.person_merge(into=kept, others=[variant], user=None)

    assert result.merged_names == ["王怡菡"]
    assert [b.person.name for b in article.bylines.all()] == ["王怡菽"]
    assert "bylines" in Article.objects.get(pk=article.pk).edited_fields
    assert not Person.objects.filter(name="王怡菡").exists()


def test_correcting_a_date_to_an_existing_issue_joins_its_pages(archive):
    moving = Issue.objects.get(date_issued=dt.date(2023, 8, 8))
    staying = Issue.objects.get(date_issued=dt.date(2023, 8, 18))
    articles = set(Article.objects.filter(page__issue=moving).values_list("pk", flat=True))

    kept = curation.issue_confirm_date(issue=moving, date=dt.date(2023, 8, 18), user=None)

    assert kept.pk == staying.pk and not kept.date_inferred and kept.date_confirmed_by_staff
    assert not Issue.objects.filter(pk=moving.pk).exists()
    assert list(kept.pages.values_list("sequence", flat=True)) == [1, 2]
    assert articles <= set(Article.objects.filter(page__issue=kept).values_list("pk", flat=True))
