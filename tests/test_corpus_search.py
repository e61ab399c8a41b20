"""Search recall on a benchmark corpus (tests/bench/corpus.py), as the scale issue asks: the same
exactness the search tests check on the seeds, on generated pages with every format variation
(both punctuation widths, column breaks, wire items, GB18030/UTF-16/BOM/CRLF files) ingested by
the real service and indexed by the real rebuild.

Expected results come from the generator (what it printed) with Python ``in``, independently of
the parser's output and of the index."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from bench import corpus
from articles.models import Article
from articles.search import indexing, query
from articles.services import page_ingest
from search_oracle import holds_in, throwaway_archive

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
N_ARTICLES = 600


def printed_parts(article: corpus.ExpectedArticle) -> list[str]:
    parts = [article.headline, *article.paragraphs, "、".join(name for name, _ in article.bylines)]
    if article.source:
        parts.append("据" + article.source)
    return parts


def holds(article: corpus.ExpectedArticle, text: str) -> bool:
    return holds_in(printed_parts(article), text)


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker, tmp_path_factory):
    """{article pk: (expected article, its page)} for a corpus ingested and indexed for real."""
    folder = tmp_path_factory.mktemp("corpus_search")
    pages = list(corpus.generate(corpus.pool_from_dir(SEEDS), N_ARTICLES, seed=11))
    with throwaway_archive(folder, django_db_blocker):
        with django_db_blocker.unblock():
            for page in pages:
                path = folder / page.name
                path.write_bytes(page.data)
                page_ingest(path=path)
            query.live.reset()
            indexing.index_rebuild()
            by_file = {p.name: p for p in pages}
            mapping = {
                a.pk: (by_file[a.page.source_file].articles[a.sequence - 1], by_file[a.page.source_file])
                for a in Article.objects.select_related("page")
            }
        yield mapping

pytestmark = pytest.mark.django_db


def found(text: str, **filters) -> set[int]:
    outcome = query.search(query.parse_query(text), filters=query.Filters(**filters), limit=N_ARTICLES, facets=False)
    assert outcome.count == len(outcome.hits)
    return {hit.article_id for hit in outcome.hits}


def test_every_generated_article_is_in_the_archive(generated):
    assert len(generated) == N_ARTICLES


def test_random_substrings_find_exactly_the_articles_that_print_them(generated):
    rnd = random.Random(5)
    items = sorted(generated.items())
    checked = 0
    for _ in range(150):
        pk, (article, _page) = rnd.choice(items)
        part = re.sub(r"\s+", "", rnd.choice(printed_parts(article)))
        if not part:
            continue
        length = rnd.choice([1, 2, 2, 3, 4, 6, 9, 15])
        start = rnd.randrange(max(1, len(part) - length + 1))
        text = part[start : start + length]
        if not text or '"' in text:  # a quote is query syntax
            continue
        hits = found(f'"{text}"')
        assert pk in hits, text
        assert hits == {k for k, (a, _) in generated.items() if holds(a, text)}, text
        checked += 1
    assert checked > 100


def test_the_rare_term_finds_exactly_the_articles_it_was_planted_in(generated):
    planted = {pk for pk, (a, _) in generated.items() if a.has_rare_term}
    assert planted  # one local article in a thousand, counted over the corpus: here exactly one
    assert found(corpus.RARE_TERM) == planted


def test_year_and_reporter_filters_count_what_was_generated(generated):
    for year in (2005, 2014, 2024):
        assert found("锡", year=year) == {
            pk for pk, (a, page) in generated.items() if page.issue_date.year == year and holds(a, "锡")
        }
    name = next(a.bylines[0][0] for a, _ in generated.values() if a.bylines)
    assert found("的", reporter=name) == {
        pk for pk, (a, _) in generated.items() if name in {n for n, _ in a.bylines} and holds(a, "的")
    }


def test_a_phrase_is_found_on_pages_of_both_punctuation_widths(generated):
    half = {pk for pk, (_, page) in generated.items() if page.half_width}
    for typed in ("着眼备战打仗，推进军事斗争", "着眼备战打仗,推进军事斗争"):
        hits = found(typed)
        assert hits == {pk for pk, (a, _) in generated.items() if holds(a, typed)}
        assert hits & half and hits - half  # printed with `,` on some pages and `，` on others
