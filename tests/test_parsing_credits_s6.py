"""Credits, sources and dates (issue 10, session 6): shapes described by the session's brief and
taught by the training batches t19-t21, each read as a mechanism. Fixtures in
tests/fixtures/pages/s6c_*.txt are written in our own words, in the shapes real pages print."""

from __future__ import annotations

import datetime as dt

import pytest

from articles.parsing.datelines import lead_sentence_date, read_dateline, resolve
from fixture_pages import names, parse_fixture

D = dt.date


def page(name: str, issue_date: dt.date):
    return parse_fixture(name, issue_date)


def test_an_agency_dispatch_on_its_own_line_under_a_web_title_is_the_lead_credit():
    # `中央社記者許雅婷新北11日電` alone over the text (a web copy of a Taiwan paper): not the
    # title's last line, but the reporter, the agency and the day
    (story,) = page("s6c_cna_dispatch_line.txt", D(2025, 12, 11)).articles
    assert story.headline == "新北河濱自行車道串聯完成 全長逾百公里"
    assert names(story) == ["許雅婷"]
    assert (story.source, story.dateline) == ("中央社", D(2025, 12, 11))
    assert story.paragraphs[0].startswith("中央社記者許雅婷新北11日電 新北市政府宣布")


def test_the_agency_and_its_dispatch_in_a_web_copys_posting_line():
    # `2025-12-11 09:10 中央社／ 桃園11日電`: the agency's copy, dated by its dispatch
    (story,) = page("s6c_cna_meta_dispatch.txt", D(2025, 12, 11)).articles
    assert story.headline == "桃園機場第三航廈北登機廊廳啟用 旅客動線更順暢"
    assert (names(story), story.source, story.dateline) == ([], "中央社", D(2025, 12, 11))


def test_the_papers_reporter_in_a_web_copys_posting_line():
    # `2025-12-11 18:05 聯合報／ 記者林怡廷／台南即時報導`: the reporter; the paper is no source
    (story,) = page("s6c_paper_meta_reporter.txt", D(2025, 12, 11)).articles
    assert story.headline == "台南老城區巷弄導覽 假日場場額滿"
    assert (names(story), story.source, story.dateline) == (["林怡廷"], None, None)


def test_an_agency_reporters_dispatch_in_a_papers_posting_line():
    # `2025-12-11 16:30 經濟日報／ 中央社記者吳宜蓁台北11日電`
    (story,) = page("s6c_paper_meta_cna_reporter.txt", D(2025, 12, 11)).articles
    assert story.headline == "離岸風場第二期併網發電 年供電可達三十萬戶"
    assert (names(story), story.source, story.dateline) == (["吳宜蓁"], "中央社", D(2025, 12, 11))


def test_a_day_set_ahead_in_traditional_script_is_no_dateline():
    issue = D(2025, 12, 3)
    forum, library, bus = page("s6c_trad_scheduled_date.txt", issue).articles
    assert forum.headline == "青年創業論壇下月登場"
    assert forum.dateline is None  # `將在12月7日舉行`
    assert library.dateline is None  # `將於十二月十五日起`
    assert bus.dateline == issue  # `今天(12月3日)自早上六時起`: the day in brackets is today's


@pytest.mark.parametrize(
    "lead, expected",
    [
        ("本報訊 論壇將在12月7日舉行。", None),
        ("本報訊 論壇將於十二月七日舉行。", None),
        ("本報訊 論壇預定於12月7日舉行。", None),
        ("本报讯 论坛将于12月7日在无锡举行。", None),
        ("本报讯 春运将于1月26日开始,3月5日结束,共计40天。", None),  # (the plan's end too)
        ("本报讯 今天(12月3日)自零时起,本市实行新标准。", D(2025, 12, 3)),
        ("本报讯 记者12月2日获悉,论坛将在12月7日举行。", D(2025, 12, 2)),
    ],
)
def test_read_dateline_days_ahead(lead, expected):
    assert resolve(read_dateline(lead), D(2025, 12, 3)) == expected


def test_bracketed_month_and_day_after_today_in_a_sentence():
    assert resolve(lead_sentence_date("今天(12月3日)自零时起,本市实行新标准。"), D(2025, 12, 3)) == D(2025, 12, 3)


def test_a_notice_or_an_ad_under_a_story_hides_no_closing_credit():
    story, brief, headless = page("s6c_notice_after_story.txt", D(2025, 2, 10)).articles
    # `……(沈丽)` / `遗失声明` / `……声明作废。`: the notice is kept after the story, as printed
    assert story.headline == "社区书屋添新书"
    assert names(story) == ["沈丽"]
    assert story.paragraphs[-2:] == ("遗失声明", "无锡某某商贸有限公司遗失发票专用章一枚,声明作废。")
    assert names(brief) == ["顾文"]
    # `……(周航 实习生 许蓓)` / `【广告】` / the ad's lines
    assert headless.headline_from_lead
    assert names(headless) == ["周航", "许蓓"]
    assert headless.paragraphs[-1].startswith("【广告】")


def test_reporters_between_a_finished_story_and_a_headless_lead_close_the_story():
    market, crash = page("s6c_byline_over_headless_lead.txt", D(2025, 3, 20)).articles
    assert market.headline == "菜场改造完成"
    assert names(market) == ["郑晓", "胡斌"]
    assert crash.headline_from_lead and names(crash) == []
    assert crash.dateline == D(2025, 3, 18)


def test_an_agency_copy_without_place_or_day_is_a_lead_and_its_plan_gives_no_date():
    wire, own = page("s6c_agency_copy_no_date.txt", D(2025, 11, 20)).articles
    # `综合新华社电 记者从…获悉,…将于12月15日开始,次年3月10日结束`: the agency's copy, undated
    assert wire.headline == "全国冬季旅游季将于12月启动"
    assert (wire.source, wire.dateline, names(wire)) == ("新华社", None, [])
    assert own.headline == "城区首座立体停车库投用"
    assert (names(own), own.source, own.dateline) == (["范晓"], None, D(2025, 11, 19))


def test_a_news_site_closing_the_copy_is_its_source_not_a_writer():
    (story,) = page("s6c_closing_site_source.txt", D(2025, 11, 20)).articles
    assert story.headline == "瓯江夜游航线开通 两岸灯光秀吸引首批游客"
    assert (names(story), story.source) == ([], "温州网")


def test_a_letters_page_credits_readers_and_commentators():
    commentary, letter, signed, marked = page("s6c_letters_page.txt", D(2025, 3, 6)).articles
    # `本报评论员` under the title: the paper's commentary, no one named, no part of the title
    assert (commentary.headline, names(commentary)) == ("让老街的烟火气留下来", [])
    assert commentary.byline_printed == "本报评论员"
    # `读者 孙志强`: the reader who wrote the letter
    assert (letter.headline, [(b.name, b.role) for b in letter.bylines]) == ("楼道里的灯终于亮了", [("孙志强", "读者")])
    # `■ 城南晚报评论员 韩 冰`: a commentator's name spaced to line up
    assert (signed.headline, names(signed)) == ("年货市场也要守规矩", ["韩冰"])
    # `□读者 马丽娟(城南区枫林路)`: where the reader lives, in brackets, is no section
    assert (marked.headline, names(marked), marked.section) == ("公交车上的让座", ["马丽娟"], None)
    assert marked.dateline == D(2025, 3, 4)


def test_malaysian_datelines_and_reported_by_credits():
    ferry, fair, rice = page("s6c_malaysian_datelines.txt", D(2025, 3, 11)).articles
    # `(槟城10日讯)` opens the story as a lead: its day dates it; `报道:陈慧玲` is the writer,
    # `摄影:林国强` the photographer
    assert " ".join(x for x in (ferry.kicker, ferry.headline, ferry.subheadline) if x) == "槟城渡轮码头 增设候船座椅"
    assert (names(ferry), ferry.photo_credits, ferry.dateline) == (["陈慧玲"], ("摄影:林国强",), D(2025, 3, 10))
    # each brief's own dispatch: the title over it is its own, the day its report's (the dispatch
    # day wins over the days ahead its sentence names)
    assert (fair.headline, fair.dateline) == ("亚罗士打书展 下周登场", D(2025, 3, 9))
    assert (rice.headline, rice.dateline) == ("居林义山捐米", D(2025, 3, 9))


def test_a_web_copys_html_and_credits():
    (story,) = page("s6c_web_copy_credits.txt", D(2024, 11, 20)).articles
    # `<h1>…</h1>`: markup, no part of the title
    assert story.headline == "城西湿地公园芦苇进入最佳观赏期 周末增开接驳车"
    # `城南商报-云端新闻记者 徐立 …`: the paper and its app joined by a hyphen; `摄影 唐晓` apart
    assert names(story) == ["徐立", "钟雨桐", "葛明"]
    assert "唐晓 摄" in story.photo_credits
    # `图说:…`: a caption (its credit with `(下同)` a photo credit), not the lead
    assert story.captions == ("图说:今天上午,市民在湿地公园的栈道上拍摄芦苇",)
    assert "城南商报记者 唐晓 摄(下同)" in story.photo_credits
    assert story.dateline == D(2024, 11, 19)  # `周二下午,…` in a Wednesday issue


def test_a_backslash_for_the_slash_in_a_writers_credit():
    (story,) = page("s6c_backslash_credit.txt", D(2025, 1, 21)).articles
    # `(记者 邵峰 文\摄)`: the writer took the photos: a byline, no photo credit
    assert names(story) == ["邵峰"]
    assert story.photo_credits == ()


def test_a_newsrooms_team_credited_is_no_person():
    festival, bridge = page("s6c_team_credit_list.txt", D(2024, 3, 13)).articles
    # `文:城南採訪組`: kept as printed, no byline
    assert (names(festival), festival.byline_printed) == ([], "文:城南採訪組")
    assert festival.dateline is None  # `將於5月3日起至6月7日舉行`
    assert (names(bridge), bridge.dateline) == (["王小明"], D(2024, 3, 12))



def test_a_television_newsrooms_reporters_and_place_in_lenticular_brackets():
    shrine, stations = page("s6c_tv_news_list_credits.txt", D(2015, 4, 14)).articles
    # `【陳志豪 台中東勢】 …`: the reporters, then the place; the credit opens each item
    assert (shrine.headline, names(shrine)) == ("百年宗祠修復完工 在地盼打造客家文化中心", ["陳志豪"])
    assert (stations.headline, names(stations)) == ("小站整修後 三車站角逐服務大獎", ["林建宏", "吳美玲"])


def test_a_wire_dispatch_in_lenticular_brackets_then_its_reporter():
    (story,) = page("s6c_wire_mark_credit.txt", D(2024, 7, 8)).articles
    # `【新華社武漢7月7日電】(記者林曉)`
    assert (names(story), story.source, story.dateline) == (["林曉"], "新华社", D(2024, 7, 7))


def test_an_unnamed_papers_photographer_is_a_photo_credit():
    from articles.parsing.bylines import take_photo_credits

    assert take_photo_credits("……為期約兩周。(本報記者攝)") == ("……為期約兩周。", ("本報記者攝",))


def test_a_credit_printed_on_the_titles_line_is_the_storys_not_the_one_above():
    parks, market, path = page("s6c_credit_after_title.txt", D(2025, 1, 10)).articles
    # `城南新建三座口袋公园 记者 王明 通讯员 李华` over the lead: the title, then its credit
    assert (parks.headline, names(parks)) == ("城南新建三座口袋公园", ["王明", "李华"])
    # `老街夜市开张了记者张丽`: the credit glued to the title
    assert (market.headline, names(market), market.dateline) == ("老街夜市开张了", ["张丽"], D(2025, 1, 9))
    # `运河边新添健身步道 文/周宁 图/陆川`: the writer, and the photographer's credit
    assert (path.headline, names(path), path.photo_credits) == ("运河边新添健身步道", ["周宁"], ("图/陆川",))


def test_a_related_story_under_its_own_source_line_takes_that_outlet():
    own, related = page("s6c_related_story_source.txt", D(2025, 6, 3)).articles
    # `来源:城南晚报` over the site's own story: the paper, no source; `来源:中国江苏网` over the
    # related story under it: that site's copy
    assert (own.headline, own.source, names(own)) == ("城南图书馆延长夜间开放 考试季座位翻倍", None, ["周琳"])
    assert (related.headline, related.source, related.dateline) == ("全省公共图书馆推行错峰预约", "中国江苏网", D(2025, 6, 2))


def test_singapore_reporters_lines_and_a_weekday_with_its_date():
    walkway, court = page("s6c_singapore_reported_by.txt", D(2025, 10, 3)).articles
    # `林振华 报道` over the reporter's address: the writer; the address is no text
    assert (names(walkway), walkway.byline_printed) == (["林振华"], "林振华 报道 zhlin@example.com.sg")
    assert walkway.paragraphs[0].startswith("宏茂桥一带的八座组屋")
    assert walkway.dateline is None  # (the date is in the second sentence)
    # `星期二(9月30日)`: the weekday's date in brackets dates the report
    assert (names(court), court.dateline) == (["陈家伟"], D(2025, 9, 30))
