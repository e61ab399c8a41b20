"""The research tools through the Django test client, on the seed archive plus a few articles
of other years: citations on the article page, RIS/BibTeX/CSV exports read back by rispy,
bibtexparser and csv, Atom feeds read by feedparser, the advanced search page, trends, the
API's keys and CORS, related articles."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
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
                                            "label": label, "label_given": bool(label)})
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
                                 people=("张三", "李四", "王五", "赵六"), section="经济", label="A02")
            _article(dt.date(2019, 11, 20), "鼋头渚苏州园林展在锡开幕", "本报讯 苏州园林展昨天在鼋头渚开幕。", people=("李四",))
            _article(dt.date(2021, 6, 1), "无锡地铁新线开通", "本报讯 无锡地铁新线今天开通，直达梅园。", people=("张三",))
            # Twelve years and twelve reporters (more than a facet shows before 更多); 周 twice.
            for i, name in enumerate(["周一", "安二", "白三", "陈四", "邓五", "范六", "高七", "何八", "金九", "刘十",
                                      "马甲", "周一"]):
                _article(dt.date(2005 + i, 5, 1), f"惠山泥人第{i + 1}期", "本报讯 惠山泥人展出。", people=(name,))
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
    assert response.json() == {"count": 0, "count_exact": True, "match": "exact", "results": [], "next": None, "previous": None,
                               "facets": {"year": [], "reporter": [], "column": [], "paper": []}}


def test_api_results_carry_reporter_ids_paper_page_and_inferred_date_with_cors(client, archive):
    response = client.get("/api/search/", {"q": "鼋头渚", "sort": "oldest"})
    assert response["Access-Control-Allow-Origin"] == "*"
    first = response.json()["results"][0]
    assert first["paper"] == "江南晚报" and first["issue_date_inferred"] is False
    assert first["page"] == {"sequence": 2, "label": "A02", "number": "A02"}
    assert first["column"] == "经济"
    zhang = Person.objects.get(name="张三")
    assert first["bylines"][0] == {"id": zhang.pk, "name": "张三", "role": None, "url": f"/reporters/{zhang.pk}/"}
    assert client.get("/api/search/", {"q": "鼋头渚", "from": "x"})["Access-Control-Allow-Origin"] == "*"


# --- 高级检索 ----------------------------------------------------------------------------------------


def test_advanced_page_has_every_field_labelled(client, archive):
    page = text(client.get("/search/advanced/"))
    for label in ("包含全部这些词", "包含完整短语", "包含任意一个词", "不包含这些词", "在哪里找这些词", "报纸", "栏目",
                  "版次", "出版日期 起", "排序"):
        assert f">{label}</label>" in page, label
    assert '<option value="江南晚报">江南晚报</option>' in page
    assert '<option value="经济">' in page  # column names are suggested


def test_advanced_search_builds_the_ordinary_bookmarkable_search_url(client, archive):
    response = client.get("/search/advanced/", {
        "all_words": "无锡  苏州", "phrase": "“民企 对接”", "any_words": "园林 地铁", "none_words": "疫情",
        "scope": "", "paper": "江南晚报", "column": "经济", "print_page": "A02",
        "date_from": "2019-01-01", "date_to": "2019-12-31", "sort": "newest"})
    assert response.status_code == 302
    from urllib.parse import parse_qs, urlsplit

    url = urlsplit(response["Location"])
    assert url.path == "/search/"
    assert parse_qs(url.query) == {
        "q": ['无锡 苏州 "民企 对接" 园林 OR 地铁 -疫情'], "paper": ["江南晚报"], "column": ["经济"],
        "print_page": ["A02"], "from": ["2019-01-01"], "to": ["2019-12-31"], "sort": ["newest"]}


def test_advanced_search_scope_goes_before_each_term_and_the_search_finds_it(client, archive):
    response = client.get("/search/advanced/", {"all_words": "鼋头渚", "scope": "标题", "sort": "relevance"})
    assert response["Location"] == "/search/?q=%E6%A0%87%E9%A2%98%3A%E9%BC%8B%E5%A4%B4%E6%B8%9A"
    response = client.get("/search/advanced/", {"all_words": "鼋头渚", "date_from": "2019-06-01"})
    page = text(client.get(response["Location"]))
    assert "<mark>鼋头渚</mark>苏州园林展在锡开幕" in page and "两地共建" not in page


def test_advanced_search_in_the_body_only_leaves_out_headline_matches(client, archive):
    page = text(client.get("/search/advanced/"))
    assert '<option value="正文">只在正文中（不含标题、署名）</option>' in page
    response = client.get("/search/advanced/", {"all_words": "产业园", "scope": "正文"})
    assert response["Location"] == "/search/?q=%E6%AD%A3%E6%96%87%3A%E4%BA%A7%E4%B8%9A%E5%9B%AD"  # 正文:产业园
    found = text(client.get(response["Location"]))
    body_holds = [a for a in Article.objects.all() if any("产业园" in p for p in a.paragraphs)]
    headline_only = [a for a in Article.objects.all() if "产业园" in a.headline and a not in body_holds]
    assert body_holds and headline_only  # 无锡苏州两地共建鼋头渚产业园 has it only in its headline
    assert f"找到 <strong>{len(body_holds)}</strong> 篇文章" in found
    assert "两地共建鼋头渚" not in found
    assert "两地共建鼋头渚" in text(client.get("/search/", {"q": "产业园"}))


def _advanced_values(client, url: str) -> dict[str, str]:
    """What a reader sees filled in on the advanced page (every field, as the browser would send it)."""
    from admin_forms import read_form

    page = text(client.get(url))
    return {name: values[0] for name, values in read_form(page, "advanced-form").items()}


EVERY_FIELD = {
    "all_words": "无锡 苏州", "phrase": "民企 对接", "any_words": "园林 地铁", "none_words": "疫情 台风",
    "scope": "正文", "paper": "江南晚报", "column": "经济", "print_page": "A02",
    "date_from": "2019-01-01", "date_to": "2019-12-31", "year": "2019", "reporter": "张三",
    "sort": "newest", "mode": "words",
}


@pytest.mark.parametrize("values, read_back", [
    (EVERY_FIELD, {}),
    # One "any of" word alone is one more required word: it reads back there, same search.
    ({**EVERY_FIELD, "scope": "", "phrase": "", "any_words": "梅园", "mode": "", "sort": "relevance", "year": ""},
     {"all_words": "无锡 苏州 梅园", "any_words": ""}),
    ({"all_words": "", "phrase": "鼋头渚", "any_words": "梅园 园林", "none_words": "", "scope": "标题"}, {}),
    ({"all_words": "鼋头渚", "phrase": "民企", "any_words": "梅园", "none_words": "", "scope": "作者", "mode": "exact"}, {}),
], ids=["every field", "one any-of word", "phrase and any-of in headlines", "byline only"])
def test_refining_a_search_opens_the_advanced_page_filled_in_and_gives_the_same_search_back(
        client, archive, values, read_back):
    first = client.get("/search/advanced/", values)
    assert first.status_code == 302
    results_url = first["Location"]
    results = text(client.get(results_url))
    refine = re.search(r'<a href="(/search/advanced/\?[^"]+)">修改检索（高级检索）</a>', results).group(1)
    filled = _advanced_values(client, refine.replace("&amp;", "&"))
    expected = {name: values.get(name, "") for name in EVERY_FIELD} | read_back
    if expected["sort"] == "":
        expected["sort"] = "relevance"
    assert filled == expected
    page = text(client.get(refine.replace("&amp;", "&")))
    assert "<h1 class=\"search__title\">修改检索</h1>" in page and "无法用下面各栏表示" not in page
    again = client.get("/search/advanced/", filled)
    assert again.status_code == 302 and again["Location"] == results_url


def test_a_query_the_boxes_cannot_say_is_filled_in_as_closely_as_they_can_and_the_page_says_so(client, archive):
    values = _advanced_values(client, "/search/advanced/?q=" + "标题:无锡 苏州 园林 OR 梅园 地铁 OR 太湖")
    assert values["all_words"].split()[:2] == ["标题:无锡", "苏州"] and values["scope"] == ""
    page = text(client.get("/search/advanced/", {"q": "标题:无锡 苏州 园林 OR 梅园 地铁 OR 太湖"}))
    assert "这个检索式有的部分无法用下面各栏表示" in page
    assert 'href="/search/?q=' in page and "返回检索结果" in page
    # Mixed scopes alone are not lost: each word keeps its own.
    values = _advanced_values(client, "/search/advanced/?q=标题:无锡 正文:苏州 -作者:张三&year=2019")
    assert values["all_words"] == "标题:无锡 正文:苏州" and values["none_words"] == "作者:张三"
    assert values["year"] == "2019"
    assert "无法用下面各栏表示" not in text(client.get("/search/advanced/", {"q": "标题:无锡 正文:苏州 -作者:张三"}))


def test_refining_a_bad_or_hostile_search_is_a_page_never_an_error(client, archive):
    page = text(client.get("/search/advanced/", {"q": '<script>alert(1)</script> "', "from": "昨天", "year": "abc",
                                                 "paper": "<b>报</b>", "sort": "sideways"}))
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>报</b>" not in page and 'value="&lt;b&gt;报&lt;/b&gt;" selected' in page
    assert 'value="昨天"' in page
    page = text(client.get("/search/advanced/", {"q": "无锡" * 150}))
    assert "这个检索式有的部分无法用下面各栏表示" in page


def test_advanced_search_says_what_is_missing(client, archive):
    response = client.get("/search/advanced/", {"none_words": "疫情"})
    assert response.status_code == 400
    assert "请至少在前三栏之一填写要找的词" in response.content.decode()
    response = client.get("/search/advanced/", {"all_words": "无锡", "date_from": "2020-01-01", "date_to": "2019-01-01"})
    assert "结束日期早于开始日期" in response.content.decode()
    response = client.get("/search/advanced/", {"all_words": "无锡", "date_from": "昨天"})
    assert response.status_code == 400 and "有效的日期" in response.content.decode()


# --- 趋势 -----------------------------------------------------------------------------------------


def test_trend_per_year_side_by_side_with_a_table_and_csv(client, archive):
    page = text(client.get("/search/trend/", {"q": ["鼋头渚", "梅园"]}))
    assert '<svg class="trend-chart"' in page and 'aria-hidden="true"' in page
    assert "<caption>各年文章数</caption>" in page
    rows = dict(re.findall(r'<tr><th scope="row"><a href="[^"]*year=(\d{4})"[^>]*>\d{4}</a></th>(.*?)</tr>', page))
    assert list(rows) == ["2019", "2020", "2021"]  # every year from the first match to the last
    counts = {year: re.findall(r"<td>(?:<a [^>]*>)?(\d+)", cells) for year, cells in rows.items()}
    assert counts == {"2019": ["2", "1"], "2020": ["0", "0"], "2021": ["0", "1"]}
    assert '梅园</a>：共 2 篇' in page

    response = client.get("/search/trend.csv", {"q": ["鼋头渚", "梅园"]})
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff") and response["Content-Disposition"].endswith('.csv"')
    assert list(csv.reader(io.StringIO(body[1:]))) == [
        ["年份", "鼋头渚", "梅园"], ["2019", "2", "1"], ["2020", "0", "0"], ["2021", "0", "1"]]


def test_trend_per_month_within_a_year(client, archive):
    page = text(client.get("/search/trend/", {"q": ["鼋头渚", "梅园"], "year": "2019"}))
    assert "<caption>2019年各月文章数</caption>" in page
    body = client.get("/search/trend.csv", {"q": ["鼋头渚"], "year": "2019"}).content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(body[1:])))
    assert rows[0] == ["月份", "鼋头渚"] and len(rows) == 13
    assert rows[3] == ["2019-03", "1"] and rows[11] == ["2019-11", "1"] and rows[1] == ["2019-01", "0"]


def test_trend_refuses_more_than_four_queries_with_a_page(client, archive):
    response = client.get("/search/trend/", {"q": ["一", "二", "三", "四", "五"]})
    assert response.status_code == 400 and "最多同时比较 4 个检索式" in response.content.decode()
    assert client.get("/search/trend/", {"q": "无锡", "year": "２０１９"}).status_code == 400
    assert "画出趋势" in text(client.get("/search/trend/"))


# --- facets ---------------------------------------------------------------------------------------


def test_every_facet_value_is_reachable_and_reporters_go_by_count_then_pinyin(client, archive):
    page = text(client.get("/search/", {"q": "泥人"}))
    reporters = page[page.index('id="facet-reporter"'):page.index('id="facet-column"') if 'id="facet-column"' in page else None]
    names = re.findall(r'reporter=[^"]*">([^<]+)</a>', reporters)
    assert names == ["周一", "安二", "白三", "陈四", "邓五", "范六", "高七", "何八", "金九", "刘十", "马甲"]
    assert "更多（另 1 项）" in reporters  # the eleventh behind 更多, in the page, no script needed
    years = page[page.index('id="facet-year"'):page.index('id="facet-reporter"')]
    assert re.findall(r'year=(\d{4})">\d{4}</a>', years) == [str(y) for y in range(2016, 2004, -1)]


def test_year_facet_is_a_bar_chart_whose_bars_link_to_their_year(client, archive):
    page = text(client.get("/search/", {"q": "泥人"}))
    bars = re.findall(r'<a href="([^"]+)" aria-label="(\d{4})年：(\d+) 篇"><rect', page)
    assert [(year, n) for _, year, n in bars] == [(str(y), "1") for y in range(2005, 2016)] + [("2016", "1")]
    assert all(url.endswith(f"year={year}") for url, year, _ in bars)
    assert "2009" in text(client.get(bars[4][0].replace("&amp;", "&")))


def test_inferred_dates_are_marked_only_where_inferred_and_explained_in_words(client, archive):
    page = text(client.get("/search/", {"q": "泥人"}))
    assert "日期为推断" not in page  # none of these is inferred
    page = text(client.get("/search/", {"q": "无锡"}))
    assert "表示这一期的出版日期由文中线索推断，尚未经编辑确认" in page
    results = re.findall(r'<li class="result">(.*?)</li>', page, re.S)
    marked = {int(re.search(r'href="/articles/(\d+)/"', r).group(1)): "日期为推断" in r for r in results}
    inferred = dict(Article.objects.filter(pk__in=marked).values_list("pk", "page__issue__date_inferred"))
    assert marked == inferred and True in marked.values() and False in marked.values()


def test_results_page_links_exports_feed_and_trend_with_the_same_search(client, archive):
    page = text(client.get("/search/", {"q": "泥人", "year": "2009", "sort": "newest"}))
    assert 'href="/search/export.csv?q=%E6%B3%A5%E4%BA%BA&amp;year=2009&amp;sort=newest" download' in page
    assert 'href="/search/feed/?q=%E6%B3%A5%E4%BA%BA&amp;year=2009" type="application/atom+xml"' in page
    assert 'href="/search/trend/?q=%E6%B3%A5%E4%BA%BA"' in page
    # 修改检索 opens the advanced page with this search (its page number left behind).
    assert 'href="/search/advanced/?q=%E6%B3%A5%E4%BA%BA&amp;year=2009&amp;sort=newest">修改检索（高级检索）</a>' in page


# --- snippets start at a clause --------------------------------------------------------------------


def test_a_snippet_starts_at_a_clause_or_sentence_boundary_never_mid_word():
    from articles.search.normalize import normalize
    from articles.search.snippets import snippet

    paragraph = ("本报讯 友谊之花，丝路绽放。当地时间8月15日，无锡代表团访问阿联酋艾因市，共同庆祝两市建立友好交流城市"
                 "关系五周年。市委书记杜小刚与艾因市政厅总干事阿里·哈利法·阿勒·卡姆齐会谈。市委常委、常务副市长蒋敏参加活动。")
    assert str(snippet([paragraph], [normalize("蒋敏")])) == "…常务副市长<mark>蒋敏</mark>参加活动。"
    assert str(snippet([paragraph], [normalize("杜小刚")])).startswith("…市委书记<mark>杜小刚</mark>")
    long_clause = "甲" * 80 + "乙丙丁" + "。"
    assert str(snippet([long_clause], [normalize("乙丙")])).startswith("…<mark>乙丙</mark>丁。")


@pytest.mark.parametrize("q", ["无锡", "集成电路", "会谈", "发展", "合作", "企业"])
def test_every_result_snippet_opens_after_a_clause_mark_or_at_a_hit(client, archive, q):
    import html as html_lib

    from articles.search.snippets import CLAUSE_ENDS, CLOSERS

    page = text(client.get("/search/", {"q": q}))
    for article_id, snip in re.findall(r'href="/articles/(\d+)/".*?<p class="result__snippet">(.*?)</p>', page, re.S):
        if not snip.startswith("…"):
            continue
        if snip[1:].startswith("<mark>"):
            continue
        shown = html_lib.unescape(re.sub(r"</?mark>", "", snip[1:])).rstrip("…")
        whole = " ".join(Article.objects.get(pk=article_id).paragraphs)
        before = whole[:whole.index(shown[:30])].rstrip("".join(CLOSERS))
        assert before[-1] in CLAUSE_ENDS, (q, before[-10:], shown[:20])


# --- related articles and the reporter's own search ----------------------------------------------


def test_article_page_lists_related_articles_by_rare_words_and_reporter(client, archive):
    page = text(client.get(f"/articles/{archive.confirmed_id}/"))
    related = page[page.index('id="related-heading"'):]
    similar = related[related.index("内容相近的文章"):]
    assert "鼋头渚苏州园林展在锡开幕" in similar
    reporter = related[related.index("张三的其他文章"):]
    assert "无锡地铁新线开通" in reporter and "无锡苏州两地共建" not in reporter


def test_related_articles_of_the_same_week_are_the_same_event(client, archive):
    near = _article(dt.date(2019, 3, 7), "鼋头渚产业园签约后续", "本报讯 鼋头渚产业园又有新进展。")
    try:
        indexing.index_rebuild()
        query.live.reset()
        page = text(client.get(f"/articles/{archive.confirmed_id}/"))
        event = page[page.index("同一事件"):page.index("内容相近的文章")]
        assert "鼋头渚产业园签约后续" in event and "园林展" not in event
    finally:
        near.delete()
        indexing.index_rebuild()
        query.live.reset()


def test_reporter_page_searches_within_their_articles(client, archive):
    zhang = Person.objects.get(name="张三")
    page = text(client.get(zhang.get_absolute_url()))
    assert "在张三署名的文章中搜索" in page  # the reporter page's own box (public's)
    assert '<input type="hidden" name="reporter" value="张三">' in page
    results = text(client.get("/search/", {"q": "无锡", "reporter": "张三"}))
    assert "地铁新线开通" in results and "两地共建" in results and "园林展" not in results


def test_feeds_are_discoverable_from_the_pages_head(client, archive):
    home = text(client.get("/"))
    assert '<link rel="alternate" type="application/atom+xml" title="江南晚报数字档案 · 新收录的各期" href="/issues/feed/">' in home
    page = text(client.get("/search/", {"q": "鼋头渚"}))
    assert 'href="/search/feed/?q=%E9%BC%8B%E5%A4%B4%E6%B8%9A"' in page.split("</head>")[0]


def test_advanced_search_paper_and_page_narrow_the_results(client, archive):
    response = client.get("/search/advanced/", {"all_words": "鼋头渚", "paper": "江南晚报", "print_page": "A02"})
    page = text(client.get(response["Location"]))
    assert "两地共建" in page and "园林展" not in page
    response = client.get("/search/advanced/", {"all_words": "鼋头渚", "paper": "无锡日报"})
    assert response.status_code == 400  # not a paper of the archive: the form says so
