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
    assert not any("專題" in p or "責編" in p or "相關稿件" in p for p in article.paragraphs)


def test_a_title_block_printed_twice_is_one_title():
    (article,) = page("epaper_title_twice.txt").articles
    assert article.headline == "“数字运河”加速成形 多地联手打造智慧航运走廊"
    assert [b.name for b in article.bylines] == ["张明", "李青"]


def test_database_copy_lists_each_title_before_its_item_and_the_listing_is_no_text():
    parsed = page("database_listed_titles.txt")
    first, second = parsed.articles
    assert (first.headline, [b.name for b in first.bylines]) == ("“暖心热线”不打烊", ["孙明"])
    assert (second.headline, [b.name for b in second.bylines]) == ("古镇灯会迎客来", ["周乐"])
    assert (second.dateline, second.dateline_place) == (dt.date(2025, 1, 9), "苏州")
    # the transcript site's header is no article, the listed title no text of the item above
    assert not any("文字版" in t for t in every_text(parsed))
    assert first.paragraphs[-1].endswith("数十个。")


def test_slashed_writer_with_affiliation_and_a_font_toolbar():
    parsed = page("web_slashed_writer.txt")
    (article,) = parsed.articles
    assert article.headline == "我与老街 | 难忘的“修表匠”"
    assert [(b.name, b.role) for b in article.bylines] == [("陈立", None)]
    assert article.byline_printed == "文 / 陈立 某某报退休编辑"  # kept as printed
    assert article.captions == ("图:老街口的修表摊,如今已搬进社区服务中心。",)
    assert article.paragraphs[0] == "在老街住了三十年,街口的修表摊是我最熟悉的风景。"
    assert not any(t in ("标准", "某某网") or "电子版" in t for t in every_text(parsed))


def test_epaper_metadata_line_is_furniture_so_the_closing_source_is_read():
    parsed = page("epaper_meta_line_end_source.txt")
    (article,) = parsed.articles
    assert (parsed.page_label, parsed.page_section) == ("B03", "城市·生活")
    assert article.headline == "千斤橙子送到防疫一线"
    assert article.source == "运河新闻客户端"
    assert article.dateline == dt.date(2025, 1, 9)
    assert article.paragraphs[-1].endswith("果农陈大伯说。")


def test_writer_who_took_the_photos_after_the_last_sentence():
    (article,) = page("writer_photographer_at_end.txt").articles
    assert [(b.name, b.role) for b in article.bylines] == [("许晴", "记者")]
    assert article.paragraphs[-1].endswith("月底将全部完工。")
    assert article.dateline == dt.date(2025, 1, 8)


def test_two_web_articles_each_under_its_own_source_line_and_agency_reporters():
    first, second = page("web_two_articles_agency.txt").articles
    assert first.headline == "《城市更新案例汇编》出版发行"
    assert (first.source, first.dateline, first.dateline_place) == ("新华社", dt.date(2025, 1, 9), "北京")
    assert first.paragraphs[-1].endswith("配有大量图片。")
    assert (second.headline, second.subheadline) == ("让老街区焕发新活力", "——城市更新系列观察之三")
    # `钟 磊`: a two-character name spaced to line up with three-character ones
    assert [(b.name, b.role) for b in second.bylines] == [("钟磊", "新华社记者"), ("林晓燕", "新华社记者")]
    assert second.source == "新华社"  # the agency's reporters write the agency's copy
    assert second.paragraphs[0].startswith("走进修缮一新的老街区")


def test_paper_dated_page_line_counter_and_a_closing_source_in_brackets():
    parsed = page("epaper_counter_closing_source.txt")
    (article,) = parsed.articles
    assert (parsed.page_label, parsed.page_section) == ("A03", "城事")
    assert article.headline == "城南菜场改造完成重新开业"
    assert article.source == "某某新闻客户端"  # (来源:某某新闻客户端)
    assert article.paragraphs[-1].endswith("买菜心情也好了。”")


def test_a_media_name_alone_in_brackets_closing_the_story_is_its_source():
    (article,) = page("closing_media_name.txt").articles
    assert article.source == "央视新闻客户端"
    assert article.bylines == ()
    assert article.paragraphs[-1] == "据监测,今冬飞抵的候鸟数量较去年同期增加约一成。"


def test_a_portals_menu_counters_and_back_link_are_no_title():
    (article,) = page("web_portal_back_link.txt").articles
    assert article.headline == "春运首日客流平稳"
    assert [(b.name, b.role) for b in article.bylines] == [("王小川", "记者")]
    assert not any("搜狐" in t or "浏览" in t for t in every_text(page("web_portal_back_link.txt")))


def test_more_epaper_headers_a_page_list_on_one_line_and_a_headline_list():
    parsed = page("epaper_headers_more.txt")
    (article,) = parsed.articles
    assert article.headline == "运河夜游新线路开通"
    assert article.paragraphs == ("本报讯(记者 周航)新的运河夜游线路昨晚开通,游船从清名桥出发,途经南长街,全程约四十分钟。",)
    assert [b.name for b in article.bylines] == ["周航"]


def test_traditional_photo_and_mixed_wire_credits():
    (article,) = page("trad_wire_credits.txt").articles
    # `(綜合新華社電)` is the source, never a byline named 綜合新華社電
    assert (article.source, article.bylines) == ("新华社", ())
    assert article.photo_credits == ("新華社發 陳曉攝",)  # as printed
    assert article.captions == ("圖:煙花照亮維港夜空。",)
    assert article.dateline == dt.date(2025, 1, 8)  # 前晚: two days before the issue
    assert article.paragraphs[-1] == "主辦方表示,今年匯演時長為二十三分鐘。"


def test_a_site_name_heading_a_web_page_is_no_part_of_the_title_but_a_title_ending_in_wang_is_kept():
    (article,) = page("web_site_name_top.txt").articles
    assert (article.kicker, article.headline) == ("", "市民热线一年受理诉求百万件")
    (article,) = page("title_ending_in_wang.txt").articles
    assert article.headline == "织密民生保障网"
