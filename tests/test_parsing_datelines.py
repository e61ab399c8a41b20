"""articles.parsing.datelines: relative, Chinese-numeral, full-width and wire datelines."""

import datetime as dt

import pytest

from articles.parsing.datelines import Dateline, chinese_number, opening_dateline, read_dateline, resolve

ISSUE = dt.date(2025, 1, 10)


@pytest.mark.parametrize("text, value", [("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("三十一", 31), ("二十二", 22), ("甲", None)])
def test_chinese_numbers(text, value):
    assert chinese_number(text) == value


@pytest.mark.parametrize(
    "lead, date, place",
    [
        ("本报讯 昨天上午，活动举行。", dt.date(2025, 1, 9), ""),
        ("本报讯(记者 张三)昨日，活动举行。", dt.date(2025, 1, 9), ""),
        ("本报讯 前天，活动举行。", dt.date(2025, 1, 8), ""),
        ("本报讯 今天，活动举行。", dt.date(2025, 1, 10), ""),
        ("本报讯 １月５日，活动举行。", dt.date(2025, 1, 5), ""),
        ("新华社北京十二月三十一日电 活动举行。", dt.date(2024, 12, 31), "北京"),
        ("本报南京1月2日电 江苏省近日出台新措施。", dt.date(2025, 1, 2), "南京"),
        ("【新华社重庆九日电】拉萨讯：部队进抵拉萨。", dt.date(2025, 1, 9), "重庆"),
        ("本报合肥18日电 发现新煤田。", dt.date(2024, 12, 18), "合肥"),
        ("本报讯 近日，市里开会。", None, ""),
    ],
)
def test_datelines_resolve_against_the_issue(lead, date, place):
    line = read_dateline(lead)
    assert resolve(line, ISSUE) == date
    assert line.place == place


def test_relative_dateline_without_issue_date_is_unknown():
    assert resolve(Dateline(days_before_issue=-1), None) is None


def test_a_story_that_opens_with_its_date():
    assert opening_dateline("昨天，受邀嘉宾参观了东林书院。").days_before_issue == -1
    assert opening_dateline("2月1日，小记者采访两会。").monthday == (2, 1)
    assert opening_dateline("会上，2月1日的安排公布。") == Dateline()
