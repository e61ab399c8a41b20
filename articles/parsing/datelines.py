"""The date an article reports (its dateline), and that date placed in a year."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from .decoding import fold

# (`10月14月讯`: a dispatch's 日 misprinted as 月 still dates it)
_DATE = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})(?=日|月[讯电]|\s*[—\-–~〜至到]\s*\d)")


def find_dateline(lead: str) -> tuple[int, int] | None:
    """The (month, day) a lead reports; a range `11月1日至3日` gives its first day."""
    for m in _DATE.finditer(fold(lead)):
        month, day = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return month, day
    return None



def _date_for(monthday: tuple[int, int], issue: dt.date, *, convention: bool = False) -> dt.date | None:
    """The month and day in the issue's year, or the year before (``convention``: when the month
    is after the issue's, as the answers' writers place a dateline; else when it is more than six
    months after it, for a sentence's date that may name an occasion ahead)."""
    month, day = monthday
    year = issue.year - 1 if month > issue.month + (0 if convention else 6) else issue.year
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None




# --------------------------------------------------------------------------- richer datelines

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = r"[〇零一二两三四五六七八九十]{1,3}"
_CN_DATE = re.compile(rf"({_CN_NUMBER})月({_CN_NUMBER})日")
_RELATIVE = {
    "前天": -2, "前日": -2, "前晚": -2, "前夜": -2,
    "昨天": -1, "昨日": -1, "昨晚": -1, "昨夜": -1, "昨晨": -1, "昨早": -1,
    "今天": 0, "今日": 0, "今晨": 0, "今早": 0,
}
# (`昨从市公安局了解到`, `昨在…举行`: 昨 alone before a verb of the report is 昨天)
# (`建国十周年前夜`, `决赛前夜`: the eve of something, not the night before last)
_RELATIVE_RE = re.compile(
    "|".join(k if k not in ("前夜", "前晚") else rf"(?<![年节節日会會赛賽幕战戰考礼禮庆慶典式婚]){k}" for k in _RELATIVE)
    + r"|昨(?=[\u4e00-\u9fff])(?![天日晚夜晨早儿宵是非])"
)
_RELATIVE["昨"] = -1
# 本报南京1月2日电, 新华社北京1月1日电, 本报驻阿布扎比记者… no: the place comes before the date
_PLACED = re.compile(
    r"(本报|新华社|中新社|人民日报|新华网|中新网|人民网)(?:驻)?([\u4e00-\u9fff·]{0,10}?)"
    rf"(?:(?:\d{{1,2}}|{_CN_NUMBER})月)?(\d{{1,2}}|{_CN_NUMBER})日(?:专)?[电讯]"
)
# 本报合肥18日电, 【新华社重庆十四日电】: the day only, in the issue's month or the one before
_DAY_ONLY = re.compile(
    r"^(?:[【\[]?据?(?:本报|新华社|中新社|人民日报|新华网|中新网|人民网)(?:驻)?[\u4e00-\u9fff·]{0,10}?|[(（](?![^)）]*(?:社|记者|報|报))[\u4e00-\u9fff]{2,6}?)"
    rf"(\d{{1,2}}|{_CN_NUMBER})日(?:专)?[电讯]"
)  # (and a Malaysian paper's dispatch in brackets: `(槟城10日讯)`)


_QUOTED_SPAN = re.compile(r"“[^“”]{0,120}”|「[^「」]{0,120}」")


# a relative day with its date in brackets, as Taiwan and Hong Kong papers print it:
# `立法院昨(9)日三讀通過`, `亞運會昨(23日)開幕`, `今(10)日出席`, `今日(2日)在…` (the day as printed wins)
# (`今天(12月3日)自零时起`: with its month, the month and day as printed)
_BRACKETED_DAY = re.compile(r"[昨今前][天日]?\s*\(\s*(?:(\d{1,2})\s*月\s*)?(\d{1,2})\s*日?\s*\)\s*日?")


# a weekday with its date in brackets, as Singapore and Malaysian papers print it: `星期二(9月12日)`
_WEEKDAY_DATED = re.compile(r"(?:星期|周|週)[一二三四五六日天]\s*\(\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*\)")


_THIS_YEAR_OR_MONTH = re.compile(r"今年(?=(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日)|本月(?=\d{1,2}日)")


def _readable(f: str) -> str:
    """Folded text as the date readers see it: 元月 is 1月, `昨(9)日` is 9日, and a sentence's
    end inside a quotation ends no sentence (`“我们有了图书馆!”昨天,村民们说`)."""
    if "元月" in f:
        f = f.replace("元月", "1月")
    if "今年" in f or "本月" in f:
        # `今年3月5日,…`: the issue's year, as a date printed without one; `本月5日`: a day of the
        # issue's month, as a day printed alone
        f = _THIS_YEAR_OR_MONTH.sub("", f)
    if "(" in f and _BRACKETED_DAY.search(f):
        f = _BRACKETED_DAY.sub(lambda m: f"{m.group(1)}月{m.group(2)}日" if m.group(1) else f"{m.group(2)}日", f)
    if "(" in f and ("期" in f or "周" in f or "週" in f) and _WEEKDAY_DATED.search(f):
        f = _WEEKDAY_DATED.sub(r" \1月\2日", f)  # `星期二(9月12日)在国家法院`: the date as printed (`少年 9月12日`: apart from a 年 before it)
    if "“" in f or "「" in f:
        f = _QUOTED_SPAN.sub(lambda m: re.sub(r"[。!?]", ",", m.group(0)), f)
    return f


def chinese_number(text: str) -> int | None:
    """十二 -> 12, 三十一 -> 31, 二十 -> 20, 九 -> 9."""
    if not text or any(c not in _CN_DIGITS and c != "十" for c in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        t = _CN_DIGITS.get(tens, None) if tens else 1
        o = _CN_DIGITS.get(ones, None) if ones else 0
        if t is None or o is None:
            return None
        return t * 10 + o
    if len(text) == 1:
        return _CN_DIGITS[text]
    return None


@dataclass(frozen=True)
class Dateline:
    """What a lead says about when and where: an absolute (month, day), or an offset in days
    from the issue date (昨天 = -1), and the place of a wire dateline (南京 in 本报南京1月2日电)."""

    monthday: tuple[int, int] | None = None
    days_before_issue: int | None = None
    place: str = ""
    day: int | None = None  # the day of the month only (本报合肥18日电)
    # read from a sentence rather than a dateline (a brief's first sentence): a date after the
    # issue's is an occasion ahead (在11月20日世界儿童日来临之际), not when the news happened
    past_only: bool = False
    # printed with its year (`2020年12月31日,…`): the year as printed, not the issue's
    year: int | None = None
    lead: bool = False  # read from a lead (本报讯 …): a year-dated day may be the issue's own
    # a weekday (`周三上午`, `上周五`): (Monday = 0 …, the week: 0 its own, -1 the one before,
    # None the latest such day on or before the issue)
    weekday: tuple[int, int | None] | None = None


_PUBLISHED_AFTER = re.compile(r"\s*(?:[A-Z]?\d{1,2}\s*版|第[\d一二三四五六七八九十]{1,3}版|刊登|刊发|刊载|发表|出版)")
_YEAR_BEFORE = re.compile(r"((?:19|20)\d\d)年$")
# a date set for what is to come: `布什定于31日启程出访`, `将于3月3日开幕`, or a start in a
# sentence of plans (`3月15日开始,市政部门将正式启动…`): not when the reported thing happened
# (and in Traditional script: `將在12月7日舉行`, `將於`, `預定於`, `擬於`, `計劃於`)
_SCHEDULED_BEFORE = re.compile(r"([将將][于於在]|(?<![决決])定[于於]|[拟擬][于於在]|[计計][划劃][于於]|[预預]定[于於在]?|[预預][计計][于於在])\s*$")
_START_AFTER = re.compile(r"\s*(?:开始|開始|起)")
_FUTURE = re.compile(r"[将將](?![军領领士近])|即[将將]|[计計][划劃]|[拟擬]")


_CLAUSE_END = re.compile(r"[,;:]")
_FOLLOWING = re.compile(r"^\s*(?:继|繼|紧接|緊接)")
_AFTER_END = re.compile(r"(?:后|後|之后|之後|以后|以後)\s*$")


def _background(sentence: str, start: int, end: int) -> bool:
    """Whether the date at ``sentence[start:end]`` stands in a `继…后,` clause: what the news
    follows (`繼…三名常委八日被捕後,…徐漢光九日也被捕`), not the news's own day."""
    head = sentence.rfind(",", 0, start) + 1
    m = _CLAUSE_END.search(sentence, end)
    tail = m.start() if m else len(sentence)
    return bool(_FOLLOWING.match(sentence, head) and _AFTER_END.search(sentence[end:tail]))


def _scheduled(sentence: str, start: int, end: int) -> bool:
    """Whether the date at ``sentence[start:end]`` is set for something to come."""
    if _SCHEDULED_BEFORE.search(sentence, max(0, start - 4), start):
        return True
    return bool(_START_AFTER.match(sentence, end) and _FUTURE.search(sentence, end))


def read_dateline(lead: str) -> Dateline:
    """The dateline of a lead: the first date, Arabic or Chinese numerals, or relative word
    (昨天, 今日, 前天) in its first sentence; and the place of a `本报南京1月2日电` dateline."""
    f = _readable(fold(lead))
    place = dateline_place(f)
    day_only = _DAY_ONLY.match(f.strip())
    if day_only and "月" not in day_only.group(0):
        # `据新华社十二日讯 …今天…`: the dispatch's own day; 今天 in it is that day
        day = int(day_only.group(1)) if day_only.group(1).isdigit() else chinese_number(day_only.group(1))
        if day and 1 <= day <= 31:
            return Dateline(day=day, place=place)
    first = re.split(r"[。!?]", f, maxsplit=1)[0]
    candidates: list[tuple[int, Dateline]] = []
    blocked = 0  # where a date that is no dateline ends: the later search starts after it
    for m in _DATE.finditer(first):
        month, day = int(m.group(1)), int(m.group(2))
        if (
            _PUBLISHED_AFTER.match(first, m.end() + 1)
            or re.search(r"(自|从|截至|截止)\s*$", first[max(0, m.start() - 3) : m.start()])
            or _scheduled(first, m.start(), m.end() + 1)
        ):
            # `本报7月27日A7版刊登的…`, `自12月9日本报刊登…以来`: a past edition or a span's start,
            # not the report's day (the first date only: a later one is no better)
            blocked = m.end()
            if _scheduled(first, m.start(), m.end() + 1):
                # (`春运将于1月26日开始,3月5日结束`: the later dates are the same plan's)
                blocked = len(first)
            break
        if 1 <= month <= 12 and 1 <= day <= 31:
            # printed with its year (`本报1987年5月18日发表的`): that year, not the issue's
            year = _YEAR_BEFORE.search(first, max(0, m.start() - 5), m.start())
            candidates.append(
                (m.start(), Dateline(monthday=(month, day), place=place, year=int(year.group(1)) if year else None, lead=True))
            )
            break
    for m in _CN_DATE.finditer(first):
        if _scheduled(first, m.start(), m.end()):
            break  # (`將於十二月七日舉行`: a day set for what is to come, as in Arabic digits)
        month, day = chinese_number(m.group(1)), chinese_number(m.group(2))
        if month and day and 1 <= month <= 12 and 1 <= day <= 31:
            candidates.append((m.start(), Dateline(monthday=(month, day), place=place)))
            break
    m = _RELATIVE_RE.search(first)
    if m:
        candidates.append((m.start(), Dateline(days_before_issue=_RELATIVE[m.group(0)], place=place)))
    if weekday := weekday_date(first):
        candidates.append((weekday[0], replace(weekday[1], place=place)))
    if not candidates:
        m = _DAY_ONLY.match(f.strip())
        if m:
            day = int(m.group(1)) if m.group(1).isdigit() else chinese_number(m.group(1))
            if day and 1 <= day <= 31:
                return Dateline(day=day, place=place)
        # the date may come later in the lead (本报讯 第二届……大会8月8日上午在锡山区召开)
        # (within its first sentence: a date in the second is no dateline, as the measure's
        # writers read a lead — 本报讯 高温天气里,……河道游泳。8月22日下午,记者…: none)
        md = _later_dateline(first, blocked)
        return Dateline(monthday=md, place=place) if md else Dateline(place=place)
    return min(candidates, key=lambda c: c[0])[1]


_SPAN_END_BEFORE = re.compile(r"(至|到|止|—|-|–|~|〜)\s*$")


def _later_dateline(first: str, start: int) -> tuple[int, int] | None:
    """The (month, day) a lead's first sentence names after its opening, not a span's end
    (`春运自1月26日起至3月5日结束`) nor a day set for what is to come."""
    for m in _DATE.finditer(first, start):
        if _SPAN_END_BEFORE.search(first, max(0, m.start() - 2), m.start()) or _scheduled(first, m.start(), m.end() + 1):
            continue
        month, day = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return month, day
    return None


def dateline_place(text: str) -> str:
    """The place of a wire-style dateline anywhere in ``text`` (folded)."""
    m = _PLACED.search(text)
    return m.group(2) if m else ""


def resolve(dateline: Dateline, issue: dt.date | None) -> dt.date | None:
    """The calendar date a dateline means on an issue of ``issue``."""
    if issue is None:
        return None
    if dateline.days_before_issue is not None:
        return issue + dt.timedelta(days=dateline.days_before_issue)
    if dateline.weekday is not None:
        day, week = dateline.weekday
        if week is None:  # `周三` in a report: the last Wednesday, the issue's own day at latest
            return issue - dt.timedelta(days=(issue.weekday() - day) % 7)
        found = issue - dt.timedelta(days=issue.weekday()) + dt.timedelta(days=7 * week + day)
        return found if found <= issue else None  # (`本周五` still to come: no report date)
    if dateline.monthday and dateline.year:
        try:
            found = dt.date(dateline.year, *dateline.monthday)
        except ValueError:
            return None
        # a year-dated opening is the report's date only when it is recent and before the issue:
        # a story that opens with history (1937年12月13日,…) has none, nor a standing note dated
        # the issue's own day (2021年12月28日,本报……对当日刊登的照片进行评选)
        return found if dt.timedelta(days=0 if dateline.lead else 1) <= issue - found <= dt.timedelta(days=366) else None
    if dateline.monthday:
        found = _date_for(dateline.monthday, issue, convention=not dateline.past_only)
        return None if dateline.past_only and found is not None and found > issue else found
    if dateline.day:
        month = dt.date(issue.year, issue.month, 1)
        if dateline.day > issue.day:
            month = (month - dt.timedelta(days=1)).replace(day=1)
        try:
            found = month.replace(day=dateline.day)
        except ValueError:
            return None
        # a day in a sentence (not a dateline) far back in last month is rather an occasion
        # ahead in this one (`周日(25日)举行` read on the 20th): no dateline
        return None if dateline.past_only and (issue - found).days > 7 else found
    return None


_RELATIVE_WORDS = "|".join(k for k in _RELATIVE if k != "昨")
_OPENING_DATE = re.compile(rf"^((?:19|20)\d\d年)?(\d{{1,2}}月\d{{1,2}}日|{_CN_NUMBER}月{_CN_NUMBER}日|{_RELATIVE_WORDS}|昨(?=[\u4e00-\u9fff])(?![天日晚夜晨早儿宵是非]))")
_OPENING_QUOTE = re.compile(r"^[“\"「『][^”\"」』]{1,80}[”\"」』]\s*[,，]?\s*")
_DEFINES = re.compile(r"\s*(?:为|為|和|与|與|及|、)")
_OPENING_DAY = re.compile(r"^(\d{1,2})日(?:[上下中]午|早上|清晨|凌晨|晚|晚上|夜|,|，|\s)")


def opening_dateline(paragraph: str) -> Dateline:
    """A paragraph with no lead mark that opens with its date (`昨天,…`, `2月1日,…`)."""
    f = _readable(fold(paragraph.strip()[:400]))  # (its opening and first sentence only)
    # a story that opens with a quoted cry, then its date: `“咦,那是在做什么?”昨天一大早,…`
    quoted = _OPENING_QUOTE.match(f)
    if quoted and (_OPENING_DATE.match(f[quoted.end() :]) or _OPENING_DAY.match(f[quoted.end() :])):
        f = f[quoted.end() :]
    opening = _OPENING_DATE.match(f)
    if opening and _DEFINES.match(f, opening.end()):
        return Dateline()  # `11月8日为记者节`, `12月19日和20日两天`: a date named, not a dateline
    if opening:
        found = read_dateline(f)
        if opening.group(1) and found.monthday:
            return replace(found, year=int(opening.group(1)[:4]), lead=False)
        return replace(found, lead=False, past_only=True)  # (`7月1日是…改版20周年` read on 6-29: ahead)
    m = _OPENING_DAY.match(f)  # `16日下午,…`: the day only
    if m and 1 <= int(m.group(1)) <= 31:
        return Dateline(day=int(m.group(1)))
    return Dateline()


_SENTENCE_DAY = re.compile(r"(?<![\d月年])(\d{1,2})日(?!内|以内|之内|以上|以来|起算)")
_SENTENCE_MONTHDAY = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")


def sentence_date(paragraph: str) -> Dateline:
    """A brief's date: the first date its first sentence names (`记者27日从…获悉`, `昨天`,
    `3月2日`), not a date with its year (`自2020年12月28日零时起` is when something happens)."""
    f = _readable(fold(paragraph).strip())
    first = re.split(r"[。!?]", f, maxsplit=1)[0]
    quoted = _OPENING_QUOTE.match(first)
    if quoted and quoted.end() < len(first):
        # `“…全市在20日开栓供暖,…”21日,居民向本报反映。`: a day inside the opening quotation is
        # what someone said; the one after it, when there is one, dates the report
        after = sentence_date(first[quoted.end() :])
        if after != Dateline():
            return after
    found: list[tuple[int, Dateline]] = []
    m = _SENTENCE_MONTHDAY.search(first)
    if m and _scheduled(first, m.start(), m.end()):
        m = None  # (`记者6日获悉,…大会将于10月9日开幕`: the day set is not the report's; 6日 is)
    elif m and (_PUBLISHED_AFTER.match(first, m.end()) or re.search(r"(自|从|截至|截止)\s*$", first[max(0, m.start() - 3) : m.start()])):
        first = first[m.end() :]  # (`本报7月27日A7版刊登…`: a past edition, not the report's day)
        m = None
    if m and 1 <= int(m.group(1)) <= 12 and 1 <= int(m.group(2)) <= 31:
        found.append((m.start(), Dateline(monthday=(int(m.group(1)), int(m.group(2))), past_only=True)))
    m = _SENTENCE_DAY.search(first)
    if m and 1 <= int(m.group(1)) <= 31 and not _scheduled(first, m.start(), m.end()):
        found.append((m.start(), Dateline(day=int(m.group(1)))))
    m = _RELATIVE_RE.search(first)
    if m:
        found.append((m.start(), Dateline(days_before_issue=_RELATIVE[m.group(0)])))
    if weekday := weekday_date(first):
        found.append(weekday)
    return min(found, key=lambda c: c[0])[1] if found else Dateline()


# --------------------------------------------------------------------------- the lead sentence

# what may follow a date that says when the reported thing happened: a time of day, a place
# or an act (`4月28日在国新办…表示`, `十日在北京会见`, `20日上午`, `1月1日起,`), not a definition
# or a span (`11月8日为记者节`, `12月19日和12月20日两天`, `7日内`)
_WHEN_AFTER = r"(?=\s*(?:[上下中]午|早上|早晨|清晨|凌晨|傍晚|晚上|晚间|晚|夜|深夜|[一二三四五六七八九十]{1,3}[时点]|白天|当天|一早|[0-9]{1,2}[时点]|在|于|举行|召开|开幕|闭幕|宣布|发布|公布|表示|说|称|指出|透露|获悉|起|电|讯|报道|消息|,|，|\s))"
# what may stand before it: the start, a subject's last character, a comma, 在/于 — not 自/从/截至
# (a start or a limit) nor an opening bracket (`周日(25日)`)
_WHEN_BEFORE_BAD = re.compile(r"(自|从|截至|截止|直到|到|至|始于|为期|每年|每月|每逢|农历|第|有|某|每|同|次|翌|隔|逐|几|数|[(（])\s*$")
# a full month and day is a date whatever follows, unless it defines, spans or bounds
# (`11月8日为记者节`, `12月19日和20日`, `1月8日前`, `3月1日以来`)
_NOT_WHEN_AFTER = r"(?!\s*(?:为|為|和|与|與|及|、|至|到|—|-|~|前|后|後|之前|之后|以前|以后|以来|以來|内|內|期间|止|这天|那天|这一天|那一天|那样))"
# a day then the act that happened on it (`史達偉三十一日參加…`, `法新社六日援引…`): any word but one
# that makes the day a count, a span's end or a name (`7日内`, `三日游`, `15日前`, `一日三餐`, `日报`,
# `日记`; but `9日记者从…获悉`)
_DAY_THEN_VERB = r"(?=[\u4e00-\u9fff])(?![内內以之前后後游遊至到止起为為是和与與及、报報元均夜间間期常益渐漸趋趨光头頭子本])(?![记記](?!者))(?!(?<=一日)[三两兩])"
_FIRST_MONTHDAY = re.compile(rf"(?<![\d年])(?:((?:19|20)\d\d)年)?(\d{{1,2}}|{_CN_NUMBER})月(\d{{1,2}}|{_CN_NUMBER})日")
_NOT_WHEN = re.compile(_NOT_WHEN_AFTER)
# a range's start (`11月1日至3日,…在无锡举行`, `5月8日—10日`): the date the sentence gives is its
# first day; a photo's own day in brackets (`…交流(12月6日摄)。`) dates a photo story
_RANGE_AFTER = re.compile(rf"\s*(?:至|到|—|-|–|~|〜)\s*(?:(?:\d{{1,2}}|{_CN_NUMBER})月)?(?:\d{{1,2}}|{_CN_NUMBER})日")
_PHOTO_DAY = re.compile(r"\s*(?:[上下中]午|晚上?|凌晨|清晨)?\s*摄")
_FIRST_DAY = re.compile(rf"(?<![\d月年〇零一二两三四五六七八九十])(\d{{1,2}}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日(?:{_WHEN_AFTER}|{_DAY_THEN_VERB})")
_FIRST_RELATIVE = re.compile(
    # (not `十年前的今天`, `去年的昨天`: an anniversary)
    r"(?<![的年])(?:(前天|前日|前晚|前夜|昨天|昨日|昨晚|昨夜|昨晨|昨早)|昨(?=[\u4e00-\u9fff])(?![天日晚夜晨早儿宵是非]))"
    # (今天/今日 of the report before a time, a place or a pause, not a noun: `今天的无锡`,
    # `今日头条`, `没有今天这么辉煌`)
    # `记者今天从…获悉`, `今天举行`, `今天是…`: 今天 of a morning paper is the issue's own day
    r"|(?<![的年有到至])(今晨|今早)"
    r"|(?<![的年有到至])(今天|今日)(?=\s*(?:[上下中]午|早上|早晨|清晨|凌晨|傍晚|晚|夜|一早|白天|[0-9]{1,2}[时点]|在|于|,|，"
    r"|从|自(?!己)|向|对|就|与|同|跟|给|起|开始|举行|召开|发布|宣布|公布|迎来|正式|上线|开通|开幕|闭幕|揭牌|启动|是|首次|再次|又|获悉|表示|透露))"
)


# a weekday naming when the reported thing happened: `周三上午`, `星期天晚上`, `上周五`, `本周二在…`
# (not `每周三`, `下周一`, `周一至周五`, `周日(25日)`: a routine, what is to come, a span, a day in
# brackets read as such)
_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY = re.compile(
    r"(?<![每下隔])(上|本|这|這)?(?:周|週|星期|礼拜|禮拜)([一二三四五六日天])"
    r"(?!\s*(?:至|到|—|-|~|〜|、|和|与|及|或|是|为|前|后|以|起|开始|将|要|\())"
    # (a time, a place or an act after it: `周一鸣表示` is a person)
    r"(?=\s*(?:[上下中]午|早上|早晨|清晨|凌晨|傍晚|晚上|晚间|晚|夜|深夜|一早|白天|当天|[0-9]{1,2}[时点:]|在|于|举行|召开|举办|开幕|闭幕"
    r"|宣布|发布|公布|表示|说|称|指出|透露|对|向|与|同|从|赴|到|来到|前往|抵达|出席|参加|会见|发生|迎来|正式|,|，))"
)


_CREDITED_BEFORE = re.compile(r"(?:记者|通讯员|实习生|作者|编辑|摄影|文/|图/)\s*$")


def weekday_date(sentence: str) -> tuple[int, Dateline] | None:
    """(where, the dateline) of the first weekday a sentence reports on, or None."""
    if "周" not in sentence and "週" not in sentence and "星期" not in sentence and "拜" not in sentence:
        return None
    for m in _WEEKDAY.finditer(sentence):
        before = sentence[max(0, m.start() - 5) : m.start()]
        if _scheduled(sentence, m.start(), m.end()) or _WHEN_BEFORE_BAD.search(before) or _CREDITED_BEFORE.search(before):
            continue  # (`(记者 周三)`: a name, not a day)
        week = {"上": -1, "本": 0, "这": 0, "這": 0}.get(m.group(1) or "")
        return m.start(), Dateline(weekday=(_WEEKDAYS[m.group(2)], week))
    return None


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else chinese_number(text)


def lead_sentence_date(paragraph: str) -> Dateline:
    """The date the first sentence of a story with no dateline mark gives for its report, when
    it says when something happened (`中国人民银行副行长4月28日在国新办…表示`, `在昨日上午的一场
    风雨中`, `王沪宁十日在北京会见…`): the first such date; a date with its year only when it is
    recent. Dates that define, span or limit (`11月8日为记者节`, `自…起`, `截至1月2日`) are none."""
    f = _readable(fold(paragraph.strip()[:200]))  # (a sentence is short: fold only the head)
    first = re.split(r"[。!?;]", f, maxsplit=1)[0][:160]
    quoted = _OPENING_QUOTE.match(first)
    if quoted and quoted.end() < len(first):
        after = lead_sentence_date(first[quoted.end() :])  # (what was said is not when: as above)
        if after != Dateline():
            return after
    found: list[tuple[int, Dateline]] = []
    # (the first month and day only: when it is no dateline, a later one is rather part of
    # the same span or list: `这是12月19日和12月20日两天的版样`)
    for m in filter(None, [_FIRST_MONTHDAY.search(first)]):
        if (
            _WHEN_BEFORE_BAD.search(first[max(0, m.start() - 4) : m.start()])
            and not _PHOTO_DAY.match(first, m.end())
            or not _NOT_WHEN.match(first, m.end()) and not _RANGE_AFTER.match(first, m.end())
            or _PUBLISHED_AFTER.match(first, m.end())
            or _scheduled(first, m.start(), m.end())
            or _background(first, m.start(), m.end())
        ):
            continue
        month, day = _number(m.group(2)), _number(m.group(3))
        if month and day and 1 <= month <= 12 and 1 <= day <= 31:
            year = int(m.group(1)) if m.group(1) else None
            found.append((m.start(), Dateline(monthday=(month, day), past_only=True, year=year)))
            break
    for m in _FIRST_DAY.finditer(first):
        if (
            _WHEN_BEFORE_BAD.search(first[max(0, m.start() - 4) : m.start()])
            or _scheduled(first, m.start(), m.start() + len(m.group(1)) + 1)
            or _background(first, m.start(), m.start() + len(m.group(1)) + 1)
        ):
            continue
        day = _number(m.group(1))
        if day and 1 <= day <= 31:
            found.append((m.start(), Dateline(day=day, past_only=True)))
            break
    m = _FIRST_RELATIVE.search(first)
    if m:
        found.append((m.start(), Dateline(days_before_issue=_RELATIVE[m.group(0)])))
    if weekday := weekday_date(first):
        found.append(weekday)
    return min(found, key=lambda c: c[0])[1] if found else Dateline()


# --------------------------------------------------------------------------- an opener before the news

# any word that names a day: `21日`, `三十一日`, `昨天`, `今晨`, `昨从…` (a sentence with one is no opener)
_ANY_DAY_WORD = re.compile(rf"(?:\d{{1,2}}|{_CN_NUMBER})[日号]|{_RELATIVE_WORDS}|昨(?=[\u4e00-\u9fff])|(?:19|20)\d\d年")
_SENTENCE = re.compile(r"[^。!?]*[。!?]+[”」]?")

# two matched halves (对仗), a line of rhetoric rather than news: `友谊之花,丝路绽放。`,
# `最美不过家乡景,最浓不过故乡情。`, `十裡秦淮,畫舫凌波。`
_COUPLET = re.compile(r"([\u4e00-\u9fff]{3,8}),([\u4e00-\u9fff]{3,8})[。!]")


def _is_couplet(sentence: str) -> bool:
    """Four characters and four (友谊之花,丝路绽放), a set phrase rather than a sentence. Longer
    matched halves (最美不过家乡景,最浓不过故乡情) are the lead's first sentence, as the answers'
    writers read them (session 5): a date after them is in the second sentence."""
    m = _COUPLET.fullmatch(sentence.strip())
    return bool(m) and len(m.group(1)) == len(m.group(2)) == 4


def after_opener(paragraph: str) -> str | None:
    """The paragraph from its news sentence on, when it opens with a dateless couplet of two
    matched halves, a line of rhetoric rather than a sentence of news (`友谊之花,丝路绽放。当地时间
    8月15日,…`); None when it opens with no such thing. A question, an exclamation or a
    declarative first sentence is the lead sentence however short (`…排起了长队?昨天上午,…`,
    `入室盗窃案件在南京已屡见不鲜。前日,…`: no date): the answers' convention is that only the
    first sentence of a lead dates it (writer-s5.md, "The answers")."""
    f = _readable(fold(paragraph.strip()[:400]))
    at = 0
    for _ in range(3):
        m = _SENTENCE.match(f, at)
        if not m:
            break
        sentence = m.group(0)
        if _ANY_DAY_WORD.search(sentence):
            break
        if not _is_couplet(sentence):
            break
        at = m.end()
    rest = f[at:].strip()
    return rest if at and rest else None
