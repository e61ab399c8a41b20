"""The Xapian engine's own traps, embedded and on shards (``make test-xapian`` runs this module
with ``NEWSARCHIVE_SEARCH_ENGINE=xapian``, then against two ``xapian-tcpsrv`` shards).

What the stock xapian-haystack backend gets wrong and ours must not: ``filter(content=…)`` of
three or more Chinese characters (it finds nothing there), ``clear()`` over a remote database
(it deletes a local folder instead), and where each article lives on a cluster."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.conf import settings
from haystack.query import SQ, SearchQuerySet

from articles.models import Article
from articles.search import indexing
from articles.serializers import article_export
from articles.services import PageSource, page_ingest
from search_oracle import holds_in, throwaway_archive

pytestmark = [
    pytest.mark.skipif(settings.SEARCH_ENGINE != "xapian", reason="Xapian engine only: make test-xapian runs it"),
    pytest.mark.django_db,
]

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def parts(article: dict) -> list[str]:
    people = [b["name"] for b in article["bylines"] if b["role"] != "source"]
    found = [article["headline"], *article["paragraphs"], "、".join(people)]
    return found + (["据" + article["source"]] if article["source"] else [])


@pytest.fixture(scope="module")
def archive(django_db_setup, django_db_blocker, tmp_path_factory):
    folder = tmp_path_factory.mktemp("xapian")
    with throwaway_archive(folder, django_db_blocker):
        with django_db_blocker.unblock():
            for path in sorted(SEEDS.glob("*.txt")):
                page_ingest(path=path)
            indexing.index_rebuild()
            exported = [article_export(a) for a in Article.objects.with_page().prefetch_related("bylines__person")]
        yield {a["id"]: a for a in exported}


def ids(sqs) -> set[int]:
    return {int(r.pk) for r in sqs}


@pytest.mark.parametrize(
    "text",
    # With punctuation or a symbol the pairs that hold it are no terms (schema 5): the phrase
    # of characters alone, or filtered by the other pairs, must still be exact.
    ["市委书记杜小刚", "阿斯利康", "集成电路", "无锡供应基地", "小刚", "锡", "加活动。", "“465", "G60", "2024年", "，", "。”", "、"],
)
def test_content_filter_of_any_length_finds_exactly_the_articles_that_print_it(archive, text):
    expected = {pk for pk, a in archive.items() if holds_in(parts(a), text)}
    assert expected, text
    sqs = SearchQuerySet().filter(content=text)
    assert ids(sqs) == expected
    assert sqs.count() == len(expected)


def test_the_issues_table_answers_right(archive):
    years = {pk for pk, a in archive.items() if a["issue_date"].startswith("2023")}
    assert SearchQuerySet().filter(year=2023).count() == len(years)
    wuxi = {pk for pk, a in archive.items() if holds_in(parts(a), "无锡")}
    without = {pk for pk in wuxi if not holds_in(parts(archive[pk]), "阿斯利康")}
    assert ids(SearchQuerySet().auto_query("无锡").exclude(content="阿斯利康")) == without
    either = {pk for pk, a in archive.items() if holds_in(parts(a), "艾因") or holds_in(parts(a), "阿斯利康")}
    assert ids(SearchQuerySet().filter(SQ(content="艾因") | SQ(content="阿斯利康"))) == either
    counts = dict(SearchQuerySet().auto_query("无锡").facet("year").facet_counts()["fields"]["year"])
    assert sum(counts.values()) == len(wuxi) and all(counts.values())


def test_newest_first_over_every_part_of_the_index(archive):
    dates = [r.issue_date for r in SearchQuerySet().filter(content="无锡").order_by("-issue_date")]
    assert dates == sorted(dates, reverse=True) and len(dates) > 5


@pytest.mark.parametrize("order", ["-issue_date", "issue_date"])
def test_articles_of_one_day_come_in_one_order_on_one_database_and_on_shards(archive, order):
    # Ties on the date are broken by the article's id, not by Xapian's document ids, which
    # interleave on shards: one database and a cluster list a day's articles alike.
    found = [(r.issue_date, int(r.pk)) for r in SearchQuerySet().filter(content="无锡").order_by(order)]
    days = [day for day, _ in found]
    assert len(days) > len(set(days)), "the seed pages print several articles a day"
    assert found == sorted(found, reverse=order.startswith("-"))


@pytest.mark.parametrize("order", ["-issue_date", "issue_date"])
def test_pages_by_date_run_across_the_years_in_order_with_the_count_and_year_facets(archive, tmp_path, order):
    # Sorted by date, the engine reads one year at a time (sorting every match of a common word
    # took up to 1.3 s at a million articles): page after page, across the years, the order,
    # the count and the years' counts are the whole sort's.
    for day in ("2019-03-02", "2021-07-15", "2023-11-20"):
        page = tmp_path / day / "A01.txt"
        page.parent.mkdir()
        page.write_text("".join(
            f"泥塑年表第{n}展在{day[:4]}年开幕\n\n本报讯(记者 王拓) 昨天，惠山古镇的泥塑年表第{n}展开幕，吸引众多市民。\n\n\n"
            for n in ("一", "二", "三")
        ), encoding="utf-8")
        page_ingest(path=page, source=PageSource(date=dt.date.fromisoformat(day)))
    indexing.index_sync()
    printed = Article.objects.with_page().filter(headline__contains="泥塑年表")
    want = sorted(((a.page.issue.date_issued, a.pk) for a in printed), reverse=order.startswith("-"))
    assert len({day.year for day, _ in want}) == 3 and len(want) >= 6
    sqs = SearchQuerySet().filter(content="泥塑年表").order_by(order).facet("year")
    got = []
    for start in range(0, len(want) + 2, 2):
        got += [(r.issue_date, int(r.pk)) for r in sqs[start:start + 2]]
    assert got == want
    assert sqs.count() == len(want)
    years = {str(year): n for year, n in sqs.facet_counts()["fields"]["year"]}
    assert years == {str(y): sum(1 for day, _ in want if day.year == y) for y in (2019, 2021, 2023)}


def test_a_new_page_is_found_after_its_ingest_syncs_the_index(archive, tmp_path):
    page = tmp_path / "new.txt"
    page.write_text(
        "泥人张新馆开张\n\n本报讯(记者 王拓) 2025年1月5日，惠山古镇的泥人张新馆开张，吸引众多市民。\n",
        encoding="utf-8",
    )
    result = page_ingest(path=page)
    indexing.index_sync()
    found = ids(SearchQuerySet().filter(content="泥人张新馆"))
    assert found and found <= set(Article.objects.filter(page__source_file=page.name).values_list("pk", flat=True))
    assert result is not None


@pytest.mark.skipif(not settings.HAYSTACK_CONNECTIONS["default"].get("SHARDS"), reason="shards only")
def test_each_article_lives_on_the_shard_its_id_names(archive):
    import xapian

    from articles.search import xapian_index

    shards = xapian_index.shards()
    assert len(shards) >= 2
    seen = set()
    for k, (host, port) in enumerate(shards):
        db = xapian.remote_open(host, port)
        pks = {int(t.term.decode().rsplit(".", 1)[-1]) for t in db.allterms(xapian_index.ID_PREFIX + "articles.article.")}
        db.close()
        assert pks and all(pk % len(shards) == k for pk in pks)
        seen |= pks
    assert seen >= set(Article.objects.values_list("pk", flat=True))  # (+ a rolled-back test's article)


def test_clear_empties_the_index_and_a_rebuild_brings_it_back(archive):
    from haystack import connections

    total = len(archive)
    connections["default"].get_backend().clear()
    assert SearchQuerySet().filter(content="无锡").count() == 0
    # The index is still there to write to: on shards the servers still answer.
    assert indexing.index_exists()
    indexing.index_rebuild()
    assert SearchQuerySet().all().count() == Article.objects.count() >= total


def test_an_index_from_before_the_body_scope_says_what_to_run_until_make_run_rebuilds_it(archive, client):
    """An index of schema 2 has the body's grams mixed with the rest of the text: 正文: would
    find nothing there. It must say so (503, what to run), answer everything else as before,
    and ``make run``'s ensure_search_index rebuilds it."""
    from articles.search import xapian_backend
    from articles.search import xapian_index as xi

    marks = (xi.read_stamp() or {}).get("marks") or {}
    for target in xi._live_targets():
        db = xi._open_writer(target)
        xi._set_stamp(db, marks, 2)
        db.commit()
        db.close()
    xapian_backend.reader.reset()
    assert indexing.index_state() == "outdated"
    response = client.get("/api/search/", {"q": "正文:无锡"})
    assert response.status_code == 503 and "rebuild_index" in response.json()["error"]
    wuxi = {pk for pk, a in archive.items() if holds_in(parts(a), "无锡")}
    assert client.get("/api/search/", {"q": "无锡"}).json()["count"] == len(wuxi)
    assert indexing.index_ensure()[0] == "outdated"
    xapian_backend.reader.reset()
    in_body = {pk for pk, a in archive.items() if holds_in(a["paragraphs"], "无锡")}
    assert client.get("/api/search/", {"q": "正文:无锡"}).json()["count"] == len(in_body) > 0
    assert ids(SearchQuerySet().filter(body="无锡")) == in_body


def test_repeated_characters_are_found_and_no_phrase_spans_two_paragraphs(archive, tmp_path):
    # Positions are kept for characters only: a phrase of repeated characters (哈哈哈, 天天天)
    # must still need them in order, and the end of one part and the start of the next (headline
    # and lead, two paragraphs) must not make a phrase, even where the text has each of its
    # bigrams elsewhere (天天, 天。, 。向, 向上).
    page = tmp_path / "laugh.txt"
    page.write_text(
        "锡剧名角哈哈哈\n\n本报讯(记者 王拓) 2025年2月3日，演出结束时观众笑声不断天天天。\n\n"
        "向上的精神感染了每一位锡剧名角的观众。向上！\n",
        encoding="utf-8",
    )
    page_ingest(path=page)
    indexing.index_sync()
    mine = set(Article.objects.filter(page__source_file=page.name).values_list("pk", flat=True))
    assert mine
    assert ids(SearchQuerySet().filter(content="名角哈哈哈")) == mine
    assert ids(SearchQuerySet().filter(content="笑声不断天天天")) == mine
    assert not ids(SearchQuerySet().filter(content="天天天天")) & mine
    assert ids(SearchQuerySet().filter(content="天天。")) >= mine
    assert not ids(SearchQuerySet().filter(content="天天。向上")) & mine
    assert not ids(SearchQuerySet().filter(content="哈哈本报讯")) & mine
    assert not ids(SearchQuerySet().filter(content="哈哈哈哈")) & mine


def test_an_index_from_before_gram_ranking_answers_until_it_is_rebuilt(archive, client):
    """Schema 4 indexes ranked with jieba words (``W``) that schema 5 no longer writes: such an
    index still finds exactly the same articles, headline matches first, and says it is outdated
    so ``make run`` rebuilds it; rebuilt, similar articles come from its bigrams."""
    from articles.search import xapian_backend
    from articles.search import xapian_index as xi

    marks = (xi.read_stamp() or {}).get("marks") or {}
    for target in xi._live_targets():
        db = xi._open_writer(target)
        xi._set_stamp(db, marks, 4)
        db.commit()
        db.close()
    xapian_backend.reader.reset()
    assert indexing.index_state() == "outdated"
    chips = {pk for pk, a in archive.items() if holds_in(parts(a), "集成电路")}
    found = [int(r.pk) for r in SearchQuerySet().auto_query("集成电路")]
    assert set(found) == chips
    in_headline = [pk for pk in found if "集成电路" in archive[pk]["headline"]]
    assert in_headline and found[: len(in_headline)] == in_headline
    assert indexing.index_ensure()[0] == "outdated"
    xapian_backend.reader.reset()
    assert indexing.index_state() == "current"
    article = Article.objects.get(pk=in_headline[0])
    similar = [int(r.pk) for r in SearchQuerySet().more_like_this(article)[:5]]
    assert similar and article.pk not in similar
    assert any(holds_in(parts(archive[pk]), "集成电路") for pk in similar)


def test_new_local_words_leave_the_xapian_index_current(archive):
    """The index holds no jieba words (schema 5): staff's local words change how queries are
    split (分词), not the index, so they do not make it due for a rebuild."""
    from articles.models import LocalWord

    assert indexing.index_state() == "current"
    word = LocalWord.objects.create(word="卓品智能", tag="nt")
    try:
        assert indexing.index_state() == "current"
    finally:
        word.delete()


def test_similar_articles_share_what_the_article_is_about(archive):
    """``more_like_this`` (the article page's 内容相近的文章) over the article's telling bigrams:
    each article headlined 集成电路 finds another one among its five most alike. (Picked by
    rarity alone, the pairs found in one article only would win, and find nothing else.)"""
    chips = {pk for pk, a in archive.items() if "集成电路" in a["headline"]}
    assert len(chips) >= 3
    for pk in chips:
        similar = [int(r.pk) for r in SearchQuerySet().more_like_this(Article.objects.get(pk=pk))[:5]]
        assert pk not in similar and set(similar) & chips, (archive[pk]["headline"], similar)


def test_a_rebuild_that_cannot_reach_a_shard_says_which_and_why(archive, monkeypatch):
    # Each shard is written by its own process; Xapian's errors cannot travel back from it, so
    # the rebuild used to die of "cannot pickle 'SwigPyObject'" and say nothing of the shard.
    import socket

    from articles.search import xapian_index as xi

    closed = []
    for _ in range(2):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            closed.append(("127.0.0.1", s.getsockname()[1]))
    monkeypatch.setattr(xi, "shards", lambda: closed)
    with pytest.raises(RuntimeError, match=r"127\.0\.0\.1:\d+: \w*NetworkError"):
        xi.index_rebuild()


def test_the_best_match_comes_first_however_many_hold_the_phrase_s_characters_apart(archive, tmp_path, monkeypatch):
    # Ranking checks the positions of a phrase only for the best candidates of the same query
    # without them (every match's positions took up to 1 s at a million articles). Articles
    # whose text holds 集成电路's pairs apart, many times over (电路集成变成电站), are the best
    # candidates without positions, yet no match: the one that prints 集成电路 most must come
    # first of the matches, none of them may show, and every page must be the exact ranking's.
    folder = tmp_path / "2025-03-04"
    folder.mkdir()
    apart = "本报讯(记者 王拓) 昨天，" + "电路集成变成电站，" * 8 + "吸引众多市民。"
    for n in range(8):
        folder.joinpath(f"A0{n + 1}.txt").write_text("".join(
            f"新工艺第{n * 10 + k}课\n\n{apart}\n\n\n" for k in range(10)
        ), encoding="utf-8")
    folder.joinpath("B01.txt").write_text(
        "新区投产新工艺\n\n本报讯(记者 王拓) 昨天，集成电路企业投产。集成电路产业链、集成电路人才和集成电路"
        "设计都在新区，集成电路检测也在新区。\n\n\n"
        "新区又投产新工艺\n\n本报讯(记者 王拓) 昨天，又一家集成电路企业投产。\n", encoding="utf-8")
    for path in sorted(folder.glob("*.txt")):
        page_ingest(path=path, source=PageSource(date=dt.date(2025, 3, 4)))
    indexing.index_sync()
    decoys = set(Article.objects.filter(headline__startswith="新工艺第").values_list("pk", flat=True))
    best = Article.objects.get(headline="新区投产新工艺").pk
    other = Article.objects.get(headline="新区又投产新工艺").pk
    assert len(decoys) == 80

    def pages(size):
        sqs = SearchQuerySet().auto_query("集成电路")
        return [int(r.pk) for start in range(0, 60, size) for r in sqs[start:start + size]]

    bounded = pages(2)
    assert not set(bounded) & decoys
    assert [pk for pk in bounded if pk in (best, other)] == [best, other]
    assert len(bounded) == len(set(bounded)) == SearchQuerySet().auto_query("集成电路").count()
    from articles.search import xapian_backend

    monkeypatch.setattr(xapian_backend, "BOUNDED_UP_TO", 0)  # every match ranked with positions
    assert pages(2) == bounded
    assert pages(7) == bounded
