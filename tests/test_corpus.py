"""The synthetic corpus behind `make bench`: deterministic, in the delivered format, and parsed
back into exactly the articles it was made of (which is what lets the benchmark check recall)."""

import datetime as dt
import json
import sys
import subprocess
from pathlib import Path

import pytest

from articles import parsing
from bench import corpus
from parsing_coverage import lost_characters

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def pool():
    return corpus.pool_from_dir(SEEDS)


@pytest.fixture(scope="module")
def pages(pool):
    return list(corpus.generate(pool, 2500, seed=7))


@pytest.fixture(scope="module")
def parsed(pages):
    return [parsing.parse_page_bytes(page.data, page.name) for page in pages]


def test_same_seed_same_bytes_other_seed_other_bytes(pool):
    first = [(p.name, p.data) for p in corpus.generate(pool, 300, seed=1)]
    again = [(p.name, p.data) for p in corpus.generate(pool, 300, seed=1)]
    other = [(p.name, p.data) for p in corpus.generate(pool, 300, seed=2)]
    assert first == again
    assert [d for _, d in first] != [d for _, d in other]


def test_exactly_the_articles_asked_for_about_1500_characters_each(pages):
    articles = [a for p in pages for a in p.articles]
    assert len(articles) == 2500
    assert all(1 <= len(p.articles) <= 6 for p in pages)
    local = [a for a in articles if a.has_lead]
    mean = sum(sum(map(len, a.paragraphs)) for a in local) / len(local)
    assert 1200 <= mean <= 1800


def test_every_page_parses_back_into_the_generated_articles(pages, parsed):
    for page, parsed in zip(pages, parsed):
        assert parsed.issue_date == page.issue_date, page.name
        got = [
            (a.headline, a.paragraphs, tuple((b.name, b.role) for b in a.bylines), a.source, a.section,
             a.dateline, a.has_lead)
            for a in parsed.articles
        ]
        want = [
            (a.headline, a.paragraphs, a.bylines, a.source, a.section, a.dateline, a.has_lead)
            for a in page.articles
        ]
        assert got == want, page.name


def test_every_line_but_the_footer_reaches_some_article(pool, pages, parsed):
    # the general safety net under the exact comparison above: whatever the parser makes of a
    # page, no character of its text (the imprint footer apart) is dropped without a trace
    footer = {
        corpus._width(line, half, parens).strip()
        for block in pool.footers for line in block for half in (False, True) for parens in (False, True)
    }
    lost = {}
    for page, got in zip(pages, parsed):
        if missing := lost_characters(corpus.decode(page.data), got, footer):
            lost[page.name] = "".join(sorted(missing.elements()))[:60]
    assert not lost, lost


def test_the_corpus_has_the_formats_variations(pages):
    texts = [corpus.decode(p.data) for p in pages]
    assert {p.encoding for p in pages} == {"utf-8", "utf-8-sig", "gb18030", "utf-16"}
    assert any(p.crlf for p in pages) and not all(p.crlf for p in pages)
    assert any(p.half_width for p in pages) and not all(p.half_width for p in pages)
    assert any("\n要闻快览" in t for t in texts)
    assert sum(a.source == "新华社" for p in pages for a in p.articles) > 10
    assert any("当地时间" in t for t in texts) and any("日至" in t for t in texts)
    # Column breaks: a block of text that does not end a sentence, with the paragraph going on.
    blocks = [b.strip() for t in texts for b in t.replace("\r\n", "\n").split("\n\n")]
    assert sum(len(b) > 40 and not parsing.is_terminated(b) for b in blocks) > 100
    # Several people in one byline, with and without roles.
    bylines = [a.bylines for p in pages for a in p.articles]
    assert any(len(b) == 2 and b[0][1] is None for b in bylines)
    assert any(("记者" in {r for _, r in b}) and ("通讯员" in {r for _, r in b}) for b in bylines)


def test_issues_spread_over_twenty_years(pages):
    years = {p.issue_date.year for p in pages}
    assert min(years) == 2005 and max(years) == 2024 and len(years) == 20
    assert all(dt.date(2005, 1, 1) <= p.issue_date <= dt.date(2024, 12, 31) for p in pages)


def test_rare_term_is_exactly_where_the_generator_says(pages):
    flagged = sum(a.has_rare_term for p in pages for a in p.articles)
    found = sum(corpus.RARE_TERM in "".join(a.paragraphs) for p in pages for a in p.articles)
    assert flagged == found == 2  # one local article in a thousand


def test_make_corpus_script_writes_pages_and_refuses_a_used_folder(tmp_path):
    out = tmp_path / "corpus"
    script = [sys.executable, str(Path(__file__).resolve().parent / "bench" / "make_corpus.py")]
    subprocess.run([*script, "--articles", "40", "--out", str(out), "--seed", "4"], check=True, capture_output=True)
    files = sorted(out.glob("*.txt"))
    summary = json.loads((out / "corpus.json").read_text(encoding="utf-8"))
    assert summary["articles"] == 40 and summary["pages"] == len(files)
    total = sum(len(parsing.parse_page_bytes(f.read_bytes(), f.name).articles) for f in files)
    assert total == 40

    again = subprocess.run([*script, "--articles", "40", "--out", str(out)], capture_output=True, text=True)
    assert again.returncode != 0
    assert "已有 .txt 文件" in again.stderr
