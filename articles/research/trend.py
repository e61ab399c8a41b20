"""趋势: how many articles match each of a few queries, per year, or per month of one year."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from . import searching

MAX_QUERIES = 4


@dataclass
class Trend:
    queries: list[str]
    labels: list[str]  # 2019, 2020, … or 1月 … 12月
    keys: list[int]  # the years, or the months 1–12
    counts: list[list[int]]  # per query, per label
    totals: list[int]  # per query
    year: int | None  # the year whose months these are, or None for years


def year_trend(queries: list[str]) -> Trend:
    """Articles per year for each query, over every year from the first match to the last."""
    per_query = []
    totals = []
    for raw in queries:
        found = searching.find(raw, sort="newest", limit=0, facets=True)
        per_query.append({int(year): n for year, n in found.facets.get("year", [])})
        totals.append(found.count)
    years = sorted({y for counts in per_query for y in counts})
    keys = list(range(years[0], years[-1] + 1)) if years else []
    return Trend(queries=queries, labels=[str(y) for y in keys], keys=keys,
                 counts=[[counts.get(y, 0) for y in keys] for counts in per_query], totals=totals, year=None)


def month_trend(queries: list[str], year: int) -> Trend:
    """Articles per month of ``year`` for each query."""
    counts = []
    for raw in queries:
        row = []
        for month in range(1, 13):
            first = dt.date(year, month, 1)
            last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
            found = searching.find(raw, filters=searching.Filters(date_from=first, date_to=last), sort="newest",
                                   limit=0)
            row.append(found.count)
        counts.append(row)
    return Trend(queries=queries, labels=[f"{m}月" for m in range(1, 13)], keys=list(range(1, 13)),
                 counts=counts, totals=[sum(row) for row in counts], year=year)


def trend_csv(trend: Trend) -> str:
    """The table as CSV (UTF-8 with a BOM for Excel): one row per year or month, a column per query."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(["月份" if trend.year else "年份", *trend.queries])
    for i, key in enumerate(trend.keys):
        label = f"{trend.year}-{key:02d}" if trend.year else str(key)
        writer.writerow([label, *(counts[i] for counts in trend.counts)])
    return out.getvalue()
