"""Parse one printed page of 江南晚报 (plain text) into its articles and page metadata.

Pure Python, no Django imports: the ingest service turns a ``ParsedPage`` into rows.
The format, as far as we know it, is described in FORMAT.md in the shared folder; in short:
a page is lines of text; an article is a headline line, a ``本报讯`` lead, body paragraphs and
a byline in parentheses; printed column breaks leave a paragraph cut mid-sentence; a column
title (``要闻快览``) heads short items without ``本报讯``; the masthead and imprint are not
article text, but the page credits (值班编委 ...) are kept.

Matching is done on a *folded* copy of the text (NFKC: full-width ，：（）０-９ become their
half-width forms) so both punctuation widths parse the same; what we store is the text as
printed.
"""

from __future__ import annotations

import codecs
import functools
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

PAPER = "江南晚报"

__all__ = [
    "Byline",
    "Credit",
    "PageParseError",
    "ParsedArticle",
    "ParsedPage",
    "decode_page",
    "fold",
    "parse_page",
    "parse_page_bytes",
]


class PageParseError(ValueError):
    """The file cannot be read as a page; the message says why, in words a person can act on."""


@dataclass(frozen=True)
class Byline:
    name: str
    role: str | None = None  # 记者, 通讯员, ... when printed; None for a bare name


@dataclass(frozen=True)
class Credit:
    role: str  # 值班编委, 封面责编, 封面美编, 封面校对, ...
    names: tuple[str, ...]


@dataclass(frozen=True)
class ParsedArticle:
    headline: str
    paragraphs: tuple[str, ...]  # the lead first (when there is one), column breaks rejoined
    bylines: tuple[Byline, ...] = ()
    source: str | None = None  # wire agency for copy printed 据新华社
    section: str | None = None  # column title such as 要闻快览
    dateline: dt.date | None = None
    has_lead: bool = False  # paragraphs[0] is the 本报讯 lead

    @property
    def lead(self) -> str:
        return self.paragraphs[0] if self.has_lead and self.paragraphs else ""

    @property
    def body(self) -> tuple[str, ...]:
        return self.paragraphs[1:] if self.has_lead else self.paragraphs


@dataclass(frozen=True)
class ParsedPage:
    articles: tuple[ParsedArticle, ...]
    credits: tuple[Credit, ...] = ()
    issue_date: dt.date | None = None
    issue_date_inferred: bool = True
    issue_date_evidence: str = ""
    warnings: tuple[str, ...] = field(default=())


# --------------------------------------------------------------------------- decoding


def decode_page(data: bytes, name: str = "page") -> str:
    """Bytes of a delivered page -> text with ``\\n`` line ends.

    Accepts UTF-8 (with or without BOM), UTF-16 with a BOM and GB18030/GBK. Anything else
    raises ``PageParseError`` naming the file and the reason.
    """
    if not data.strip():
        raise PageParseError(f"{name}: 文件为空 (empty file)")
    if data.startswith(codecs.BOM_UTF8):
        text = _strict(data[3:], "utf-8", name)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _strict(data, "utf-16", name)
    else:
        if b"\x00" in data:
            raise PageParseError(
                f"{name}: 含有 NUL 字节，不是文本文件，或是没有 BOM 的 UTF-16 "
                "(binary data, or UTF-16 without a byte-order mark)"
            )
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _strict(data, "gb18030", name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = len(_CONTROL_CHARS.findall(text))
    if bad:
        raise PageParseError(
            f"{name}: 含有 {bad} 个控制字符，不像报纸文本 (control characters: not page text)"
        )
    return text


# Unicode category Cc is exactly U+0000-001F and U+007F-009F; tab and newline are allowed.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise PageParseError(
            f"{name}: 无法按 UTF-8、UTF-16 或 GB18030 解码 (not UTF-8, UTF-16 or GB18030: "
            f"{exc.reason} at byte {exc.start})"
        ) from None


@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """The matching form of text: NFKC, so full- and half-width punctuation and digits agree."""
    return unicodedata.normalize("NFKC", text)


# --------------------------------------------------------------------------- line classes

_SENTENCE_END = "。！？!?…"
_CLOSERS = "”’」』\"')）》"
_BYLINE_AT_END = re.compile(r"[(（]([^()（）]{1,60})[)）]\s*$")
_BYLINE_TAIL = 80  # a byline is at most 60 characters plus brackets: look no further back


def _byline_match(line: str) -> tuple[int, re.Match] | None:
    """The closing byline's match and its offset in ``line``; searches only the tail, so a
    huge unpunctuated paragraph costs linear time, not quadratic."""
    offset = max(0, len(line) - _BYLINE_TAIL)
    m = _BYLINE_AT_END.search(line, offset)
    return (m.start(), m) if m else None
_WIRE_AGENCIES = ("新华社", "中新社", "人民日报", "央视新闻", "中国新闻社", "光明日报", "经济日报")
_ROLES = {
    "记者": "记者",
    "本报记者": "记者",
    "见习记者": "见习记者",
    "通讯员": "通讯员",
    "实习生": "实习生",
    "摄影": "摄影",
    "摄": "摄影",
    "文": None,
    "图": "摄影",
}
_NAME = re.compile(r"^[\u3400-\u9fff][\u3400-\u9fff·•]{1,9}$")

KNOWN_COLUMN_TITLES = (
    "要闻快览",
    "新闻快览",
    "要闻速递",
    "新闻速递",
    "简讯",
    "快讯",
    "短讯",
    "本地新闻",
    "国内新闻",
    "国际新闻",
)


def is_terminated(line: str) -> bool:
    """Does this paragraph end a sentence (so a following line starts a new paragraph)?"""
    s = line.rstrip()
    if parse_byline_text(s) is not None:
        return True
    s = s.rstrip(_CLOSERS)
    # A closing quote or bracket counts only after sentence-final punctuation: `……。”`.
    return bool(s) and s[-1] in _SENTENCE_END


def parse_byline_text(line: str) -> tuple[tuple[Byline, ...], str | None] | None:
    """If ``line`` ends with a byline, return (people, wire source); else None.

    A byline is the parenthesised credit that closes an article: `(高美梅)`, `(高美梅、惠晓婧)`,
    `(据新华社)`, `(记者 张三 通讯员 李四)`, `(本报记者 张三)`. It stands on its own line or
    straight after the last sentence's final punctuation.
    """
    found = _byline_match(line)
    if not found:
        return None
    start, m = found
    before = line[max(0, start - 8) : start].rstrip()
    if before and before.rstrip(_CLOSERS)[-1:] not in _SENTENCE_END and not before.endswith(
        tuple(_CLOSERS)
    ):
        return None
    inner = fold(m.group(1)).strip()
    wire = _wire_source(inner)
    if wire:
        return (), wire
    people = _people(inner)
    if people:
        return people, None
    return None


def _wire_source(inner: str) -> str | None:
    s = inner
    if s.startswith("据"):
        s = s[1:]
    s = s.strip("《》 ")
    s = re.sub(r"(电|报道|消息)$", "", s).strip("《》 ")
    if inner.startswith("据") and 1 < len(s) <= 12:
        return s
    if s in _WIRE_AGENCIES:
        return s
    return None


def _people(inner: str) -> tuple[Byline, ...]:
    tokens = [t for t in re.split(r"[\s、,/]+", inner) if t]
    people: list[Byline] = []
    role: str | None = None
    for tok in tokens:
        if tok in _ROLES:
            role = _ROLES[tok]
            continue
        # `记者张三` written without a space
        for prefix in sorted(_ROLES, key=len, reverse=True):
            if tok.startswith(prefix) and _NAME.match(tok[len(prefix) :] or "x"):
                role, tok = _ROLES[prefix], tok[len(prefix) :]
                break
        if not _NAME.match(tok) or len(tok) > 6 and "·" not in tok:
            return ()
        people.append(Byline(name=tok, role=role))
    return tuple(people)


def split_byline(paragraph: str) -> tuple[str, tuple[Byline, ...], str | None] | None:
    """Split a closing byline off a paragraph: (text before it, people, wire source)."""
    found = parse_byline_text(paragraph)
    if found is None:
        return None
    match = _byline_match(paragraph)
    assert match is not None
    return paragraph[: match[0]].rstrip(), found[0], found[1]


# --------------------------------------------------------------------------- boilerplate

_STRONG_FOOTER = [
    re.compile(p)
    for p in (
        r"^江南晚报$",
        r"无锡日报报业集团主办",
        r"^国内统一连续出版物号",
        r"^CN\s?\d{2}-\d{4}",
        r"^邮发代号",
        r"^(值班编委|封面责编|封面美编|封面校对|责任编辑|美术编辑|本版编辑|校对)\s*:",
        r"新媒体矩阵$",
        r"热线\s*:",
        r"^版权声明$",
        r"^版权合作$",
        r"^本报刊载的所有内容",
        r"^如需使用本报",
        r"零售价",
    )
]
_WEAK_FOOTER = [
    re.compile(p)
    for p in (
        r"^(官方微信|官方微博|IP WUXI|二泉月|微信视频号|抖音号|快手号|头条号|视频号|小红书|联系我们)$",
        r"^[\d\s\-、,]+(\([^)]{1,8}\))?$",  # phone numbers, barcode digits
        r"投稿\s*:?\s*\S+@\S+$",
        r"^\S+@\S+\.\w+$",
        r"^(地址|邮编|联系电话|传真|网址)\s*:",
    )
]
_CREDIT = re.compile(r"^(值班编委|封面责编|封面美编|封面校对|责任编辑|美术编辑|本版编辑|校对)\s*:\s*(.+)$")


def _footer_strength(line: str) -> int:
    f = fold(line).strip()
    if any(p.search(f) for p in _STRONG_FOOTER):
        return 2
    if any(p.search(f) for p in _WEAK_FOOTER):
        return 1
    return 0


def strip_boilerplate(lines: list[str]) -> tuple[list[str], tuple[Credit, ...]]:
    """Drop masthead/imprint runs; return the article lines and the page credits.

    A run of consecutive boilerplate-looking lines is dropped only when it holds at least one
    unmistakable imprint line, so a short article line such as `抖音号` alone is never lost.
    """
    kept: list[str] = []
    credits: list[Credit] = []
    i = 0
    while i < len(lines):
        if _footer_strength(lines[i]) == 0:
            kept.append(lines[i])
            i += 1
            continue
        j = i
        while j < len(lines) and _footer_strength(lines[j]) > 0:
            j += 1
        run = lines[i:j]
        if any(_footer_strength(x) == 2 for x in run):
            for x in run:
                m = _CREDIT.match(fold(x).strip())
                if m:
                    names = tuple(n for n in re.split(r"[\s、,]+", m.group(2)) if n)
                    credits.append(Credit(role=m.group(1), names=names))
        else:
            kept.extend(run)
        i = j
    return kept, tuple(credits)


# --------------------------------------------------------------------------- segmentation


def _is_lead(line: str) -> bool:
    return fold(line).lstrip().startswith("本报讯")


def _is_byline_line(line: str) -> bool:
    s = line.strip()
    found = _byline_match(s)
    return bool(found) and found[0] == 0 and parse_byline_text(s) is not None


def _title_like(line: str, *, strict: bool = False) -> bool:
    """Could this line be a headline? `strict` is for items without a 本报讯 lead."""
    s = line.strip()
    if not s or _is_lead(s) or is_terminated(s) or len(s) > 90:
        return False
    if strict and (len(s) > 40 or re.search(r"[,;，；、:：]", s)):
        return False
    return True


def _is_column_title(lines: list[str], i: int) -> bool:
    """A column title: `要闻快览` or a short bare line heading headline + paragraph."""
    s = fold(lines[i]).strip()
    if s in KNOWN_COLUMN_TITLES:
        return True
    if len(s) > 6 or re.search(r"[\W\d]", s):
        return False
    return (
        i + 2 < len(lines)
        and _title_like(lines[i + 1], strict=True)
        and not _title_like(lines[i + 2])
        and not _is_lead(lines[i + 2])
    )


@dataclass
class _Chunk:
    section: str | None
    headline_lines: list[str]
    body_lines: list[str]


def _segment(lines: list[str]) -> list[_Chunk]:
    """Split article lines into chunks: headline lines + body lines (+ column title)."""
    n = len(lines)
    starts: dict[int, tuple[int, str | None]] = {}  # start index -> (headline length, section)
    for i, line in enumerate(lines):
        if not _is_lead(line):
            continue
        j = i - 1
        if j < 0 or not _title_like(lines[j]):
            continue  # a lead with no headline above it: keep it with what precedes
        first = j
        k = j - 1
        if k >= 0 and _title_like(lines[k]) and len(lines[k].strip()) <= 40 and (
            k == 0 or is_terminated(lines[k - 1]) or _is_column_title(lines, k - 1)
            or _is_byline_line(lines[k - 1])
        ):
            if not _is_column_title(lines, k) or fold(lines[k]).strip() not in KNOWN_COLUMN_TITLES:
                first = k
        section = None
        c = first - 1
        if c >= 0 and fold(lines[c]).strip() in KNOWN_COLUMN_TITLES:
            section = lines[c].strip()
            first = c
        starts[first] = (i - first, section)

    chunks: list[_Chunk] = []
    order = sorted(starts)
    if order and order[0] > 0:
        chunks.extend(_column_items(lines[: order[0]]))
    elif not order:
        chunks.extend(_column_items(lines))
    for idx, s in enumerate(order):
        end = order[idx + 1] if idx + 1 < len(order) else n
        head_len, section = starts[s]
        head = lines[s : s + head_len]
        if section is not None:
            head = head[1:]
        body = lines[s + head_len : end]
        # The article ends at its byline; what follows (a column of short items) is separate.
        cut = _article_end(body)
        chunks.append(_Chunk(section=section, headline_lines=head, body_lines=body[:cut]))
        if cut < len(body):
            chunks.extend(_column_items(body[cut:]))
    return chunks


def _article_end(body: list[str]) -> int:
    """Index just past this article's own text within ``body`` (its byline, or a column title)."""
    for i, line in enumerate(body):
        if i > 0 and is_terminated(body[i - 1]) and _is_column_title(body, i):
            return i
        if parse_byline_text(line.strip()) is not None and i > 0:
            return i + 1
    return len(body)


def _column_items(lines: list[str]) -> list[_Chunk]:
    """Short items without 本报讯: [column title] then (headline, paragraphs, byline) repeated."""
    chunks: list[_Chunk] = []
    section: str | None = None
    current: _Chunk | None = None
    prev_done = True  # the previous line ended a paragraph (or there was none)
    for i, line in enumerate(lines):
        if prev_done and _is_column_title(lines, i):
            section, current = line.strip(), None
            continue
        if (
            prev_done
            and _title_like(line, strict=True)
            and i + 1 < len(lines)
            and (current is None or current.body_lines)
        ):
            current = _Chunk(section=section, headline_lines=[line], body_lines=[])
            chunks.append(current)
            prev_done = False
            continue
        if current is None:
            # Text with no headline of its own: keep it, under an empty headline.
            current = _Chunk(section=section, headline_lines=[], body_lines=[])
            chunks.append(current)
        current.body_lines.append(line)
        prev_done = is_terminated(line)
        if parse_byline_text(line.strip()) is not None:
            current, prev_done = None, True  # the item is closed; another may follow
    return chunks


def rejoin_column_breaks(lines: list[str]) -> list[str]:
    """Lines -> paragraphs: a line that does not end a sentence continues in the next one."""
    paragraphs: list[str] = []
    parts: list[str] = []  # the open paragraph, joined once it closes (linear, not quadratic)
    tail = ""  # its last characters: all that termination and bylines depend on
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if parts and _is_byline_line(line):
            paragraphs.append("".join(parts))
            parts, tail = [], ""
        parts.append(line)
        tail = (tail + line)[-_BYLINE_TAIL:]
        if is_terminated(tail):
            paragraphs.append("".join(parts))
            parts, tail = [], ""
    if parts:
        paragraphs.append("".join(parts))
    return paragraphs


# --------------------------------------------------------------------------- dates

_DATE = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})(?=日|\s*[—\-–~〜至到]\s*\d)")


def find_dateline(lead: str) -> tuple[int, int] | None:
    """The (month, day) a lead reports; a range `11月1日至3日` gives its first day."""
    for m in _DATE.finditer(fold(lead)):
        month, day = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return month, day
    return None


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


def _date_for(monthday: tuple[int, int], issue: dt.date) -> dt.date | None:
    month, day = monthday
    year = issue.year - 1 if month > issue.month + 6 else issue.year
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --------------------------------------------------------------------------- the page


def parse_page_bytes(data: bytes, name: str = "page", *, fallback_year: int | None = None) -> ParsedPage:
    return parse_page(decode_page(data, name), name, fallback_year=fallback_year)


def parse_page(text: str, name: str = "page", *, fallback_year: int | None = None) -> ParsedPage:
    """Text of one page -> ``ParsedPage``. Raises ``PageParseError`` when no article is found."""
    text = text.lstrip("\ufeff")
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    lines, credits = strip_boilerplate(lines)
    chunks = _segment(lines)

    drafts = []
    for chunk in chunks:
        paragraphs = rejoin_column_breaks(chunk.body_lines)
        bylines: tuple[Byline, ...] = ()
        source = None
        if paragraphs:
            split = split_byline(paragraphs[-1])
            if split is not None:
                rest, bylines, source = split
                if rest:
                    paragraphs[-1] = rest
                else:
                    paragraphs.pop()
        headline = " ".join(h.strip() for h in chunk.headline_lines)
        if not paragraphs and not headline:
            continue
        has_lead = bool(paragraphs) and _is_lead(paragraphs[0])
        md = find_dateline(paragraphs[0]) if has_lead else None
        drafts.append((headline, tuple(paragraphs), bylines, source, chunk.section, md, has_lead))

    if not any(d[1] for d in drafts):
        raise PageParseError(f"{name}: 没有找到文章 (no article found: boilerplate only or not a page)")

    year, evidence, _lower = infer_year(text)
    latest = _latest([d[5] for d in drafts if d[5]])
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

    articles = tuple(
        ParsedArticle(
            headline=headline,
            paragraphs=paragraphs,
            bylines=bylines,
            source=source,
            section=section,
            dateline=_date_for(md, issue_date) if md and issue_date else None,
            has_lead=has_lead,
        )
        for headline, paragraphs, bylines, source, section, md, has_lead in drafts
    )
    return ParsedPage(
        articles=articles,
        credits=credits,
        issue_date=issue_date,
        issue_date_inferred=True,
        issue_date_evidence=evidence,
        warnings=tuple(warnings),
    )
