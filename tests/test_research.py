"""The research tools through the Django test client, on the seed archive plus a few articles
of other years: citations on the article page, RIS/BibTeX/CSV exports read back by rispy,
bibtexparser and csv, Atom feeds read by feedparser, the advanced search page, trends, the
API's keys and CORS, related articles."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass
from pathlib import Path

import bibtexparser
import feedparser
import pytest
import rispy

from articles.models import Article, Byline, Issue, Page, Person
from articles.search import indexing, query
from articles.services import page_ingest
from search_oracle import throwaway_archive

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

pytestmark = pytest.mark.django_db


@dataclass
class Archive:
    confirmed_id: int  # an article whose date staff confirmed (not inferred)
    inferred_id: int  # a seed article (date inferred)


def _article(date, headline, lead, people=(), section="", inferred=False, label=""):
    issue, _ = Issue.objects.get_or_create(
        date_issued=date, defaults={"date_evidence": "测试", "date_inferred": inferred})
    page, _ = Page.objects.get_or_create(
        issue=issue, sequence=2, defaults={"source_file": f"{date}-2.txt", "sha256": f"{date}".ljust(64, "0"),
                                            "label": label})
    article = Article.objects.create(page=page, sequence=page.articles.count() + 1, headline=headline,
                                     section=section, lead=lead, body="第二段。")
    for position, name in enumerate(people):
        Byline.objects.create(article=article, person=Person.objects.get_or_create(name=name)[0], position=position)
    return article


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker, tmp_path_factory):
    with throwaway_archive(tmp_path_factory.mktemp("research"), django_db_blocker):
        with django_db_blocker.unblock():
            for path in sorted(SEEDS.glob("*.txt")):
                page_ingest(path=path)
            confirmed = _article(dt.date(2019, 3, 5), "无锡苏州两地共建鼋头渚产业园", "本报讯 无锡与苏州签约，鼋头渚梅园一带。苏州代表团到访。",
                                 people=("张三", "李四", "王五", "赵六"), section="经济", label="第A02版")
            _article(dt.date(2019, 11, 20), "鼋头渚苏州园林展在锡开幕", "本报讯 苏州园林展昨天在鼋头渚开幕。", people=("李四",))
            _article(dt.date(2021, 6, 1), "无锡地铁新线开通", "本报讯 无锡地铁新线今天开通，直达梅园。", people=("张三",))
            inferred = Article.objects.filter(page__issue__date_inferred=True).order_by("pk").first()
            query.live.reset()
            indexing.index_rebuild()
        yield Archive(confirmed_id=confirmed.pk, inferred_id=inferred.pk)


def text(response) -> str:
    assert response.status_code == 200, response.content[:500]
    return response.content.decode()


# --- one article: citations and downloads ------------------------------------------------------


def test_article_page_cites_in_gbt7714_and_chicago_with_copy_buttons(client, archive):
    page = text(client.get(f"/articles/{archive.confirmed_id}/"))
    today = dt.date.today().isoformat()
    assert (f"张三, 李四, 王五, 等. 无锡苏州两地共建鼋头渚产业园[N/OL]. 江南晚报, 2019-03-05(A02)[{today}]. "
            f"http://testserver/articles/{archive.confirmed_id}/.") in page
    assert "张三, 李四, 王五, and 赵六. “无锡苏州两地共建鼋头渚产业园.” 江南晚报, March 5, 2019, A02. Accessed" in page
    assert page.count('class="copy-button"') == 2
    assert '<script src="/static/js/copy-citation.js" defer></script>' in page
    assert "出版日期为推断" not in page


def test_an_inferred_date_is_marked_in_the_citation_and_said_in_words(client, archive):
    page = text(client.get(f"/articles/{archive.inferred_id}/"))
    assert "江南晚报, [2023-" in page
    assert "出版日期为推断（由文中线索推断，未经编辑确认）" in page


def test_one_article_as_ris_and_bibtex(client, archive):
    response = client.get(f"/articles/{archive.confirmed_id}/cite.ris")
    assert response["Content-Disposition"] == f'attachment; filename="jnwb-{archive.confirmed_id}.ris"'
    (record,) = rispy.loads(text(response))
    assert record["title"] == "无锡苏州两地共建鼋头渚产业园"
    assert record["authors"] == ["张三", "李四", "王五", "赵六"]
    assert record["start_page"] == "A02"

    library = bibtexparser.parse_string(text(client.get(f"/articles/{archive.confirmed_id}/cite.bib")))
    (entry,) = library.entries
    assert entry.fields_dict["title"].value == "无锡苏州两地共建鼋头渚产业园"
    assert entry.fields_dict["url"].value == f"http://testserver/articles/{archive.confirmed_id}/"
    assert client.get("/articles/999999/cite.ris").status_code == 404


# --- the current results: CSV, RIS, BibTeX -----------------------------------------------------


def test_results_export_as_csv_with_bom_in_the_pages_order(client, archive):
    response = client.get("/search/export.csv", {"q": "鼋头渚", "sort": "oldest"})
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows[0][:3] == ["编号", "标题", "作者"]
    assert [r[1] for r in rows[1:]] == ["无锡苏州两地共建鼋头渚产业园", "鼋头渚苏州园林展在锡开幕"]
    assert rows[1][2] == "张三、李四、王五、赵六" and rows[1][4] == "2019-03-05" and rows[1][5] == "否"
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_results_export_as_ris_and_bibtex_keeps_the_filters(client, archive):
    records = rispy.loads(text(client.get("/search/export.ris", {"q": "鼋头渚", "year": "2019"})))
    assert {r["title"] for r in records} == {"无锡苏州两地共建鼋头渚产业园", "鼋头渚苏州园林展在锡开幕"}
    library = bibtexparser.parse_string(text(client.get("/search/export.bib", {"q": "梅园", "from": "2021-01-01"})))
    assert not library.failed_blocks
    assert [e.fields_dict["title"].value for e in library.entries] == ["无锡地铁新线开通"]


def test_results_export_refuses_a_bad_query_with_a_page(client, archive):
    assert client.get("/search/export.csv", {"q": ""}).status_code == 400
    assert client.get("/search/export.csv", {"q": "无锡", "from": "昨天"}).status_code == 400


# --- feeds -----------------------------------------------------------------------------------------


def test_search_feed_is_atom_with_the_newest_matches(client, archive):
    response = client.get("/search/feed/", {"q": "鼋头渚"})
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert "鼋头渚" in feed.feed.title
    assert [e.title for e in feed.entries] == ["鼋头渚苏州园林展在锡开幕", "无锡苏州两地共建鼋头渚产业园"]
    assert feed.entries[0].link == f"http://testserver{Article.objects.get(headline='鼋头渚苏州园林展在锡开幕').get_absolute_url()}"
    assert feed.entries[1].author == "张三、李四、王五、赵六"
    assert client.get("/search/feed/", {"q": ""}).status_code == 404


def test_issues_feed_lists_issues(client, archive):
    feed = feedparser.parse(client.get("/issues/feed/").content)
    assert not feed.bozo, feed.bozo_exception
    titles = [e.title for e in feed.entries]
    assert "《江南晚报》2019年3月5日" in titles
    assert any("（日期为推断）" in t for t in titles)
    assert len(titles) == Issue.objects.count()


# --- the JSON API --------------------------------------------------------------------------------


@pytest.mark.parametrize("params", [{"q": ""}, {"q": "没有这样的文章鼋鼋"}, {"q": "鼋头渚", "year": "1999"}])
def test_api_returns_every_key_when_nothing_matches(client, archive, params):
    response = client.get("/api/search/", params)
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == {"count": 0, "results": [], "next": None, "previous": None,
                               "facets": {"year": [], "reporter": [], "column": []}}


def test_api_results_carry_reporter_ids_paper_page_and_inferred_date_with_cors(client, archive):
    response = client.get("/api/search/", {"q": "鼋头渚", "sort": "oldest"})
    assert response["Access-Control-Allow-Origin"] == "*"
    first = response.json()["results"][0]
    assert first["paper"] == "江南晚报" and first["issue_date_inferred"] is False
    assert first["page"] == {"sequence": 2, "label": "第A02版", "number": "A02"}
    assert first["column"] == "经济"
    zhang = Person.objects.get(name="张三")
    assert first["bylines"][0] == {"id": zhang.pk, "name": "张三", "role": None, "url": f"/reporters/{zhang.pk}/"}
    assert client.get("/api/search/", {"q": "鼋头渚", "from": "x"})["Access-Control-Allow-Origin"] == "*"
