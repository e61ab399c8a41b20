"""Web and e-paper site chrome is never a title: a paper's digital-edition banner, a reader's
labels, 即时新闻, a database site's notice, a Traditional page's topic label; a title block a web
copy prints twice is one title (fixtures in our own words, in the shapes of real copies)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from articles.parsing import parse_page_bytes

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
ISSUE = dt.date(2025, 1, 10)


def page(name: str):
    return parse_page_bytes((PAGES / name).read_bytes(), name, issue_date=ISSUE)


def every_text(parsed):
    for a in parsed.articles:
        yield from (a.kicker, a.headline, a.subheadline, *a.paragraphs, *a.captions)


def test_edition_banner_and_page_list_are_not_the_title_and_a_dashed_line_is_the_subheadline():
    parsed = page("epaper_banner_page_list.txt")
    (article,) = parsed.articles
    assert (article.kicker, article.headline, article.subheadline) == (
        "", "守护一湖清水", "——太湖治理进入精细化管护新阶段"
    )
    assert (parsed.page_label, parsed.page_section) == ("01", "要闻")
    assert not any("电子报" in t or "星期五" in t for t in every_text(parsed))
    assert article.paragraphs[0].startswith("湖泊治理是一项长期工程。")


def test_reader_chrome_and_site_notices_are_furniture_and_a_late_date_is_history():
    parsed = page("web_reader_chrome.txt")
    (article,) = parsed.articles
    assert article.headline == "梅园早梅迎客来"
    assert article.has_lead
    # the reader's 版面: label names the page
    assert (parsed.page_label, parsed.page_section) == ("A05", "城事")
    texts = list(every_text(parsed))
    for chrome in ("告示", "阅读机", "当前报纸名称", "即时新闻", "日期:", "更多详细新闻", "www."):
        assert not any(chrome in t for t in texts), chrome
    # a date in the lead's third sentence is what happened before, not the story's date
    assert article.dateline is None


def test_traditional_topic_label_leaves_the_wire_lead_first():
    (article,) = page("web_trad_topic_label.txt").articles
    assert article.headline == "滬上老街迎新春 遊客擠滿小吃攤"
    assert article.has_lead
    assert article.source == "新华社"  # reported in Simplified, as every wire source
    assert [b.name for b in article.bylines] == ["王明", "李華"]  # names as printed
    assert (article.dateline, article.dateline_place) == (dt.date(2025, 1, 9), "上海")
    assert not any("專題" in p or "責編" in p for p in article.paragraphs)


def test_a_title_block_printed_twice_is_one_title():
    (article,) = page("epaper_title_twice.txt").articles
    assert article.headline == "“数字运河”加速成形 多地联手打造智慧航运走廊"
    assert [b.name for b in article.bylines] == ["张明", "李青"]
