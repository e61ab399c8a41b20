"""Search over the seed articles (articles/search/, /search/, /api/search/): every article that
holds the query is found and no other, in any character form; known items rank first; filters,
facets, sorting and pages behave; snippets mark every hit and escape the article text.

The expected results are computed here with Python ``in`` over the exported article text,
independently of the index. One index is built per module, in a temporary folder."""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from articles.models import Article, Byline, Issue, Page, Person
from articles.search import indexing, query
from articles.search.normalize import normalize
from articles.serializers import article_export
from articles.services import page_ingest
from search_oracle import holds_in, throwaway_archive

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
MARKUP_HEADLINE = "<script>alert(1)</script>标记测试 稿件"
MARKUP_BODY = '网页代码<b>粗体</b>与"引号"&符号，再写一次<b>粗体</b>。'


@dataclass
class Archive:
    exported: list[dict]
    markup_id: int

    def headline(self, pk: int) -> str:
        return next(a["headline"] for a in self.exported if a["id"] == pk)


def printed_parts(article: dict) -> list[str]:
    """What a reader sees of an article: headline, paragraphs, the byline and wire source."""
    people = [b["name"] for b in article["bylines"] if b["role"] != "source"]
    parts = [article["headline"], *article["paragraphs"], "、".join(people)]
    if article["source"]:
        parts.append("据" + article["source"])
    return parts


def holds(article: dict, text: str) -> bool:
    """``text`` appears in one part of the article as printed (in the sense of ``same_form``)."""
    return holds_in(printed_parts(article), text)


def _make_markup_article() -> Article:
    issue = Issue.objects.create(date_issued=dt.date(2021, 5, 4), date_evidence="测试")
    page = Page.objects.create(issue=issue, sequence=1, source_file="markup.txt", sha256="m" * 64)
    article = Article.objects.create(
        page=page, sequence=1, headline=MARKUP_HEADLINE, lead="本报讯 " + MARKUP_BODY, body="第二段。"
    )
    Byline.objects.create(article=article, person=Person.objects.get_or_create(name="测试员")[0], position=0)
    return article


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("search")
    with throwaway_archive(folder, django_db_blocker):
        with django_db_blocker.unblock():
            for path in sorted(SEEDS.glob("*.txt")):
                page_ingest(path=path)
            markup = _make_markup_article()
            query.live.reset()
            indexing.index_rebuild()
            articles = Article.objects.with_page().prefetch_related("bylines__person").order_by("pk")
            exported = [article_export(a) for a in articles]
        yield Archive(exported=exported, markup_id=markup.pk)

pytestmark = pytest.mark.django_db


def found(text: str, **options) -> list[int]:
    outcome = query.search(query.parse_query(text), limit=100, **options)
    assert outcome.count == len(outcome.hits)
    return [hit.article_id for hit in outcome.hits]


def expected(archive: Archive, include: list[str], exclude: list[str] = ()) -> set[int]:
    return {
        a["id"]
        for a in archive.exported
        if all(holds(a, t) for t in include) and not any(holds(a, t) for t in exclude)
    }


def results_page(client, params: dict) -> str:
    """The HTML of /search/ for these parameters (asserting it answered 200)."""
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


# --- recall: exactly the articles that hold the query ------------------------------------------

QUERIES = [
    "锡", "刚", "。", "小刚", "杜小刚", "8月8日", "8月", "RF360", "Chiplet", "AEC-Q100", "AEC", "Q100",
    "集成电路", "无锡", "阿斯利康", "高美梅", "王怡菽", "王怡菡", "新华社", "据新华社", "465", "“465”",
    "2023", "5.55亿美元", "(中国)", "在锡召开", "创新发展大会", "全球性生物制药企业",
    # across a headline's line wrap (the space) and across printed column breaks
    "民企对接", "知名民企对接恳谈会", "集成电路行业大咖", "为无锡与艾因巩固友谊", "以创新为驱动的全球性",
    # not in any article
    "常州无锡杭州南京", "锡锡", "RF361", "粗体网页",
]


@pytest.mark.parametrize("text", QUERIES)
def test_results_are_exactly_the_articles_that_hold_the_query(archive, text):
    assert set(found(text)) == expected(archive, [text])


def test_every_query_kind_above_finds_something_where_the_text_is_printed(archive):
    # Guards the parametrized test against passing on empty sets: these are all in the seeds.
    for text in ["锡", "小刚", "8月8日", "RF360", "Chiplet", "AEC-Q100", "民企对接", "为无锡与艾因巩固友谊"]:
        assert expected(archive, [text]), text


def test_column_break_phrases_are_split_by_a_blank_line_in_the_source_file():
    source = (SEEDS / "000_371bd5dce9a095bf.txt").read_text(encoding="utf-8")
    assert "为无\n\n锡与艾因" in source and "以创新为驱动\n\n的全球性" in source


def test_random_substrings_of_every_article_find_exactly_the_articles_that_hold_them(archive):
    rnd = random.Random(4)
    checked = 0
    for _ in range(400):
        article = rnd.choice(archive.exported)
        part = re.sub(r"\s+", "", rnd.choice(printed_parts(article)))
        if not part:
            continue
        length = rnd.choice([1, 2, 2, 3, 3, 4, 5, 7, 10, 16])
        start = rnd.randrange(max(1, len(part) - length + 1))
        text = part[start : start + length]
        if not text or '"' in text:  # a quote is syntax: such text is searched in pieces
            continue
        hits = set(found(f'"{text}"'))
        assert article["id"] in hits, text
        assert hits == expected(archive, [text]), text
        checked += 1
    assert checked > 300


@pytest.mark.parametrize(
    "typed, printed",
    [("無錫", "无锡"), ("集成電路", "集成电路"), ("ＲＦ３６０", "RF360"), ("rf360", "RF360"),
     ("chiplet", "Chiplet"), ("CHIPLET", "Chiplet"), ("aec－q100", "AEC-Q100"), ("８月８日", "8月8日"),
     ("杜小剛", "杜小刚")],
)
def test_traditional_full_width_and_case_variants_find_the_same_articles(archive, typed, printed):
    assert set(found(typed)) == expected(archive, [printed]) != set()


def test_full_and_half_width_punctuation_are_the_same(archive):
    # Seed pages are printed with both widths: ， and , match each other.
    assert set(found("，")) == set(found(",")) == {a["id"] for a in archive.exported if holds(a, ",") or holds(a, "，")}


def test_several_terms_must_all_appear(archive):
    assert set(found("集成电路 无锡")) == expected(archive, ["集成电路", "无锡"])
    assert set(found("杜小刚 阿联酋")) == expected(archive, ["杜小刚", "阿联酋"])


def test_a_minus_excludes_a_term(archive):
    assert set(found("杜小刚 -疫情")) == expected(archive, ["杜小刚"], ["疫情"]) != expected(archive, ["杜小刚"])
    assert set(found('无锡 -"集成 电路"')) == expected(archive, ["无锡"], ["集成电路"])


def test_quotes_keep_a_phrase_with_its_space(archive):
    # A phrase must appear as one run of text (spaces are line wraps); two terms may be apart.
    assert set(found('"民企 对接"')) == expected(archive, ["民企对接"])
    assert set(found('"无锡 集成电路"')) == expected(archive, ["无锡集成电路"])
    assert set(found("无锡 集成电路")) > set(found('"无锡 集成电路"'))


def test_engine_query_syntax_is_searched_as_text(archive):
    # Whoosh's (and Xapian's) own syntax means nothing here: it is text, and no article holds it.
    for text in ["text:无锡", "无锡*", "无锡~2", "[2020 TO 2024]", "(无锡)", "无锡 AND 常州", "NOT 无锡"]:
        parsed = query.parse_query(text)
        assert set(found(text)) == expected(archive, list(parsed.include)), text
    assert found("text:无锡") == []  # an unknown scope is text
    assert found("AND") == []


def test_or_and_scopes_are_our_syntax(archive):
    either = expected(archive, ["艾因"]) | expected(archive, ["阿斯利康"])
    for text in ["艾因 OR 阿斯利康", "艾因 或 阿斯利康", "艾因 | 阿斯利康", "艾因|阿斯利康"]:
        assert set(found(text)) == either, text
    in_headline = {a["id"] for a in archive.exported if "无锡" in a["headline"]}
    assert set(found("headline:无锡")) == set(found("标题：无锡")) == in_headline
    assert 0 < len(in_headline) < len(expected(archive, ["无锡"]))


# --- ranking --------------------------------------------------------------------------------


def test_headline_matches_rank_first_newest_first_among_equals(archive):
    # Both headline matches come first; hits of equal score come newest first. Whoosh ranks by
    # jieba words (小刚 is none, 杜小刚 is: the rest all tie), Xapian by how often the text
    # holds 小刚 (the rest tie by count): either way there are ties to order by date.
    outcome = query.search(query.parse_query("小刚"), limit=100)
    hits = [(hit.article_id, hit.score) for hit in outcome.hits]
    in_headline = [pk for pk, _ in hits if "小刚" in archive.headline(pk)]
    assert [pk for pk, _ in hits[: len(in_headline)]] == in_headline and len(in_headline) == 2
    dates = {a["id"]: a["issue_date"] for a in archive.exported}
    ties = [(a, b) for (a, score_a), (b, score_b) in zip(hits, hits[1:]) if score_a == score_b]
    assert len(ties) >= 3
    assert all(dates[a] >= dates[b] for a, b in ties), [(dates[a], dates[b]) for a, b in ties]


def test_an_article_about_the_words_outranks_one_where_the_characters_meet_by_chance(archive):
    hits = found("集成电路")
    top = [archive.headline(pk) for pk in hits[:3]]
    assert all("集成电路" in h for h in top), top
    # Among body-only matches, the article that is about 集成电路 comes before passing mentions.
    body_only = [pk for pk in hits if "集成电路" not in archive.headline(pk)]
    counts = {a["id"]: "".join(a["paragraphs"]).count("集成电路") for a in archive.exported}
    assert counts[body_only[0]] == max(counts[pk] for pk in body_only)


def test_sort_by_newest_and_oldest(archive):
    dates = {a["id"]: a["issue_date"] for a in archive.exported}
    newest = [dates[pk] for pk in found("无锡", sort="newest")]
    oldest = [dates[pk] for pk in found("无锡", sort="oldest")]
    assert newest == sorted(newest, reverse=True) and oldest == sorted(oldest)
    assert set(found("无锡", sort="newest")) == set(found("无锡"))


# --- filters and facets ---------------------------------------------------------------------


def test_filters_narrow_and_facets_count_the_results(archive):
    everything = query.search(query.parse_query("无锡"), limit=100)
    years = dict(everything.facets["year"])
    by_year = {}
    for pk in (h.article_id for h in everything.hits):
        year = next(a["issue_date"][:4] for a in archive.exported if a["id"] == pk)
        by_year[year] = by_year.get(year, 0) + 1
    assert years == by_year
    assert set(found("无锡", filters=query.Filters(year=2023))) == {
        pk for pk in found("无锡") if next(a for a in archive.exported if a["id"] == pk)["issue_date"].startswith("2023")
    }
    reporters = dict(everything.facets["reporter"])
    assert reporters["高美梅"] == len(found("无锡", filters=query.Filters(reporter="高美梅"))) > 0


def test_date_range_filter_is_inclusive(archive):
    within = set(found("无锡", filters=query.Filters(date_from=dt.date(2023, 8, 8), date_to=dt.date(2023, 8, 18))))
    assert within == {
        a["id"] for a in archive.exported if holds(a, "无锡") and "2023-08-08" <= a["issue_date"] <= "2023-08-18"
    } != set()


def test_column_facet_and_filter(archive):
    outcome = query.search(query.parse_query("氢能"), limit=100)
    assert dict(outcome.facets["column"]) == {"要闻快览": 1}
    in_column = {a["id"] for a in archive.exported if a["section"] == "要闻快览"}
    assert set(found("氢能", filters=query.Filters(column="要闻快览"))) == expected(archive, ["氢能"]) & in_column
    assert found("无锡", filters=query.Filters(column="要闻快览")) == sorted(
        expected(archive, ["无锡"]) & {a["id"] for a in archive.exported if a["section"] == "要闻快览"}
    )


# --- the results page -----------------------------------------------------------------------


def test_results_page_shows_count_time_links_dates_reporters_and_marked_snippets(client, archive):
    response = client.get("/search/", {"q": "無錫 阿斯利康"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "找到 <strong>1</strong> 篇文章" in page and "用时" in page
    assert '<a href="/articles/' in page and "2023年8月18日" in page and "王怡菽" in page
    assert "<mark>阿斯利康</mark>" in page and "<mark>无锡</mark>" in page
    assert 'value="無錫 阿斯利康"' in page  # the query stays in the box
    assert 'rel="stylesheet" href="/static/css/search.css"' in page


def test_headline_hit_across_the_line_wrap_is_marked_across_the_space(client, archive):
    page = results_page(client, {"q": "民企对接"})
    assert "知名<mark>民企 对接</mark>恳谈会" in page


def test_every_hit_in_a_snippet_is_marked_and_markup_in_articles_stays_text(client, archive):
    page = results_page(client, {"q": "粗体"})
    assert "&lt;b&gt;<mark>粗体</mark>&lt;/b&gt;与&quot;引号&quot;&amp;符号" in page
    assert page.count("<mark>粗体</mark>") == 2
    assert "<b>粗体" not in page and "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;标记测试 稿件" in page


def test_query_in_the_box_is_escaped(client, archive):
    page = results_page(client, {"q": '"><script>x</script>'})
    assert "<script>x" not in page and "&quot;&gt;&lt;script&gt;x&lt;/script&gt;" in page


def test_no_results_page_helps(client, archive):
    page = results_page(client, {"q": "常州无锡杭州南京"})
    assert "没有找到包含“常州无锡杭州南京”的文章" in page and "繁体" in page


def test_empty_query_shows_how_to_search(client, archive):
    page = results_page(client, {})
    assert "怎样搜索" in page and "-疫情" in page


def test_only_excluded_terms_asks_for_a_term(client, archive):
    page = results_page(client, {"q": "-无锡"})
    assert "请至少输入一个要查找的词" in page


def test_facet_links_filter_and_the_active_filter_can_be_removed(client, archive):
    page = results_page(client, {"q": "无锡"})
    assert "/search/?q=%E6%97%A0%E9%94%A1&amp;year=2023" in page
    filtered = results_page(client, {"q": "无锡", "year": "2023"})
    assert "年份：2023 ✕" in filtered
    count = len(expected(archive, ["无锡"]) & {a["id"] for a in archive.exported if a["issue_date"] < "2024" and a["issue_date"] >= "2023"})
    assert f"找到 <strong>{count}</strong> 篇文章" in filtered


@pytest.mark.parametrize("q", ["锡" * 201, " ".join(f"词{n}" for n in range(33))])
def test_overlong_queries_get_a_clear_400_page(client, archive, q):
    response = client.get("/search/", {"q": q})
    assert response.status_code == 400
    assert "最多" in response.content.decode()
    assert client.get("/api/search/", {"q": q}).status_code == 400


def test_limits_are_inclusive(client, archive):
    assert client.get("/search/", {"q": "锡" * 200}).status_code == 200
    assert client.get("/search/", {"q": " ".join(["锡"] * 32)}).status_code == 200


def test_page_past_the_end_is_404(client, archive):
    assert client.get("/search/", {"q": "无锡", "page": "2"}).status_code == 404
    assert client.get("/api/search/", {"q": "无锡", "page": "2"}).status_code == 404
    assert client.get("/search/", {"q": "无锡", "page": "51"}).status_code == 404


def test_pages_of_twenty(client, archive):
    total = len(expected(archive, ["。"]))
    assert total > 20
    first = client.get("/api/search/", {"q": "。"}).json()
    second = client.get(first["next"]).json()
    assert first["count"] == second["count"] == total
    assert len(first["results"]) == 20 and len(second["results"]) == total - 20
    assert first["previous"] is None and second["next"] is None
    assert second["previous"].endswith("page=1")
    ids = [r["id"] for r in first["results"] + second["results"]]
    assert len(set(ids)) == total
    page2 = results_page(client, {"q": "。", "page": "2"})
    assert 'rel="prev"' in page2 and "第 2 页，共 2 页" in page2


# --- the JSON API ---------------------------------------------------------------------------


def test_api_shape(client, archive):
    response = client.get("/api/search/", {"q": "小刚", "sort": "newest"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    data = response.json()
    assert set(data) == {"count", "count_exact", "match", "results", "next", "previous", "facets"}
    assert data["match"] == "exact" and data["count_exact"] is True
    assert data["count"] == len(expected(archive, ["小刚"])) == len(data["results"])
    for result in data["results"]:
        assert set(result) >= {"id", "url", "headline", "issue_date", "issue_date_inferred", "paper", "page",
                               "column", "bylines", "snippet"}
        assert result["paper"] == "江南晚报" and result["issue_date_inferred"] is True
        assert set(result["page"]) == {"sequence", "label", "number"}
        assert result["url"].endswith(f"/articles/{result['id']}/")
        dt.date.fromisoformat(result["issue_date"])
        assert all(set(b) == {"id", "name", "role", "url"} for b in result["bylines"])
        assert all(b["url"] == f"/reporters/{b['id']}/" for b in result["bylines"] if b["role"] != "source")
    assert [r["issue_date"] for r in data["results"]] == sorted((r["issue_date"] for r in data["results"]), reverse=True)
    assert any("<mark>小刚</mark>" in r["snippet"] for r in data["results"])
    assert set(data["facets"]) == {"year", "reporter", "column", "paper"}
    assert all(set(item) == {"value", "count"} for items in data["facets"].values() for item in items)


def test_api_snippet_is_escaped_html(client, archive):
    data = client.get("/api/search/", {"q": "粗体"}).json()
    assert data["results"][0]["headline"] == MARKUP_HEADLINE  # the headline as printed, plain text
    assert "&lt;b&gt;<mark>粗体</mark>&lt;/b&gt;" in data["results"][0]["snippet"]


def test_api_filters_are_the_pages_filters(client, archive):
    data = client.get("/api/search/", {"q": "无锡", "reporter": "高美梅", "year": "2023"}).json()
    assert data["count"] == len(found("无锡", filters=query.Filters(reporter="高美梅", year=2023))) > 0


def test_opensearch_description(client, archive):
    response = client.get("/opensearch.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    body = response.content.decode()
    assert 'template="http://testserver/search/?q={searchTerms}"' in body
    home = client.get("/").content.decode()
    assert 'rel="search" type="application/opensearchdescription+xml"' in home


def test_haystack_searchqueryset_uses_the_same_search(archive):
    from haystack.query import SearchQuerySet

    assert {int(r.pk) for r in SearchQuerySet().auto_query("無錫")} == expected(archive, ["无锡"])
    assert SearchQuerySet().count() == len(archive.exported)


def test_normaliser_is_shared_and_character_by_character():
    assert normalize("無錫 ＲＦ３６０，AEC－Q100") == "无锡rf360,aec-q100"
    # Substrings normalise to substrings: the property exact recall rests on.
    text = "乾隆年間無錫頭髮ＡＢＣ"
    assert all(normalize(text[i:j]) in normalize(text) for i in range(len(text)) for j in range(i, len(text) + 1))


# --- hostile input ---------------------------------------------------------------------------

HOSTILE = ['"无锡', '无锡"', '"', "((无锡", "[无锡", "{无锡}", "*", "无*", "无锡~2", "headline:无锡", "text:*",
           "date:[2020 TO 2024]", "AND", "NOT 无锡", "-", "--无锡", "\\", "无\x00锡", "\x01\x7f", "\u202e无锡",
           "\u200b无\u200b锡", "😀", "无锡😀", "锡" * 200, " ".join(["锡"] * 32), "的" * 200,
           "".join(chr(0x4E00 + 97 * i) for i in range(200)), "<script>alert(1)</script>"]


@pytest.mark.parametrize("text", HOSTILE, ids=[repr(t[:12]) + f"/{len(t)}" for t in HOSTILE])
def test_hostile_queries_get_an_answer_and_it_is_exact(client, archive, text):
    page = client.get("/search/", {"q": text})
    api = client.get("/api/search/", {"q": text})
    assert page.status_code == api.status_code == 200
    parsed = query.parse_query(text)
    if parsed.include:
        exact = client.get("/api/search/", {"q": text, "mode": "exact"}).json()
        assert exact["count"] == len(expected(archive, list(parsed.include), list(parsed.exclude)))
        assert exact["match"] == "exact"
        # Without a mode, a search that finds nothing exactly may answer with its words, saying so.
        assert api.json()["count"] == exact["count"] or (exact["count"] == 0 and api.json()["match"] == "words")
    assert "<script>alert(1)" not in page.content.decode()


def test_the_body_scope_is_read_in_both_spellings_and_a_bare_word_stays_text():
    parsed = query.parse_query("正文:无锡 body：苏州 -正文:疫情 正文")
    assert [(g[0].scope, g[0].form) for g in parsed.groups] == [("body", "无锡"), ("body", "苏州"), ("text", "正文")]
    assert [(t.scope, t.form) for t in parsed.excluded] == [("body", "疫情")]
    assert parsed.marked == ("无锡", "苏州", "正文")  # body terms are marked in snippets too
