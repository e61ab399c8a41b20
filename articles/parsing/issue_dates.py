"""The issue date of a page that does not state it: the year from clues in the text, the
month and day from the latest dateline on the page.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from .decoding import fold

_UNIT_AFTER_NUMBER = set("年月日号万亿千百十元个多余家人名位件项台套辆米吨亩平方公里届次倍户所座栋条份张块批种类只岁天小时分秒周期度%.")
_PLAN_WORDS = re.compile(r"计划|预计|力争|争取|目标|规划|有望|拟|将于|将在|将")
_PAST_WORDS = re.compile(r"(自|从|早在|截至|始于|成立于|创办于)$")
# a year, not inside a longer number (`(?<![\d.])` before it): the check stands after the year's
# first two characters, so the scan looks for 1 or 2 at C speed instead of testing every position
_YEAR = re.compile(r"((?:19|20)(?<![\d.]..)\d\d)(?!\d)")


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
    for m in _YEAR.finditer(f):
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
# the issue's date printed with its page or number, the e-paper's own header: `第3版:综合新闻
# 2024-03-17`, `2012-03-20 A1版 要闻`, `茂名晚报 第2020-04-14期 第05版`, `2020/09/01 第7198期`,
# `《人民日报》 (2004年10月07日 第一版)` (not a lone date line: a site's or blog's own day)
_YMD = r"((?:19|20)\d\d)(?:-|/|年)(\d{1,2})(?:-|/|月)(\d{1,2})日?"
_PAGE = r"第?\s*[A-Za-z]?[\d一二三四五六七八九十]{1,3}\s*版"
_STATED_FORMS = (
    re.compile(rf"^{_YMD}\s*(?:\S{{2,10}}报\s*)?{_PAGE}"),
    re.compile(rf"{_PAGE}\s*[:：]?\s*\S{{0,12}}\s+{_YMD}\s*$"),
    re.compile(rf"第\s*{_YMD}\s*期|^{_YMD}\s*第\s*\d{{1,6}}\s*期"),
    re.compile(rf"[(（]\s*{_YMD}\s*{_PAGE}\s*[)）]"),
)
_FULL_YEAR = re.compile(r"(?:19|20)\d\d\s*[-/年]")
_TODAY_LINE = re.compile(r"^\s*(?:19|20)\d\d\s*(?:-|/|年)\s*\d{1,2}\s*(?:-|/|月)\s*\d{1,2}\s*日?\s*星期[一二三四五六日天]\s*$", re.MULTILINE)
_LONE_DATE = re.compile(rf"^{_YMD}\s*(?:星期[一二三四五六日天])?$")
# a web copy's post line: the day it went up (`2018-03-17 07:11:00 来源:汉网`, `2006年06月23日08:13`)
# (`时间:2016-06-12 09:52`, `2000-10-11 来源:生活时报`, `( 2019-10-12 ) 稿件来源:…`, `发表于: 1999-10-10`)
_POSTED = re.compile(
    rf"(?:^|[\s(:])(?<!\d){_YMD}(?:\s*\d{{1,2}}:\d{{2}}|\s*\)?\s*(?:稿件)?(?:来源|來源))"
    rf"|(?:时间|時間|发表于|發表於|发布于|發佈於|发布时间|發佈時間)\s*:\s*{_YMD}"
)


# a web reader's issue line with the month and day only (`日期:12-04`), and a site's own date
# line at the top (`2025-10-13`, `2025年10月13日 星期一`: when the page was read or posted)
_STATED_MONTHDAY = re.compile(r"^日期\s*[:：]\s*(\d{1,2})-(\d{1,2})$")
_SITE_TODAY = re.compile(r"^((?:19|20)\d\d)[-/年](\d{1,2})[-/月](\d{1,2})日?\s*(?:星期[一二三四五六日天])?$")


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
    for line in itertools.islice((s for ln in fold(text).split("\n") if (s := ln.strip())), 5):
        m = _STATED.match(line)
        if m:
            try:
                stated = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                break
            return IssueDate(stated, "inferred", f"版头日期 {line}", ())
    lines = list(itertools.islice((s for ln in fold(text[:4000]).split("\n") if (s := ln.strip())), 30))
    dated = [line for line in lines if _FULL_YEAR.search(line)]  # (most lines print no year)
    for forms, how in ((_STATED_FORMS, "版头日期"), ((_POSTED,), "网页发布日期")):
        for line in dated:
            for form in forms:
                m = form.search(line)
                if not m:
                    continue
                y, mo, d = (g for g in m.groups() if g is not None)
                try:
                    stated = dt.date(int(y), int(mo), int(d))
                except ValueError:
                    continue
                return IssueDate(stated, "inferred", f"{how} {line[:60]}", ())
    # (a site's "today" line with its weekday, `2025年04月12日 星期六`, says when the page was
    # read, not the year of its news: no clue)
    year, evidence, _lower = infer_year(_TODAY_LINE.sub("", text) if "星期" in text else text)
    latest = _latest(monthdays)
    today: dt.date | None = None
    for line in [ln.strip() for ln in fold(text[:2000]).split("\n") if ln.strip()][:15]:
        stated_md = _STATED_MONTHDAY.match(line)
        if stated_md and 1 <= int(stated_md.group(1)) <= 12 and 1 <= int(stated_md.group(2)) <= 31:
            latest = (int(stated_md.group(1)), int(stated_md.group(2)))  # a reader's `日期:12-04`
        site = _SITE_TODAY.match(line)
        if site and today is None:
            try:
                today = dt.date(int(site.group(1)), int(site.group(2)), int(site.group(3)))
            except ValueError:
                pass
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
    if latest and issue_date is None or (issue_date and not warnings):
        # a lone date line (`1999-10-29`, `2021年02月10日`) on or up to a week after the page's
        # latest dateline is the issue's: the datelines are the days before it went to print
        for line in dated:
            lone = _LONE_DATE.match(line)
            if not lone:
                continue
            try:
                found = dt.date(int(lone.group(1)), int(lone.group(2)), int(lone.group(3)))
                last = dt.date(found.year, *latest)
            except ValueError:
                continue
            if last > found:  # (a December dateline on a January page)
                last = last.replace(year=found.year - 1)
            if 0 <= (found - last).days <= 7:
                issue_date, evidence = found, f"版头日期 {line}（本版最晚电头 {latest[0]}月{latest[1]}日）"
                break
    if issue_date and today and issue_date > today:
        # a site's own date line (`2025-10-13 星期一`: the day the page was read) is no issue
        # date and may be a later year's: an issue after it cannot be, so the year is unknown
        warnings.append(f"年份不确定: 网页日期 {today.isoformat()} 早于推断的 {issue_date.isoformat()}")
        issue_date = None
    if issue_date:
        evidence = f"取本版最晚电头 {latest[0]}月{latest[1]}日；{evidence}"
    return IssueDate(issue_date, "inferred" if issue_date else "unknown", evidence, tuple(warnings))
