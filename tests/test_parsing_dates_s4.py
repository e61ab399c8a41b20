"""The date a story reports (issue 10, session 4): the lead sentence after a rhetorical opener,
a day followed by what happened on it, a bare dispatch line at the end, the top story of an
e-paper digest. Fixtures in tests/fixtures/pages/dates_s4_*.txt are written in our own words, in
the shapes real pages print."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from articles.parsing import parse_page_bytes
from articles.parsing.datelines import after_opener, lead_sentence_date, opening_dateline, read_dateline, resolve, sentence_date
from articles.parsing.issue_dates import infer_issue_date

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
D = dt.date
ISSUE = D(2025, 1, 10)


def page(name: str, issue_date=ISSUE):
    return parse_page_bytes((PAGES / name).read_bytes(), name, issue_date=issue_date)


def by_headline(name: str) -> dict:
    return {a.headline: a for a in page(name).articles}


def test_only_the_first_sentence_of_a_lead_dates_it_a_question_or_exclamation_too():
    # the answers' convention (session 5): a date only in a later sentence does not count, after
    # a question or an exclamation too (session 4 had skipped those openers)
    articles = by_headline("dates_s4_openers.txt")
    # `快报讯(…)小区门口怎么排起了长队?昨天上午,…`: the question is the lead sentence
    assert articles["小区门口为何排长队"].dateline is None
    # `本报讯 冰面上竟站着一只白天鹅!8日,…`
    assert articles["湖面上的白天鹅"].dateline is None
    # a plain first sentence is the lead sentence however short: 昨天 in the next one is no date
    assert articles["地铁新线开通首周"].dateline is None


def test_a_story_without_lead_mark_after_an_exclamation_is_not_dated_by_its_second_sentence():
    assert by_headline("dates_s4_no_mark.txt")["湖面上的白天鹅"].dateline is None


def test_after_opener_passes_over_a_couplet_only():
    assert after_opener("物价能否稳住?人民能否增收?今天,委员们出发。") is None  # questions are sentences
    assert after_opener("地铁站里人来人往。昨天,新线开通。") is None  # declarative: no opener
    assert after_opener("友谊之花,丝路绽放。当地时间8月15日,代表团抵达。") == "当地时间8月15日,代表团抵达。"
    assert after_opener("天气炎热多日,市民纷纷纳凉。昨天,…") is None  # unmatched halves: a sentence
    assert after_opener("昨天是元宵节?市民赏灯。") is None  # a sentence with a date is no opener


def test_a_day_followed_by_what_happened_on_it():
    articles = by_headline("dates_s4_no_mark.txt")
    assert articles["外电谈会谈"].dateline == D(2025, 1, 6)  # `法新社六日援引…`
    assert articles["市长参加植树活动"].dateline == D(2025, 1, 9)  # `市長陳大文九日參加…`
    assert articles["旅行社推出新线路"].dateline is None  # `三日游`: a count of days, no date


@pytest.mark.parametrize(
    "sentence, date",
    [
        ("代表团八日抵达上海,开始访问。", D(2025, 1, 8)),
        ("新规7日内生效。", None),
        ("这家老店坚持一日三餐供应。", None),
        ("工程将在15日前完工。", None),
    ],
)
def test_which_days_say_when_something_happened(sentence, date):
    assert resolve(lead_sentence_date(sentence), ISSUE) == date


def test_a_bare_dispatch_line_at_the_end_dates_the_story():
    story = by_headline("dates_s4_no_mark.txt")["代表团小组会开放提问"]
    assert (story.dateline, story.dateline_place) == (D(2025, 1, 7), "北京")  # `(北京七日電)`
    assert story.source is None  # the paper's own dispatch


def test_the_top_story_of_a_digest_reads_its_lead_sentence():
    story = by_headline("dates_s4_top_story.txt")["市立小學新操場啟用"]
    assert story.section == "今日頭條"  # a label over the lead story, not a briefs column
    assert story.dateline == D(2025, 1, 9)


def test_a_lead_is_dated_by_its_first_sentence_only():
    cooling, heating = page("dates_s4_leads.txt").articles
    # `本报讯 天气炎热,…纳凉。1月8日下午,记者来到…`: the date comes in the second sentence
    assert cooling.dateline is None
    # `本报讯“…全市在8日开始供暖,…”9日,居民向本报反映。`: said in the quotation is not when
    assert heating.dateline == D(2025, 1, 9)


def test_an_outlet_tag_marks_the_lead_paragraph_and_a_slogan_does_not():
    (tagged,) = page("dates_s4_outlet_tag.txt").articles
    assert tagged.dateline is None  # `【晚报·新闻网】城里连日高温,…`: the lead has no date
    (slogan,) = page("dates_s4_slogan.txt").articles
    assert slogan.dateline == D(2025, 1, 8)  # a site's slogan above the story's own first paragraph


def test_the_papers_own_dispatch_after_a_web_copys_header():
    (story,) = page("dates_s4_web_dispatch.txt").articles
    # `… 晚报网 |江苏 本报南京1月9日电 记者王平报道:`
    assert (story.dateline, story.dateline_place) == (D(2025, 1, 9), "南京")
    assert [b.name for b in story.bylines] == ["王平"]


@pytest.mark.parametrize(
    "read, sentence, date",
    [
        (lead_sentence_date, "代表团定于8日启程出访,随后访问三国。", None),  # set for what is to come
        (lead_sentence_date, "防汛指挥部决定于1月8日启动应急响应。", D(2025, 1, 8)),  # 决定于: decided on
        (sentence_date, "记者6日从总工会获悉,代表大会将于1月12日在北京开幕。", D(2025, 1, 6)),
        (opening_dateline, "1月8日开始,市政部门将对沿线道路进行摊铺。", None),  # a start in a plan
        (opening_dateline, "1月8日开始,市政部门对沿线道路进行了摊铺。", D(2025, 1, 8)),
    ],
)
def test_a_date_set_for_what_is_to_come_is_not_the_reports(read, sentence, date):
    assert resolve(read(sentence), ISSUE) == date


def test_a_web_readers_own_date_line_is_no_issue_year_when_the_issue_would_follow_it():
    # the reader's "today" (2025-10-13) and the issue's 日期:12-04: not 2025-12-04, a later day
    found = infer_issue_date("电子报阅读机\n2025-10-13\n星期一\n日期:12-04\n12月2日,记者在工地看到…", [(12, 2)])
    assert (found.date, found.source) == (None, "unknown")
    # the year from the text, and 日期:12-04 is the issue's day, not the dateline's 12月2日
    found = infer_issue_date("电子报阅读机\n2026-03-20\n星期五\n日期:12-04\n12月2日,2025年重点工程…", [(12, 2)])
    assert (found.date, found.source) == (D(2025, 12, 4), "inferred")


@pytest.mark.parametrize(
    "lead, date",
    [
        ("本报讯 建国十周年前夜,全省城乡掀起生产新高潮。", None),  # the eve of an occasion
        ("本报讯 记者前晚从市交通局获悉,新线路开通。", D(2025, 1, 8)),  # the night before last
        ("本报讯(记者 王明)春运自1月26日起至3月5日结束,共计40天。", None),  # a span, start and end
        ("本报讯 第二届读书节1月8日上午在市图书馆开幕。", D(2025, 1, 8)),  # later in the lead sentence
    ],
)
def test_what_a_lead_names_that_is_no_dateline(lead, date):
    assert resolve(read_dateline(lead), ISSUE) == date


def test_numbered_photos_under_one_title_are_dated_by_the_first_photo():
    (story,) = page("dates_s4_numbered_photos.txt").articles
    assert story.headline == "社区志愿者在行动"
    assert story.dateline is None  # `①日前,…`: the third photo's 1月8日 is not the story's date


def test_a_wire_dispatch_filed_as_a_special_or_a_roundup():
    (special,) = page("dates_s4_cna_forms.txt").articles  # `(中央社記者王大明東京9日專電)`
    assert (special.source, [b.name for b in special.bylines]) == ("中央社", ["王大明"])
    assert (special.dateline, special.dateline_place) == (D(2025, 1, 9), "東京")
    (roundup,) = page("dates_s4_cna_roundup.txt").articles  # `(中央社東京8日綜合外電報導)`
    assert (roundup.source, roundup.bylines) == ("中央社", ())
    assert (roundup.dateline, roundup.dateline_place) == (D(2025, 1, 8), "東京")


@pytest.mark.parametrize(
    "lead, date",
    [
        ("立法院昨(9)日三讀通過修正案,明年起實施。", D(2025, 1, 9)),  # Taiwan's 昨(9)日
        ("本報訊 記者昨（8）日走訪市場發現,菜價上漲。", D(2025, 1, 8)),  # the printed day wins
        ("杭州亞運會昨(9日)開幕,港隊出席。", D(2025, 1, 9)),  # Hong Kong's 昨(9日)
        ("行政院長今(10)日出席記者會表示,將推動改革。", D(2025, 1, 10)),
        # a day of the week: that day in the issue's week or the one before (session 5's convention)
        ("本报讯 上周五,市政府召开会议。", D(2025, 1, 3)),
    ],
)
def test_relative_days_with_their_date_in_brackets(lead, date):
    (story,) = parse_page_bytes(f"测试标题\n{lead}\n第二段。\n".encode(), "p.txt", issue_date=ISSUE).articles
    assert story.dateline == date


@pytest.mark.parametrize(
    "lead, date",
    [
        ("9日记者从市政府获悉,新政将出台。", D(2025, 1, 9)),  # 日记 is a diary, 9日记者 a day
        ("本报讯 九日上午,市里召开大会。", D(2025, 1, 9)),  # a lead's day in Chinese numerals
        ("【本報訊】記者王大明台北九日電 行政院召開會議。", D(2025, 1, 9)),
    ],
)
def test_a_day_in_a_lead_in_other_forms(lead, date):
    (story,) = parse_page_bytes(f"测试标题\n{lead}\n第二段。\n".encode(), "p.txt", issue_date=ISSUE).articles
    assert story.dateline == date


@pytest.mark.parametrize(
    "text, monthdays, date",
    [
        # the e-paper's page line with the issue's date, under the site's own "today"
        ("2024年09月08日 星期日\n市民生活如往昔\n第3版:综合新闻 2024-03-17\n本报讯 昨天…", [(3, 16)], D(2024, 3, 17)),
        ("日照日报\n2012-03-20 A1版 要闻\n本报讯 19日,…", [(3, 19)], D(2012, 3, 20)),
        ("当前位置:茂名晚报 第2020-04-14期 第05版:茂闻·社会\n本报讯 …", [], D(2020, 4, 14)),
        ("聯合電子報\n2020/09/01 第7198期 | 訂閱/退訂\n…三十一日…", [], D(2020, 9, 1)),
        ("时间:2016-06-12 09:52来源:未知 作者:新闻网\n本报讯 8日,…", [(6, 8)], D(2016, 6, 12)),
        ("( 2019-10-12 ) 稿件来源:新华每日电讯\n新华社北京10月11日电 …", [(10, 11)], D(2019, 10, 12)),
        # a database page's lone date line a day after its datelines
        ("1999-10-29\n第1版\n新华社北京10月28日电 …", [(10, 28)], D(1999, 10, 29)),
        # a lone date line months after the datelines is the site's today, not the issue
        ("2025年04月12日 星期六\n本报讯 2022年的工作…1月11日…", [(1, 11)], D(2022, 1, 11)),
    ],
)
def test_the_issue_date_a_page_header_prints(text, monthdays, date):
    found = infer_issue_date(text, monthdays)
    assert (found.date, found.source) == (date, "inferred")


@pytest.mark.parametrize(
    "opening, issue, date",
    [
        ("1月9日是腊八节,市民排队领粥。", ISSUE, D(2025, 1, 9)),  # the day named is the report's
        ("7月1日是本报改版20周年。记者查找出了许多第一次。", D(2025, 6, 29), None),  # a day ahead
        ("7月1日是本报改版20周年。记者查找出了许多第一次。", D(2025, 7, 2), D(2025, 7, 1)),
        ("11月8日为记者节,记者们坚守岗位。", D(2025, 11, 9), None),  # a standing day defined
    ],
)
def test_a_story_that_opens_by_naming_its_day(opening, issue, date):
    assert resolve(opening_dateline(opening), issue) == date


@pytest.mark.parametrize(
    "sentence, date",
    [
        ("繼協會副主席及三名常委八日被捕後,常委徐漢光九日也被捕。", D(2025, 1, 9)),  # what it follows
        ("继市长8日考察后,副市长9日也来到工地。", D(2025, 1, 9)),
        ("市长8日考察后指出,工地要注意安全。", D(2025, 1, 8)),  # no 继: the day of the act
    ],
)
def test_a_day_in_what_the_news_follows_is_not_its_own(sentence, date):
    assert resolve(lead_sentence_date(sentence), ISSUE) == date
