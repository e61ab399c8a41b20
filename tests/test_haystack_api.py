"""haystack's documented API answers right on every search engine (issue 11, "One door").

Run against each engine named in ``NEWSARCHIVE_SEARCH_ENGINE`` (default ``whoosh``; see
``tests/search_engines.py``), on the seed archive plus three made-up articles (a reporter whose
name holds a comma, one with a space, a column of their own). Every expected answer is computed
from the database with Python, never written down: the table in issue 11 listed calls that
answered 0, ``{}`` or raised before.

Modelled on django-haystack's own backend tests (``test_backends``: filters, lookups, SQ
combinations, ordering, facets, more_like_this, highlighting, slicing).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
from haystack.inputs import AutoQuery, Exact
from haystack.query import SQ, SearchQuerySet

from articles.models import Article, Byline, Issue, Page, Paper, Person
from articles.services import page_ingest
from search_engines import engine_archive, selected
from search_oracle import holds_in

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
pytestmark = pytest.mark.django_db


@dataclass
class Doc:
    pk: int
    date: dt.date
    column: str
    reporters: list[str]
    headline: str
    parts: list[str]
    body: list[str]  # the lead and paragraphs: what the 正文: scope searches
    paper: str
    page_label: str
    page_number: int

    def holds(self, text: str) -> bool:
        return holds_in(self.parts, text)


def _made_up_articles() -> None:
    issue = Issue.objects.create(date_issued=dt.date(2019, 3, 9), date_evidence="测试",
                                 paper=Paper.objects.get_or_create(name="无锡日报", defaults={"slug": "wxrb"})[0])
    page = Page.objects.create(issue=issue, sequence=3, label="A03", label_given=True, source_file="api-test.txt", sha256="a" * 64)
    specs = [
        ("鼋头渚樱花开了", "本报讯 鼋头渚的樱花今年开得早，游人如织。", "樱花专栏", ["李,四"]),
        ("太湖边的樱花节", "本报讯 太湖边樱花节开幕，鼋头渚游人多。", "樱花专栏", ["张 三", "王五"]),
        ("蠡湖新景", "本报讯 蠡湖边新修了步道。", "", ["王五"]),
    ]
    for n, (headline, lead, column, names) in enumerate(specs, start=1):
        article = Article.objects.create(page=page, sequence=n, headline=headline, lead=lead, section=column)
        for position, name in enumerate(names):
            Byline.objects.create(article=article, person=Person.objects.get_or_create(name=name)[0], position=position)


@pytest.fixture(scope="module", params=selected())
def docs(request, django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"haystack-{request.param}")
    with engine_archive(request.param, folder, django_db_blocker) as engine:
        with django_db_blocker.unblock():
            for path in sorted(SEEDS.glob("*.txt")):
                page_ingest(path=path)
            _made_up_articles()
            engine.build()
            found = []
            for a in Article.objects.with_page().prefetch_related("bylines__person"):
                names = [b.person.name for b in sorted(a.bylines.all(), key=lambda b: b.position)]
                found.append(
                    Doc(
                        pk=a.pk,
                        date=a.page.issue.date_issued,
                        column=a.section,
                        reporters=names,
                        headline=a.headline,
                        parts=[a.headline, *a.paragraphs, "、".join(names)],
                        body=list(a.paragraphs),
                        paper=a.page.issue.paper.name,
                        page_label=a.page.display_label,
                        page_number=a.page.sequence,
                    )
                )
        yield found
    with django_db_blocker.unblock():
        Paper.objects.filter(name="无锡日报").delete()  # its issue went with the archive


def pks(sqs) -> set[int]:
    return {int(r.pk) for r in sqs}


def where(docs, test) -> set[int]:
    return {d.pk for d in docs if test(d)}


# --- the calls issue 11 found answering wrong -------------------------------------------------


def test_filter_on_a_field(docs):
    assert SearchQuerySet().filter(year=2023).count() == len(where(docs, lambda d: d.date.year == 2023)) > 0


def test_exclude_content(docs):
    sqs = SearchQuerySet().auto_query("无锡").exclude(content="阿斯利康")
    expected = where(docs, lambda d: d.holds("无锡") and not d.holds("阿斯利康"))
    assert sqs.count() == len(expected) > 0
    assert pks(sqs) == expected


def test_sq_or(docs):
    sqs = SearchQuerySet().filter(SQ(content="艾因") | SQ(content="阿斯利康"))
    assert pks(sqs) == where(docs, lambda d: d.holds("艾因") or d.holds("阿斯利康"))
    assert sqs.count() >= 2


def test_facet_counts(docs):
    counts = SearchQuerySet().auto_query("无锡").facet("year").facet_counts()
    years = Counter(str(d.date.year) for d in docs if d.holds("无锡"))
    assert dict(counts["fields"]["year"]) == dict(years) and len(years) > 1


def test_more_like_this(docs):
    article = Article.objects.get(pk=next(d.pk for d in docs if d.headline == "鼋头渚樱花开了"))
    similar = list(SearchQuerySet().more_like_this(article))
    assert similar and article.pk not in pks(similar)
    # The other cherry-blossom article at 鼋头渚 is the most alike.
    assert Article.objects.get(pk=similar[0].pk).headline == "太湖边的樱花节"
    scores = [r.score for r in similar]
    assert scores == sorted(scores, reverse=True) and scores[0] > 0


def test_highlight_and_score(docs):
    results = list(SearchQuerySet().auto_query("无锡").highlight()[:5])
    assert results
    for result in results:
        (marked,) = result.highlighted["text"]
        assert "<mark>无锡</mark>" in marked
        assert "<script" not in marked
        assert result.score > 0
    scores = [r.score for r in results]
    assert scores == sorted(scores, reverse=True)


# --- content ------------------------------------------------------------------------------------


def test_content_words_are_each_required_and_exact_is_one_phrase(docs):
    assert pks(SearchQuerySet().filter(content="无锡 集成电路")) == where(
        docs, lambda d: d.holds("无锡") and d.holds("集成电路")
    )
    assert pks(SearchQuerySet().filter(content=Exact("民企 对接"))) == where(docs, lambda d: d.holds("民企对接"))
    assert pks(SearchQuerySet().filter(content__exact="民企对接")) == where(docs, lambda d: d.holds("民企对接"))


def test_auto_query_reads_the_site_language(docs):
    sqs = SearchQuerySet().filter(content=AutoQuery('“民企 对接” －疫情'))
    assert pks(sqs) == where(docs, lambda d: d.holds("民企对接") and not d.holds("疫情"))


def test_exact_recall_through_the_door(docs):
    """Random substrings of the printed parts: found exactly where Python ``in`` finds them."""
    rng = random.Random(11)
    texts = [p for d in docs for p in d.parts if len(p) > 4]
    for _ in range(40):
        text = rng.choice(texts)
        start = rng.randrange(len(text) - 1)
        needle = text[start : start + rng.randint(1, 8)].strip()
        if not needle:
            continue
        assert pks(SearchQuerySet().filter(content=Exact(needle))) == where(docs, lambda d: d.holds(needle)), needle


def test_headline_field(docs):
    assert pks(SearchQuerySet().filter(headline__contains="樱花")) == where(docs, lambda d: "樱花" in d.headline)
    assert pks(SearchQuerySet().filter(headline__exact="蠡湖新景")) == where(docs, lambda d: d.headline == "蠡湖新景")


def test_body_scope_finds_only_what_the_body_holds(docs):
    """正文:/body: and ``body`` are the body alone: a word of a headline, or a reporter's name in
    the byline, is not found there, and every string is found exactly where Python ``in`` finds
    it in the lead and paragraphs."""
    assert pks(SearchQuerySet().filter(content="新景")) == where(docs, lambda d: d.headline == "蠡湖新景")
    assert SearchQuerySet().filter(body="新景").count() == 0  # only in the headline
    assert SearchQuerySet().auto_query("正文:新景").count() == 0
    assert SearchQuerySet().filter(content="王五").count() == 2 and SearchQuerySet().auto_query("body:王五").count() == 0
    rng = random.Random(12)
    texts = [p for d in docs for p in (d.headline, *d.body) if len(p) > 4]
    needles = ["樱花", "鼋头渚", "无锡", "步道", "游人如织"]
    for _ in range(30):
        text = rng.choice(texts)
        start = rng.randrange(len(text) - 1)
        needles.append(text[start : start + rng.randint(1, 8)].strip())
    for needle in filter(None, needles):
        expected = where(docs, lambda d: holds_in(d.body, needle))
        assert pks(SearchQuerySet().filter(body=Exact(needle))) == expected, needle
        assert pks(SearchQuerySet().filter(content=AutoQuery(f'正文:"{needle}"'))) == expected, needle
    in_headline_only = where(docs, lambda d: d.holds("樱花") and not holds_in(d.body, "樱花"))
    assert pks(SearchQuerySet().auto_query("樱花 -正文:樱花")) == in_headline_only


# --- field lookups ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lookup, test",
    [
        ({"year__exact": 2022}, lambda d: d.date.year == 2022),
        ({"year__in": [2019, 2022]}, lambda d: d.date.year in (2019, 2022)),
        ({"year__gt": 2022}, lambda d: d.date.year > 2022),
        ({"year__gte": 2023}, lambda d: d.date.year >= 2023),
        ({"year__lt": 2023}, lambda d: d.date.year < 2023),
        ({"year__lte": 2022}, lambda d: d.date.year <= 2022),
        ({"year__range": (2019, 2022)}, lambda d: 2019 <= d.date.year <= 2022),
        ({"issue_date__gte": dt.date(2023, 8, 8)}, lambda d: d.date >= dt.date(2023, 8, 8)),
        ({"issue_date__lt": dt.date(2023, 8, 8)}, lambda d: d.date < dt.date(2023, 8, 8)),
        (
            {"issue_date__range": (dt.date(2023, 8, 8), dt.date(2023, 8, 18))},
            lambda d: dt.date(2023, 8, 8) <= d.date <= dt.date(2023, 8, 18),
        ),
        ({"column": "樱花专栏"}, lambda d: d.column == "樱花专栏"),
        ({"column__startswith": "樱花"}, lambda d: d.column.startswith("樱花")),
        ({"reporters": "王五"}, lambda d: "王五" in d.reporters),
        ({"reporters__in": ["王五", "李,四"]}, lambda d: bool({"王五", "李,四"} & set(d.reporters))),
        ({"reporters__startswith": "张"}, lambda d: any(n.startswith("张") for n in d.reporters)),
        ({"paper": "无锡日报"}, lambda d: d.paper == "无锡日报"),
        ({"page_label": "A03"}, lambda d: d.page_label == "A03"),
        ({"page_number__gte": 3}, lambda d: d.page_number >= 3),
    ],
    ids=lambda v: next(iter(v)) if isinstance(v, dict) else "",
)
def test_field_lookups(docs, lookup, test):
    expected = where(docs, test)
    assert expected, "the archive must hold an example"
    assert pks(SearchQuerySet().filter(**lookup)) == expected
    assert pks(SearchQuerySet().exclude(**lookup)) == {d.pk for d in docs} - expected


def test_sq_and_or_not_combined(docs):
    sqs = SearchQuerySet().filter((SQ(content="樱花") | SQ(content="蠡湖")) & ~SQ(reporters="李,四"))
    assert pks(sqs) == where(docs, lambda d: (d.holds("樱花") or d.holds("蠡湖")) and "李,四" not in d.reporters)
    sqs = SearchQuerySet().filter(year=2019).filter_or(year=2022)
    assert pks(sqs) == where(docs, lambda d: d.date.year in (2019, 2022))


def test_models_count_slicing_and_best_match(docs):
    every = SearchQuerySet().models(Article)
    assert every.count() == SearchQuerySet().count() == len(docs)
    ordered = [int(r.pk) for r in SearchQuerySet().auto_query("无锡")]
    assert [int(r.pk) for r in SearchQuerySet().auto_query("无锡")[2:5]] == ordered[2:5]
    assert int(SearchQuerySet().auto_query("无锡").best_match().pk) == ordered[0]
    assert len(ordered) == len(set(ordered)) == SearchQuerySet().auto_query("无锡").count()


def test_order_by(docs):
    newest = [r.issue_date for r in SearchQuerySet().order_by("-issue_date")]
    assert newest == sorted((d.date for d in docs), reverse=True)
    oldest = [int(r.pk) for r in SearchQuerySet().filter(content="无锡").order_by("issue_date")]
    dates = {d.pk: d.date for d in docs}
    assert [dates[pk] for pk in oldest] == sorted(dates[pk] for pk in oldest)
    by_id = [int(r.pk) for r in SearchQuerySet().order_by("-django_id")]
    assert by_id == sorted((d.pk for d in docs), reverse=True)


def test_date_facet_by_month(docs):
    counts = SearchQuerySet().date_facet("issue_date", dt.date(2023, 1, 1), dt.date(2024, 1, 1), "month").facet_counts()
    months = dict((when.month, n) for when, n in counts["dates"]["issue_date"])
    assert len(months) == 12
    expected = Counter(d.date.month for d in docs if d.date.year == 2023)
    assert months == {m: expected.get(m, 0) for m in range(1, 13)}


def test_narrow(docs):
    assert pks(SearchQuerySet().auto_query("无锡").narrow("year:2023")) == where(
        docs, lambda d: d.holds("无锡") and d.date.year == 2023
    )
    assert pks(SearchQuerySet().narrow('reporters_exact:"李,四"')) == where(docs, lambda d: "李,四" in d.reporters)


def test_stored_fields_come_back_as_python(docs):
    years = SearchQuerySet().filter(year=2019).values_list("year", flat=True)
    assert list(years) and set(years) == {2019}
    result = SearchQuerySet().filter(reporters="李,四")[0]
    assert result.reporters == ["李,四"] and result.column == "樱花专栏" and result.issue_date == dt.date(2019, 3, 9)


def test_unsupported_calls_say_so(docs):
    with pytest.raises(NotImplementedError, match="spelling"):
        SearchQuerySet().auto_query("无锡").spelling_suggestion()
    with pytest.raises(NotImplementedError):
        SearchQuerySet().filter(content__fuzzy="无锡").count()
    with pytest.raises(NotImplementedError):
        SearchQuerySet().order_by("headline").count()


# --- issue 14 item 10: a name with a comma stays one reporter -------------------------------------


def test_reporter_with_a_comma_is_one_facet_value(docs):
    counts = dict(SearchQuerySet().filter(content="樱花").facet("reporters").facet_counts()["fields"]["reporters"])
    assert counts.get("李,四") == 1
    assert "李" not in counts and "四" not in counts
    assert counts.get("张 三") == 1


def test_reporter_with_a_comma_filters_on_the_site(client, docs):
    data = client.get("/api/search/", {"q": "樱花", "reporter": "李,四"}).json()
    assert data["count"] == 1 and data["results"][0]["headline"] == "鼋头渚樱花开了"
    facet = {f["value"]: f["count"] for f in data["facets"]["reporter"]}
    assert facet == {"李,四": 1}
    page = client.get("/search/", {"q": "樱花"}).content.decode()
    assert "李,四" in page and "reporter=%E6%9D%8E%2C%E5%9B%9B" in page


# --- issue 10: paper and page --------------------------------------------------------------------


def test_paper_is_a_facet_and_page_a_filter_on_the_site(client, docs):
    counts = dict(SearchQuerySet().facet("paper").facet_counts()["fields"]["paper"])
    assert counts == dict(Counter(d.paper for d in docs)) and len(counts) == 2
    data = client.get("/api/search/", {"q": "樱花"}).json()
    assert {f["value"] for f in data["facets"]["paper"]} == {d.paper for d in docs if d.holds("樱花")}
    in_paper = client.get("/api/search/", {"q": "湖", "paper": "无锡日报"}).json()
    assert in_paper["count"] == 2
    assert {r["id"] for r in in_paper["results"]} == where(docs, lambda d: d.holds("湖") and d.paper == "无锡日报")
    for page in ("A03", "3"):
        on_page = client.get("/api/search/", {"q": "湖", "print_page": page}).json()
        assert {r["id"] for r in on_page["results"]} == where(
            docs, lambda d: d.holds("湖") and (d.page_label == page or str(d.page_number) == page)
        ), page
