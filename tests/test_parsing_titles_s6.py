"""Titles and article boundaries on first contact (session 6, s6-titles). Fixtures in
tests/fixtures/pages/s6t_*.txt, written in our own words in the shapes real pages print."""

from __future__ import annotations

import datetime as dt

from fixture_pages import parse_fixture, titles

D = dt.date


def page(name: str, issue_date=D(2025, 10, 2)):
    return parse_fixture(name, issue_date)


def test_numbered_photos_under_one_headline_are_one_photo_story():
    parsed = page("s6t_numbered_photos_one_title.txt")
    assert titles(parsed) == ["运河边的秋日", "湖滨步道的银杏黄了", "城西新开一家社区食堂"]
    first, second, third = parsed.articles
    assert first.photo_credits == ("记者 张强 摄", "记者 张强 摄", "记者 李华 摄")
    assert first.bylines == () and second.bylines == ()
    assert len(second.photo_credits) == 2
    # the last caption of a series is no caption of the story under it
    assert [b.name for b in third.bylines] == ["王明"]
    assert third.captions == () and third.dateline == D(2025, 10, 1)


def test_pdf_text_of_three_columns_read_across():
    parsed = page("s6t_three_columns_interleaved.txt")
    assert titles(parsed) == ["老城区三条背街小巷完成改造", "城西社区食堂开门迎客", "运河夜游新增两条线路"]
    assert [[b.name for b in a.bylines] for a in parsed.articles] == [["王明"], ["李华"], ["陈刚", "周丽"]]
    first, second, third = parsed.articles
    assert "".join(first.paragraphs).endswith("出门再也不用踩水坑了。")
    assert "".join(second.paragraphs).endswith("老年人凭卡就餐可享受八折优惠。")
    assert "".join(third.paragraphs).endswith("每晚运行至十点。")


def test_a_papers_page_head_at_the_top_is_no_title():
    parsed = page("s6t_page_head_top.txt")
    assert titles(parsed) == ["城郊万亩稻田开镰收割 今年亩产预计超过六百公斤", "全市秋粮收购工作启动"]
    assert (parsed.page_label, parsed.page_section) == ("5", "要闻")
    assert [(c.role, c.names) for c in parsed.credits] == [("责任编辑", ("王芳",)), ("版式", ("李强",))]
    first = parsed.articles[0]
    # the editor's note over the title goes with the story under it, not as its own item
    assert first.editor_note.startswith("【编者按】") or "秋收时节" in first.editor_note
    assert [b.name for b in first.bylines] == ["陈刚"] and first.dateline == D(2025, 10, 1)


def test_a_photo_page_titled_photos_and_untitled_captions_each_an_item():
    parsed = page("s6t_photo_page_captions.txt")
    assert titles(parsed) == ["桂花开了", "湖面上的白鹭", "(from lead)", "(from lead)"]
    first, second, third, fourth = parsed.articles
    assert first.bylines == () and first.photo_credits == ("王明 摄",)
    # a titled photo whose caption is all its text: the caption is the text, not a caption
    assert second.paragraphs == ("昨天清晨,几只白鹭在湖面上低飞觅食,构成一幅生动的秋景图。",)
    assert [b.name for b in second.bylines] == ["李华"]
    assert third.dateline == D(2025, 9, 30) and third.photo_credits == ("通讯员 张伟 摄",)
    assert fourth.paragraphs == ("国庆假期首日,古运河畔的游船码头迎来客流高峰。",)
    assert fourth.photo_credits == ("周丽 摄",)


def test_bracketed_dispatches_under_titles_wrapped_over_two_lines():
    parsed = page("s6t_bracketed_dispatch_titles.txt")
    assert titles(parsed) == ["新山华社举办 中秋提灯晚会", "居銮图书馆 延长开放时间"]
    assert parsed.page_label == "C3"
    first, second = parsed.articles
    assert first.paragraphs[0].startswith("(新山1日讯)")
    assert [a.dateline for a in parsed.articles] == [D(2025, 10, 1), D(2025, 9, 30)]
    assert second.section == "简讯"


def test_a_page_label_and_date_line_printed_again_between_items():
    parsed = page("s6t_repeated_page_label_items.txt")
    assert titles(parsed) == ["老街的秋天", "外婆的桂花糕", "一封旧信"]
    assert all(len(a.paragraphs) == 1 for a in parsed.articles)


def test_html_headings_are_lines_and_a_related_story_under_its_own_source_line_is_an_item():
    parsed = page("s6t_html_heading_related.txt")
    assert titles(parsed) == ["城东新建两座人行天桥 本月底投用", "全省今年将新建百座过街设施"]
    first, second = parsed.articles
    assert [b.name for b in first.bylines] == ["王明"] and first.dateline == D(2025, 10, 1)
    assert second.paragraphs[0].startswith("9月30日") and second.dateline == D(2025, 9, 30)
    assert not any("<" in p for a in parsed.articles for p in a.paragraphs)


def test_a_sites_list_of_what_it_offers_over_its_items_is_no_item():
    parsed = page("s6t_site_tagline_list.txt")
    assert titles(parsed) == ["市政署下月起延長公園開放時間", "氹仔新增三條巴士路線 連接多個新屋苑"]
    assert parsed.articles[0].paragraphs[0].startswith("市政署今(2)日宣布")


def test_a_bulleted_headline_list_ends_at_the_first_unmarked_line():
    parsed = page("s6t_bulleted_headline_list.txt")
    assert titles(parsed) == ["赏秋新去处 城中公园菊花展开幕 两百余个品种等你来看", "老街新开一家书店"]
    first, second = parsed.articles
    assert (first.kicker, first.subheadline, first.section) == ("赏秋新去处", "两百余个品种等你来看", "城事")
    # a story with its byline in the lead ends at its photo and cross-reference: the next title
    # over a paragraph closed by its writer is the next item
    assert first.cross_references == ("相关报道见A3版",)
    assert [b.name for b in second.bylines] == ["周丽"]


def test_lead_summaries_each_under_its_posting_time_are_items():
    parsed = page("s6t_lead_summaries_stamps.txt")
    assert titles(parsed) == ["(from lead)", "(from lead)"]
    assert all(a.paragraphs[0].startswith("【本報消息】") for a in parsed.articles)


def test_paragraphs_opening_with_reporters_and_place_in_brackets_are_items_under_their_titles():
    parsed = page("s6t_names_place_openings.txt")
    assert titles(parsed) == ["老街百年祠堂 居民盼修復", "車站服務升級 旅客讚便利"]
    assert parsed.articles[1].paragraphs == ("【李志強 林美華 花蓮】 台鐵花蓮站完成服務升級工程,新增無障礙電梯及多語言指示牌,不少旅客表示出行更加便利。",)


def test_pdf_titles_over_three_short_lines_and_a_two_line_title_after_a_finished_story():
    parsed = page("s6t_pdf_titles_no_lead.txt")
    assert titles(parsed) == ["新馬路燈飾 周六亮燈 配合國慶營造節日氣氛", "望廈老樹 移植完成"]
    first, second = parsed.articles
    assert first.section == "澳聞" and first.paragraphs[0].startswith("【本報消息】")
    assert [b.name for b in second.bylines] == ["陳美玲"] and second.dateline == D(2025, 10, 1)


def test_a_titled_photo_after_a_wire_story_is_an_item_of_its_own():
    parsed = page("s6t_titled_photo_after_story.txt")
    assert titles(parsed) == [
        "倒计时4天 本市小将全运会前最后热身 “冲金”状态正佳",
        "全国游泳锦标赛 本省队收获两金",
        "湖畔 桨板少年",
    ]
    photo = parsed.articles[2]
    assert photo.photo_credits == ("张强 摄",) and photo.dateline == D(2025, 9, 28)
    assert photo.paragraphs and photo.paragraphs[0].startswith("9月28日")


def test_pdf_text_with_two_columns_side_by_side_on_each_line():
    parsed = page("s6t_side_by_side_columns.txt")
    assert titles(parsed) == ["新城一带组屋 外墙翻新提前完工", "少年骑电动车撞伤路人 被判社区服务"]
    first, second = parsed.articles
    text = "".join(first.paragraphs)
    assert "比原定时间提前一个月完工" in text and text.endswith("现在终于安静了。”")
    assert "".join(second.paragraphs).startswith("陈志强 报道一名17岁少年") or "一名17岁少年星期二(9月30日)在法院被判社区服务" in "".join(second.paragraphs)
    assert not any("编辑" in p for a in parsed.articles for p in a.paragraphs)
    assert [(c.role, c.names) for c in parsed.credits] == [("编辑", ("王美玲",)), ("美术", ("张家豪",))]


def test_a_serials_instalment_number_and_its_to_be_continued_note():
    parsed = page("s6t_serial_instalment.txt")
    assert titles(parsed) == ["巷口的豆腐坊", "桂花糖"]
    first, second = parsed.articles
    assert "(十二)" in first.byline_printed and [b.name for b in first.bylines] == ["陈明远"]
    assert first.paragraphs[-1] == "(未完待续)"  # (it closes the instalment, no kicker of the next title)
    assert [b.name for b in second.bylines] == ["孙丽"]


def test_a_breadcrumb_over_a_title_that_exclaims_is_the_sites():
    (story,) = page("s6t_breadcrumb_over_title.txt").articles
    assert story.headline == "“这才是我们的家乡!”"
    assert story.paragraphs[0].startswith("短短五天的时间")


def test_an_ads_box_between_items_is_no_title_and_no_item():
    parsed = page("s6t_ad_between_items.txt")
    assert titles(parsed) == ["城西新建两座口袋公园", "古城:夜游项目国庆上新"]
    first, second = parsed.articles
    assert [b.name for b in first.bylines] == ["王川"]
    assert first.paragraphs[-1].startswith("【广告】")  # (kept as printed, after the story it follows)
    assert second.paragraphs[0].startswith("近日,古城景区")
