"""Credits read by cause, not by page (issue 10, session 4): who wrote a story, who took its
photos, and whose copy it is, in the shapes first-contact pages got wrong. Fixtures in
tests/fixtures/pages/credits_s4_*.txt are written in our own words, in the shapes real pages
print."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from articles.parsing import parse_page_bytes
from articles.parsing.bylines import (
    is_photo_credit,
    marked_parts_at_end,
    parse_byline_text,
    reported_dispatches,
    take_photo_credits,
)

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
ISSUE = dt.date(2025, 3, 14)


def page(name: str, issue_date=ISSUE):
    return parse_page_bytes((PAGES / name).read_bytes(), name, issue_date=issue_date)


def names(article):
    return [b.name for b in article.bylines]


# --------------------------------------------------------------------------- photographers


def test_a_photographer_on_a_line_of_his_own_under_the_writer_is_a_photo_credit():
    (article,) = page("credits_s4_photographer_line.txt").articles
    assert names(article) == ["林晓"]  # `□记者 林晓/文` wrote it
    assert article.photo_credits == ("高建/图",)  # `高建/图` took the picture: no byline
    # `(见右图)` points at the photo; it names no photographer
    assert "见右图" not in " ".join(article.photo_credits)


def test_a_web_copy_whose_author_field_names_the_photographer_has_no_writer():
    (article,) = page("credits_s4_web_photo_author.txt").articles
    assert article.bylines == ()
    assert any("钱明远" in c for c in article.photo_credits)


def test_words_ending_in_tu_are_photo_credits_only_when_they_name_someone():
    assert is_photo_credit("张志嵩/图")
    assert is_photo_credit("摄影 记者 冯玉坤")
    assert not is_photo_credit("示意图")
    assert not is_photo_credit("见右图")
    assert not is_photo_credit("王建成 文/图")  # the writer took the photos too: a byline
    assert take_photo_credits("示意图") == ("示意图", ())


def test_the_credits_after_the_last_sentence_split_by_what_each_did():
    (article,) = page("credits_s4_parts_after_text.txt").articles
    assert names(article) == ["方雯"]  # `方雯 整理`: who wrote it up
    assert article.photo_credits == ("钱丰 图",)
    assert article.paragraphs[-1].endswith("成为时代的记忆。")
    # a sentence's last words are no credits
    assert marked_parts_at_end("他来了。他说 文") is None


# --------------------------------------------------------------------------- who is a person


def test_the_newsroom_and_app_named_before_the_reporters_are_no_people():
    (article,) = page("credits_s4_newsroom_before_role.txt").articles
    assert [(b.name, b.role) for b in article.bylines] == [("赵明远", "记者"), ("孙晓", "通讯员")]
    assert not article.paragraphs[-1].startswith("(")


def test_a_correspondent_that_is_a_units_abbreviation_is_no_byline():
    (article,) = page("credits_s4_unit_correspondent.txt").articles
    assert names(article) == ["周立"]  # `通讯员 城南综`: a unit's office, not a person
    # a name with 综 (compiled by) after it is still the name
    assert [b.name for b in parse_byline_text("(李明综)")[0]] == ["李明"]


def test_any_newsrooms_reporter_glued_to_the_name_is_read():
    (article,) = page("credits_s4_glued_newsroom_role.txt").articles
    assert names(article) == ["吴静", "盛林"]
    assert article.paragraphs[-1].endswith("最后一场考试。")


def test_a_portals_copy_of_a_papers_lead_credits_its_reporters():
    (article,) = page("credits_s4_syndicated_lead.txt").articles
    assert article.headline == "省代表团今日启程赴京"  # the web table's bars are no title
    assert names(article) == ["王力", "庞涛", "钟蓓"]  # after the team's name, the reporters


def test_an_author_field_with_where_it_was_printed_names_the_writer():
    (article,) = page("credits_s4_printed_author_field.txt").articles
    assert article.headline == "从读者到作者"
    assert names(article) == ["钟远山"]


# --------------------------------------------------------------------------- Traditional pages


def test_a_papers_name_glued_to_the_last_reporter_is_cut_off():
    (article,) = page("credits_s4_trad_glued_paper.txt").articles
    assert names(article) == ["王大明", "李小華", "陳立"]


def test_reporters_filed_from_a_place_with_a_name_the_page_could_not_print():
    (article,) = page("credits_s4_trad_place_reporters.txt").articles
    assert names(article) == ["張文", "鄭□", "黃有容"]  # the box kept as printed


# --------------------------------------------------------------------------- sources


def test_a_photo_the_agency_distributed_credits_the_agency():
    (article,) = page("credits_s4_distributed_photo.txt").articles
    assert article.source == "新华社"
    assert article.bylines == ()
    assert parse_byline_text("……拍照留念。(中新社发)") == ((), "中新社")


def test_a_page_wide_credit_after_the_last_item_is_every_items_source():
    articles = page("credits_s4_page_wide_credit.txt").articles
    assert [a.headline for a in articles] == ["长沙举行志愿服务主题活动", "江西一座老烟囱被拆除", "广州举行义剪筹款活动"]
    assert [a.source for a in articles] == ["新华社"] * 3
    assert "本版图片" not in articles[-1].paragraphs[-1]


# --------------------------------------------------------------------------- where credits stand


def test_a_briefs_writer_straight_after_its_last_full_stop():
    (article,) = page("credits_s4_name_after_full_stop.txt").articles
    assert names(article) == ["钱媛"]
    assert article.paragraphs[-1].endswith("前来。")


def test_two_names_set_apart_after_the_last_sentence_need_one_surname_between_them():
    (article,) = page("credits_s4_pen_name_pair.txt").articles
    assert names(article) == ["苇岸", "庄建"]  # 苇岸 is a pen name
    assert article.paragraphs[-1].endswith("母女终于团聚。")


def test_a_dispatch_that_starts_inside_a_paragraph_credits_its_reporters():
    (article,) = page("credits_s4_dispatch_mid_paragraph.txt").articles
    assert names(article) == ["石磊", "何平"]
    # `据本报记者张三报道:` in a sentence is a quotation, not the story's credit
    assert reported_dispatches("他说。据本报记者张三报道:昨天") == []


def test_a_joint_report_of_an_agency_and_the_paper_is_the_papers_own():
    (article,) = page("credits_s4_joint_report.txt").articles
    assert [(b.name, b.role) for b in article.bylines] == [("徐立", "新华社记者"), ("鲁明", "记者")]
    assert article.source is None


def test_a_byline_line_whose_commas_were_doubled_by_a_copy():
    (article,) = page("credits_s4_doubled_commas.txt").articles
    assert names(article) == ["陳嘉", "王祥", "吳康"]
    assert article.source == "新华社"


def test_a_portals_topic_link_after_the_byline_is_no_text():
    (article,) = page("credits_s4_portal_topic_link.txt").articles
    assert article.headline == "代表数字信息亭"
    assert names(article) == ["丁立", "孟环"]
    assert "相关专题" not in " ".join(article.paragraphs)
    assert article.cross_references == ("相关专题:2004本市“两会”",)


def test_an_agency_dispatch_without_a_date_credits_the_agency():
    (article,) = page("credits_s4_undated_agency_dispatch.txt").articles
    assert article.source == "新华社"
    assert names(article) == ["刘远"]


def test_the_reporter_after_a_dispatchs_own_title():
    (article,) = page("credits_s4_wire_title_then_credit.txt").articles
    assert [(b.name, b.role) for b in article.bylines] == [("卜宇", "中新社记者")]
    assert article.source == "中新社"


def test_a_traditional_byline_with_the_box_drawing_slash():
    (article,) = page("credits_s4_trad_box_slash.txt").articles
    assert names(article) == ["張大明", "李小華", "王五"]  # `記者…╱台北報導`


def test_a_bracketed_report_line_of_its_own_is_a_byline_not_a_title():
    (article,) = page("credits_s4_trad_report_line.txt").articles
    assert article.headline == "颱風逼近 全台嚴陣以待"
    assert names(article) == ["張大明"]


def test_a_credit_line_naming_the_writer_and_the_photographer_apart_by_spaces():
    (article,) = page("credits_s4_writer_and_photographer_spaced.txt").articles
    assert article.headline == "市区新增三处口袋公园"  # the credit line is no part of the title
    assert [(b.name, b.role) for b in article.bylines] == [("张明", "记者")]
    assert article.photo_credits == ("李海 摄",)


def test_a_bracketed_credit_opening_the_text_without_a_lead_mark():
    (article,) = page("credits_s4_opening_bracket_credit.txt").articles
    assert [(b.name, b.role) for b in article.bylines] == [("张明", "记者"), ("李海", "通讯员")]


def test_a_name_alone_under_a_title_of_two_lines_is_the_writer():
    (article,) = page("credits_s4_name_under_two_line_title.txt").articles
    assert names(article) == ["梅文迪"]
    assert "梅文迪" not in "".join(article.paragraphs)


def test_a_marked_byline_after_the_last_sentence_before_the_sites_own_words():
    (article,) = page("credits_s4_marked_byline_before_site_words.txt").articles
    assert names(article) == ["朱文朗"]
    assert "朱文朗" not in "".join(article.paragraphs)


# --------------------------------------------------------------------------- more credit shapes


def test_reporters_and_where_they_filed_from_without_a_role():
    (article,) = page("credits_s4_trad_reporters_no_role.txt").articles
    assert article.headline == "颱風逼近 全台嚴陣以待"
    assert names(article) == ["張大明", "李小華"]  # `張大明、李小華／台北報導` (中國時報's form)


def test_a_news_mark_in_brackets_then_the_reporters_and_their_place():
    (article,) = page("credits_s4_trad_news_mark_reported.txt").articles
    assert names(article) == ["張大明", "李小華"]  # `【本報消息】記者甲、乙澳門報道：` (the place cut off)
    assert [b.name for b in reported_dispatches("。 记者何勇济南报道:国庆期间")[0][0]] == ["何勇"]
    assert [b.name for b in reported_dispatches("。 记者欧阳明月报道:今天")[0][0]] == ["欧阳明月"]


def test_an_own_mark_then_roles_and_names_without_brackets():
    (article,) = page("credits_s4_own_mark_credit.txt").articles
    assert [(b.name, b.role) for b in article.bylines] == [("张明", "记者"), ("李海", "通讯员")]


def test_reporters_who_wrote_it_and_took_the_photos():
    (article,) = page("credits_s4_writers_took_photos.txt").articles
    assert [(b.name, b.role) for b in article.bylines] == [("张明", "记者"), ("李海", "通讯员")]
    assert article.photo_credits == ()


def test_parts_named_with_colons_split_writer_and_photographer():
    (article,) = page("credits_s4_colon_parts.txt").articles
    assert names(article) == ["张明"]
    assert any("李海" in c for c in article.photo_credits)


def test_a_marked_writer_with_a_note_on_who_they_are():
    (article,) = page("credits_s4_writer_with_note.txt").articles
    assert names(article) == ["王海"]


def test_a_bracket_credit_of_a_photo_report_names_its_writers():
    (article,) = page("credits_s4_photo_report_bracket.txt").articles
    assert [(b.name, b.role) for b in article.bylines] == [("严明", "记者"), ("严佳", "通讯员"), ("姚莹", "通讯员")]



# --------------------------------------------------------------------------- agencies and what was done


def test_an_agency_reporters_dispatch_without_brackets():
    (article,) = page("credits_s4_trad_unbracketed_dispatch.txt").articles
    assert [(b.name, b.role) for b in article.bylines] == [("張大明", "中央社记者")]
    assert article.source == "中央社"


def test_a_translator_credited_in_brackets_writes_the_story():
    (article,) = page("credits_s4_trad_translator.txt").articles
    assert [(b.name, b.role) for b in article.bylines] == [("張大明", "编译")]


def test_an_agency_named_after_the_place_it_files_from():
    (article,) = page("credits_s4_trad_agency_after_place.txt").articles
    assert article.source == "中通社"  # `香港中通社`: the agency, not the place


def test_a_wire_credit_then_its_reporter_in_one_bracket():
    (article,) = page("credits_s4_wire_then_reporter.txt").articles
    assert article.source == "新华社"  # not `新华社电 记者张明`
    assert names(article) == ["张明"]


def test_what_the_named_did_with_the_copy_is_no_name():
    (article,) = page("credits_s4_what_they_did.txt").articles
    assert names(article) == ["张明"]  # `(记者 张明 编译)`: 编译 is no one
    assert [b.name for b in parse_byline_text("……。(张三 整理)")[0]] == ["张三"]
    assert [b.name for b in parse_byline_text("……。(本报记者 张三 综合)")[0]] == ["张三"]


def test_agencies_combined_at_the_opening_and_an_agency_alone_at_the_end():
    (article,) = page("credits_s4_trad_combined_agencies.txt").articles
    assert article.source == "新华社、中通社"
    assert parse_byline_text("……登陸。（中央社）") == ((), "中央社")


# --------------------------------------------------------------------------- credits opening or closing the text


def test_a_traditional_report_credit_opening_the_text_on_its_line():
    (article,) = page("credits_s4_trad_report_opens_text.txt").articles
    assert names(article) == ["王大明"]  # `記者王大明∕台北報導 中央氣象局…` (∕: another slash)
    assert article.paragraphs[0].startswith("中央氣象局")


def test_a_reporters_credit_opening_the_text_on_its_line():
    (article,) = page("credits_s4_credit_opens_text.txt").articles
    assert [(b.name, b.role) for b in article.bylines] == [("胡明", "记者")]
    assert article.paragraphs[0].startswith("2月27日")


def test_an_agencys_desk_note_names_the_translator_not_the_checker():
    (article,) = page("credits_s4_trad_desk_note.txt").articles
    assert [(b.name, b.role) for b in article.bylines] == [("顧大明", "译者")]  # 核稿 checks: no byline
    assert article.paragraphs[-1] == "日本政府表示將密切關注。"


def test_a_writers_name_and_what_they_are_on_a_line_under_the_title():
    (article,) = page("credits_s4_name_and_affiliation_line.txt").articles
    assert names(article) == ["孙宝明"]  # `孙宝明 某农业大学教授`
    assert article.paragraphs[0].startswith("我是这份报纸的老读者了")


def test_a_papers_correspondent_abroad():
    (article,) = page("credits_s4_trad_correspondent.txt").articles
    assert [b.name for b in article.bylines] == ["李春"]  # `香港特派員李春/香港報導/聯合報`


def test_a_credit_before_the_sites_page_links_and_footer():
    (article,) = page("credits_s4_credit_before_nav_footer.txt").articles
    assert names(article) == ["张明", "杨琳"]
    assert article.paragraphs == ("昨天,一位市民在公园捡到一部手机,交给了管理处。失主找来时连声道谢。",)


def test_a_photo_the_agency_distributed_with_a_space_in_the_credit():
    (article,) = page("credits_s4_distributed_spaced.txt").articles
    assert article.source == "新华社"  # `新华社 发(杨武 摄)`
    assert article.photo_credits == ("杨武 摄",)


# --------------------------------------------------------------------------- no byline invented


def test_a_form_of_address_after_the_last_sentence_is_no_writer():
    (article,) = page("credits_s4_no_byline_address.txt").articles
    assert article.bylines == ()  # `……”张阿姨`: someone in the story
    assert article.paragraphs[-1].endswith("张阿姨")


def test_places_set_apart_after_the_text_are_no_writers():
    (article,) = page("credits_s4_no_byline_places.txt").articles
    assert article.bylines == ()
    assert "高新区" in "".join(article.paragraphs)


def test_notes_in_brackets_that_name_no_writer():
    assert parse_byline_text("……合影。(左一为李明)") is None  # who stands where in the photo
    assert parse_byline_text("……再建五处。(记者 手记)") is None
    assert parse_byline_text("……再建五处。(中新社)") == ((), "中新社")


def test_a_database_items_credit_for_two_newsrooms_and_a_correspondent():
    (article,) = page("credits_s4_database_joint_credit.txt").articles
    assert [(b.name, b.role) for b in article.bylines] == [
        ("李大伟", "新华社记者"), ("黄秋明", "新华社记者"), ("陈理春", "通讯员"), ("任之", "记者"),
    ]
    assert article.source is None  # the agency's and the paper's reporters together: the paper's own


def test_a_desk_note_without_its_code():
    (article,) = page("credits_s4_trad_desk_note_no_code.txt").articles
    assert [(b.name, b.role) for b in article.bylines] == [("張大明", "译者")]
    assert article.paragraphs[-1] == "氣象局表示,颱風預計明天登陸。"


def test_fields_with_bars_name_the_writer_not_the_editor():
    (article,) = page("credits_s4_pipe_fields.txt").articles
    assert names(article) == ["张明"]  # `作者 | 张明 编辑 | 李海`


def test_a_credit_line_ending_in_reported_at_the_end():
    (article,) = page("credits_s4_reported_line_at_end.txt").articles
    assert names(article) == ["张明", "李海", "王涛"]  # 报道 is no one


def test_a_byline_in_title_brackets_on_the_last_line_closes_the_story():
    (article,) = page("credits_s4_bracketed_byline_line.txt").articles
    assert [(b.name, b.role) for b in article.bylines] == [("张明", "记者")]  # `【记者 张明】`: no new article


def test_a_lead_mark_glued_to_a_reporter_and_a_correspondent():
    (article,) = page("credits_s4_glued_lead_two_roles.txt").articles
    assert [(b.name, b.role) for b in article.bylines] == [("柯明", "记者"), ("杨文", "通讯员")]


def test_what_the_last_writer_did_glued_to_the_name():
    (article,) = page("credits_s4_glued_done_word.txt").articles
    assert names(article) == ["尚文", "刘梦", "赵斌艺"]  # `…、赵斌艺整理`


def test_a_writers_name_then_where_the_piece_was_printed():
    (article,) = page("credits_s4_name_where_printed.txt").articles
    assert names(article) == ["董兴生"]  # a byline, not a title
    assert article.headline_from_lead
