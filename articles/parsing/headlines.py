"""Which lines can be headlines, leads and column titles (要闻快览)."""

from __future__ import annotations

import functools
import re

from .bylines import _byline_match, _names, byline_line, is_terminated, parse_byline_text, take_photo_credits, wire_credit_line
from .decoding import fold

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
    "新闻点击",
    "图片新闻",
    "新闻图片",
    "图片报道",
    "今日头条",
    "今日頭條",
)

_WIRE_LEAD = re.compile(
    r"^[【\[]?据?(本报|新华社|中新社|人民日报|新华网|中新网|人民网)[\u4e00-\u9fff·]{0,10}?"
    r"((\d{1,2}|[一二三四五六七八九十]{1,3})月)?(\d{1,2}|[一二三四五六七八九十]{1,3})日(专)?[电讯]"
)
# 本报讯, 香港文汇报讯, 京华时报讯; 宣城小记者团讯(…)
# … and a news site's dated lead: 浙江在线01月22日讯, 中国江苏网1月9日讯, 央广网北京1月9日消息;
# a Malaysian paper's dispatch in brackets: (槟城10日讯), (新山25日讯); 【本報消息】
_NEWS_LEAD = re.compile(
    r"^([(（](?![^)）]*(?:社|记者|報|报))[\u4e00-\u9fff]{2,6}\d{1,2}日[讯电][)）]|[\u4e00-\u9fff]{0,8}报讯|[【\[][\u4e00-\u9fff]{1,8}[专專]讯[】\]]|[【\[](?:本报|[\u4e00-\u9fff]{1,6}报)消息[】\]]|[\u4e00-\u9fff]{2,8}讯\s*[(（]|[\u4e00-\u9fff]{1,8}(网|在线|台|客户端|新闻)[\u4e00-\u9fff]{0,6}?\d{1,2}月\d{1,2}日(讯|电|消息)(?=\s|$|[(（:：,，]))"
)


# 新华社贵阳2月12日电 题:山乡巨变——来自贵州扶贫一线的报告: a wire story's title in its dateline
_WIRE_TITLE = re.compile(
    r"^[【\[]?(?:新华社|中新社|本报|人民日报)[\u4e00-\u9fff·]{0,10}?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月)?"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:专)?电[】\]]?\s*题\s*:\s*([^。!?]{2,80})$"
)


@functools.lru_cache(maxsize=16384)  # (a fact of one line, asked again and again)
def wire_title(line: str) -> str | None:
    """The title printed in a wire dateline line (`新华社北京1月1日电 题:…`), as printed."""
    f = fold(line).strip()
    m = _WIRE_TITLE.match(f)
    if not m or len(f) != len(line.strip()):
        return None
    return line.strip()[m.start(1) :].strip()


# a reading in pinyin with its tone marks after a character, as some mirror sites print it
_PINYIN = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")


@functools.lru_cache(maxsize=16384)
def _is_lead(line: str) -> bool:
    """A lead: `本报讯 …`, or a dateline `本报南京1月2日电`, `新华社北京1月1日电`, `【新华社…电】`."""
    f = fold(line).lstrip()
    if "(" in f[:16] and _PINYIN.search(f[:16]):
        f = _PINYIN.sub("", f)  # a mirror's reading aid after a character: `晚報(bào)訊`
    if f[:1] in "【[" and re.match(r"[【\[][\u4e00-\u9fff]{0,8}报讯[】\]]", f):
        f = f[1:]  # `【本報訊】(記者 X)`: the mark in brackets
    return f.startswith("本报讯") or bool(_WIRE_LEAD.match(f) or _NEWS_LEAD.match(f) or f[:1] in "综据新中" and _AGENCY_LEAD.match(f))


# an agency's copy with no place or day: `综合新华社电 记者从…`, `据新华社电 …`, `新华社电(记者…)`
_AGENCY_LEAD = re.compile(r"(?:综合|据)?\s*(?:新华社|中新社|中国新闻社)\s*电(?=\s|[(（:])")


# (■ before a finished sentence and its credit is a caption: `■蔡名照在新年招待会上讲话。北京传真`;
# before a byline, or a bullet point's sentence, it is no caption: `■本报记者 李明`, `■ 老旧管网全部更换。`)
_CAPTION = re.compile(r"^(▲|△|▼|►|(上|下|左|右|组)?图\s*[:]|图片\s*[:]|图说\s*[:]|图为|\(图\)|■(?=[^。]{2,80}。\s*[^\s。]{2,12}$))")
_CROSS_REFERENCE = re.compile(
    r"^(相关(报道|新闻|稿件|链接)?\S{0,6}见|详见|更多(报道|内容)\S{0,4}见|下转|上接|转|接)\s*第?\s*[A-Za-z]?\s*[\d一二三四五六七八九十]{1,3}\s*版\S{0,8}$"
)
_EDITOR_NOTE = re.compile(r"^[【\[]?(编者按|编者的话|编者附言)[】\]]?\s*[:]?")


@functools.lru_cache(maxsize=16384)  # (a fact of one line, asked again and again)
def is_caption_line(line: str) -> bool:
    # (a list mark before it: `●图为市民在梅园赏梅拍照。`)
    f = fold(line).strip()
    if f[:1] in "●■◆•○◇□":
        f = re.sub(r"^[●■◆•○◇□]\s*(?=图)", "", f)
    return bool(_CAPTION.match(f))


def cross_reference(inner: str) -> bool:
    """`相关报道见第二版`, `下转第3版`, `上接A1版`: a pointer to another page."""
    return bool(_CROSS_REFERENCE.match(fold(inner).strip().strip("()（）")))


@functools.lru_cache(maxsize=16384)  # (a fact of one line, asked again and again)
def is_cross_reference_line(line: str) -> bool:
    f = fold(line).strip()
    return f[:1] in "(（" and f[-1:] in ")）" and cross_reference(f[1:-1])


_SENT_BY_ALONE = frozenset(("新华社发", "中新社发", "新華社發", "中新社發"))
_SENT_BY_TAIL = re.compile(r"(?<=[。!?”])\s*(新华社|中新社|新華社)[发發]$")


@functools.lru_cache(maxsize=16384)  # (a fact of one line, asked again and again)
def is_photo_line(line: str) -> bool:
    """A caption line that ends with its photo's credit (`活动现场。记者 李征航 摄`), or the credit alone."""
    rest, credits = take_photo_credits(line.strip())
    if credits and rest[-1:] in "发發" and (_SENT_BY_TAIL.search(rest[-8:]) or rest in _SENT_BY_ALONE):
        rest = "" if rest in _SENT_BY_ALONE else _SENT_BY_TAIL.sub("", rest)  # `……的习俗。新华社发(杨韬 摄)`: the agency sent the photo
    return bool(credits) and (not rest or is_terminated(rest))


@functools.lru_cache(maxsize=16384)  # (a fact of one line, asked again and again)
def is_photo_credit_line(line: str) -> bool:
    rest, credits = take_photo_credits(line.strip())
    return bool(credits) and not rest


@functools.lru_cache(maxsize=16384)  # (a fact of one line, asked again and again)
def is_editor_note(line: str) -> bool:
    return bool(_EDITOR_NOTE.match(fold(line).strip()))


# `編譯茅毅/綜合報導聯合報`, `香港特派員李春/香港報導/聯合報`: who reported it and from where
_REPORTED_FROM = re.compile(r"[^。!?,，:：]{2,20}[/／]\s*[^。!?,，]{0,10}(報導|报导|報道|报道)(?:\s*[/／]?\s*[\u4e00-\u9fff]{1,6}[報报])?")


def reported_from_line(line: str) -> bool:
    """`編譯茅毅/綜合報導聯合報`: a credit line of who reported and from where."""
    return ("導" in line or "导" in line or "道" in line) and len(line) <= 40 and bool(_REPORTED_FROM.fullmatch(line.strip()))


# an item's meta line in a site's list, a dash or bullet before the outlet's name or the day
# (`- 有線新聞`, `- 2025年03月18日`, `· 2024-05-01 10:20`): no title, no text
_ITEM_META = re.compile(
    r"[-–—•·*]\s*(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?"
    r"|[\u4e00-\u9fff]{2,8}(?:新聞|新闻|日報|日报|晚報|晚报|電視|电视|電台|电台|網|网|社|客户端|客戶端)|[A-Za-z][A-Za-z0-9.\-]{1,20}(?: [A-Za-z0-9.\-]{1,20}){0,2})"
)


# a list's source and time over an item, in English (`Source: 香港電台`, `Published on: 2025-10-24 13:56 UTC`)
_LATIN_META = re.compile(r"(?:Source|Published(?: on)?|Posted(?: on)?|Updated(?: on)?)\s*:\s*\S.{0,30}")


def item_meta_line(line: str) -> bool:
    if line[:1] in "SPU":
        return bool(_LATIN_META.fullmatch(line.strip()))
    return line[:1] in "-–—•·*" and bool(_ITEM_META.fullmatch(line.strip()))


@functools.lru_cache(maxsize=16384)  # (a fact of one line, asked again and again)
def is_apart_line(line: str) -> bool:
    """A line that is no part of a headline or a running paragraph: a caption, a photo credit,
    a byline of its own, a cross-reference, a `……/台北報導` credit."""
    return (
        reported_from_line(line)
        or item_meta_line(line)
        or is_caption_line(line)
        or is_photo_line(line)
        or is_cross_reference_line(line)
        or bool(byline_line(line))
        or bool(wire_credit_line(line))
    )


@functools.lru_cache(maxsize=16384)  # (a fact of one line, asked again and again)
def _is_byline_line(line: str) -> bool:
    s = line.strip()
    found = _byline_match(s)
    return bool(found) and found[0] == 0 and parse_byline_text(s) is not None


_BOX_LABELS = frozenset("核心提示 内容提要 內容提要 提要 导读 導讀 摘要 编者按 編者按 资料图 資料圖 资料图片 相关链接 相關鏈接 延伸阅读 延伸閱讀".split())
# A news digest's numbered title in lenticular brackets: `1、【312国道快速化改造新吴段启动】`
_MARKED_TITLE = re.compile(r"^(?:\d{1,2}\s*[、.．]\s*)?【([^【】]{2,200})】$")


@functools.lru_cache(maxsize=16384)  # (a fact of one line, asked again and again)
def marked_title(line: str) -> str | None:
    """The title inside `1、【…】` / `【…】` on a line of its own (not a wire dateline `【新华社…电】`)."""
    if "】" not in line:
        return None
    s = line.strip()
    m = _MARKED_TITLE.match(s)
    if not m or _is_lead(m.group(1)) or m.group(1).rstrip()[-1:] == "。" or m.group(1).strip() in _BOX_LABELS:
        return None  # (`【核心提示】`: the label of a standfirst box, not a title)
    return m.group(1).strip()


_READ_MORE = re.compile(r"(?:\.{3}|…{1,2})\s*[\[【(（]\s*(?:詳細|详细|全文|詳情|详情|更多)\s*[\]】)）]$")


_READ_MORE_ALONE = re.compile(r"(?:Read [Mm]ore|READ MORE|閱讀全文|阅读全文|閱讀更多|阅读更多|詳全文|详全文|全文)\s*(?:>>|»|›)?")


def read_more_line(line: str) -> bool:
    """`……停止美以在中東的侵... [詳細]`: a listing's summary cut short, with its link (or the link
    alone under it, `Read More`)."""
    s = line.rstrip()
    if s[-1:] == "⋯" and len(s) >= 30:
        return True  # `……澳門與國家命運與共⋯`: a list's summary cut short
    return s[-1:] in "]】)）" and bool(_READ_MORE.search(s)) or len(s) <= 12 and bool(_READ_MORE_ALONE.fullmatch(s.strip()))


_TIME_AFTER = re.compile(r"\s*[(（]\d{1,2}:\d{2}[)）]$")
_SERIAL_NOTE = re.compile(r"[(（]\s*(?:未完待续|未完待續|待续|待續|未完|续完|完|全文完)\s*[)）]")


@functools.lru_cache(maxsize=16384)
def _title_like(line: str, *, strict: bool = False) -> bool:
    """Could this line be a headline? `strict` is for items without a 本报讯 lead."""
    s = line.strip()
    if marked_title(s):
        return True
    if not s or _is_lead(s) or len(s) > 90:
        return False
    if s[-1:] in "]】)）" and _READ_MORE.search(s):
        return False  # a summary cut short with its link (`……停止美以在中東的侵... [詳細]`)
    if s.strip("【】[]:： ") in _BOX_LABELS:
        return False  # 【核心提示】: a box's label
    if s[:1] in "(（" and _SERIAL_NOTE.fullmatch(s):
        return False  # `(未完待续)`: the end of a serial's instalment
    if is_terminated(s) and not (len(s) <= 30 and not strict and re.search(r"[!?！？][”」』]?$|……$", s) and "。" not in s):
        return False  # a short title may end with ! or ? (……宏伟目标,奋进!)
    if is_apart_line(s) or is_editor_note(s):
        return False
    if ("摄" in s or "攝" in s) and (taken := take_photo_credits(s))[1] and len(re.findall(r"[\u4e00-\u9fff]", taken[0])) >= 8:
        return False  # a photo's caption closed by its credit (`……吸引不少年轻人前来打卡 张强 摄`)
    if strict and ":" in s and s[-1:] in ")）" and _TIME_AFTER.search(s):
        s = _TIME_AFTER.sub("", s)  # `明報聲明 (07:35)`: the time it was posted, not the title's colon
    if strict and (len(s) > 40 or re.search(r"[,;，；、:：]", s)):
        return False
    return True


_NUMBERED_COLUMN = re.compile(r"(\S{2,6}?)\s*\d{1,2}")
# a paper's or site's section label, a few characters naming a kind of news: 菲國新聞, 港聞,
# 國際新聞, 本地资讯, 社会动态 (a headline says what happened; a label only what kind of news)
_SECTION_LABEL = re.compile(
    r"[\u4e00-\u9fff]{0,4}(新闻|新聞|要闻|要聞|港闻|港聞|澳闻|澳聞|台闻|台聞|速览|速覽|快讯|快訊|简讯|簡訊|短讯|短訊|资讯|資訊|动态|動態|短波|速递|速遞"
    r"|连线|連線|扫描|掃描|播报|播報|视窗|視窗|直击|直擊|集锦|集錦|简报|簡報|一览|一覽|头条|頭條|报道|報道)"
)
# a section's header with its link to more (`社論 更多`, `港聞 >>`)
_SECTION_MORE = re.compile(r"([\u4e00-\u9fff]{2,6})\s*(?:更多|更多\s*>>|>>|»|[Mm]ore|MORE)")
_COLUMN_LINE = re.compile(r"^专栏\s*:\s*([^。!?,;]{1,24})$")


@functools.lru_cache(maxsize=16384)  # (a fact of one line, asked again and again)
def column_name(line: str) -> str | None:
    """The column a line names: `要闻快览`, or a database's `专栏:代表委员谈“三个代表”在基层`."""
    s = fold(line).strip()
    if s in KNOWN_COLUMN_TITLES or s[-1:].isdigit() and _NUMBERED_COLUMN.fullmatch(s) and _NUMBERED_COLUMN.fullmatch(s).group(1) in KNOWN_COLUMN_TITLES:
        return line.strip()  # (a page's numbered photo column: 图片新闻01)
    m = _COLUMN_LINE.match(s)
    if m:
        return m.group(1).strip()
    if 2 <= len(s) <= 6 and _SECTION_LABEL.fullmatch(s):
        return line.strip()
    more = _SECTION_MORE.fullmatch(s) if len(s) <= 14 else None
    return more.group(1) if more else None


def _is_column_title(lines: list[str], i: int) -> bool:
    """A column title: `要闻快览` or a short bare line heading headline + paragraph."""
    s = fold(lines[i]).strip()
    if column_name(s):
        return True
    if len(s) > 6 or re.search(r"[\W\d]", s) or s.startswith("据") and wire_credit_line(s):
        return False  # (`据新华社` closes the item above)
    return (
        i + 2 < len(lines)
        and _title_like(lines[i + 1], strict=True)
        # (a writer's name under a short title, then the text: `享受崇高` / `王义堂` / `“我们…`)
        and not (re.fullmatch(r"[\u4e00-\u9fff]{2,3}", fold(lines[i + 1]).strip()) and _names(fold(lines[i + 1]).strip()) and len(lines[i + 2]) >= 40)
        and not re.match(r"^[—\-－―]", fold(lines[i + 1]).strip())  # a 副题 under a short title
        and not _title_like(lines[i + 2])
        and not _is_lead(lines[i + 2])
    )


