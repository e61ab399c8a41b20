"""The current search results taken away: CSV for spreadsheets (UTF-8 with a BOM, so Excel opens
it in Chinese), and RIS / BibTeX for reference managers (``citations``)."""

from __future__ import annotations

import csv
import io

from .citations import Reference

MAX_EXPORT = 1000  # results per export; a bigger set is narrowed first (the page says how)
BOM = "\ufeff"
CSV_COLUMNS = ("编号", "标题", "作者", "报纸", "出版日期", "日期为推断", "版次", "栏目", "摘要", "网址")


def results_csv(refs: list[Reference]) -> str:
    """One row per article with a header row; CRLF line ends and a BOM, as Excel expects."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for ref in refs:
        writer.writerow([
            ref.id, ref.headline, "、".join(ref.authors), ref.paper, ref.date.isoformat(),
            "是" if ref.date_inferred else "否", ref.page, ref.column, ref.abstract, ref.url,
        ])
    return out.getvalue()
