"""The issue date of a page that does not state it: the year from clues in the text, the
month and day from the latest dateline on the page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .decoding import fold

_UNIT_AFTER_NUMBER = set("年月日号万亿千百十元个多余家人名位件项台套辆米吨亩平方公里届次倍户所座栋条份张块批种类只岁天小时分秒周期度%.")
_PLAN_WORDS = re.compile(r"计划|预计|力争|争取|目标|规划|有望|拟|将于|将在|将")
_PAST_WORDS = re.compile(r"(自|从|早在|截至|始于|成立于|创办于)$")


@dataclass(frozen=True)
class _YearClue:
    year: int
    weight: int
    snippet: str
    note: str = ""


def infer_year(text: str) -> tuple[int | None, str, int | None]:
    """(year, evidence, lower bound) from the page text.

    Strong clue: a year in a name (`2023集成电路(无锡)创新发展大会`, `(2023版)`). Weak: a plain
    `2023年...`. A year in a plan (`计划……2024年春节后正式投产`) points to the year before;
    a year in the past (`自2018年`, `2017年4月`) only bounds the issue year from below.
    """
    f = fold(text)
    clues: list[_YearClue] = []
    lower: int | None = None
    for m in re.finditer(r"(?<![\d.])((?:19|20)\d\d)(?!\d)", f):
        year = int(m.group(1))
        after = f[m.end() : m.end() + 1]
        before = f[max(0, m.start() - 40) : m.start()]
        sentence_before = re.split(r"[。;!?]", before)[-1]
        snippet = re.split(r"[,，。;；、“”\s]", f[m.start() : m.end() + 24])[0]
        if after == "年":
            nxt = f[m.end() + 1 : m.end() + 2]
            if _PAST_WORDS.search(before) or re.match(r"\d", nxt):
                lower = max(lower or 0, year)
            elif _PLAN_WORDS.search(sentence_before) or nxt in "底初末前后":
                clues.append(_YearClue(year - 1, 1, snippet, "（文中为计划，故取前一年）"))
            elif nxt and "\u4e00" <= nxt <= "\u9fff":
                clues.append(_YearClue(year, 3, snippet))
            else:
                clues.append(_YearClue(year, 1, snippet))
        elif after == "版" or (after and after not in _UNIT_AFTER_NUMBER and (
            "\u4e00" <= after <= "\u9fff" or after in "(-")
        ):
            clues.append(_YearClue(year, 3, snippet))
    if lower is not None:
        clues = [c for c in clues if c.year >= lower]
    if not clues:
        return lower, ("仅有下限线索" if lower else "文中无年份线索"), lower
    score: dict[int, int] = {}
    for c in clues:
        score[c.year] = score.get(c.year, 0) + c.weight
    best = max(score, key=lambda y: (score[y], -y))
    clue = next(c for c in sorted(clues, key=lambda c: -c.weight) if c.year == best)
    return best, f"据文中“{clue.snippet.strip()}”推断年份{clue.note}", lower


def _latest(monthdays: list[tuple[int, int]]) -> tuple[int, int] | None:
    """Latest (month, day), allowing a page to span New Year (December datelines on a January page)."""
    if not monthdays:
        return None
    months = {m for m, _ in monthdays}
    if 12 in months and 1 in months:
        return max(monthdays, key=lambda md: ((md[0] + 6) % 12, md[1]))
    return max(monthdays)




_STATED = re.compile(r"^((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日\s*\S{2,10}报\s*第\s*[A-Za-z]?\d{1,3}\s*版$")


@dataclass(frozen=True)
class IssueDate:
    date: dt.date | None
    source: str  # "given", "inferred" or "unknown"
    evidence: str
    warnings: tuple[str, ...]


def infer_issue_date(
    text: str, monthdays: list[tuple[int, int]], *, fallback_year: int | None = None
) -> IssueDate:
    """The issue date of a page that does not state it: the latest dateline (month, day) on the
    page, in the year the text's clues point to (else ``fallback_year``). A database page's own
    header (`2024年3月6日人民日报 第4版`) among the first lines states it outright."""
    for line in [ln.strip() for ln in fold(text).split("\n") if ln.strip()][:5]:
        m = _STATED.match(line)
        if m:
            try:
                stated = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                break
            return IssueDate(stated, "inferred", f"版头日期 {line}", ())
    year, evidence, _lower = infer_year(text)
    latest = _latest(monthdays)
    warnings: list[str] = []
    issue_date = None
    if year is None:
        year = fallback_year
        warnings.append("年份无法从文中推断")
    if latest and year:
        try:
            issue_date = dt.date(year, *latest)
        except ValueError:
            warnings.append(f"日期无效: {year}年{latest[0]}月{latest[1]}日")
    elif not latest:
        warnings.append("文中没有电头日期")
    if issue_date:
        evidence = f"取本版最晚电头 {latest[0]}月{latest[1]}日；{evidence}"
    return IssueDate(issue_date, "inferred" if issue_date else "unknown", evidence, tuple(warnings))
