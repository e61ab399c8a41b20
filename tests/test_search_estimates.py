"""Whoosh beyond EXACT_UP_TO candidates: the count is an estimate and the page says 约 N, yet the
results shown are exactly the ones an exact search shows first, in the same order (each one is
confirmed in the text store before it is shown), and a query within the bound stays exact.

The seed archive is small, so the bound is lowered here to make its common phrases "large"."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.search import indexing, query, whoosh_reader
from articles.search.forms import ArchiveSearchForm, run_search_form

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def indexed(search_data_dir):
    call_command("ingest", str(SEEDS), stdout=StringIO(), stderr=StringIO())
    indexing.index_rebuild()
    query.live.reset()
    yield search_data_dir
    query.live.reset()


def page(params: dict, per_page: int = 2):
    form = ArchiveSearchForm(params)
    assert form.is_valid(), form.errors
    return run_search_form(form, page=1, per_page=per_page)


@pytest.mark.parametrize("params", [{"q": "无锡市"}, {"q": "无锡市", "sort": "newest"}, {"q": "无锡市 -阿斯利康"}])
def test_an_estimated_count_shows_the_same_first_results_as_an_exact_search(indexed, monkeypatch, params):
    exact = page(params)
    assert exact.count_exact and exact.count > 2
    monkeypatch.setattr(whoosh_reader, "EXACT_UP_TO", 2)
    monkeypatch.setattr(whoosh_reader, "SAMPLE", 3)
    estimated = page(params)
    assert not estimated.count_exact and estimated.count > 0
    assert [r.pk for r in estimated.results] == [r.pk for r in exact.results]
    assert estimated.facets["year"]
    # The bounds the engine reports hold the true count.
    sqs = query.searchqueryset(estimated.parsed, estimated.filters, estimated.sort, facets=False)
    sqs.count()
    low, high = sqs.query.hits_bounds
    assert low <= exact.count <= high


def test_the_page_says_about_when_the_count_is_estimated(indexed, client, monkeypatch):
    response = client.get("/search/", {"q": "无锡市"})
    assert "约" not in response.content.decode().split('class="search__count"')[1].split("</p>")[0]
    monkeypatch.setattr(whoosh_reader, "EXACT_UP_TO", 2)
    monkeypatch.setattr(whoosh_reader, "SAMPLE", 3)
    query.live.reset()
    response = client.get("/search/", {"q": "无锡市"})
    assert response.status_code == 200
    assert "约" in response.content.decode().split('class="search__count"')[1].split("</p>")[0]


def test_the_api_says_when_the_count_is_an_estimate_and_gives_bounds_that_hold_it(indexed, client, monkeypatch):
    exact = client.get("/api/search/", {"q": "无锡市"}).json()
    assert exact["count_exact"] is True and "count_bounds" not in exact
    monkeypatch.setattr(whoosh_reader, "EXACT_UP_TO", 2)
    monkeypatch.setattr(whoosh_reader, "SAMPLE", 3)
    query.live.reset()
    estimated = client.get("/api/search/", {"q": "无锡市"}).json()
    assert estimated["count_exact"] is False
    low, high = estimated["count_bounds"]
    assert low <= exact["count"] <= high and low <= estimated["count"] <= high
    assert [r["id"] for r in estimated["results"]] == [r["id"] for r in exact["results"]]


def test_a_phrase_found_in_no_sampled_candidate_is_counted_exactly(indexed, monkeypatch):
    # 锡市无 has the bigrams 锡市 and 市无 (both common) but, as a phrase, is in no article:
    # an estimate must never say "none" or "some" on a guess, so every candidate is checked.
    monkeypatch.setattr(whoosh_reader, "EXACT_UP_TO", 1)
    monkeypatch.setattr(whoosh_reader, "SAMPLE", 2)
    found = page({"q": "锡市无", "mode": "exact"})
    assert found.count_exact and found.count == 0


def test_reading_only_the_segments_of_a_few_candidates_finds_what_reading_all_finds(search_data_dir, monkeypatch):
    # Segments of three articles: a rare term's few articles lie in a few of them, and the next
    # term's posting list (and its BM25 words) are then read from those segments only.
    call_command("ingest", str(SEEDS), stdout=StringIO(), stderr=StringIO())
    monkeypatch.setattr(indexing, "SEGMENT_DOCS", 3)
    indexing.index_rebuild()
    query.live.reset()
    queries = [{"q": "阿斯利康 无锡"}, {"q": "艾因 发展"}, {"q": "阿斯利康 无锡市"}, {"q": "阿斯利康 锡", "sort": "oldest"}]
    restricted = []
    original = whoosh_reader.IndexState._restricted

    def noting(self, within):
        answer = original(self, within)
        restricted.append(answer)
        return answer

    monkeypatch.setattr(whoosh_reader.IndexState, "_restricted", noting)
    fewer = [page(q, per_page=50) for q in queries]
    assert any(restricted)
    monkeypatch.setattr(whoosh_reader.IndexState, "_restricted", lambda self, within: False)
    query.live.reset()
    whole = [page(q, per_page=50) for q in queries]
    for a, b in zip(fewer, whole):
        assert a.count == b.count > 0
        assert [r.pk for r in a.results] == [r.pk for r in b.results]
