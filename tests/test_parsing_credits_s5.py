"""Credits, sources and dates (issue 10, session 5): the answers' conventions (writer-s5.md, "The
answers") where earlier behaviour differed, and shapes of web copies and e-paper pages. Fixtures in
tests/fixtures/pages/credits_s5_*.txt and dates_s5_*.txt are written in our own words, in the
shapes real pages print."""

from __future__ import annotations

import datetime as dt

import pytest

from articles.parsing import parse_page_bytes
from articles.parsing.bylines import split_credit, web_outside_source
from articles.parsing.datelines import lead_sentence_date, read_dateline, resolve
from fixture_pages import names, parse_fixture

D = dt.date
ISSUE = D(2025, 1, 10)  # a Friday


def page(name: str, issue_date=ISSUE):
    return parse_fixture(name, issue_date)


def by_headline(name: str, issue_date=ISSUE) -> dict:
    return {a.headline: a for a in page(name, issue_date).articles}


# --------------------------------------------------------------------------- web copies


def test_a_web_editor_after_the_writer_hides_no_byline_and_a_papers_own_mark_is_no_source():
    (story,) = page("credits_s5_web_copy_editor.txt", D(2006, 5, 12)).articles
    assert story.headline == "老街夜市开张了"
    # `……延长一小时。王晓东` then `(编辑 李木)`: the writer, not the editor
    assert names(story) == ["王晓东"]
    # `【金陵晚报报道】` is the paper's own report on a portal's copy, as 本报讯 is
    assert story.source is None
    assert story.dateline == D(2006, 5, 11)
    assert not any("李木" in p or "王晓东" in p for p in story.paragraphs)


def test_a_reposts_source_line_naming_an_outside_site_is_the_source():
    (story,) = page("credits_s5_repost_outside_source.txt", D(2025, 1, 9)).articles
    assert story.headline == "梅园花展开幕 早春游客踏青忙"
    assert story.source == "中国江苏网"
    # `(周莉 文/钱明、孙涛 摄)`: the writer, then the photographers
    assert names(story) == ["周莉"]
    assert story.photo_credits == ("钱明、孙涛 摄",)
    # the link to the original and the site's service line are the site's, not the story's
    assert not any("原文地址" in p or "客服" in p for p in story.paragraphs)


@pytest.mark.parametrize(
    "named, source",
    [
        ("中国江苏网", "中国江苏网"),
        ("新华社", "新华社"),
        ("扬州晚报", None),  # the paper that printed it
        ("南京报业网", None),  # a paper group's own site
        ("紫牛新闻", None),  # a paper's own app
    ],
)
def test_which_source_lines_name_an_outside_outlet(named, source):
    assert web_outside_source(named) == source


def test_a_reporter_in_a_web_meta_line_without_a_colon():
    (story,) = page("credits_s5_meta_reporter.txt").articles
    assert story.headline == "全国冬季运动会将在哈尔滨举行"
    assert [(b.name, b.role) for b in story.bylines] == [("钱立明", "记者")]
    assert (story.source, story.dateline) == ("新华社", D(2025, 1, 9))


def test_writer_then_photographers_after_a_slash():
    assert split_credit("韩玲 文/宗晓东、吕枫 摄")[0][0].name == "韩玲"
    assert split_credit("韩玲 文/宗晓东、吕枫 摄")[1] == ("宗晓东、吕枫 摄",)
    # `文/NAME 图/NAME`: the slash still names the writer after it
    writers, photos = split_credit("文/张三 图/李四")
    assert [b.name for b in writers] == ["张三"] and photos == ("李四 摄",)


def test_names_after_the_last_sentence_close_an_item_of_a_column():
    items = page("credits_s5_names_close_item.txt").articles
    assert len(items) == 2
    assert names(items[0]) == ["陈晓燕", "吴立新"]
    assert items[1].headline == "城北举办交通安全进社区活动"
    assert names(items[1]) == ["陈晓燕", "周卫国"]
    assert [a.dateline for a in items] == [D(2025, 1, 8), D(2025, 1, 8)]


# --------------------------------------------------------------------------- dates


def test_a_weekday_dates_the_report_in_the_issues_week_or_the_one_before():
    articles = by_headline("dates_s5_weekdays.txt")
    assert articles["市政府部署春节前安全生产工作"].dateline == D(2025, 1, 8)  # 周三 before a Friday issue
    assert articles["图书馆新馆试运行"].dateline == D(2025, 1, 3)  # 上周五
    assert articles["社区开设“周三课堂”"].dateline is None  # 每周三: a routine
    assert articles["迎春灯会下周亮灯"].dateline is None  # 下周一: still to come


@pytest.mark.parametrize(
    "sentence, date",
    [
        ("星期天晚上,老城区一处民房起火。", D(2025, 1, 5)),
        ("本周二在北京召开了座谈会。", D(2025, 1, 7)),
        ("周一至周五,窗口延长服务时间。", None),  # a span of days
        ("展览将于周六开幕。", None),  # set for what is to come
        ("周一鸣表示,项目进展顺利。", None),  # a person's name
    ],
)
def test_weekday_forms(sentence, date):
    assert resolve(lead_sentence_date(sentence), ISSUE) == date


def test_only_the_first_sentence_of_a_lead_dates_it():
    articles = by_headline("dates_s5_lead_sentence.txt")
    # a question is the lead's first sentence: 昨天 in the second one gives no date
    assert articles["小区门口的长队"].dateline is None
    # so is a line of matched halves longer than four and four
    assert articles["游子回乡看变化"].dateline is None
    # `近日,…举办。` is the lead (no slogan before it): the day in the next paragraph is no date
    assert articles["少年研学营来锡"].dateline is None
    # a range: its first day
    assert articles["读书节在市图书馆举行"].dateline == D(2025, 1, 8)
    # `记者今天从…获悉`: 今天 is the issue's day
    assert articles["中小学寒假安排出炉"].dateline == ISSUE


@pytest.mark.parametrize(
    "lead, date",
    [
        ("财经事务局局长今日(2日)在社交媒体发文,指出经济向好。", D(2024, 5, 2)),  # 今日(2日)
        ("图为两位青年职工在书屋里边看书边交流(4月30日摄)。", D(2024, 4, 30)),  # a photo's own day
        ("一名男子今天自一座大厦坠楼,经送医抢救无效死亡。", D(2024, 5, 2)),
    ],
)
def test_day_forms_in_a_lead_sentence(lead, date):
    assert resolve(lead_sentence_date(lead), D(2024, 5, 2)) == date


def test_a_dispatch_day_still_beats_a_weekday_and_a_reporter_named_like_one_is_no_day():
    assert resolve(read_dateline("新华社北京1月8日电 周三上午,会议召开。"), ISSUE) == D(2025, 1, 8)
    assert resolve(read_dateline("本报讯(记者 周三) 昨天上午,会议召开。"), ISSUE) == D(2025, 1, 9)


# --------------------------------------------------------------------------- the brief's shapes


def test_short_agency_names_and_a_pen_name():
    wire, two, essay = page("credits_s5_short_agencies_pen_name.txt").articles
    # `(路透)`, `(法新/美联)`: the agencies' short names close their copy
    assert (wire.source, wire.bylines, wire.dateline) == ("路透社", (), D(2025, 1, 8))
    assert two.source == "法新社、美联社"
    # `晓晖` alone after the last paragraph: a pen name needs no surname
    assert (essay.headline, names(essay), essay.source) == ("冬日的河", ["晓晖"], None)
    assert essay.paragraphs[-1].endswith("河还是那条河。")


def test_credits_with_colons_glued_to_the_text_and_a_units_credit():
    first, second, third = page("credits_s5_glued_colon_credits.txt").articles
    # `特约记者:包晓玉通讯员:田聪 近日,…`: the roles with colons, then the story
    assert [(b.name, b.role) for b in first.bylines] == [("包晓玉", "特约记者"), ("田聪", "通讯员")]
    assert first.paragraphs[0].startswith("近日,城南派出所")
    assert first.dateline is None  # 近日
    # `记者:王明通讯员:李新昨天上午,…`: the last name ends where the story's time begins
    assert [(b.name, b.role) for b in second.bylines] == [("王明", "记者"), ("李新", "通讯员")]
    assert second.dateline == D(2025, 1, 9)
    # in the lead after 本报讯; `(通讯员 锡卫宣)` names a unit (无锡卫生宣传), no person
    assert [(b.name, b.role) for b in third.bylines] == [("张红", "记者"), ("刘思远", "实习生")]
    assert third.dateline == ISSUE
    assert not any("锡卫宣" in p for p in third.paragraphs)


@pytest.mark.parametrize(
    "credit, people",
    [
        ("记者 王明 通讯员 锡公宣", ["王明"]),  # 无锡公安宣传: a unit
        ("通讯员 榕交警 记者 张明", ["张明"]),
        ("通讯员 王宣", ["王宣"]),  # a person whose name ends in 宣
        ("通讯员 李文宣 记者 张明", ["李文宣", "张明"]),
    ],
)
def test_a_unit_printed_as_correspondent_is_no_byline(credit, people):
    from articles.parsing.bylines import _people

    assert [b.name for b in _people(credit)] == people


def test_an_apps_reporter_and_a_news_sites_dated_dispatch():
    from articles.parsing.bylines import byline_line, opening_source

    # `现代快报/现代+记者 X`: the paper and its app before the role
    assert [b.name for b in byline_line("现代快报/现代+记者 张三 通讯员 李四")] == ["张三", "李四"]
    # `中新网北京1月1日电`: the site's name before the place
    assert opening_source("中新网北京1月1日电(记者 张三)今天,会议召开。") == "中新网"
    assert opening_source("本报北京1月1日电 记者张三报道") is None


def test_a_datelines_month_after_the_issues_is_last_years():
    # the answers' convention: the issue's year, or the year before when the month is after it
    assert resolve(read_dateline("本报讯 5月2日,全市召开大会。"), D(2025, 3, 10)) == D(2024, 5, 2)
    assert resolve(read_dateline("新华社北京12月30日电 会议召开。"), D(2025, 1, 2)) == D(2024, 12, 30)
    # a sentence's date in the months ahead is rather an occasion to come: no date
    assert resolve(lead_sentence_date("在5月20日世界计量日来临之际,…"), D(2025, 3, 10)) is None


@pytest.mark.parametrize("last, writer", [("晓晖", ["晓晖"]), ("收藏", []), ("公众号", []), ("待续", []), ("市区", [])])
def test_a_pen_name_alone_after_the_last_paragraph_but_no_button_or_word(last, writer):
    text = f"冬日的河\n　　冬天的河安静得像一面镜子,岸边的柳树只剩下细细的枝条。\n　　如今河边修了步道,河还是那条河。\n　　{last}\n"
    (story,) = parse_page_bytes(text.encode(), "x", issue_date=ISSUE).articles
    assert names(story) == writer


@pytest.mark.parametrize(
    "lead, date",
    [
        ("本报讯 今年3月5日,全市召开大会。", D(2025, 3, 5)),  # 今年: the issue's year
        ("本报讯 本月5日,全市召开大会。", D(2025, 3, 5)),  # 本月: the issue's month
        ("今年3月5日,全市召开大会。", D(2025, 3, 5)),
        ("本报讯 今年以来,全市新增就业两万人。", None),
    ],
)
def test_this_year_and_this_month_before_a_date(lead, date):
    (story,) = parse_page_bytes(f"测试标题\n{lead}\n第二段。\n".encode(), "p.txt", issue_date=D(2025, 3, 10)).articles
    assert story.dateline == date
