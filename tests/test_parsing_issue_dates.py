"""articles.parsing.issue_dates: the issue date of a page that does not state it."""

import datetime as dt

from articles.parsing import parse_page
from articles.parsing.issue_dates import infer_issue_date


def test_latest_dateline_in_the_year_of_the_clues():
    found = infer_issue_date("2023世界物联网博览会", [(8, 15), (8, 18)])
    assert (found.date, found.source) == (dt.date(2023, 8, 18), "inferred")
    assert "8月18日" in found.evidence


def test_no_year_and_no_fallback_is_unknown_not_an_error():
    found = infer_issue_date("没有年份", [(8, 15)])
    assert (found.date, found.source) == (None, "unknown")
    assert found.warnings


def test_page_with_no_dateline_at_all_parses_with_unknown_date():
    page = parse_page("标题一则\n\n本报讯 近日，一件事办成了。\n\n(王拓)\n")
    assert page.issue_date is None and page.issue_date_source == "unknown"
    assert page.articles[0].headline == "标题一则"


def test_given_issue_date_places_relative_datelines():
    page = parse_page("标题一则\n\n本报讯 昨天，一件事办成了。\n\n(王拓)\n", issue_date=dt.date(2024, 3, 1))
    assert page.articles[0].dateline == dt.date(2024, 2, 29)
    assert page.issue_date_source == "given"


def test_a_database_page_header_states_the_issue_date():
    # the latest dateline is the day before; the header line says which issue it is
    found = infer_issue_date("2024年3月6日人民日报 第4版\n\n第4版(要闻)\n本报苏州3月5日讯", [(3, 5)])
    assert (found.date, found.source) == (dt.date(2024, 3, 6), "inferred")
    assert "2024年3月6日人民日报 第4版" in found.evidence
