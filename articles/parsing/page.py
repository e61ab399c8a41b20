"""One page of text -> ``ParsedPage``: furniture removed, articles split, each article's parts
(kicker, headline, subheadline, lead, body, bylines, photo credits, captions, notes) read, and
dates placed."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field, replace

from .bylines import (
    WRITER_PHOTOGRAPHER_AT_END,
    _BRACKETED,
    _people,
    _byline_match,
    bare_name_after_last_sentence,
    credit_line,
    byline_line,
    has_surname,
    is_terminated,
    lead_credit,
    leading_credit,
    desk_note_credit,
    marked_parts_at_end,
    _NAME_AND_AFFILIATION,
    parse_byline_text,
    reported_dispatches,
    _names,
    names_as_printed,
    bracketed_dispatch,
    bracketed_report,
    closing_source,
    opening_source,
    reported_by_line,
    role_byline_after_last_sentence,
    split_byline,
    split_credit,
    take_photo_credits,
    unbracketed_dispatch,
    is_outlet,
    _TEAMS,
    undated_dispatch_agency,
    web_outside_source,
    wire_credit_line,
)
from .datelines import Dateline, after_opener, dateline_place, lead_sentence_date, opening_dateline, read_dateline, resolve, sentence_date
from .decoding import clean_markup, decode_page, fold
from .furniture import _footer_strength, strip_furniture
from .headlines import _PINYIN, KNOWN_COLUMN_TITLES, _is_lead, column_name, _title_like, wire_title, cross_reference, marked_title, is_caption_line, is_cross_reference_line, is_editor_note
from .issue_dates import IssueDate, infer_issue_date
from .model import Byline, PageParseError, ParsedArticle, ParsedPage
from .page_top import _chromy, archive_title, head_chrome, title_at_top
from .segmentation import AD_MARK, _AUTHOR_FIELD, _Chunk, _segment, _squashed, brief_items, brief_starts, page_shared_credit, photo_closed, closing_credit, photo_items, rejoin_column_breaks, credit_opening, related_or_item_meta, unmarked_caption


def parse_page_bytes(
    data: bytes,
    name: str = "page",
    *,
    issue_date: dt.date | None = None,
    fallback_year: int | None = None,
) -> ParsedPage:
    return parse_page(decode_page(data, name), name, issue_date=issue_date, fallback_year=fallback_year)


def parse_page(
    text: str,
    name: str = "page",
    *,
    issue_date: dt.date | None = None,
    fallback_year: int | None = None,
) -> ParsedPage:
    """Text of one page -> ``ParsedPage``. Raises ``PageParseError`` when no article is found.

    With ``issue_date`` (the date the source gives) datelines are placed against it and nothing
    is inferred; without it the date is inferred from the text, and a page whose date cannot be
    determined is returned with ``issue_date=None`` and ``issue_date_source="unknown"``.
    """
    text = clean_markup(text.lstrip("\ufeff"))
    if "      " in text:
        text = _side_by_side_columns(text)
    # `????本報訊`: full-width spaces lost to a wrong encoding on the way; never text
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [re.sub(r"^\?{2,}", "", ln).strip() if ln.startswith("??") else ln for ln in lines]
    # `……的特点。 (吕劲)?`: a character lost to a wrong encoding after a closing credit
    lines = [_LOST_AFTER_CREDIT.sub(r"\1", ln) if ln.endswith("?") else ln for ln in lines if ln]
    # `标题 | ||||||||`: a web table's cell bars after a line's text say nothing
    lines = [_TABLE_BARS.sub("", ln) if ln.endswith("|") and not _TABLE_RULE.match(ln) else ln for ln in lines]
    lines = [ln for ln in lines if ln]
    # `【記者張三／台北報導】` on a line of its own: a byline line, not a title in brackets
    # (and `【记者 张三】`, a byline in the brackets a title for certain wears)
    lines = [_unbracketed_report(ln) if ln[:1] in "【〔[(（" and ("報導" in ln or "报导" in ln or "報道" in ln or "报道" in ln or ("记者" in ln or "記者" in ln) and len(ln) <= 24) else ln for ln in lines]
    lines = _joined_field_labels(lines)
    if any(ln[:2] in ("19", "20") and ("/" in ln or "／" in ln) for ln in lines):
        lines = [part for k, ln in enumerate(lines) for part in _meta_credit_apart(ln, lines[k + 1] if k + 1 < len(lines) else "")]
    if any(ln[-1:] in "电電" for ln in lines):
        lines = _dispatch_lines_glued(lines)
    lines = _title_credit_apart(lines)
    # an e-paper's icon left as one Latin letter before a byline line: `N海都记者 陈文浩`
    lines = [ln[1:] if ln[:1].isascii() and ln[:1].isalpha() and _ICON_BEFORE_BYLINE.match(ln) and byline_line(ln[1:]) else ln for ln in lines]
    lines = _listed_then_flat(lines)
    lines = [part for ln in lines for part in _unflatten(ln)]
    lines = archive_title(lines)
    lines = _title_named_again(lines)
    lines, furniture = strip_furniture(lines)
    # `……中国新闻奖”!******`: the mark a family of mirror sites prints after each story's
    # title; such a line is a title for certain (read as one in brackets, `【…】`)
    lines = [
        f"【{m.group(1)}】" if ("**" in ln or "＊＊" in ln) and (m := _STARRED_TITLE.match(ln)) and not _is_lead(ln) else ln
        for ln in lines
    ]
    web_meta_at, more = furniture.web_meta_at, furniture.web_meta_more
    # (the source each later source line names, by its line: kept through the cuts below)
    more_named = dict(zip(more, furniture.web_more_sources))
    item_starts = furniture.item_starts
    lines = _two_columns_interleaved(lines)
    lines = _captions_over_titles(lines)
    # the site's chrome above the first article's title (menus, headline lists, toolbars)
    lines, cut = title_at_top(lines)
    if cut:
        web_meta_at = web_meta_at - cut if web_meta_at is not None and web_meta_at - cut > 0 else None
        more_named = {x - cut: v for x, v in more_named.items()}
        more = tuple(x - cut for x in more if x - cut > 0)
        # (the page's own line printed again in the chrome's page list marks no items)
        item_starts = tuple(x - cut for x in item_starts if x - cut >= 0)
        item_starts = item_starts if len(item_starts) > 1 else ()
    if not item_starts:  # (a web page's shape: a database page keeps its own line numbers)
        before = len(lines)
        lines, web_meta_at = _from_repeated_title(lines, web_meta_at)
        more_named = {x - (before - len(lines)): v for x, v in more_named.items()}
        more = tuple(x - (before - len(lines)) for x in more if x - (before - len(lines)) > (web_meta_at or 0))
    chunks = None
    web_page = web_meta_at is not None and furniture.page_label is None and not item_starts
    if web_page:
        # a web page: its title above its source line (a wire dateline's 题: further down
        # repeats it)
        chunks = _web_pages(lines, web_meta_at, more)
        if chunks is not None and any(more_named.values()):
            _web_chunk_sources(lines, chunks, more_named)
    if chunks is None:
        lines, starts = _without_listed_titles(lines, item_starts)
        chunks = _items(_titles_from_wire_datelines(lines), starts)
    drafts: list[_Draft] = []
    pending_note = ""
    for chunk in chunks:
        d = _read_article(chunk)
        d.site_source = chunk.site_source
        if pending_note and not d.editor_note:
            d.editor_note, pending_note = pending_note, ""
        if d.orphan_bylines:
            owner = drafts[-1] if drafts and not drafts[-1].bylines and drafts[-1].paragraphs else d
            owner.bylines.extend(d.orphan_bylines)
            owner.printed.append(d.orphan_printed)
        if (
            drafts
            and not d.paragraphs
            and not d.kicker
            and not d.subheadline
            and not drafts[-1].bylines
            and drafts[-1].paragraphs
            and is_terminated(drafts[-1].paragraphs[-1])
            and _BARE_NAME_LINE.fullmatch(fold(d.headline).strip())
            and (named := _names(fold(d.headline).strip()))
        ):
            # `周明远` / `>>>11-14版` after a finished story: its writer, then where it goes on
            drafts[-1].bylines.extend(named)
            drafts[-1].printed.append(d.headline.strip())
            drafts[-1].cross_references.extend(d.cross_references)
            continue
        if drafts and not chunk.headline_lines and chunk.body_lines and all(AD_MARK.match(x.strip()) for x in chunk.body_lines):
            # an ad's box between items (【广告】…): no article; kept as the text it stands after
            drafts[-1].paragraphs.extend(x.strip() for x in chunk.body_lines)
            continue
        if not d.paragraphs and not d.headline:
            if d.editor_note:
                # an editor's note printed above the title it introduces: it goes with that article
                pending_note = d.editor_note
            continue
        if drafts and (d.bylines or d.photo_credits) and not d.kicker and not d.certain_title and _captions_only(d, chunk):
            # "headline" lines and a credit with no text under them: unmarked captions and the
            # credit of the article above (小读者在书屋里看书 / …… / (作者:孙悦)); keep them there
            prev = drafts[-1]
            prev.paragraphs.extend(ln.strip() for ln in chunk.headline_lines)
            prev.paragraphs.extend(ln.strip() for ln in chunk.body_lines if not _credit_line(ln))
            if not prev.bylines:
                prev.bylines, prev.printed = d.bylines, d.printed
            prev.photo_credits.extend(d.photo_credits)
            continue
        drafts.append(d)

    outside = web_outside_source(furniture.web_source) if web_page and furniture.web_source else None
    for d in drafts if outside or any(d.site_source for d in drafts) else ():
        # `来源: 中国江苏网` over a repost: an outside outlet is the source of the site's copy (a
        # paper's name there only says which paper printed it: no source); a related story under
        # its own source line (`来源:中国江苏网` after the site's own story): that line's outlet
        own = d.paragraphs and fold(d.paragraphs[0]).lstrip("【[ ").startswith("本报")
        mine = web_outside_source(d.site_source) if d.site_source else outside
        d.source = d.source or (None if own else mine)
    if pending_note:  # a note with no article after it: kept as the last article's text
        if drafts:
            drafts[-1].paragraphs.append(pending_note)
        else:
            drafts.append(_Draft(paragraphs=[pending_note], headline=_first_sentence(pending_note), headline_from_lead=True))
    drafts = _without_page_chrome(drafts)
    if drafts and drafts[-1].paragraphs and (shared := _PAGE_SHARED_CREDIT.fullmatch(fold(drafts[-1].paragraphs[-1]).strip())):
        # `(本版图片均据新华社)`, `(以上均据新华社电)` closing the page: every item's source
        last = drafts[-1]
        last.printed.append(last.paragraphs.pop().strip())
        for d in drafts:
            d.source = d.source or shared.group(1)
    if drafts and _writer_over_text(drafts[0]):
        # `朱建華` alone over a long first paragraph, no title: the writer's name, not a title
        first = drafts[0]
        first.bylines.insert(0, Byline(first.headline.strip()))
        first.printed.insert(0, first.headline.strip())
        first.headline, first.headline_from_lead = _first_sentence(first.paragraphs[0]), True
    if not any(d.paragraphs for d in drafts) and lines:
        # text that is no furniture, yet no article could be read from it (a title and a photo's
        # credit, a list of lines): kept as one article rather than refused
        credits = [c for d in drafts for c in d.photo_credits]
        kept = [ln for ln in lines if not (credits and _credit_line(ln))] or list(lines)
        keep = _Draft(paragraphs=kept, headline=_first_sentence(kept[0]), headline_from_lead=True)
        keep.photo_credits = credits
        drafts = [keep]
    if not any(d.paragraphs for d in drafts):
        raise PageParseError(f"{name}: 没有找到文章 (no article found: boilerplate only or not a page)")

    if issue_date is not None:
        found = IssueDate(issue_date, "given", "", ())
    else:
        monthdays = [d.dateline.monthday for d in drafts if d.dateline.monthday]
        found = infer_issue_date(text, monthdays, fallback_year=fallback_year)

    articles = tuple(
        ParsedArticle(
            headline=d.headline,
            paragraphs=tuple(d.paragraphs),
            # (`文:論盡採訪組`: a newsroom's team credited, read as a credit, is no person)
            bylines=tuple(b for b in d.bylines if not (len(b.name) >= 4 and b.name.endswith(_TEAMS))),
            source=d.source,
            section=d.section,
            dateline=resolve(d.dateline, found.date),
            has_lead=d.has_lead,
            kicker=d.kicker,
            subheadline=d.subheadline,
            headline_from_lead=d.headline_from_lead,
            photo_credits=tuple(d.photo_credits),
            captions=tuple(d.captions),
            dateline_place=d.dateline.place,
            editor_note=d.editor_note,
            cross_references=tuple(d.cross_references),
            byline_printed=" ".join(d.printed),
        )
        for d in drafts
    )
    return ParsedPage(
        articles=articles,
        credits=furniture.credits,
        issue_date=found.date,
        issue_date_inferred=found.source == "inferred",
        issue_date_evidence=found.evidence,
        warnings=found.warnings,
        page_label=furniture.page_label,
        page_section=furniture.page_section,
        paper=furniture.paper,
        issue_date_source=found.source,
    )


_GAP_END = re.compile(r"(?<=\S)\s{3,}(?=\S)")
_LEADING = re.compile(r"^ {12,}(?=\S)")


def _width(text: str) -> int:
    """Display width: a Chinese character or full-width form takes two columns."""
    return len(text) + sum(1 for c in text if c >= "\u1100" and unicodedata.east_asian_width(c) in "WF")


def _side_by_side_columns(text: str) -> str:
    """PDF text laid out as printed (`pdftotext -layout`): two columns side by side on each line,
    the right one starting at the same display column on every line (`标题甲      标题乙` /
    `本报讯……    12月初,……` / `    (indent)    right column only`). Four lines or more that
    start a right-hand text at that column: each line is cut there, the left column read first,
    then the right one; the lines above and below the two columns stay as they are."""
    lines = text.split("\n")
    starts: dict[int, list[int]] = {}
    gaps = 0
    for n, line in enumerate(lines):
        if len(line) < 20:
            continue
        m = _LEADING.match(line)
        if m:
            starts.setdefault(_width(line[: m.end()]), []).append(n)
            continue
        for g in _GAP_END.finditer(line):
            starts.setdefault(_width(line[: g.end()]), []).append(n)
            gaps += 1
    if not starts or gaps < 3:
        return text
    col, found = max(starts.items(), key=lambda kv: len(kv[1]))
    if len(found) < 4 or col < 20:
        return text
    first, last = min(found), max(found)
    while last + 1 < len(lines) and lines[last + 1].strip() and _width(lines[last + 1].rstrip()) < col:
        last += 1  # (the left column's last lines, below the right one's end)
    left: list[str] = []
    right: list[str] = []
    for line in lines[first : last + 1]:
        w = 0
        cut = None
        for i, c in enumerate(line):
            if w >= col:
                cut = i
                break
            w += _width(c)
        if cut is None or not line[cut:].strip() or line[cut - 1 : cut] != " ":
            left.append(line.rstrip())  # (no right-hand text on this line, or none starting at the column)
            continue
        left.append(line[:cut].rstrip())
        right.append(line[cut:].strip())
    return "\n".join([*lines[:first], *left, *right, *lines[last + 1 :]])


# A database mirror that prints a whole item on one line: `第1版(要闻)专栏:  标题 本报记者 韩钟昆 正文……`
_TABLE_BARS = re.compile(r"(?<=\S)\s*\|[\s|]*$")
# an ad's or a notice's label over it: `【广告】`, `广告:`, or a notice's heading alone (`遗失声明`)
_AD_LABEL = re.compile(
    r"\s*(?:[【\[(（]\s*(?:广告|廣告)\s*[】\])）]|(?:广告|廣告)\s*[:：]"
    r"|(?:遗失声明|遺失聲明|遗失启事|遺失啟事|寻人启事|尋人啟事|招领启事|招領啟事|招聘启事|招聘啟事|分类广告|分類廣告|广告|廣告|注销公告|註銷公告|减资公告|拍卖公告|拍賣公告)\s*$)"
)
_SITE_WORDS = re.compile(r"[\u4e00-\u9fffA-Za-z0-9 ]{1,8}")
_OPENING_CREDIT = re.compile(r"[(（]([^()（）]{4,40})[)）](?=\S)")
_WIRE_TITLE_THEN_CREDIT = re.compile(r"^\S{2,30}?电\s*题\s*:[^。!?]{2,80}?\s+((?:[\u4e00-\u9fff]{2,8})?记者\s*[\u4e00-\u9fff·]{2,4}(?:[、\s][\u4e00-\u9fff·]{2,4}){0,3})$")
_TOPIC_LINK = re.compile(r"(?<=\S)\s+相关专题\s*[:：][^。!?]{1,40}$")
_TABLE_RULE = re.compile(r"^[\s|:\-]+$")
_PAGE_SHARED_CREDIT = re.compile(
    r"[(（]?\s*(?:以上|本版|本栏|本栏目)(?:图片|稿件|消息|新闻|图文)?\s*[均皆都]\s*据\s*《?([\u4e00-\u9fff]{2,12}?)》?"
    r"\s*(?:电|报道|消息)?\s*[)）]?"
)
_FLAT_ITEM = re.compile(
    r"^(第\s*[A-Za-z]?\d{1,3}\s*版\s*\((?:[^()]|\([^()]*\))*\))\s*(专栏\s*:\s*(?:\S{1,24}?)?)\s{2,}(\S.{40,})$"
)
_FLAT_ITEM_TEXT = re.compile(
    r"\s((?:本报|新华社)?记者\s?[\u4e00-\u9fff]{2,6}(?:[、 ](?!(?:本报|新华社)?(?:记者|通讯员|实习生))[\u4e00-\u9fff]{2,3}){0,3}"
    # (more roles and names after the first: `新华社记者 甲 乙 通讯员 丙 本报记者 丁`)
    r"(?:\s(?:(?:本报|新华社)?(?:记者|通讯员)|实习生)\s?[\u4e00-\u9fff]{2,4}(?:[、 ](?!(?:本报|新华社)?(?:记者|通讯员|实习生))[\u4e00-\u9fff]{2,3}){0,3}){0,3})\s"
    r"|\s(?=本报讯|本报[\u4e00-\u9fff]{1,8}(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日[电讯]"
    r"|据?新华社[\u4e00-\u9fff]{1,8}(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日电|【新华社)"
)
# a title, a gap of three spaces or more, and the text (an e-paper's article list pasted flat):
# `各地举行活动纪念九一八事变91周年   今年9月18日是……`, `……全线27.7千米   记者 王瑞超`
_FLAT_WIRE = re.compile(
    r"^((?:新华社|中新社|本报)[\u4e00-\u9fff·]{0,10}?\d{1,2}月\d{1,2}日电\s*题\s*:\s*[^。!?\s]{2,60})\s+"
    r"((?:新华社|中新社|本报)?记者\s?[\u4e00-\u9fff·]{2,4}(?:、[\u4e00-\u9fff·]{2,4}){0,5})\s+(\S.{20,})$"
)
# `美联社五日    从报道,…`: an agency and a day before the gap are the item's credit, no title
_CREDIT_DAY = re.compile(r"(社|台|网|報|报)[\u4e00-\u9fff\d]{0,6}日$")
_TITLE_GAP = re.compile(r"^([^。\s](?:[^。]{2,78}?[^。\s])?)\s{3,}(\S.*)$")
# a closing credit after a gap: `……缅怀罹难同胞。                据新闻联播`
_CREDIT_GAP = re.compile(r"^(.*[。!?！？”])\s{4,}(\S{2,16})$")


_FIELD_LABEL = re.compile(r"^(来源|來源|作者|编辑|編輯|责任编辑|責任編輯|责编|記者|记者|通讯员|通訊員|摄影|攝影|撰文|文|图|圖)\s*[:：]$")


def _unbracketed_report(line: str) -> str:
    found = bracketed_report(line)
    if found and found[1] == len(fold(line).strip()):
        return line.strip()[1:-1].strip()
    s = line.strip()
    if s[:1] in "【〔" and s[-1:] in "】〕" and byline_line(s[1:-1]):
        return s[1:-1].strip()
    return line


# an agency's dispatch on a line of its own over the story (`中央社記者陳怡君台北11日電` /
# `中央社台北11日電`, as a web copy of a Taiwan paper prints it): the story's lead credit
_DISPATCH_ALONE = re.compile(r"(?:中央社|中通社|中评社|中評社|中新社|新华社|[\u4e00-\u9fff]{1,4}通讯社)[\u4e00-\u9fff·]{1,8}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:专)?电")


# a web copy's line of when it was posted, by which outlet, and its credit or dispatch:
# `2025-12-11 15:42 聯合報／ 記者陳怡君／台北即時報導`, `2025-12-11 15:42 中央社／ 台北11日電`,
# `2025-12-11 15:42 聯合報／ 中央社記者陳怡君台北11日電`
_META_CREDIT = re.compile(r"^(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?)\s+([\u4e00-\u9fff]{2,8}?)\s*[/／]\s*(\S.{1,34})$")
_REPORTERS_FILED = re.compile(r"(?:[\u4e00-\u9fff]{0,6}[記记]者|編譯|编译|特派[員员])\s*[^/／]{2,20}[/／]\s*[\u4e00-\u9fff]{0,8}(?:報導|报导|報道|报道)")
# an agency's dispatch on a line of its own over the story (`中央社記者陳怡君台北11日電` /
# `中央社台北11日電`, as a web copy of a Taiwan paper prints it): the story's lead credit
_DISPATCH_ALONE = re.compile(r"(?:中央社|中通社|中评社|中評社|中新社|新华社|[\u4e00-\u9fff]{1,4}通讯社)[\u4e00-\u9fff·]{1,8}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:专)?电")


def _dispatch_alone(line: str) -> bool:
    if line[-1:] not in "电電" or len(line) > 40 or len(fold(line)) != len(line):
        return False
    return bool(unbracketed_dispatch(line) or _DISPATCH_ALONE.fullmatch(fold(line).strip()) and not _is_lead(line))


def _meta_credit_apart(line: str, below: str) -> list[str]:
    """The posting time (web furniture) apart from the credit it carries: the reporters' line
    (`記者陳怡君／台北即時報導`), or the agency's dispatch (`中央社台北11日電`), which then opens the
    story as its lead (unless a dispatch stands on the line below: it says it all)."""
    m = _META_CREDIT.match(line)
    if not m:
        return [line]
    outlet, credit = m.group(2), m.group(3).strip()
    if _REPORTERS_FILED.fullmatch(credit) or unbracketed_dispatch(credit) and fold(credit) == unbracketed_dispatch(credit)[2]:
        return [m.group(1), credit]
    if outlet.endswith("社") and is_outlet(outlet) and _dispatch_alone(outlet + credit) and not _dispatch_alone(below):
        return [m.group(1), outlet + credit]
    return [line]


# a title with its credit after it on one line: `城南新建三座口袋公园 记者 王明 通讯员 李华`,
# `运河边新添健身步道 文/周宁 图/陆川`, `老街夜市开张了记者张丽`
_CREDIT_AFTER_TITLE = re.compile(r"^(\S[^。!?;:,，]{5,44}?)\s+((?:文|图|撰文|作者)\s*[/:|]\s*\S.{1,40}|(?:本报|[\u4e00-\u9fff]{2,8}报)?(?:见习|实习|特约|首席)?(?:记者|通讯员|实习生)\s*\S.{1,40})$")
_ROLE_GLUED_AT_END = re.compile(r"^(\S[^。!?;:,，\s]{5,40}?)((?:本报)?(?:记者|通讯员))([\u4e00-\u9fff]{2,3})$")
_TITLE_CREDIT_CANDIDATE = re.compile(r"^[^\n。,，]{5,60}(?:记者|記者|通讯员|通訊員|实习生|實習生|文/|文:|作者)[^\n。,，]{0,40}$", re.M)
_ROLE_IN_TITLE = re.compile(r"记者|通讯员|实习生|摄|/|撰文|作者")
# (`本报驻阿联酋记者林皎明`: what stands before the role is the role's own part, no title)
_ROLE_PREFIX_END = re.compile(r"(?:驻[\u4e00-\u9fff]{1,8}|本报|见习|实习|特约|特派|首席|全媒体|融媒体?|摄影|文字|小)$")
_NEWSROOM_END = ("之窗", "在线", "新闻", "新聞", "报", "報", "网", "網", "台", "社", "客户端", "融媒", "中心", "集团", "组", "組", "APP")


def _title_credit_apart(lines: list[str]) -> list[str]:
    """A title and its credit printed on one line, over the story's lead or text: two lines, the
    title and the credit (the whole line had been read as a byline whose "newsroom" was the title,
    credited to the story above)."""
    if not _TITLE_CREDIT_CANDIDATE.search("\n".join(lines)):
        return lines  # (no line without a sentence's marks names a role: most pages)
    out: list[str] = []
    for k, ln in enumerate(lines):
        if len(ln) > 90 or "。" in ln or "," in ln or "，" in ln:
            out.append(ln)  # (a sentence: most lines)
            continue
        below = lines[k + 1] if k + 1 < len(lines) else ""
        f = fold(ln) if ("記" in ln or "實" in ln) else ln
        if (
            ("记者" in f or "通讯员" in f or "实习生" in f or "文/" in f or "文:" in f or "作者" in f)
            and len(ln) <= 90
            and len(f) == len(ln)
            and below
            and (_is_lead(below) or len(below) >= 30 and is_terminated(below))
        ):
            m = _CREDIT_AFTER_TITLE.match(f)
            if m and _ROLE_IN_TITLE.search(m.group(1)):
                m = None  # (`本报记者 秦岭/摄 实习生 唐悦/文`: credits whole, no title before them)
            if m and not is_terminated(m.group(1)) and not m.group(1).endswith(_NEWSROOM_END) and len(_HAN.findall(m.group(1))) >= 6 and not _is_lead(m.group(1)):
                credit = ln[m.start(2) :].strip()
                if (byline_line(credit) or credit_line(credit)) and not byline_line(m.group(1)):
                    out.extend([ln[: m.end(1)].strip(), credit])
                    continue
            glued = _ROLE_GLUED_AT_END.match(f) if not m else None
            if glued and has_surname(glued.group(3)) and not glued.group(1).endswith(_NEWSROOM_END) and not _ROLE_PREFIX_END.search(glued.group(1)) and not byline_line(glued.group(1)):
                out.extend([ln[: glued.end(1)], ln[glued.start(2) :]])
                continue
        out.append(ln)
    return out


def _dispatch_lines_glued(lines: list[str]) -> list[str]:
    """A dispatch alone on its line, then the story's first paragraph: one line, the dispatch
    opening it as a lead (it had been read as the title's last line)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if i + 1 < len(lines) and len(lines[i + 1]) >= 20 and is_terminated(lines[i + 1].rstrip("”」")) and _dispatch_alone(ln):
            out.append(ln + " " + lines[i + 1])
            i += 2
            continue
        out.append(ln)
        i += 1
    return out


def _joined_field_labels(lines: list[str]) -> list[str]:
    """A web page's fields printed label above value (`作者:` / `夏凡 余婷婷`): one line each,
    `作者:夏凡 余婷婷`, as other pages print them."""
    if not any(ln.endswith((":", "：")) for ln in lines):
        return lines
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if (
            _FIELD_LABEL.match(line)
            and i + 1 < len(lines)
            and len(lines[i + 1]) <= 40
            and not re.search(r"[:：。!?！？]", lines[i + 1])
        ):
            out.append(line + lines[i + 1])
            i += 2
            continue
        out.append(line)
        i += 1
    return out


def _unflatten(line: str) -> list[str]:
    """One pasted line that holds what a page prints on several: a database item (page line,
    column, title, byline, paragraphs), a title and its text, a text and its closing credit."""
    f = fold(line)
    if len(f) == len(line):
        flat = _FLAT_ITEM.match(f)
        if flat:
            # (matched on the folded line, cut from the printed one: the two have one length)
            head, column = line[flat.start(1) : flat.end(1)], line[flat.start(2) : flat.end(2)]
            content = line[flat.start(3) :]
            cut = _FLAT_ITEM_TEXT.search(f[flat.start(3) :])
            if cut and 4 <= cut.start() <= 60:
                out = [head, column.strip(), content[: cut.start()].strip()]
                rest = content[cut.start() :].strip()
                if cut.group(1):
                    out.append(content[cut.start(1) : cut.end(1)].strip())
                    rest = content[cut.end() :].strip()
                out.extend(x for x in re.split(r"(?<=[。!?！？”])\s+", rest) if x)
                return out
    wire = _FLAT_WIRE.match(f) if "题" in f and len(f) == len(line) else None
    if wire:  # `新华社南京6月29日电题:…… 新华社记者刘亢、杨丁淼 大江之尾……`
        return [line[: wire.end(1)].strip(), line[wire.start(2) : wire.end(2)].strip(), line[wire.start(3) :].strip()]
    dated = _TITLE_DATE_CREDIT.match(line) if ("|" in line or "｜" in line) and len(f) == len(line) else None
    if dated and len(_HAN.findall(dated.group(1))) >= 6 and not re.search(r"[。!?！？]", dated.group(1)):
        # `标题 2024年03月13日|文:论尽采访组`: a list's title with its day and writer after it
        return [dated.group(1).strip(), dated.group(2), dated.group(3).strip()]
    glued = _title_before_lead(line) if " " in line[:64] and _LEAD_WORD.search(f[:90]) else None
    if glued:
        return glued
    if "   " in line and len(line) > 100 and re.search(r"[。!?！？”]\s{3,}\S", line):
        # paragraphs pasted on one line, three spaces or more between them (an app's copy):
        # `……内在要求。   我国幅员辽阔……   找准定位,更好发挥战略叠加效应   战略叠加效应……`
        parts = [x.strip() for x in re.split(r"\s{3,}", line) if x.strip()]
        if len(parts) > 1 and sum(bool(re.search(r"[。!?！？”]$", x)) for x in parts) >= len(parts) / 2:
            return [y for x in parts for y in _unflatten(x)]
    if "   " not in line or _footer_strength(line):
        return [line[:-1].rstrip()] if line.endswith(("[", "【")) and len(line) > 1 else [line]
    gap = _TITLE_GAP.match(line)
    if gap and len(re.findall(r"[\u4e00-\u9fff]", gap.group(1))) >= 4 and (len(gap.group(2)) >= 20 or byline_line(gap.group(2)) or _ROLE_ONLY.fullmatch(fold(gap.group(2)))) and not _is_lead(gap.group(1)):
        title = gap.group(1)
        if len(title) <= 60 and "【" not in title and not is_terminated(title) and not byline_line(title) and not _CREDIT_DAY.search(title):
            # a title set apart from its text on one line (`标题 副题   正文……`) is a title for
            # certain (read as one in brackets, `【…】`), whatever its commas and colons
            title = f"【{title}】"
        return [title, *_unflatten(gap.group(2))]
    credit = _CREDIT_GAP.match(line)
    if credit and (wire_credit_line(credit.group(2)) or byline_line(credit.group(2))):
        return [credit.group(1), credit.group(2)]
    # a link's bracket left at the end of a pasted summary: `……尚未償還。[`
    if line.endswith(("[", "【")) and len(line) > 1:
        return [line[:-1].rstrip()]
    return [line]


_LEAD_WORD = re.compile(r"[电讯]|消息")
_TITLE_DATE_CREDIT = re.compile(
    r"^(\S.{5,80}?)\s+(\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2})\s*[|｜]\s*((?:文|作者|撰文|記者|记者)\s*[:：/／]\s*\S.{0,20})$"
)
# `四海同慶:旅日僑胞舉行國慶招待會 中新社東京十月一日電 旅日…`: a label, the title, the lead
_HEAD_LABEL = re.compile(r"^([\u4e00-\u9fff]{2,6})\s*[:：]\s*(?=\S)")


def _title_before_lead(line: str) -> list[str] | None:
    """A title printed on its lead's line, set apart by a space (`旅日僑胞舉行國慶招待會 中新社東京
    十月一日電 …`): the title on a line of its own, then the lead. A short label before it with a
    colon is the item's column (read as a series' name in brackets, `【四海同慶】…`)."""
    for gap in re.finditer(r"\s+", line[:64]):
        rest = line[gap.end() :]
        if len(rest) < 20 or not _LEAD_WORD.search(fold(rest[:20])) or not _is_lead(rest[:48]):
            continue
        head = line[: gap.start()].strip()
        if (
            len(_HAN.findall(head)) < 4
            or re.search(r"[。!?！？]", head)
            or _is_lead(head)
            or byline_line(head)
            or not _title_like(head)
            or "【" in head
            or _chromy(head)  # (a copy's address, date and site before the dispatch: no title)
        ):
            return None
        label = _HEAD_LABEL.match(head)
        if label and len(_HAN.findall(head[label.end() :])) >= 4:
            head = f"【{label.group(1)}】{head[label.end():]}"
        return [head, rest.strip()]
    return None


# a credit that names the role and no one: `□新华社记者`, `本报记者` (a title set apart before it)
_LABEL_BEFORE_TITLE = re.compile(r"^([\u4e00-\u9fff]{2,6})\s*[:：]\s*(\S.{3,})$")
_EMAIL_LINE = re.compile(r"[A-Za-z0-9._%+\-]{1,40}@[A-Za-z0-9.\-]{2,60}\.[A-Za-z]{2,10}")
_COMMENTATOR_ONLY = re.compile(r"[□■☉]?\s*(?:本报|本刊|新华社|人民日报|光明日报|经济日报|[\u4e00-\u9fff]{2,6}报)?(?:特约|首席)?评论员")
_ROLE_ONLY = re.compile(r"[□■☉]?\s*(?:本报|新华社|中新社|人民日报)(?:特约|首席)?记者")
_ICON_BEFORE_BYLINE = re.compile(r"^[A-Za-z](?=[\u4e00-\u9fff]{0,6}(记者|通讯员|实习生|記者|通訊員|實習生))")
# a listing's numbered title (`1. 江西农业全面丰收 全省……`) and the item's flat line under it,
# which prints the title again after its page line (`第1版()专栏: 江西农业全面丰收 全省…… 本报讯 …`)
_LISTED_TITLE = re.compile(r"^\d{1,3}\s*[.、．]\s*(\S.{3,150})$")
_FLAT_HEAD = re.compile(r"^(第\s*[A-Za-z]?\d{1,3}\s*版\s*\((?:[^()]|\([^()]*\))*\))\s*(专栏\s*:\s*)(\S.*)$")


# a lead's mark inside a flat item line, after a space: ` 新华社北京9月30日电`, ` 本报讯`
_FLAT_LEAD = re.compile(
    r"(?<=\s)(?:据)?(?:新华社|中新社|本报)[\u4e00-\u9fff]{0,10}?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月)?"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:专)?[电讯]|(?<=\s)本报讯"
)


def _repeat_cut(text: str, title: str) -> int:
    """Where in ``text`` a copy of ``title`` at its start ends (spaces ignored); 0: no copy."""
    want = re.sub(r"\s", "", title)
    got = 0
    for k, ch in enumerate(text):
        if ch.isspace():
            continue
        if got >= len(want) or ch != want[got]:
            return 0
        got += 1
        if got == len(want):
            return k + 1
    return 0


def _listed_then_flat(lines: list[str]) -> list[str]:
    """A database listing: the numbered title, then the item on one line with the title again
    (after the page line and column: `第1版(要闻)专栏:年终报捷  钢铁:…… 本报北京12月29日讯 …`): the
    number is the listing's, not the title's, and the copy in the item line is where its text
    starts."""
    if not any("专栏" in ln for ln in lines):
        return lines
    out: list[str] = []
    for line in lines:
        f = fold(line)
        flat = _FLAT_HEAD.match(f) if "专栏" in line and len(f) == len(line) else None
        listed = _LISTED_TITLE.match(fold(out[-1])) if flat and out else None
        if flat and listed:
            content, column = line[flat.start(3) :], ""
            cut = _repeat_cut(content, listed.group(1))
            # (a column's name is short, or set apart by two spaces; a kicker is longer)
            named = re.match(r"^(\S{1,12})\s{2,}|^(\S{1,6})\s+", content) if not cut else None
            if named:  # the column's name before the title's copy
                cut = _repeat_cut(content[named.end() :], listed.group(1))
                column, content = (named.group(1) or named.group(2)) if cut else "", content[named.end() :] if cut else content
            if cut:
                # the item prints subheadlines after the listed title (西南西北地区……调整作息时间):
                # what runs to the lead's mark with no sentence's end is still its title
                lead = _FLAT_LEAD.search(fold(content), cut)
                between = content[cut : lead.start()].strip() if lead and lead.start() - cut <= 240 else ""
                if between and not re.search(r"[。!?！？]", between) and not _FLAT_ITEM_TEXT.match(" " + fold(between) + " "):
                    cut = lead.start()
            if not cut:
                # the listing names only the main title; the item prints its kicker and
                # subheadline around it: the title runs to the lead's mark (新华社北京9月30日电)
                squashed = re.sub(r"\s", "", listed.group(1))
                lead = _FLAT_LEAD.search(fold(content))
                if lead and lead.start() <= 240 and squashed in re.sub(r"\s", "", content[: lead.start()]):
                    cut = lead.start()
            rest = content[cut:].strip() if cut else ""
            if rest:
                # the listing's copy goes (the item prints the title again); the item's copy is
                # a title for certain, whatever its punctuation (read as one in brackets, `【…】`)
                out.pop()
                title = content[:cut].strip()
                out.extend([line[: flat.end(1)].strip(), f"专栏:{column}", f"【{title}】" if "【" not in title else title])
                credit = _FLAT_ITEM_TEXT.match(" " + fold(rest) + " ")
                if credit and credit.group(1):  # `本报记者 程远 正文……`: the byline, then the text
                    out.append(rest[: credit.end(1) - 1].strip())
                    rest = rest[credit.end(1) - 1 :].strip()
                out.extend(x for x in re.split(r"(?<=[。!?！？”])\s+", rest) if x)
                continue
        out.append(line)
    return out


def _from_repeated_title(lines: list[str], web_meta_at: int | None) -> tuple[list[str], int | None]:
    """A web page that prints its title twice near the top, once with the site's junk around it
    (`后继有人!……“科班生”蓝桥会` / `后继有人!……“科班生”`): the page starts at the second copy;
    what is above it (the site's slogans, menus, its own copy of the title) is the site's.

    Only where nothing above the second copy reads as article text: a finished sentence, a
    sentence's end inside a line, a lead or an item's closing credit (`(新华社)`) says the "copy"
    is the words of a paragraph that happen to hold the next title (`……以更高` /
    `站位更实举措推动战略性新兴产业融合集群发展。` over the title `推动战略性新兴产业融合集群发展`): the
    lines are an article of their own and stay (issue 10: keep the text rather than drop it)."""
    top = lines[:12]
    for i, first in enumerate(top):
        a = _squashed(first)
        if len(a) < 6 or len(first) > 60:
            continue
        for j in range(i + 1, min(i + 4, len(lines) - 1)):
            b = _squashed(lines[j])
            between = lines[i + 1 : j]
            if (
                len(b) >= 6
                # a title printed twice identically is one only around the site's junk, not
                # around the rest of a title block printed twice (A / B / A / B)
                and (b != a or not any(_title_like(x) and len(re.findall(r"[\u4e00-\u9fff]", x)) >= 6 for x in between))
                # nor where a finished sentence or a credit stands between the two copies: that is
                # an item and then another item under the same title (a generated page's brief)
                and (b != a or not any(is_terminated(x) for x in between))
                and b in a
                and len(b) >= 0.6 * len(a)
                and _title_like(lines[j])
                and not _title_like(lines[j + 1])
                and all(len(x) <= 60 for x in lines[:j])
            ):
                # a title block of several lines printed twice: the second copy starts with the
                # lines above this one that repeat the lines above the first
                k = 1
                while i - k >= 0 and j - k > i and re.sub(r"\s", "", lines[i - k]) == re.sub(r"\s", "", lines[j - k]):
                    k += 1
                j -= k - 1
                # the title printed once on a line, then set over several (kicker and title):
                # the set lines are the title
                if j - i > 1 and "".join(re.sub(r"\s", "", x) for x in lines[i + 1 : j + 1]) == a:
                    j = i + 1
                if any(is_terminated(x) or "。" in x or _is_lead(x) for x in lines[:j]):
                    continue  # (text above the copy: not the site's junk)
                shift = web_meta_at - j if web_meta_at is not None and web_meta_at >= j else None
                return lines[j:], shift
    return lines, web_meta_at


def _without_listed_titles(lines: list[str], starts: tuple[int, ...]) -> tuple[list[str], tuple[int, ...]]:
    """A database site's copy lists each item's title, then the item (`“特困专线”不休息` /
    `第2版(要闻)` / `专栏:` / `“特困专线”不休息` / …): the listed copy just before the page line is
    the site's link to the item, not text of the item before it."""
    if not starts:
        return lines, starts
    drop = {
        s - 1
        for s in starts
        if s > 0
        and _title_like(lines[s - 1])
        and re.sub(r"\s", "", lines[s - 1]) in {re.sub(r"\s", "", x) for x in lines[s : s + 4]}
    }
    if not drop:
        return lines, starts
    kept = [x for i, x in enumerate(lines) if i not in drop]
    return kept, tuple(s - sum(1 for d in drop if d < s) for s in starts)


def _wire_title_needed(lines: list[str], line: str, above: str | None = None) -> str | None:
    title = wire_title(line) if "题" in line or "題" in line else None
    if title is None:
        return None
    if above is None:
        i = lines.index(line)
        above = lines[i - 1] if i else ""
    if not above or is_terminated(above) or not _title_like(above) or len(above.replace(" ", "")) <= 4:
        return title
    return None


def _titles_from_wire_datelines(lines: list[str]) -> list[str]:
    """`新华社贵阳2月12日电 题:山乡巨变……` with no title line above it: the title is read from
    the dateline (and the line stays the story's lead as printed)."""
    out: list[str] = []
    for i, line in enumerate(lines):
        title = _wire_title_needed(lines, line, lines[i - 1] if i else "")
        if title:
            out.append(title)
        out.append(line)
    return out


def _web_chunk_sources(lines: list[str], chunks: list[_Chunk], named: dict[int, str | None]) -> None:
    """Each web article under a later source line of its own gets that line's outlet: the chunk
    whose title stands just above the line (the source line itself is furniture, gone from
    ``lines``: it stood before ``lines[at]``)."""
    for at, source in named.items():
        if not source or not 0 < at <= len(lines):
            continue
        above = lines[at - 1].strip()
        for chunk in chunks:
            if chunk.headline_lines and chunk.headline_lines[-1].strip() == above:
                chunk.site_source = source
                break


def _web_pages(lines: list[str], at: int, more: tuple[int, ...]) -> list[_Chunk] | None:
    """Several web articles on one page, each under its title block and its own source line:
    each is read as a web page of its own (a source line with no title above it splits nothing)."""
    for later in more:
        top = _title_block_above(lines, later)
        if top is None and later + 1 < len(lines) and _title_below_meta(lines, later):
            top = later  # (a list that prints each item's source and time over its title)
        if top is not None and top > at:
            first = _web_page_items(lines[:top], at)
            rest = _web_pages(lines[top:], later - top, tuple(x - top for x in more if x > later))
            if first is not None and rest is not None:
                return [*first, *rest]
            break
    return _web_page_items(lines, at)


def _title_below_meta(lines: list[str], at: int) -> bool:
    """A title just under a source/time line, over its text, after a finished paragraph: the
    site prints each item's meta over its title (`Source: 香港電台` / `Published on: …` / title)."""
    head, text = lines[at], lines[at + 1]
    return (
        at > 0
        and is_terminated(lines[at - 1])
        and _title_like(head)
        and not is_terminated(head)
        and len(re.sub(r"\s", "", head)) > 4
        and len(text) >= 30
        and not _title_like(text)
    )


def _title_block_above(lines: list[str], at: int) -> int | None:
    """Where the title lines just above a source line start (None: no title there)."""
    k = at - 1
    while k >= 0 and at - k <= 4 and _title_like(lines[k]) and len(re.sub(r"\s", "", lines[k])) > 4:
        k -= 1
    return k + 1 if k + 1 < at else None


def _web_page_items(lines: list[str], at: int) -> list[_Chunk] | None:
    """A web page's article: the title lines stand just above its source/date line (`来源: …
    2025-01-09 10:20`), the text below it, and subheadings, captions and bylines inside the text
    start no new article; only a later story with a lead of its own (本报讯, 新华社…电) does."""
    block: list[int] = []
    k = at - 1
    while (
        k >= 0
        and len(block) < 4
        and _title_like(lines[k])
        and len(re.sub(r"\s", "", lines[k])) > 4
        # above the title next to the source line, a run of comma-separated phrases is the
        # site's keyword list, not a kicker
        and (not block or len(re.findall(r"[,，;；_|｜]", lines[k])) < 2)
    ):
        block.insert(0, k)
        k -= 1
    squashed = "".join(re.sub(r"\s", "", lines[i]) for i in block)
    if k >= 0 and block and re.sub(r"\s", "", lines[k]) == squashed:
        block.insert(0, k)  # the title printed once on a line, then as set
    if not block or at >= len(lines) or any(marked_title(x) for x in lines[at : at + 3]):
        return None  # (a title for certain below the source line: the page is not laid out so)
    before = _segment(lines[: block[0]]) if block[0] > 0 else []
    article = _Chunk(section=None, headline_lines=[lines[i] for i in block], body_lines=[])
    later: list[_Chunk] = []
    for n, chunk in enumerate(_segment(lines[at:])):
        opens_with_lead = bool(chunk.body_lines) and _is_lead(chunk.body_lines[0])
        titled = bool(chunk.headline_lines) and bool(marked_title(chunk.headline_lines[0]))
        if later or (n > 0 and chunk.headline_lines and (opens_with_lead or titled)):
            later.append(chunk)
            continue
        article.body_lines.extend(chunk.headline_lines)
        article.body_lines.extend(chunk.body_lines)
    return [*before, article, *later]


_SENTENCE_ENDS = frozenset("。!?！？”」")


def _two_columns_interleaved(lines: list[str]) -> list[str]:
    """PDF text of two columns or more read across (`标题甲` / `标题乙` / `本报讯 ……城南区三座` /
    `本报讯 ……位于运河` / `新建的……` / `边的……`): a lead cut mid-sentence and another lead on the
    next line cannot be one column's text, so from the titles over them (as many as there are
    such leads side by side, two to four) the lines go round the columns in turn; each column is
    read after the other."""
    for i in range(2, len(lines) - 3):
        if (
            lines[i][-1:] not in _SENTENCE_ENDS
            and lines[i + 1][-1:] not in _SENTENCE_ENDS
            and _is_lead(lines[i])
            and _is_lead(lines[i + 1])
            and not is_terminated(lines[i])
            and not is_terminated(lines[i + 1])
        ):
            n = 2
            while n < 4 and i + n < len(lines) and lines[i + n][-1:] not in _SENTENCE_ENDS and _is_lead(lines[i + n]) and not is_terminated(lines[i + n]):
                n += 1
            if i < n or len(lines) - i < 2 * n:
                continue
            if all(_title_like(lines[i - k]) for k in range(1, n + 1)) and not is_terminated(lines[i - n]):
                cols = lines[i - n :]
                return [*lines[: i - n], *(x for c in range(n) for x in cols[c::n])]
    return lines


_NOTE_AFTER_SENTENCE = re.compile(r"[。.]\s*([(（][^()（）]{2,12}[)）])$")


def _captions_over_titles(lines: list[str]) -> list[str]:
    """A photo's caption printed over its story's title, one sentence closed by the picture's
    source in brackets (`……參加相關活動。(政府新聞處)` / `閱讀日讀書分享會` / text): the caption goes
    under the title, where captions are read, instead of standing as an item of its own or as the
    end of the story above. (Not a closing credit: `……。(黄怡菡)`, `……。(新华社)`.)"""
    if not any(ln.endswith((")", "）")) for ln in lines):
        return lines
    out = list(lines)
    for i in range(len(out) - 2):
        if out[i][-1:] in ")）" and _caption_with_note(out[i]) and (i == 0 or is_terminated(out[i - 1]) and not photo_closed(out[i - 1])) and _title_like(out[i + 1], strict=True) and not is_terminated(out[i + 1]) and len(out[i + 2]) >= 40:
            out[i], out[i + 1] = out[i + 1], out[i]
    return out


def _caption_with_note(line: str) -> bool:
    """One sentence closed by a note in brackets that names no writer and no agency."""
    return (
        line[-1:] in ")）"
        and len(line) <= 80
        and line.count("。") == 1
        and bool(_NOTE_AFTER_SENTENCE.search(line))
        and parse_byline_text(line) is None
        and not _is_lead(line)
    )


def _title_named_again(lines: list[str]) -> list[str]:
    """`原标题:……` repeating a line above it: that line is the title for certain (read as one in
    brackets, `【…】`); the 原标题 line itself is furniture."""
    for k, line in enumerate(lines[:12]):
        m = re.match(r"^原标题\s*[:：]\s*(\S.{3,80})$", line)
        if m:
            again = re.sub(r"\s", "", m.group(1))
            for e in range(k):
                if re.sub(r"\s", "", lines[e]) == again and "【" not in lines[e]:
                    return [*lines[:e], f"【{lines[e]}】", *lines[e + 1 :]]
            if not any(_title_like(x) for x in lines[:k]):
                # nothing that could be a title above it: the page's only title is the one it names
                return [*lines[:k], f"【{m.group(1).strip()}】", *lines[k + 1 :]]
    return lines


# the commonest surnames (simplified and traditional forms): a 2-3 character line starting with
# one of them over a long paragraph is taken for a writer's name rather than a very short title
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
    "姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "張劉陳楊黃趙吳孫馬鄭謝韓馮鄧蕭葉蘇呂蔣盧鍾譚陸賈韋鄒閻龍陶賀顧郝龔萬錢嚴湯"
)


def _writer_over_text(d: "_Draft") -> bool:
    name = d.headline.strip()
    return (
        not d.headline_from_lead
        and not d.kicker
        and not d.subheadline
        and not d.bylines
        and not d.has_lead
        and bool(re.fullmatch(r"[\u4e00-\u9fff]{2,3}", name))
        and name[0] in _SURNAMES
        and bool(d.paragraphs)
        and len(d.paragraphs[0]) >= 40
        and bool(_names(name))
    )


def _glued_names(name: str, others: list[str]) -> bool:
    """Is ``name`` two or more of ``others`` written together (宋云达赵桂林)?"""
    if len(name) < 4:
        return False
    ends = {0}
    for i in range(len(name)):
        if i in ends:
            ends.update(i + len(o) for o in others if name.startswith(o, i))
    return len(name) in ends and not any(o == name for o in others)


def _dated(dateline: Dateline) -> bool:
    return bool(dateline.monthday or dateline.day or dateline.days_before_issue is not None or dateline.weekday)


def _credit_line(line: str) -> bool:
    """A line that is a credit and nothing else."""
    s = line.strip()
    closing = split_byline(s)
    return (closing is not None and not closing[0]) or bool(byline_line(s)) or not take_photo_credits(s)[0]


def _captions_only(d: "_Draft", chunk: _Chunk) -> bool:
    """Nothing but short lines without a sentence's end, and the credit: a photo's unmarked
    captions (中国网小记者在社区 / …… / (作者:蒯伊安)), not a story of their own."""
    if not d.paragraphs:
        return True
    if d.has_lead:
        return False
    lines = [ln.strip() for ln in (*chunk.headline_lines, *chunk.body_lines) if not _credit_line(ln)]
    return bool(lines) and all(len(ln) <= 40 and not re.search(r"[。！？!?]", ln) for ln in lines)


def _chrome(d: "_Draft") -> bool:
    """A web page's or digest's header and footer lines that fell into an "article" of their
    own (今天 / 庆祝…周年 / 头 条, 一鍵分享 / 主打稿): short, not one finished sentence, no
    credit, no lead."""
    text = "".join(d.paragraphs)
    return (
        not d.has_lead
        and not d.certain_title  # (an item cut short under a title for certain is no chrome)
        and not d.bylines
        and not d.photo_credits
        and not d.captions
        and not d.source
        and len(text) + (0 if d.headline_from_lead else len(d.headline)) + len(d.kicker) <= 100
        # (a site's list of what it offers is no sentence: `即時資訊、特別報道、即時評論。`)
        and not any(re.search(r"[。！？!?…]", p) and not _LABEL_LIST.fullmatch(p.strip()) for p in d.paragraphs)
    )


_LABEL_LIST = re.compile(r"[\u4e00-\u9fff]{2,6}(?:、[\u4e00-\u9fff]{2,6}){2,7}[。.]?")


def _without_page_chrome(drafts: list["_Draft"]) -> list["_Draft"]:
    """Drop such chrome before the first and after the last real article of the page."""
    real = [i for i, d in enumerate(drafts) if not _chrome(d)]
    if not real:
        return drafts
    return drafts[real[0] : real[-1] + 1]


def _items(lines: list[str], starts: tuple[int, ...]) -> list[_Chunk]:
    """The page's articles. Where the page line is printed before every item (a database's
    `第4版(要闻)` / `专栏:`), each stretch between two such lines is one article: a `本报讯`
    paragraph inside it or a photo's captions after `(附图片)` start no new one."""
    if not starts:
        briefs = brief_starts(lines)
        if briefs:
            found = brief_items(lines, briefs)
        else:
            found = page_shared_credit(_segment(lines))
        return [item for chunk in found for item in photo_items(chunk)]
    chunks: list[_Chunk] = []
    bounds = [0, *starts, len(lines)] if starts[0] > 0 else [*starts, len(lines)]
    for a, b in zip(bounds, bounds[1:]):
        found = _segment(lines[a:b], database_item=True) if b > a else []
        if len(found) > 1 and found[0].headline_lines:
            first = found[0]
            for more in found[1:]:
                first.body_lines.extend(more.headline_lines)
                first.body_lines.extend(more.body_lines)
            found = [first]
        chunks.extend(found)
    return chunks


@dataclass
class _Draft:
    site_source: str | None = None  # what a later web source line over this article names
    headline: str = ""
    kicker: str = ""
    subheadline: str = ""
    headline_from_lead: bool = False
    paragraphs: list[str] = field(default_factory=list)
    bylines: list[Byline] = field(default_factory=list)
    printed: list[str] = field(default_factory=list)
    source: str | None = None
    section: str | None = None
    has_lead: bool = False
    dateline: Dateline = field(default_factory=Dateline)
    photo_credits: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    editor_note: str = ""
    cross_references: list[str] = field(default_factory=list)
    orphan_bylines: list[Byline] = field(default_factory=list)  # names over the title: the article above's
    orphan_printed: str = ""
    certain_title: bool = False  # its title was marked as one for certain (`【…】`, a listing's copy)


_AGENCY_ROLE = re.compile(r"(新华社|中新社|中国新闻社)(?:驻[\u4e00-\u9fff]{1,8})?(?:特约)?记者")
_LOST_AFTER_CREDIT = re.compile(r"(?<=[。!?！？”])(\s*[(（][^()（）]{1,30}[)）])\s*\?$")
_STARRED_TITLE = re.compile(r"^([^【】*＊]{4,80}?)\s*[*＊]{3,}$")
_PHOTO_STORY_CREDIT = re.compile(r"(?:^|(?<=[。!?”]))\s*((?:[\u4e00-\u9fff]{2,3}\s+){0,3}[\u4e00-\u9fff]{2,3})\s*摄影报道$")
_UNDATED_COLUMNS = frozenset(KNOWN_COLUMN_TITLES) - {"图片新闻", "新闻图片", "图片报道", "今日头条", "今日頭條"}
_BARE_NAME_LINE = re.compile(r"[\u4e00-\u9fff]{2,3}")
_JUMP_LINE = re.compile(r"^(?:>{2,}|》+|→|▶)\s*(?:详见|见|转)?\s*第?\s*[A-Za-z]?\d{1,3}(?:\s*[-—~至]\s*[A-Za-z]?\d{1,3})?\s*版\S{0,6}$")
_AGENCY_STAMP = re.compile(r"(新华社|中新社|中央社|[\u4e00-\u9fff]{1,3}社)\s+\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_DISTRIBUTED = re.compile(r"(?:^|(?<=[。!?”\s]))\s*(新华社|中新社)\s*发$")
_DISTRIBUTED_LINE = re.compile(r"[(（]\s*(新华社|中新社)\s*发\s*[)）]")
_DISTRIBUTED_CREDIT = re.compile(r"[(（](人民视觉|视觉中国|人民图片|新华社|中新社)发?[)）]$|^(?:(新华社|中新社)\s*发)")
_NAMES_LINE = re.compile(r"[\u4e00-\u9fff]{2,3}(?:\s+[\u4e00-\u9fff]{2,3}){1,3}")
# `……让人感受到无锡城的独特魅力。陆媛`: a brief's writer straight after its last full stop
_NAME_AFTER_FULL_STOP = re.compile(r"。[\u4e00-\u9fff]{2,3}$")
_SPACED_NAMES_AT_END = re.compile(r"[。!?！？”]\s+[\u4e00-\u9fff]{2,3}(?:[、\s][\u4e00-\u9fff]{2,3})?$")
_PHOTOS_NOTE = re.compile(r"^[(（]附(图片|照片|图)[)）]$")
_CAPTION_MARK = re.compile(r"^(▲|△|▼|►|(上|下|左|右|组)?图\s*[:：]|图片\s*[:：]|图说\s*[:：]|\(图\)|（图）)\s*")
# a wire's dispatch after the title on an item's line (a database copy that prints both on one)
# any newsroom's dispatch mark without a date: `快报无锡电(记者陆媛)`, `本报海口电记者X报道:`
# a paper's own mark and a credit after it: `某某新闻网-某某日报讯(记者 X)` (a portal's copy),
# `南都讯 记者张三 通讯员李四 …`
_SYNDICATED_MARK = re.compile(r"^(?:[\u4e00-\u9fff]{2,10}[-－—])?[\u4e00-\u9fff]{2,10}讯\s*(?:[(（]|[\u4e00-\u9fff]{0,8}(?:记者|通讯员|实习生))")
_ANY_DISPATCH = re.compile(r"^[\u4e00-\u9fff]{2,10}?(?:(?:\d{1,2}月)?\d{1,2}日)?(?:专)?电\s*(?:[(（]|[\u4e00-\u9fff]{0,8}记者)")
_WIRE_INSIDE = re.compile(
    r"(?<![\u4e00-\u9fff])(据?(?:新华社|中新社|新华网|中新网|人民网)[\u4e00-\u9fff·]{0,8}?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月)?"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:专)?[电讯]"
    # (the paper's own dispatch with its place and date, on a web copy's line after the site's
    # header: `人民网-人民日报 |山东 本报济南10月6日电 记者何勇报道:`)
    r"|本报[\u4e00-\u9fff·]{1,8}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日电)"
)
_WIRE_AT_LEAD = re.compile(
    r"^[【\[]?(?:据)?(新华社|中新社)(?:[\u4e00-\u9fff·]{0,10}?\S{0,8}日)?(?:专)?讯"
    r"|^[【\[]?(?:据)?(新华社|中新社|人民日报|央视新闻|新华网|人民网|中新网)(?:[\u4e00-\u9fff·]{0,10}?\S{0,8}日)?(?:专)?电"
    r"|^据(新华社|中新社|人民日报|央视新闻|新华网|人民网)[\u4e00-\u9fff]{0,8}?(?:报道|消息)"
)
_QUOTED_SOURCE = re.compile(r"^据\s*《?([\u4e00-\u9fff]{2,10}?)》?\s*(消息|报道)")
# (`(北京七日電)`: a dispatch's place and day alone, as Hong Kong and Macao papers print it)
_LATER_PHOTO_NUMBERS = frozenset("②③④⑤⑥⑦⑧⑨⑩")
# an outlet's tag before its lead sentence (`【新民晚报·新民网】申城连日持续高温,…`): the
# paragraph that carries it is the story's lead, not a slogan above the story
_OUTLET_TAG = re.compile(r"【[^【】]{2,16}】(?=\S)")
_DISPATCH_AT_START = re.compile(
    r"^[【\[]?((?:本报|新华社|中新社)[\u4e00-\u9fff·]{0,10}?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月)?"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:专)?[电讯])"
)
_DISPATCH_AFTER_SENTENCE = re.compile(
    r"(?<=[。!?”])\s*((?:本报|新华社|中新社)[\u4e00-\u9fff·]{0,10}?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月)?"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:专)?[电讯])"
)
_AGENCY_PHOTOGRAPHER = re.compile(r"(新华社|中新社|中通社)(?:驻[\u4e00-\u9fff]{1,6})?(?:特约)?记者")
_EDITOR_AT_END = re.compile(
    r"\s*[(（【\[]\s*(?:编辑|编辑|責編|责编|责任编辑|編輯|責任編輯|校对|校對|审核|值班编辑|实习编辑)\s*[:：]?\s*[\u4e00-\u9fff·、\s]{2,12}[)）】\]]\s*$"
)
_VAGUE_WHEN = re.compile(r"近日|日前|近期|近来|最近|连日|前不久|不久前|眼下|目前|当下|此前|今年|去年|本周|上周|本月|上月|近年")
_DATELINE_AT_END = re.compile(
    r"[(（](?:(本报|新华社|中新社)([^()（）]{1,16}?电)|([\u4e00-\u9fff]{2,6}?(?:\d{1,2}|[一二三四五六七八九十]{1,3})日电))[)）]\s*$"
)


def _read_article(chunk: _Chunk) -> _Draft:
    d = _Draft(section=chunk.section)
    heads = [h.strip() for h in chunk.headline_lines]
    if (
        len(heads) > 1
        and _NAMES_LINE.fullmatch(fold(heads[0]))
        and all(n[:1] in _SURNAMES for n in fold(heads[0]).split())  # (the commonest only: 江南 水乡 is a title)
        and (named := _names(fold(heads[0])))
    ):
        # `金辰 高艺` over the next title: the names closing the article above, set apart
        d.orphan_bylines, d.orphan_printed = list(named), heads.pop(0)
    if (
        len(heads) > 1
        and chunk.body_lines
        and _BARE_NAME_LINE.fullmatch(fold(heads[-1]))
        # (under a short title, a name of three characters with a common surname, then a paragraph:
        # `享受崇高` / `王义堂`; `春到` / `江南` is one title)
        and (len(heads[-2]) > 4 or len(heads) == 2 and len(fold(heads[-1]).strip()) == 3 and heads[-1].strip()[:1] in _SURNAMES and len(chunk.body_lines[0]) >= 40)
    ):
        # a web page's title, then the writer's name alone on the next line (我和…的情缘 / 刘建平)
        people = _names(fold(heads[-1]))
        if people:
            d.bylines.extend(people)
            d.printed.append(heads.pop())
    if len(heads) > 1 and "评论员" in fold(heads[-1]) and _COMMENTATOR_ONLY.fullmatch(fold(heads[-1]).strip()):
        # `让…更有温度` / `本报评论员`: the paper's commentary, credited with no name (no byline)
        d.printed.append(heads.pop())
    _read_headline(d, heads)
    label = _LABEL_BEFORE_TITLE.match(d.headline) if ":" in d.headline or "：" in d.headline else None
    if label and not d.kicker:
        # `通讯:“客都”……` over `中新社…电 题:“客都”……`: the wire's own 题: names the title
        # without the genre label, which is the piece's column
        said = next((t for ln in chunk.body_lines[:2] if "题" in ln and (t := wire_title(ln.strip()))), None)
        if said and re.sub(r"\s", "", said).startswith(re.sub(r"\s", "", label.group(2))):
            d.section, d.headline = d.section or label.group(1), label.group(2)

    # Lines that are not running text: captions, photo credits, bylines and cross-references
    # standing on their own lines.
    text_lines: list[str] = []
    caption_next, marker = False, ""
    # (a web list item's meta and related links over a paragraph opening with its credit)
    meta_over_credit = bool(chunk.headline_lines) and any(credit_opening(x) for x in chunk.body_lines[1:7])
    credited = photos_follow = False  # a credit line was read / `(附图片)` came after it
    # a photo's caption and credit and nothing else, with or without a title over them
    captions_alone = bool(chunk.body_lines) and len(chunk.body_lines) <= 3 and (photo_closed(chunk.body_lines[-1]) or closing_credit(chunk.body_lines[-1]) and len(chunk.body_lines[-1].strip()) <= 30) and not any(_is_lead(x) for x in chunk.body_lines) and is_caption_line(chunk.body_lines[0].strip())
    for n, raw in enumerate(chunk.body_lines):
        line = raw.strip()
        if photos_follow and len(line) <= 100 and not _is_lead(line):
            _add_caption(d, line)  # a database's photo story: the photos' captions follow the note
            continue
        if credited and _PHOTOS_NOTE.match(fold(line).strip()):
            photos_follow = True
            text_lines.append(line)
            continue
        credited = False
        if caption_next:
            caption_next = False
            _add_caption(d, line, marker=marker)
            continue
        if meta_over_credit and not text_lines and related_or_item_meta(chunk.body_lines, n):
            # a web item's link label, its photo's caption, the time, links to related stories,
            # all above the paragraph that opens with the reporters' credit
            if len(line) >= 12 and re.search(r"[。.][)）]?$|[)）]$", line):
                _add_caption(d, line)
            elif _title_like(line) and len(_HAN.findall(line)) >= 6:
                d.cross_references.append(line)
            else:
                d.printed.append(line)
            continue
        if n == 0 and chunk.headline_lines and n + 1 < len(chunk.body_lines) and len(chunk.body_lines[1]) >= 40 and _caption_with_note(line):
            _add_caption(d, line)  # a photo's caption closed by its source's note (`……。(政府新聞處)`)
            continue
        if n == 0 and not text_lines and chunk.headline_lines and unmarked_caption([chunk.headline_lines[-1], *chunk.body_lines], 1) and any(
            len(x) >= 20 and not _credit_line(x) for x in chunk.body_lines[2:]
        ):  # (with text under the byline: a titled photo's caption alone is its text)
            _add_caption(d, line)  # a photo's caption with no mark, between the title and its byline
            continue
        if is_caption_line(line):
            rest = _CAPTION_MARK.sub("", line, count=1).strip()
            if rest:
                _add_caption(d, line)
                if captions_alone and len(rest) >= 8:
                    # a photo with no title over it, its caption and its credit only (`▲……。` /
                    # `(X 摄)`): an item whose text is the caption
                    text_lines.append(_CAPTION_MARK.sub("", d.captions[-1], count=1).strip() if d.captions else rest)
            else:
                caption_next, marker = True, line  # `图:` alone: the caption is the next line
            continue
        if "@" in line and d.bylines and not text_lines and _EMAIL_LINE.fullmatch(line):
            d.printed.append(line)  # `wjhuang@sph.com.sg` under `黄伟杰 报道`: the reporter's address
            continue
        if is_cross_reference_line(line):
            d.cross_references.append(line.strip()[1:-1].strip())
            continue
        if not text_lines and _AUTHOR_FIELD.fullmatch(fold(line).strip()):
            # `作者:李尚志陈维伟罗观星` over the lead: the archive's writers field, a credit as
            # printed (the names are read where they can be told apart: here or in the lead)
            d.bylines.extend(byline_line(line))
            d.printed.append(line)
            continue
        if not text_lines and "记者" in fold(line) and _ROLE_ONLY.fullmatch(fold(line).strip()):
            # `□新华社记者` under the title, no name: a credit (the agency's copy), no byline
            agency = re.search(r"新华社|中新社", fold(line))
            d.source = d.source or (agency.group(0) if agency else None)
            d.printed.append(line)
            continue
        if _JUMP_LINE.match(fold(line).strip()):
            d.cross_references.append(line.strip())  # `>>>41-44版`: where the story goes on
            continue
        closing = split_byline(line) if text_lines and line[:1] in "(（" else None
        if closing and not closing[0] and (closing[1] or closing[2]) and is_terminated(text_lines[-1]):
            # `(秦时伟)` on its own line between two reports under one title: the first one's
            # writer (a closing credit, wherever it stands)
            mixed = split_credit(line.strip()[1:-1])  # `(文/张三 图/李四)`: the photographer apart
            d.bylines.extend(mixed[0] if mixed else closing[1])
            d.photo_credits.extend(mixed[1] if mixed else ())
            d.source = d.source or closing[2]
            d.printed.append(line.strip()[1:-1].strip())
            continue
        split = credit_line(line)
        if split and (not text_lines or is_terminated(text_lines[-1]) or (len(text_lines) == 1 and _is_lead(text_lines[0]))):
            # `本报记者 王志浩/摄 实习生 张扬/文`: the writer is a byline, the photographer a credit
            d.bylines.extend(split[0])
            d.photo_credits.extend(split[1])
            d.printed.append(line)
            credited = True
            continue
        rest, credits = take_photo_credits(line)
        if credits and fold(rest) in ("新华社发", "中新社发"):
            # `新华社发(苏阳摄)` on its line: the photo's credit, and the agency that sent it
            d.source = d.source or fold(rest)[:3]
            d.printed.append(rest)
            rest = ""
        if credits and not rest:
            d.photo_credits.extend(credits)
            credited = True
            continue
        if (
            credits
            and is_terminated(rest)
            and not _is_lead(rest)
            and (not text_lines or is_terminated(text_lines[-1]))
            and n + 1 < len(chunk.body_lines)
        ):
            # a photo's caption between paragraphs, closed by its credit
            d.photo_credits.extend(credits)
            d.captions.append(rest)
            continue
        if ("■" in line[-14:] or "□" in line[-14:]) and (marked := role_byline_after_last_sentence(line))[1]:
            # `……幾好行!」 ■記者 朱朗文`: the marked byline after the last sentence, on its line
            line = marked[0]
            d.bylines.extend(marked[1])
            d.printed.append(marked[2])
        people = byline_line(line) or (reported_by_line(line) if text_lines else ())
        named_under_title = False
        affiliated = None
        mixed = split_credit(line) if people else None
        if mixed:
            # `本报记者 李奕君 摄影 李杨`: the photographer is a photo credit, not a byline
            people = mixed[0]
            d.photo_credits.extend(mixed[1])
        if not people and line[:1] in "■□☉" and _BARE_NAME_LINE.fullmatch(fold(line[1:]).strip()):
            people = _names(fold(line[1:]).strip())  # `□ 王丹鷹`: a marked name is the writer
        if (
            not people
            and n <= 2
            and d.headline
            # (under the title and what may be the rest of it: short lines, no sentence)
            and all(len(t) <= 30 and not is_terminated(t) for t in text_lines)
            and (_BARE_NAME_LINE.fullmatch(fold(line).strip()) or (affiliated := _NAME_AND_AFFILIATION.fullmatch(fold(line).strip())))
            and (after := next((x.strip() for x in chunk.body_lines[n + 1 :] if fold(x).strip() != fold(line).strip()), ""))
            and len(after) >= 30
            and not re.match(r"[，,、。；;：:]", after[1:2] or "x")
        ):
            # `刘建平` alone under a web page's title (perhaps printed twice), before the text;
            # `孙宝启 中国农业大学教授`: the writer and what they are
            people = _names(affiliated.group(1) if affiliated else fold(line).strip())
            named_under_title = bool(people)
        if not people and d.bylines and not text_lines and fold(line).strip() in {b.name for b in d.bylines}:
            d.printed.append(line)  # the writer's name printed again
            continue
        if (
            not people
            and not d.bylines
            and text_lines
            and is_terminated(text_lines[-1])
            and n + 1 < len(chunk.body_lines)
            # a paragraph follows, not the rest of a sentence cut by a column break (会议强 / 调，…)
            and len(chunk.body_lines[n + 1].strip()) >= 30
            and not re.match(r"[，,、。；;：:]", chunk.body_lines[n + 1].strip()[1:2] or "x")
            and _BARE_NAME_LINE.fullmatch(fold(line).strip())
        ):
            people = _names(fold(line).strip())  # `匡笠` alone between paragraphs: the writer
        if (
            people
            and n + 2 == len(chunk.body_lines)
            and text_lines
            and not re.search(r"文|撰", fold(line))
            and (next_credit := take_photo_credits(chunk.body_lines[n + 1].strip()))[1]
            and not next_credit[0]
            and fold(chunk.body_lines[n + 1]).rstrip().endswith("摄")
        ):
            # `本报记者 李震宇` / `通讯员 王飞超 摄` closing a photo story: one credit over two
            # lines, for the photo (no byline)
            d.photo_credits.append(f"{line} {chunk.body_lines[n + 1].strip()}")
            break
        if people and (
            not text_lines
            or named_under_title
            or is_terminated(text_lines[-1])
            or (len(text_lines) == 1 and _is_lead(text_lines[0]))
            # under a piece's own heading: `杨晓升:在现实中捕捉文学的亮光` / `郑欣宜 中青报记者 宋宝颖`
            or (_title_like(text_lines[-1], strict=False) and len(text_lines[-1]) <= 30 and byline_line(line))
        ):
            d.bylines.extend(people)
            d.printed.append(line)
            credited = True
            continue
        text_lines.append(line)

    paragraphs = rejoin_column_breaks(text_lines)
    kept: list[str] = []
    for p in paragraphs:
        if "摄" in p or "图" in p or "攝" in p or "圖" in p:
            p, credits = take_photo_credits(p)
            d.photo_credits.extend(credits)
        p = _take_cross_references(d, p)
        if "相关专题" in p and (topic := _TOPIC_LINK.search(p)):
            # `……功能。 本报记者丁肇文 孟环 相关专题:2004北京“两会”`: a portal's link to its
            # topic page, a cross-reference
            d.cross_references.append(topic.group(0).strip())
            p = p[: topic.start()]
        if not d.editor_note and is_editor_note(p):
            d.editor_note = p
            continue
        if p:
            kept.append(p)
    paragraphs = kept

    # The closing credit: (byline) / (据新华社), an unbracketed byline line, or a bare name.
    # (a site's words after the story, 新聞排行 / 圖集 / 視頻, stand after it: looked past)
    trailing = 0
    while trailing < len(paragraphs) - 1 and _SITE_WORDS.fullmatch(fold(paragraphs[-1 - trailing]).strip()) and not _names(fold(paragraphs[-1 - trailing]).strip()):
        trailing += 1
    chrome_after = paragraphs[len(paragraphs) - trailing :] if trailing >= 2 else []
    if not chrome_after and len(paragraphs) > 1 and (ad := next((k for k in range(len(paragraphs) - 1, 0, -1) if _AD_LABEL.match(paragraphs[k])), None)):
        # `……(周健 实习生 汪梦雅)` / `【广告】安心家政 诚聘…`: an ad printed under the story
        # (kept after it, as printed): the closing credit is read before it
        trailing = len(paragraphs) - ad
        chrome_after = paragraphs[ad:]
    if chrome_after:
        del paragraphs[len(paragraphs) - trailing :]
    if paragraphs and (editor := _EDITOR_AT_END.search(paragraphs[-1])):
        # `……一片掌声。金海亮 (编辑 田木)`: the web editor's credit after the writer's is no
        # byline and hides the writer's: kept as printed, the closing credits read before it
        d.printed.append(editor.group(0).strip())
        paragraphs[-1] = paragraphs[-1][: editor.start()].rstrip()
        if not paragraphs[-1]:
            paragraphs.pop()
    if paragraphs:
        last = paragraphs[-1]
        found = parse_byline_text(last)
        if found is not None:
            match = _byline_match(last)
            assert match is not None
            people, wire = found
            d.printed.append(match[1].group(1).strip())
            mixed = split_credit(match[1].group(1))
            if mixed:  # `(张三 李四/文 王五/摄)`: the writers are bylines, the photographer a credit
                people = mixed[0]
                d.photo_credits.extend(mixed[1])
            d.bylines.extend(people)
            d.source = d.source or wire
            rest = last[: match[0]].rstrip()
            if rest:
                paragraphs[-1] = rest
            else:
                paragraphs.pop()
        elif desk := desk_note_credit(last):
            # `……警戒。(譯者:顧荃/核稿:劉文瑜)1100201`: an agency's desk note names the translator
            rest, people, printed, after = desk
            d.bylines.extend(people)
            d.printed.append(printed)
            paragraphs[-1:] = [x for x in (rest, after) if x]
        elif len(paragraphs) > 1 and byline_line(last):
            d.bylines.extend(byline_line(last))
            d.printed.append(paragraphs.pop())
        elif len(paragraphs) > 1 and wire_credit_line(last):
            d.source = d.source or wire_credit_line(last)  # `据新闻联播` on its own line
            d.printed.append(paragraphs.pop())
        elif len(paragraphs) > 1 and (stamp := _AGENCY_STAMP.fullmatch(fold(last).strip())):
            # `新華社 2025-10-04`: the agency's stamp closing a copied brief
            d.source = d.source or stamp.group(1)
            d.printed.append(paragraphs.pop())
        elif closing := closing_source(last):
            # `……间隔14天。 据央视`: the outlet credited after the last sentence, on its line
            rest, outlet, printed = closing
            d.source = d.source or outlet
            d.printed.append(printed)
            paragraphs[-1] = rest
        elif _PHOTO_STORY_CREDIT.search(fold(last)):
            # `……刷漆防腐作业。胡俊英 饒官榮 攝影報道`: they took the photos and wrote the story
            m = _PHOTO_STORY_CREDIT.search(fold(last))
            d.bylines.extend(_names(m.group(1).strip()))
            d.printed.append(last[m.start(1) :].strip())
            rest = last[: m.start(1)].rstrip()
            if rest:
                paragraphs[-1] = rest
            else:
                paragraphs.pop()
        elif role_byline_after_last_sentence(last)[1]:
            rest, people, printed = role_byline_after_last_sentence(last)
            d.bylines.extend(people)
            d.printed.append(printed)
            paragraphs[-1] = rest
        elif (m := WRITER_PHOTOGRAPHER_AT_END.search(fold(last))) and _people(m.group(1).strip()):
            # `……全部完工。记者 许诚 文/摄`
            d.bylines.extend(_people(m.group(1).strip()))
            as_printed = last if len(fold(last)) == len(last) else fold(last)
            d.printed.append(as_printed[m.start(1) :].strip())
            rest = as_printed[: m.start(1)].rstrip()
            if rest:
                paragraphs[-1] = rest
            else:
                paragraphs.pop()
        elif parts := marked_parts_at_end(last):
            # `……的印记。 周铭鲁 图 解雯贇 整理`: the writer a byline, the photographer a credit
            rest, people, photos, printed = parts
            d.bylines.extend(people)
            d.photo_credits.extend(photos)
            d.printed.append(printed)
            if rest:
                paragraphs[-1] = rest
            else:
                paragraphs.pop()
        elif len(paragraphs) > 1 or d.headline or _SPACED_NAMES_AT_END.search(last) or _NAME_AFTER_FULL_STOP.search(last):
            # (a headline-less brief's own paragraph: only names set apart by a space,
            # `……荣获二等奖。 徐凤勇 夏慧`)
            rest, people = bare_name_after_last_sentence(last)
            if people and (rest or len(paragraphs) > 1):
                d.bylines.extend(people)
                d.printed.append(last[len(rest) :].strip())
                if rest:
                    paragraphs[-1] = rest
                else:
                    paragraphs.pop()

    paragraphs.extend(chrome_after)

    dispatch: Dateline | None = None
    report_at = 0  # the paragraph that opens with its reporters' credit (`〔記者X/高雄報導〕…`): the lead
    if paragraphs:
        # `(中央社記者楊堯茹台北10日電)`: who, for which agency, where and when, in one bracket
        # (opening one of the first paragraphs: a site's notice may stand above it)
        for at_end, para in (*((False, p) for p in paragraphs[:3]), (True, paragraphs[-1])):
            found = bracketed_dispatch(para, at_end=at_end)
            if found:
                people, agency, place, month, day, (a, b) = found
                d.bylines[:0] = list(people)
                d.printed.insert(0, para.strip()[a:b] if len(fold(para.strip())) == len(para.strip()) else fold(para.strip())[a:b])
                d.source = d.source or agency
                dispatch = Dateline(monthday=(month, day), place=place) if month else Dateline(day=day, place=place)
                break
            reported = None if at_end else bracketed_report(para)
            if reported:  # `〔記者張三／台北報導〕`
                d.bylines[:0] = list(reported[0])
                d.printed.insert(0, fold(para.strip())[: reported[1]])
                report_at = paragraphs.index(para)
                break
        else:
            plain = unbracketed_dispatch(paragraphs[0]) if "记者" in fold(paragraphs[0][:20]) else None
            if plain:  # `中央社記者張三台北2日電 …`: the same credit without brackets (its date is the lead's)
                d.bylines[:0] = list(plain[0])
                d.printed.insert(0, plain[2])
                d.source = d.source or plain[1]
            elif not d.bylines and (opening := leading_credit(paragraphs[0])):
                # `记者 胡肖飞 文/摄 2月27日,…`, `記者王超群∕台北報導 總統…`: the credit, then the story
                d.bylines[:0] = list(opening[0])
                d.printed.insert(0, opening[1])
                paragraphs[0] = opening[2]
    if paragraphs:
        first = paragraphs[0]
        d.has_lead = _is_lead(first)
        f = fold(first).strip()
        wire = _WIRE_AT_LEAD.match(f)
        inside = None if d.has_lead or wire else _WIRE_INSIDE.search(f[:160])
        if inside:
            # `…的原则立场 新华社北京10月14日电 国务院…`: an item's line that holds its title and
            # then its dispatch: the dispatch is read where it stands
            first = f = f[inside.start(1) :]
            wire = _WIRE_AT_LEAD.match(f)
            d.has_lead = _is_lead(f)
        if wire:
            d.source = d.source or next(g for g in wire.groups() if g)
        if d.has_lead or wire or (not d.bylines and (_ANY_DISPATCH.match(f) or _SYNDICATED_MARK.match(f))):
            people, printed, lead_wire = lead_credit(first)
            mixed = split_credit(printed) if people else None
            if mixed:  # `本报讯(记者 张三 摄影 王五)`: the photographer is a credit, not a byline
                people = mixed[0]
                d.photo_credits.extend(mixed[1])
            if people or lead_wire:
                d.bylines[:0] = list(people)
                d.printed.insert(0, printed)
                d.source = d.source or lead_wire
        if not d.bylines and f[:1] in "(（" and (opening := _OPENING_CREDIT.match(f)):
            # `(本报记者 张三 通讯员 李四)昨天,…`: the credit opens the text, no lead mark before it
            people = _people(opening.group(1).strip(), need_role=True)
            if people and all(has_surname(b.name) for b in people):
                d.bylines.extend(people)
                d.printed.insert(0, opening.group(1).strip())
        if d.has_lead or wire:
            d.dateline = read_dateline(first)
            if not _dated(d.dateline):
                # `本报讯 … 国务院新闻办公室19日在北京举行…`, `据新华社电 瑞典王室4日发表声明说`:
                # the day the lead's first sentence names
                said = sentence_date(_LEAD_MARK.sub("", f, count=1))
                if not _dated(said):
                    # a rhetorical opener first (`快报讯 社区民警逐个翻找垃圾桶?昨天上午,…`): the
                    # news sentence after it dates the report
                    rest = after_opener(_LEAD_MARK.sub("", f, count=1))
                    said = sentence_date(rest) if rest else said
                if not _dated(said):
                    # what the lead sentence says happened when (`本报讯 九日上午,…`)
                    said = lead_sentence_date(_LEAD_MARK.sub("", f, count=1))
                d.dateline = replace(said, place=d.dateline.place)
        # a story made of several dispatches under one title (a database item): each
        # `本报广州11月28日电 记者吴骅报道` credits its reporter too
        for later in paragraphs[1:]:
            if _is_lead(later):
                people, printed, _wire = lead_credit(later)
                if people:
                    d.bylines.extend(people)
                    d.printed.append(printed)
        # `……培育出新的天下名品。 本报合肥4月25日电 记者王启明、刘杰报道:…`: a dispatch's
        # reporters wherever it starts (a database's item line holds a preface, then the story)
        if not d.bylines and (titled := _WIRE_TITLE_THEN_CREDIT.search(fold(paragraphs[0]))):
            # `中新社梅州十二月二十五日电 题:…… 中新社记者卜瑜`: the dispatch's title, then its reporter
            people = byline_line(titled.group(1))
            if people:
                d.bylines.extend(people)
                d.printed.append(titled.group(1))
        if dispatch is None and not (d.has_lead or wire):
            # `……编辑点评…培育出新的天下名品。 本报合肥4月25日电 记者王启明、刘杰报道:…`: a
            # dispatch after a preface or an editor's box on the item's line dates the story
            # (or opening the second paragraph under a one-sentence standfirst: `大会进入讨论阶段,…
            # 表示满意。` / `【新华社十七日讯】…`)
            for k, para in enumerate(paragraphs[:2]):
                head = para[:600]
                if "日电" not in head and "日讯" not in head and "日電" not in head and "日訊" not in head:
                    continue  # (the mark every such dispatch ends with: most paragraphs have none)
                later = _DISPATCH_AFTER_SENTENCE.search(fold(head))
                if not later and k == 1 and len(paragraphs[0]) <= 60:
                    later = _DISPATCH_AT_START.match(fold(head))
                if later and _dated(at := read_dateline(later.group(1))):
                    dispatch = at
                    agency = re.match(r"(新华社|中新社)", later.group(1))
                    d.source = d.source or (agency.group(1) if agency else None)
                    break
        known = {b.name for b in d.bylines}
        for para in paragraphs:
            for people, printed in reported_dispatches(para):
                if any(b.name not in known for b in people):
                    d.bylines.extend(b for b in people if b.name not in known)
                    known.update(b.name for b in people)
                    d.printed.append(printed)
        if d.has_lead or wire:
            quoted = _QUOTED_SOURCE.match(_LEAD_MARK.sub("", f, count=1))
            if quoted and not d.source:
                d.source = quoted.group(1)  # 本报讯 据长江日报消息：
        elif chunk.brief:
            # an item of a marked brief column: the first date its first sentence names
            d.dateline = sentence_date(first)
        elif d.section not in _UNDATED_COLUMNS:
            # a story with no lead mark that opens with its date (`昨天,…`); short items under a
            # known column title (要闻快览) keep no dateline, as before; under a page's own label
            # (城事速览, 无锡身边事) they read it
            # (the first real paragraph: not a short label such as a photo's name)
            # (a short finished sentence that says when vaguely, `近日,…在无锡举办。`, is the lead)
            openings = [p for p in paragraphs if len(p) >= 20 or _VAGUE_WHEN.search(p[:6]) and is_terminated(p)][:2] or [first]
            if report_at:
                # a caption or a site's line above the paragraph that carries the report's credit
                openings = [fold(paragraphs[report_at].strip())[bracketed_report(paragraphs[report_at])[1] :]]
            if paragraphs and len(first) < 20 and is_terminated(first) and _dated(opening_dateline(first)):
                openings = [first]  # a photo's one-sentence story: `8月2日,游客在泛舟西湖。`
            if first[:1] in _LATER_PHOTO_NUMBERS and (leading := next((c for c in d.captions if c[:1] == "①"), None)):
                # numbered photos under one title, the first ones kept as captions: the story's
                # date is the first photo's (`①日前,…` -> none), not the third's (`③…2月22日,…`)
                openings = [leading[1:]]
            d.dateline = opening_dateline(openings[0])
            if not _dated(d.dateline) and not d.headline and not chunk.headline_lines:
                # no printed headline: a brief, dated by the first date its first sentence
                # names (`市人大会议昨天下午举行主席团第三次会议。`)
                d.dateline = sentence_date(first)
            if (
                not _dated(d.dateline)
                and len(openings) > 1
                and len(openings[0]) < 50
                and not _OUTLET_TAG.search(openings[0][:40])
                # (`近日,…在常州举办。`: a lead that says when only vaguely is the lead, no slogan)
                and not _VAGUE_WHEN.search(openings[0])
            ):
                # a slogan or standfirst before the story (新闻8点见,多一点洞见。……): the story's
                # own first paragraph gives the date
                d.dateline = opening_dateline(openings[1])
            if not _dated(d.dateline):
                # the lead sentence says when (`副行长4月28日在国新办…表示`, `在昨日上午的…中`)
                d.dateline = lead_sentence_date(openings[0])
            if not _dated(d.dateline) and (rest := after_opener(openings[0])):
                # after a rhetorical opener (`最美不过家乡景,最浓不过故乡情。`), the news sentence
                d.dateline = opening_dateline(rest)
                if not _dated(d.dateline):
                    d.dateline = lead_sentence_date(rest)
            if not _dated(d.dateline) and d.captions and not any(len(p) >= 20 and is_terminated(p) for p in paragraphs):
                # a photo story all captions (`图为…交流(12月6日摄)。`): its first caption is its lead
                d.dateline = lead_sentence_date(_CAPTION_MARK.sub("", d.captions[0], count=1))
        if dispatch is not None and not (d.has_lead and _dated(d.dateline)):
            d.dateline = dispatch  # the dispatch's own date and place beat any sentence's
        d.source = d.source or undated_dispatch_agency(f)
        if not d.source:
            # the outlet the opening credits, lead or not: `据美国《华尔街日报》二十三日报道`,
            # `据合众社报道`, `【法新社巴黎12月21日电】`
            d.source = opening_source(_LEAD_MARK.sub("", f[:120], count=1)[:60])
        end = _DATELINE_AT_END.search(fold(paragraphs[-1]))
        # a dispatch's own dateline at the end beats a date read from the first sentence
        if end and not end.group(1):
            # a bare `(北京七日電)`: read as the paper's own dispatch of that place and day
            at_end = read_dateline("本报" + end.group(3))
            if not d.has_lead and _dated(at_end):
                d.dateline = at_end
            elif not d.dateline.place:
                d.dateline = replace(d.dateline, place=at_end.place)
        elif end and (not d.dateline.monthday or not d.has_lead):
            at_end = read_dateline(end.group(1) + end.group(2))
            d.dateline = Dateline(
                monthday=at_end.monthday or d.dateline.monthday,
                days_before_issue=d.dateline.days_before_issue if not at_end.monthday else None,
                place=at_end.place or d.dateline.place,
                weekday=d.dateline.weekday if not at_end.monthday else None,
            )
        elif end and not d.dateline.place:
            d.dateline = Dateline(
                d.dateline.monthday, d.dateline.days_before_issue, dateline_place(fold(end.group(0))), weekday=d.dateline.weekday
            )
        if end and end.group(1) and end.group(1) != "本报":
            d.source = d.source or end.group(1)
    d.paragraphs = paragraphs
    d.source = d.source or chunk.shared_source
    if not d.source and (d.photo_credits or paragraphs):
        # a photo the agency distributed: `新华社发(汤德宏 摄)`, `林弘梫摄(人民视觉)`
        tail = fold(paragraphs[-1][-12:]) if paragraphs else ""
        sent = _DISTRIBUTED.search(tail) or next(
            (m for pc in d.photo_credits if (m := _DISTRIBUTED_CREDIT.search(fold(pc)))), None
        )
        if sent:
            d.source = next(g for g in sent.groups() if g)
            if paragraphs and _DISTRIBUTED.search(tail):
                rest = paragraphs[-1][: len(paragraphs[-1]) - len(sent.group(0))].rstrip()
                if rest or len(paragraphs) > 1:
                    d.printed.append(paragraphs[-1][len(rest) :].strip())  # (kept as printed, with the credits)
                    paragraphs[-1:] = [rest] if rest else []
        elif len(paragraphs) > 1 and (alone := _DISTRIBUTED_LINE.fullmatch(fold(paragraphs[-1]).strip())):
            # `(新华社发)` on its own line closing a photo item: the agency sent it
            d.source = alone.group(1)
            d.printed.append(paragraphs.pop().strip())
    own_lead = d.has_lead and fold(paragraphs[0]).lstrip("【[ ").startswith("本报")
    # (nor in a joint report: `新华社记者甲、本报记者乙报道`)
    joint = any("本报记者" in fold(p) for p in d.printed)
    if not d.source and not own_lead and not joint:
        # `新华社记者 邢 拓 余俊杰`: a news agency's reporters write the agency's copy (not in
        # the paper's own dispatch: `本报北京11月17日讯新华社记者A、本报记者B报道`)
        agency = next((m.group(1) for b in d.bylines if b.role and (m := _AGENCY_ROLE.fullmatch(fold(b.role)))), None)
        if not agency and not d.bylines and d.photo_credits and not d.has_lead:
            # a photo story whose only credit is an agency's photographer (`新华社记者 郝同前 摄`):
            # the agency's picture, its source
            agency = next((m.group(1) for pc in d.photo_credits if (m := _AGENCY_PHOTOGRAPHER.match(fold(pc).strip()))), None)
        d.source = agency
    if chunk.credit_printed:
        d.printed.append(chunk.credit_printed)
    # one person once, with the role printed for them where one was (作者:刘波 … 记者 刘波)
    d.bylines = names_as_printed(d.bylines, "\n".join((*chunk.headline_lines, *chunk.body_lines)))
    roles = {b.name: b.role for b in d.bylines if b.role}
    seen: set[str] = set()
    d.bylines = [Byline(b.name, b.role or roles.get(b.name)) for b in d.bylines if not (b.name in seen or seen.add(b.name))]
    if len(d.bylines) > 2:
        # `作者:宋云达赵桂林` read as one name beside 宋云达 and 赵桂林 from the lead: a glued copy
        names = [b.name for b in d.bylines]
        d.bylines = [b for b in d.bylines if not _glued_names(b.name, [n for n in names if n != b.name])]

    if not d.headline and paragraphs:
        d.headline = _first_sentence(paragraphs[0])
        d.headline_from_lead = bool(d.headline)
    return d


def _read_headline(d: _Draft, lines: list[str]) -> None:
    """Headline lines -> kicker (引题), main title, subheadline (副题).

    One line is the title. Two lines are one title wrapped (kept joined by a space, as the seed
    pages print it) unless the second starts with a dash (——), the mark of a 副题. Three or more:
    the first is the kicker, a last line starting with a dash is the subheadline, and so is the
    last of three; a four-line block wraps its main title over the middle two lines."""
    if not lines:
        return
    # a list bullet or a web page's date before a title: `• 新一届……`, `[2004-03-31] 特写:……`
    lines = [re.sub(r"^[•●◆■▪·]\s*", "", ln) or ln if ln[:1] in "•●◆■▪·" else ln for ln in lines]
    lines = [re.sub(r"^[\[(]\s*\d{4}-\d{1,2}-\d{1,2}\s*[\])]\s*", "", ln) or ln if ln[:1] in "[(" else ln for ln in lines]
    if len(lines) > 1 and any(_HAN.search(ln) for ln in lines):
        lines = [ln for ln in lines if _HAN.search(ln)]  # (`02`: a page number over the title)
    if len(lines) > 1:
        # the paper's name, a date stamp, a site's menu among the title's lines: not the title
        lines = [ln for ln in lines if not head_chrome(ln)] or lines
    # a view count and date after the title (`连夜除雪保畅通 44,541 2024年01月17日`), the site's
    # name after a bar or hyphen (`……的情缘-中国青年报`): not the title
    lines = [_TRAILING_STAMP.sub("", ln) if ln[-1:] in "日0123456789" and _TRAILING_STAMP.search(ln) and len(_HAN.findall(_TRAILING_STAMP.sub("", ln))) >= 4 else ln for ln in lines]
    for n, ln in enumerate(lines):
        m = _OUTLET_AFTER.search(ln) if ln[-1:] in "报報网網闻聞" else None
        if m and len(_HAN.findall(ln[: m.start()])) >= 4 and not _DASH_OPEN.match(ln):
            lines[n] = ln[: m.start()]
            d.printed.append(ln[m.start() :].strip())  # (the outlet credited, as printed)
    d.certain_title = any(marked_title(ln) for ln in lines)
    lines = [marked_title(ln) or ln for ln in lines]  # `1、【…】`: the title inside the brackets
    # a listing's number before a title (`1. 江西农业……`, `2、…`), not part of it
    lines = [_LIST_NUMBER.sub("", ln, count=1) or ln for ln in lines]
    lines = [_PICTURE_BUTTON.sub("", ln) or ln for ln in lines]
    # a portal's marks after a title: it has pictures (`十里梁溪入画来(图)`, `(组图)`) or the day
    # the page was posted (`两会记者印象[2009-03-07]`); not the title's words
    for n, ln in enumerate(lines):
        m = _PORTAL_MARK.search(ln) if ln[-1:] in ")）]】" else None
        if m and len(_HAN.findall(ln[: m.start()])) >= 4:
            lines[n] = ln[: m.start()]
            d.printed.append(ln[m.start() :].strip())  # (kept as printed, with the credits)
    # a title in a copy's ASCII quotes ('株洲防洪大堤往事'), and a run of bars or rules after it
    lines = [_ASCII_QUOTED.sub(r"\1", ln) for ln in lines]
    lines = [_RULE_AFTER.sub("", ln) or ln for ln in lines]
    # a line of no Chinese among Chinese title lines: a site's name or address (Xinmin Evening
    # News, www.zjol.com.cn), never part of the title
    if len(lines) > 1 and any(_HAN.search(ln) for ln in lines):
        lines = [ln for ln in lines if _HAN.search(ln)]
    # decoration a web page puts after a title: `……中美关系######`
    lines = [re.sub(r"\s*[*＊#＃~～=＝]{3,}$", "", ln) or ln if ln[-1:] in "*＊#＃~～=＝" else ln for ln in lines]
    # an e-paper prints the title once on one line, then as set: keep the set lines; a web page
    # prints it with the site's name after it first (…盛贊古都新韻--傳媒--人民網)
    half = len(lines) // 2
    if len(lines) % 2 == 0 and half and [re.sub(r"\s", "", x) for x in lines[:half]] == [re.sub(r"\s", "", x) for x in lines[half:]]:
        lines = lines[half:]  # the whole title block printed twice (a web copy of an e-paper)
    if len(lines) > 1:
        first, rest = re.sub(r"\s", "", lines[0]), re.sub(r"\s", "", "".join(lines[1:]))
        if first == rest or first.startswith(rest) and _SITE_SUFFIX.fullmatch(first[len(rest) :]):
            lines = lines[1:]
    # `【決戰完勝 走向小康】趙家窪`: a series' name before the title is its column
    column = re.match(r"^【([^【】]{2,20})】\s*(?=\S)", lines[0]) or re.match(r"^\[([\u4e00-\u9fff]{2,8})\]\s*(?=[\u4e00-\u9fff“《])", lines[0])
    if column and not _is_lead(lines[0]) and len(lines[0]) > column.end() + 1:
        # (under a page's section label: both, the page's first: `國際新聞·海外來鴻`)
        d.section = f"{d.section}·{column.group(1)}" if d.section and d.section != column.group(1) else column.group(1)
        lines = [lines[0][column.end() :], *lines[1:]]
    genre = _GENRE_LABEL.match(lines[0]) if ":" in lines[0] or "：" in lines[0] else None
    if genre and len(_HAN.findall(lines[0][genre.end() :])) >= 4:
        d.section = f"{d.section}·{genre.group(1)}" if d.section else genre.group(1)
        lines = [lines[0][genre.end() :], *lines[1:]]
    # a section's label after the title, set apart by a space (`…发展“脉动” 最资讯`): the section
    tail = lines[-1].rsplit(None, 1) if " " in lines[-1].strip() else []
    if len(tail) == 2 and len(_HAN.findall(tail[0])) >= 4 and column_name(tail[1]) and not _DASH_OPEN.match(lines[-1]):
        d.section = d.section or tail[1]
        lines = [*lines[:-1], tail[0]]
    dashed = [bool(re.match(r"^[—\-－―]{1,2}", ln)) for ln in lines]
    main = len(lines) - 1 if len(lines) <= 2 else len(lines) - 2
    while main > 0 and dashed[main]:
        main -= 1
    serial = _SERIAL_NUMBER.search(lines[main]) if lines[main][-1:] in ")）" else None
    if serial and len(_HAN.findall(lines[main][: serial.start()])) >= 4:
        # `胡同里的煤铺(十二)`: a serial's instalment, not the title (kept as printed, with the credits)
        d.printed.append(serial.group(0).strip())
        lines[main] = lines[main][: serial.start()].rstrip()
    label = _COLUMN_AFTER.search(lines[main])
    if label and len(_HAN.findall(lines[main][: label.start()])) >= 4:
        # `共同走过心相连(我与海外版)`: the column's name in brackets after the title
        d.section = d.section or label.group(1)
        lines[main] = lines[main][: label.start()].rstrip()
    if len(lines) == 1:
        d.headline = lines[0]
    elif len(lines) == 2:
        if dashed[1]:
            d.headline, d.subheadline = lines[0], lines[1]
        else:
            d.headline = " ".join(lines)
    else:
        d.kicker = lines[0]
        d.headline = " ".join(lines[1:-1])
        d.subheadline = lines[-1]


_TRAILING_STAMP = re.compile(r"\s+[\d,.]*\s*(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2})$")
_OUTLET_AFTER = re.compile(r"\s*[-_|｜]\s*[\u4e00-\u9fff]{2,10}(?:报|報|网|網|新闻|新聞)$")
_DASH_OPEN = re.compile(r"^[—\-－―]")
_COLUMN_AFTER = re.compile(r"\s*[(（]([\u4e00-\u9fff]{4,8})[)）]$")
_SERIAL_NUMBER = re.compile(r"\s*[(（](?:之)?[一二三四五六七八九十百]{1,4}[)）]$")
_LIST_NUMBER = re.compile(r"^\d{1,2}\s*[.、．丨|｜]\s*(?=[\u4e00-\u9fff“《「])")
# a web page's picture button glued to the end of a title: `……逼爆街頭放大圖片`
_PICTURE_BUTTON = re.compile(r"\s*(放大圖片|放大图片|点击查看大图|點擊查看大圖|查看大图|查看大圖)$")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_PORTAL_MARK = re.compile(
    r"\s*(?:[(（\[【]\s*(?:组图|多图|附图|图文|图|圖|組圖|多圖|附圖|圖文|视频|視頻)\s*[)）\]】]|\[\s*\d{4}-\d{1,2}-\d{1,2}\s*\]|[(（]\d{1,2}:\d{2}[)）])$"
)
# a piece's genre before its title (`特寫:港式記者陣`, `通讯:…`): the kind of piece, not its title
_GENRE_LABEL = re.compile(
    r"^(图文|圖文|特写|特寫|通讯|通訊|综述|綜述|述评|述評|专访|專訪|侧记|側記|速写|速寫|特稿|专稿|專稿|记者手记|記者手記|手记|手記|札记|札記|新闻分析|新聞分析|新闻特写|新聞特寫|短评|短評|时评|時評)\s*[:：]\s*(?=\S)"
)
_ASCII_QUOTED = re.compile(r"^\s*['\"]([^'\"]{2,80})['\"]\s*$")
_RULE_AFTER = re.compile(r"[\s|｜_\-=—]{3,}$")
_SITE_SUFFIX = re.compile(r"(?:(?:--|—|_|-|\||｜)[^-—_|｜]{1,12}){1,4}")


def _add_caption(d: _Draft, line: str, *, marker: str = "") -> None:
    """A caption as printed (`图：…`, `图片：…`), less the ▲ mark and its photo credit."""
    rest, credits = take_photo_credits(line)
    d.photo_credits.extend(credits)
    caption = rest.lstrip("▲△▼► ").strip()
    if caption:
        d.captions.append(f"{marker}{caption}" if marker else caption)


def _take_cross_references(d: _Draft, paragraph: str) -> str:
    def pull(m: re.Match) -> str:
        if cross_reference(m.group(1)):
            d.cross_references.append(m.group(1).strip())
            return ""
        return m.group(0)

    if "版" not in paragraph:
        return paragraph
    return _BRACKETED.sub(pull, paragraph).strip()


_LEAD_MARK = re.compile(
    r"^([【\[]?[\u4e00-\u9fff]{0,8}报讯[】\]]?|[【\[][\u4e00-\u9fff]{1,8}[专專]讯[】\]]|[【\[]?(本报|新华社|中新社)[^,，。:：\s]{0,16}?电[】\]]?|新华社电|据新华社电)\s*[:：]?\s*"
    r"([(（][^()（）]{0,60}[)）])?\s*"
)


def _first_sentence(paragraph: str) -> str:
    """A brief's display title: its first sentence, without the 本报讯 mark and lead credit."""
    raw = paragraph.strip()
    if "(" in raw[:16] and _PINYIN.search(raw[:16]):
        raw = _PINYIN.sub("", raw[:16]) + raw[16:]  # a mirror's reading aid in the mark: `晚報(bào)訊`
    mark = _LEAD_MARK.match(fold(raw))  # 本報訊 reads as 本报讯
    cut = mark.end() if mark and len(fold(raw)) == len(raw) else 0
    text = raw[cut:] or raw
    m = re.search(r"[。！？!?]", text)
    sentence = text[: m.end()] if m else text
    if len(sentence) > 60:
        cut = max(sentence.rfind("，", 0, 60), sentence.rfind(",", 0, 60))
        sentence = sentence[:cut] + "……" if cut > 10 else sentence[:60] + "……"
    return sentence

