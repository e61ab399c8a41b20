"""The date an article reports (its dateline), and that date placed in a year."""

from __future__ import annotations

import datetime as dt
import re

from .decoding import fold

_DATE = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})(?=日|\s*[—\-–~〜至到]\s*\d)")


def find_dateline(lead: str) -> tuple[int, int] | None:
    """The (month, day) a lead reports; a range `11月1日至3日` gives its first day."""
    for m in _DATE.finditer(fold(lead)):
        month, day = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return month, day
    return None



def _date_for(monthday: tuple[int, int], issue: dt.date) -> dt.date | None:
    month, day = monthday
    year = issue.year - 1 if month > issue.month + 6 else issue.year
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


