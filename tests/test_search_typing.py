"""Search as Chinese readers type it (issue 12, "Typing"), through the real /search/ page and
the JSON API on the seed archive: Chinese and full-width quotes, full-width minus and dashes,
the ideographic space, OR/或/|, scopes, and the 分词 fallback when the exact text is nowhere.
Every expectation is computed with Python ``in`` over the exported articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.models import Article
from articles.search import indexing, query
from articles.serializers import article_export
from articles.services import page_ingest
from search_oracle import holds_in, throwaway_archive

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def exported(django_db_setup, django_db_blocker, tmp_path_factory):
    with throwaway_archive(tmp_path_factory.mktemp("typing"), django_db_blocker):
        with django_db_blocker.unblock():
            for path in sorted(SEEDS.glob("*.txt")):
                page_ingest(path=path)
            query.live.reset()
            indexing.index_rebuild()
            articles = Article.objects.with_page().prefetch_related("bylines__person")
            yield [article_export(a) for a in articles]


def parts(a: dict) -> list[str]:
    return [a["headline"], *a["paragraphs"], "、".join(b["name"] for b in a["bylines"] if b["role"] != "source")]


def expected(exported, include=(), exclude=()) -> set[int]:
    return {
        a["id"]
        for a in exported
        if all(holds_in(parts(a), t) for t in include) and not any(holds_in(parts(a), t) for t in exclude)
    }


def api(client, **params) -> dict:
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    return response.json()


def ids(client, **params) -> set[int]:
    data = api(client, **params)
    assert data["count"] <= 20
    return {r["id"] for r in data["results"]}


@pytest.mark.parametrize("typed", ['"民企 对接"', "“民企 对接”", "‘民企 对接’", "「民企 对接」", "『民企 对接』", "＂民企 对接＂"])
def test_chinese_and_full_width_quotes_keep_a_phrase(client, exported, typed):
    want = expected(exported, ["民企对接"])
    assert want
    assert ids(client, q=typed) == want


@pytest.mark.parametrize("typed", ["杜小刚 -疫情", "杜小刚 －疫情", "杜小刚 —疫情", "杜小刚　－疫情"])
def test_full_width_minus_and_dash_exclude(client, exported, typed):
    want = expected(exported, ["杜小刚"], ["疫情"])
    assert want and want != expected(exported, ["杜小刚"])
    data = api(client, q=typed)
    assert data["match"] == "exact" and {r["id"] for r in data["results"]} == want


def test_ideographic_space_separates_terms(client, exported):
    assert ids(client, q="赵建军　集成电路") == ids(client, q="赵建军 集成电路") == expected(exported, ["赵建军", "集成电路"])


@pytest.mark.parametrize("typed", ["艾因 OR 阿斯利康", "艾因 或 阿斯利康", "艾因 | 阿斯利康", "艾因｜阿斯利康"])
def test_or_between_terms(client, exported, typed):
    want = expected(exported, ["艾因"]) | expected(exported, ["阿斯利康"])
    assert len(want) >= 2 and ids(client, q=typed) == want


def test_scopes(client, exported):
    in_headline = {a["id"] for a in exported if "无锡" in a["headline"]}
    assert in_headline and in_headline != expected(exported, ["无锡"])
    assert ids(client, q="标题:无锡") == ids(client, q="headline：无锡") == in_headline
    by = {a["id"] for a in exported if any("高美梅" in b["name"] for b in a["bylines"])}
    assert by and ids(client, q="作者:高美梅") == ids(client, q="byline:高美梅") == by
    column = next(a["section"] for a in exported if a["section"])
    in_column = {a["id"] for a in exported if a["section"] == column}
    assert ids(client, q=f"栏目:{column}") == ids(client, q=f"column:{column}") == in_column
    # 正文: is the lead and paragraphs only: not the headline, not the byline.
    in_body = {a["id"] for a in exported if holds_in(a["paragraphs"], "无锡")}
    assert in_body
    assert ids(client, q="正文:无锡") == ids(client, q="body：无锡") == in_body
    assert api(client, q="正文:高美梅", mode="exact")["count"] == 0  # a name only in bylines
    # A word printed in a headline and in no body: the whole text finds it, 正文: does not.
    word = next(h[i : i + 3] for h in (a["headline"] for a in exported) for i in range(len(h) - 2)
                if " " not in h[i : i + 3] and not any(holds_in(a["paragraphs"], h[i : i + 3]) for a in exported))
    assert ids(client, q=word) == expected(exported, [word]) != set()
    assert api(client, q=f"正文:{word}", mode="exact")["count"] == 0
    # An unknown scope is text: searched as typed, never an error.
    response = client.get("/search/", {"q": "作家:无锡"})
    assert response.status_code == 200
    assert api(client, q="作家:无锡", mode="exact")["count"] == len(expected(exported, ["作家:无锡"]))


def test_unspaced_words_fall_back_to_their_words_labelled(client, exported):
    assert not expected(exported, ["赵建军集成电路"])
    want = expected(exported, ["赵建军", "集成电路"])
    assert want
    data = api(client, q="赵建军集成电路")
    assert data["match"] == "words" and data["count"] == len(want)
    assert {r["id"] for r in data["results"]} == want
    assert data["words"] == ["赵建军", "集成电路"]
    page = client.get("/search/", {"q": "赵建军集成电路"}).content.decode()
    assert "未找到“赵建军集成电路”，以下为同时包含“赵建军”“集成电路”的文章" in page
    assert "mode=exact" in page  # the way back to the exact search
    exact = api(client, q="赵建军集成电路", mode="exact")
    assert exact["match"] == "exact" and exact["count"] == 0
    exact_page = client.get("/search/", {"q": "赵建军集成电路", "mode": "exact"}).content.decode()
    assert "没有找到包含“赵建军集成电路”的文章" in exact_page and "mode=words" in exact_page


def test_words_mode_on_request_and_exact_results_unchanged(client, exported):
    # When the exact text is found, the results are exactly its articles.
    exact = api(client, q="集成电路")
    assert exact["match"] == "exact" and exact["count"] == len(expected(exported, ["集成电路"]))
    words = api(client, q="集成电路", mode="words")
    assert words["match"] == "words" and words["count"] >= exact["count"]
    # A phrase in quotes stays whole in the words reading.
    phrase = api(client, q="“民企 对接”", mode="words")
    assert phrase["match"] == "words" and phrase["count"] == len(expected(exported, ["民企对接"]))
    page = client.get("/search/", {"q": "赵建军 集成电路", "mode": "words"}).content.decode()
    assert "分词匹配" in page and 'value="words" checked' in page


def test_no_results_echoes_the_query_once(client, exported):
    for typed in ["“没有这样的短语”", "没有这样的文章鼋鼋"]:
        page = client.get("/search/", {"q": typed, "mode": "exact"}).content.decode()
        assert page.count("““") == 0 and page.count("””") == 0
        assert "没有找到包含" in page
    page = client.get("/search/", {"q": "“没有这样的短语”", "mode": "exact"}).content.decode()
    assert "没有找到包含“没有这样的短语”的文章" in page


def test_many_terms_rank_by_the_rarest_words_and_say_so(client, exported):
    """Issue 14 item 7: a query of many common characters scores only its most distinctive
    words (the page says so); which articles match is unchanged."""
    article = max(exported, key=lambda a: len(set(a["headline"])))
    chars = list(dict.fromkeys(c for c in article["headline"] if "\u4e00" <= c <= "\u9fff"))[:12]
    assert len(chars) == 12
    typed = " ".join(chars)
    data = api(client, q=typed, mode="exact")
    assert data["count"] == len(expected(exported, chars)) > 0
    page = client.get("/search/", {"q": typed}).content.decode()
    assert "相关度只按其中最少见的 8 个词计算" in page
    assert "相关度只按" not in client.get("/search/", {"q": " ".join(chars[:3])}).content.decode()
