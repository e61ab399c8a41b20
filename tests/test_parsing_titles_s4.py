"""Headlines and article boundaries (session 4): pages of several photo items, photo columns,
place-titled photo briefs with their credits between them, numbered digests, a page-wide
credit, a mirror's pinyin in a lead mark. Fixtures in tests/fixtures/pages/s4_*.txt, written in
our own words in the shapes real pages print."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from articles.parsing import parse_page_bytes

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
D = dt.date


def page(name: str, issue_date=D(2025, 1, 10)):
    return parse_page_bytes((PAGES / name).read_bytes(), name, issue_date=issue_date)


def test_captions_each_closed_by_their_own_credit_with_no_title_are_items_of_their_own():
    items = page("s4_photo_set_no_title.txt", D(2013, 10, 5)).articles
    assert len(items) == 3
    assert all(a.headline_from_lead for a in items)
    assert [a.photo_credits for a in items] == [("记者 林远 摄",), ("周川 吴敏 摄",), ("陈立 王平 摄",)]
    assert [a.bylines for a in items] == [(), (), ()]  # photographers are no writers
    # each keeps its own date: only the third says 昨天
    assert [a.dateline for a in items] == [None, None, D(2013, 10, 4)]


def test_one_title_over_several_captions_stays_one_photo_story():
    (story,) = page("s4_photo_set_under_title.txt").articles
    assert story.headline == "过年不回家 社区送温暖"
    assert {"田方 摄", "王静 摄"} <= set(story.photo_credits)
    assert any("冬令营" in p for p in story.paragraphs)  # the last caption is the same story's


def test_a_photo_column_label_is_the_items_column_not_their_headline():
    first, second = page("s4_photo_column_label.txt").articles
    for item in (first, second):
        assert item.section == "图片报道" and item.headline_from_lead
        assert item.source == "人民视觉" and item.bylines == ()
    assert first.captions == ("图为工人们正在布置花灯。",)
    assert first.photo_credits == ("林小舟摄(人民视觉)",) and second.photo_credits == ("陈海燕摄(人民视觉)",)
    assert second.paragraphs[0].startswith("近日在广东省佛山市")


def test_place_titled_photo_briefs_split_where_a_credit_closes_the_item_above():
    items = page("s4_place_photo_briefs.txt", D(2012, 2, 14)).articles
    assert [a.headline for a in items] == [
        "昆明:新航站楼主体工程完工",
        "秦皇岛:渔民清理海冰准备出海",
        "北京:猴群下山觅食",
        "福建:村民发现冻僵巨蟒",
    ]
    # a bare `新华社记者 X 摄` is a photo credit (no byline); `(新华社发)`, `(据《X》)` name the
    # item's source, and so does the agency's photographer when nothing else credits the item
    # (session 5: the answers' convention, an item the paper did not report itself)
    assert [a.source for a in items] == ["新华社", "新华社", "北京晚报", "海峡导报"]
    assert items[0].photo_credits == ("新华社记者 李晴 摄",)
    assert not any("新华社发" in p or "据《" in p for a in items for p in a.paragraphs)
    assert items[2].dateline == D(2012, 2, 13)


def test_a_page_wide_credit_after_the_last_item_is_every_items_source():
    items = page("s4_titled_photos_shared_credit.txt", D(2012, 2, 13)).articles
    assert [a.headline for a in items] == ["长沙推广志愿服务流行语", "南昌老电厂烟囱爆破拆除", "爱心义剪为患病女孩筹款"]
    assert [a.source for a in items] == ["新华社"] * 3
    assert not any("均据" in p for a in items for p in a.paragraphs)


def test_a_digest_numbered_with_bars_is_one_article_per_number():
    items = page("s4_numbered_bar_digest.txt", D(2020, 6, 27)).articles
    assert [a.headline for a in items] == [
        "本市昨日新增确诊5例,近10天累计确诊60例",
        "国会众议院表决通过首都设州法案",
        "巴西研发鼻喷型疫苗,下周开始动物试验",
    ]
    assert items[0].paragraphs[0].startswith("6月26日0时至24时")


def test_a_lead_mark_with_a_mirrors_pinyin_in_it_is_no_headline():
    (item,) = page("s4_trad_pinyin_lead.txt", D(2004, 2, 6)).articles
    assert item.headline_from_lead
    assert item.headline == "昨天是元宵節,也是燃放煙花的最後一天。"
    assert item.source is None and item.dateline == D(2004, 2, 5)


def test_an_epaper_page_of_two_wire_stories_each_under_its_own_title():
    first, second = page("s4_epaper_two_wire_stories.txt", D(2025, 7, 14)).articles
    # `前一版 下一版 2025年07月14日` is the reader's toolbar, not a kicker
    assert (first.kicker, first.headline) == ("", "国家主席致电 祝贺新任总统就职")
    assert (first.source, first.dateline) == ("新华社", D(2025, 7, 13))
    # a title set apart from `□新华社记者` by spaces, after a finished story: the next article
    assert second.headline == "走出一条城市高质量发展道路 ——城市工作十年纪实"
    assert second.source == "新华社" and second.bylines == ()
    assert second.paragraphs[0].startswith("中国大地上")
    assert not any("纪实" in p for p in first.paragraphs)


def test_a_sites_menu_a_papers_name_or_a_date_stamp_among_the_title_lines_is_no_title():
    assert page("s4_title_with_site_chrome.txt").articles[0].headline == "城市驿站变身 “清凉小屋”"
    (story,) = page("s4_title_paper_name_under.txt").articles
    assert (story.kicker, story.headline, story.subheadline) == ("", "为户外劳动者搭起“清凉港湾”", "")
    assert story.paragraphs[0].startswith("连日来")  # (an empty `作者:` field is the site's)
    (stamped,) = page("s4_title_date_stamp_under.txt").articles
    assert stamped.headline == "厦门:圣诞夜商场餐馆人挤人"


def test_a_genre_label_before_a_title_the_wires_own_title_line_repeats_without_it():
    (story,) = page("s4_genre_label_wire_title.txt", D(2003, 12, 26)).articles
    assert (story.headline, story.section) == ("山城人平安夜里寻找浪漫", "通讯")
    assert story.source == "中新社"


def test_captions_the_agency_sent_are_items_and_a_title_over_later_captions_keeps_them():
    items = page("s4_photos_agency_sent.txt", D(2017, 12, 22)).articles
    assert len(items) == 3 and all(a.headline_from_lead for a in items)
    assert [a.source for a in items] == ["新华社"] * 3
    assert [a.photo_credits for a in items] == [("杨小涛 摄",), ("王小彪 摄",), ("程小虎 摄",)]
    lone, titled = page("s4_photo_then_titled_photos.txt", D(2008, 10, 6)).articles
    assert lone.headline_from_lead and lone.photo_credits == ("徐小平 摄",)
    assert titled.headline == "社区老人获赠“金手杖”" and len(titled.photo_credits) == 3


def test_an_ad_at_the_top_of_a_newsletter_copy_goes_with_the_sites_chrome():
    (story,) = page("s4_newsletter_ad_top.txt").articles
    # the ad line, the newsletter's toolbar and its label list are the site's; the title is the
    # one over the text, and `编译X/综合报导晚报` under it is a credit line, not more title
    assert (story.kicker, story.headline) == ("", "市立图书馆夜间开放 读者排起长队")
    assert any(p.startswith("市立图书馆昨天起") for p in story.paragraphs[:2])
    assert not any("英语" in p for p in story.paragraphs)


def test_sentences_over_a_title_with_no_chrome_between_stay_text():
    items = page("s4_standfirst_over_title.txt").articles
    # a slogan or standfirst right over the title is the page's text, not the site's promotion
    assert any("我们采集信息" in p for a in items for p in (a.headline, *a.paragraphs))
    assert any("树叶又一次被金黄浸染" in p for a in items for p in a.paragraphs)


def test_a_hong_kong_section_list_each_title_over_its_zhuanxun_summary():
    items = page("s4_hk_list_zhuanxun.txt", D(2023, 9, 24)).articles
    # `【某報專訊】` is the paper's own lead mark, as 本報訊 is: each summary starts a story
    assert [a.headline for a in items] == [
        "將設照顧者專線 團體促設個案經理",
        "單親母親憂萬一 訓練兒子照顧姊姊",
        "吉祥物隱身數日再現 港協:宣傳仍在進行",
    ]
    assert all(a.has_lead and a.source is None for a in items)


def test_photo_items_with_a_cms_page_break_after_each_credit():
    items = page("s4_photo_items_pagebreak.txt", D(2024, 9, 21)).articles
    assert [a.headline for a in items] == ["沈阳举行撞钟鸣警仪式", "万里此情同皎洁 一年今日最分明", "广东鹤山:村里的舞火龙", "多彩活动过假期"]
    # `新华社发(X摄)` alone on its line: the photo's credit, and the agency that sent it; the
    # agency's photographer (`新华社记者 X 摄`) credits the agency's picture too
    assert [a.source for a in items] == ["新华社", "新华社", "新华社", "新华社"]
    assert [a.photo_credits for a in items] == [("新华社记者 潘小龙 摄",), ("苏小阳摄",), ("黄小明摄",), ("崔小猛摄",)]
    assert not any("pagebreak" in p for a in items for p in a.paragraphs)


def test_a_mastheads_imprint_lunar_date_and_numeral_date_are_furniture():
    parsed = page("s4_masthead_imprint_top.txt", D(2024, 6, 13))
    (story,) = parsed.articles
    assert (story.kicker, story.headline) == ("", "江边两岸 半城绿树半城楼")
    assert not any("热线" in p or "农历" in p for p in story.paragraphs)


def test_a_sites_name_after_the_title_and_a_column_in_brackets_are_no_title():
    (story,) = page("s4_title_suffixes.txt").articles
    assert story.headline == "绵延三十年剪不断的情缘"
    (letter,) = page("s4_title_column_after.txt").articles
    assert (letter.headline, letter.section) == ("共同走过心相连", "我与某某版")


def test_an_epaper_page_line_with_bars_and_neighbour_numbers_is_furniture():
    parsed = page("s4_page_line_bars.txt", D(2017, 7, 23))
    assert (parsed.page_label, parsed.page_section) == ("M01", "某某时报")
    (brief,) = parsed.articles
    assert brief.headline_from_lead and brief.has_lead
    assert brief.paragraphs == ("本报讯 7月22日,某某街道社区及街道城管科人员在小区附近清理占道经营的摊点,还道于民。",)


def test_a_listing_item_prints_subheadlines_after_the_listed_title_up_to_its_dispatch():
    (item,) = page("s4_listing_subheads.txt", D(1987, 4, 9)).articles
    assert item.headline == "国务院发出通知 今年夏时制从4月12日开始 西部地区可根据本地太阳升落规律调整作息时间"
    assert item.paragraphs[0].startswith("新华社北京4月8日电")
    assert (item.source, item.dateline) == ("新华社", D(1987, 4, 8))


def test_a_web_pages_source_date_and_counter_line_is_no_part_of_the_title():
    (story,) = page("s4_web_counter_line.txt").articles
    assert story.headline == "更加响亮地发出中国声音"
    assert story.paragraphs[0].startswith("我是这份报纸的老读者了")


def test_a_line_of_the_pages_titles_run_together_above_the_title_is_the_sites():
    (story,) = page("s4_title_list_line_above.txt", D(2022, 1, 12)).articles
    # the line holds this title among the page's others: a list, not text and not a title
    assert (story.kicker, story.headline, story.headline_from_lead) == ("", "“上上下下”不再辛苦", False)
    assert story.paragraphs[0].startswith("市百货一店")


def test_an_epaper_list_header_is_no_part_of_the_title():
    (story,) = page("s4_epaper_list_header.txt", D(2012, 9, 9)).articles
    assert (story.kicker, story.headline) == ("", "痛,不仅仅因为3个学生遇难")


def test_a_listing_of_summaries_cut_short_with_their_links_is_one_item_per_lead():
    items = page("s4_summaries_read_more.txt", D(2026, 3, 16)).articles
    # `……說明理... [詳細]` closes its item: it is neither the next item's title nor run into it
    assert len(items) == 3
    assert all(a.headline_from_lead and a.has_lead for a in items)
    assert items[1].headline.startswith("官員宣布")
