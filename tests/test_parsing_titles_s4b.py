"""Headlines on first contact (session 4, s4-titles2): a site's own lines over a page's first
title that no chrome sets apart from it. Fixtures in tests/fixtures/pages/s4b_*.txt, written in
our own words in the shapes real pages print."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from articles.parsing import parse_page_bytes
from articles.parsing.furniture import strip_furniture

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
D = dt.date


def page(name: str, issue_date=D(2025, 1, 10)):
    return parse_page_bytes((PAGES / name).read_bytes(), name, issue_date=issue_date)


def test_a_sites_share_call_and_signed_slogan_are_not_the_first_title():
    (story,) = page("s4b_share_call_and_slogan_top.txt").articles
    assert story.headline == "城东菜场今起恢复营业"
    assert story.paragraphs[0].startswith("本报讯")
    assert not any("朋友圈" in p or "JiuBaoKu" in p for p in story.paragraphs)


def test_share_call_and_signed_slogan_are_furniture_but_sentences_about_sharing_are_not():
    text = [
        "觉得本站好,就转发到你的朋友圈!",
        "旧报新读,越读越有味!【www.JiuBaoKu.net】",
        "老街夜市人气旺",
        "不少市民把夜市的视频转发到朋友圈,为摊主们点赞。",
        "记者登录该网站(www.example.com)查询后发现,相关信息已被删除。",
    ]
    kept, _ = strip_furniture(text)
    # the site's two lines go; a story's sentences about sharing or a site stay text
    assert [line.strip() for line in kept if line.strip()] == text[2:]


def test_a_portals_picture_mark_after_a_title_is_not_part_of_it():
    (story,) = page("s4b_portal_marks_after_title.txt", D(2025, 3, 20)).articles
    assert story.headline == "古运河畔桃花开"


def test_the_day_a_page_was_posted_after_a_title_is_not_part_of_it():
    (story,) = page("s4b_posted_day_after_title.txt", D(2025, 3, 18)).articles
    assert story.headline == "夜班公交记者体验记"
    assert story.paragraphs[0].startswith("晚上十一点")


def test_a_title_that_is_only_a_short_phrase_keeps_its_brackets():
    # four Chinese characters or fewer before the mark: too little to be sure it is the portal's
    kept = parse_page_bytes("图说(图)\n\n本报讯  昨天上午,城南公园里的梅花开了,不少市民前来观赏。\n".encode(), "x", issue_date=D(2025, 3, 18))
    assert kept.articles[0].headline == "图说(图)"


def test_a_title_block_listed_above_keeps_its_short_first_line():
    # the site's list prints the page's titles, this one over two lines as set; the same two
    # lines over the text are the whole title (a four-character first line is no list item)
    (story,) = page("s4b_listed_title_block_long_list.txt").articles
    assert story.headline.replace(" ", "") == "桥头菜场今起搬进新址营业"
    assert story.paragraphs[0].startswith("经过三个月")


def test_a_year_over_a_listed_title_is_part_of_the_title():
    (story,) = page("s4b_listed_title_block_year_kicker.txt").articles
    assert story.headline.replace(" ", "").replace(":", "") == "2024年老城厢换新颜"
    assert not any("夜市开到零点" in p for p in story.paragraphs)


def test_a_sites_empty_download_or_search_label_is_not_the_titles_first_words():
    (story,) = page("s4b_empty_box_label_top.txt", D(2025, 3, 18)).articles
    assert story.headline == "热心司机送回走失老人"
    kept, _ = strip_furniture(["站內(nèi)檢索:", "网友纷纷搜索:", "手机终端下载:"])
    assert [line.strip() for line in kept if line.strip()] == ["网友纷纷搜索:"]  # (a story's words stay)
