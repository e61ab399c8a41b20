"""Month calendars for the printed-archive index: weeks of days, a day marked with its issue.

Pure Python (no ORM): the views hand in the issues they fetched, keyed by date, and templates
render the weeks as a table. Weeks start on Monday, as Chinese calendars print them.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

WEEKDAY_NAMES = ("一", "二", "三", "四", "五", "六", "日")


@dataclass(frozen=True)
class Day:
    date: dt.date | None  # None pads the first and last week out to seven days
    issue: Any = None  # the issue printed that day, if any


@dataclass(frozen=True)
class MonthGrid:
    first: dt.date  # the 1st of the month, for captions and links
    weeks: tuple[tuple[Day, ...], ...]
    issue_count: int


@dataclass(frozen=True)
class MonthCell:
    first: dt.date
    issue_count: int  # 0: nothing printed (or nothing in the archive) that month


@dataclass(frozen=True)
class YearRow:
    year: int
    months: tuple[MonthCell, ...]  # always twelve, January first
    issue_count: int


def month_grid(year: int, month: int, issues_by_date: Mapping[dt.date, Any]) -> MonthGrid:
    weeks = []
    count = 0
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        days = []
        for date in week:
            if date.month != month:
                days.append(Day(None))
                continue
            issue = issues_by_date.get(date)
            count += issue is not None
            days.append(Day(date, issue))
        weeks.append(tuple(days))
    return MonthGrid(dt.date(year, month, 1), tuple(weeks), count)


def year_rows(month_counts: Iterable[tuple[dt.date, int]]) -> list[YearRow]:
    """One row per year that has issues, newest year first, from (first of month, count) pairs."""
    counts: dict[int, dict[int, int]] = {}
    for first, count in month_counts:
        counts.setdefault(first.year, {})[first.month] = count
    rows = []
    for year in sorted(counts, reverse=True):
        months = tuple(MonthCell(dt.date(year, m, 1), counts[year].get(m, 0)) for m in range(1, 13))
        rows.append(YearRow(year, months, sum(counts[year].values())))
    return rows
