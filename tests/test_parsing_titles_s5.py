"""Titles and article boundaries on first contact (session 5, s5-titles): section labels, a
title on its lead's line, unmarked captions under a title, a site's call to follow it, a page's
headline list printed again over its items. Fixtures in tests/fixtures/pages/s5t_*.txt, written
in our own words in the shapes real pages print."""

from __future__ import annotations

import datetime as dt

from articles.parsing import parse_page_bytes
from fixture_pages import parse_fixture, titles

D = dt.date


def page(name: str, issue_date=D(2025, 10, 2)):
    return parse_fixture(name, issue_date)


def test_a_section_label_over_a_list_of_leads_is_no_title():
    parsed = page("s5t_section_label_over_leads.txt", D(2026, 3, 16))
    assert titles(parsed) == ["(from lead)", "(from lead)"]
    first, second = parsed.articles
    assert first.section == "本地新聞"
    assert (first.source, first.dateline) == ("中新社", D(2026, 3, 15))
    assert second.paragraphs[0].startswith("本報訊")


def test_a_title_printed_on_its_leads_line_after_a_label():
    parsed = page("s5t_title_on_lead_line.txt")
    assert titles(parsed) == ["旅日僑胞舉辦中秋聯歡會", "巴黎華人社團舉行書畫展"]
    assert [a.source for a in parsed.articles] == ["中新社", "中新社"]
    assert parsed.articles[0].section == "國際新聞·海外來鴻"
    assert parsed.articles[1].section == "海外來鴻"
    assert parsed.articles[0].paragraphs[0].startswith("中新社東京九月三十日電")


def test_a_subheadline_glued_to_the_lead_is_the_titles():
    (story,) = page("credits_s4_joint_report.txt").articles
    assert story.headline == "全国基本建设工作会议闭幕 控制基建规模要突出一个“严”字"
    assert story.paragraphs[0].startswith("本报讯")


def test_an_unmarked_caption_between_a_title_and_its_byline():
    parsed = page("s5t_caption_title_byline.txt", D(2025, 5, 10))
    assert titles(parsed) == ["城南新添三座口袋公园", "运河边的老厂房变身文创街区"]
    first, second = parsed.articles
    assert [b.name for b in first.bylines] == ["王明", "李华"]
    assert first.captions == ("市民在新开放的口袋公园里休闲散步。",)
    assert first.has_lead and first.dateline == D(2025, 5, 9)
    assert [b.name for b in second.bylines] == ["陈刚"]
    assert second.photo_credits == ("张强 摄",)
    assert second.has_lead


def test_a_sites_call_to_follow_it_over_the_title_is_not_the_title():
    (story,) = page("s5t_call_to_follow_top.txt", D(2025, 11, 15)).articles
    assert story.headline == "冬季供暖今起全面启动"
    assert [b.name for b in story.bylines] == ["刘洋"]


def test_a_headline_list_printed_again_over_the_items_is_the_sites():
    parsed = page("s5t_headline_list_repeated.txt", D(2025, 10, 20))
    assert titles(parsed) == ["政府公布新一輪消費券計劃", "港鐵東涌綫延線工程完成", "天文台料下周轉涼"]
    assert all(a.dateline == D(2025, 10, 19) for a in parsed.articles)


def test_summaries_cut_short_with_their_link_each_end_an_item():
    parsed = page("s5t_summaries_read_more.txt", D(2025, 10, 20))
    assert titles(parsed) == [
        "消費券下月發放 政府公布新一輪消費券計劃 合資格市民獲發五千元",
        "東涌綫延線工程完成",
        "天文台料下周轉涼",
    ]


def test_a_sites_meta_lines_between_items_are_no_titles():
    parsed = page("s5t_item_meta_lines.txt", D(2025, 3, 18))
    assert titles(parsed) == ["海洋公園大熊貓龍鳳胎周六起與公眾見面", "天文台:明日氣溫回升 周末有驟雨"]


def test_a_paragraph_opening_with_its_reporters_credit_starts_an_item_under_its_title():
    parsed = page("s5t_credit_opening_items.txt", D(2022, 9, 2))
    assert titles(parsed) == ["市府接見訪問團 期待科技合作", "交通局:捷運新線年底通車 票價下週公布"]
    assert [[b.name for b in a.bylines] for a in parsed.articles] == [["林志明"], ["陳美玲"]]


def test_a_genre_label_and_a_posting_time_are_no_part_of_the_title():
    (story,) = page("s5t_genre_label_time_stamp.txt", D(2004, 3, 31)).articles
    assert story.headline == "街坊好奇圍觀 記者長龍排到街尾"
    assert [b.name for b in story.bylines] == ["葉小文"]


def test_a_database_items_subheadline_may_end_with_a_full_stop():
    first, second = page("s5t_database_subhead_sentence.txt", D(1950, 6, 18)).articles
    assert (first.kicker, first.headline, first.subheadline) == (
        "全国委员会会议第四日",
        "两位副主席报告文教和法院工作",
        "大会进入讨论阶段,委员们发言对各项报告一致表示满意。",
    )
    assert first.source == "新华社" and first.dateline == D(1950, 6, 17)
    # a short title with its writer's name under it: the name is no column's item title
    assert (second.headline, second.section) == ("享受平凡", "人民论坛")
    assert [b.name for b in second.bylines] == ["王义平"]


def test_a_column_label_over_briefs_closed_by_their_writers_names():
    parsed = page("s5t_column_label_named_briefs.txt", D(2012, 8, 17))
    assert titles(parsed) == ["(from lead)", "城西举办巡回论坛警民共创文明交通"]
    assert [[b.name for b in a.bylines] for a in parsed.articles] == [["肖艳红", "叶少明"], ["肖艳红", "周卫华"]]
    assert parsed.articles[0].section == "交警连线"


def test_a_sections_label_after_the_title_is_not_the_titles():
    (story,) = page("s5t_section_after_title.txt", D(2023, 5, 22)).articles
    assert story.headline == "游子回乡行 感受家乡发展新“脉动”"


def test_a_web_list_item_under_its_link_caption_time_and_related_links():
    parsed = page("s5t_web_list_related_links.txt", D(2025, 4, 28))
    assert titles(parsed) == ["港口貨輪起火 消防出動三艘船灌救", "市區國小推動午餐減塑 教育局:下學期全面實施"]
    second = parsed.articles[1]
    assert [b.name for b in second.bylines] == ["李小華", "張志強"]
    assert second.paragraphs[0].startswith("〔記者李小華")
    assert "學生在教室裡使用環保餐具。(資料照)" in second.captions[0] or second.captions[0].startswith("學生在教室裡")
    assert second.cross_references == ("南部某國小午餐改用環保餐具 學生家長都說好",)


def test_section_headers_with_a_link_to_more_end_the_item_above():
    parsed = page("s5t_section_more_headers.txt", D(2025, 3, 17))
    assert titles(parsed) == ["追不上時代步伐 電台宣布停播", "有序減校應對學童減少 縮班救校有違學生利益"]
    assert parsed.articles[1].section == "社論"


def test_a_photos_caption_printed_over_its_storys_title_is_that_storys():
    parsed = page("s5t_caption_over_title.txt", D(2025, 4, 25))
    assert titles(parsed) == ["閱讀日讀書分享會", "鄉村足球熱"]
    first, second = parsed.articles
    assert first.captions == ("4月23日是本港第一個全民閱讀日,不少市民參加相關活動。(政府新聞處)",)
    assert second.captions == ("今年第二屆鄉村足球賽有六十多隊參賽。(資料圖片)",)
    assert first.source is None and second.source is None


def test_a_closing_credit_in_brackets_is_no_caption_over_the_next_title():
    text = "城东新建一座图书馆\n本报讯 昨天,城东新图书馆开馆,首日接待读者两千人次。(王明)\n城西公园改造完工\n本报讯 昨天,城西公园改造工程完工,新增绿地一万平方米,市民可以免费进入游玩。\n"
    first, second = parse_page_bytes(text.encode(), "x", issue_date=D(2025, 4, 25)).articles
    assert [b.name for b in first.bylines] == ["王明"] and not second.captions


def test_two_columns_read_across_are_read_one_after_the_other():
    parsed = page("s5t_two_columns_interleaved.txt", D(2025, 5, 10))
    assert titles(parsed) == ["城南新添三座口袋公园", "运河边老厂房变身文创街区"]
    first, second = parsed.articles
    assert [b.name for b in first.bylines] == ["王明"] and [b.name for b in second.bylines] == ["陈刚"]
    assert first.paragraphs[0].endswith("新建的口袋公园正式向市民开放。这三座公园利用街角闲置地块改造而成。")
    assert (first.dateline, second.dateline) == (D(2025, 5, 9), None)


def test_a_lists_source_and_time_lines_over_each_title_are_no_titles():
    parsed = page("s5t_latin_meta_over_titles.txt", D(2023, 5, 27))
    assert titles(parsed) == [
        "警方拘捕男子 檢獲八十張偽鈔",
        "搶包山|新人首次奪冠 衛冕者落敗",
        "立法會選舉|提名期展開多個政黨參選人陸續報名",
    ]


def test_summaries_cut_short_with_an_ellipsis_each_end_an_item():
    text = (
        "即時報道\n"
        "議員促當局交代山體保護進展 政府:修復工作有序進行\n"
        "直選議員在書面質詢中關注北區規劃詳細情況,問到區內山體的發展方向和保護進展,工務局回覆指當局重視保護⋯\n"
        "東亞運大馬路六車相撞 兩名傷者送院\n"
        "據治安警察局消息,今日下午東亞運大馬路發生一宗交通意外,涉及四輛私家車、一輛電單車與一輛旅遊巴士⋯\n"
    )
    parsed = parse_page_bytes(text.encode(), "x", issue_date=D(2024, 3, 13))
    assert titles(parsed) == ["議員促當局交代山體保護進展 政府:修復工作有序進行", "東亞運大馬路六車相撞 兩名傷者送院"]


def test_a_lists_title_with_its_day_and_writer_after_it_is_split_from_them():
    from articles.parsing.page import _unflatten

    assert _unflatten("澳門藝術節五月舉行 展演十九套節目 2024年03月13日|文:採訪組") == [
        "澳門藝術節五月舉行 展演十九套節目",
        "2024年03月13日",
        "文:採訪組",
    ]
