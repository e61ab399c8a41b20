"""Split a page's article lines into articles, and rejoin paragraphs cut by column breaks.

An article is headline lines, a ``本报讯`` lead, body paragraphs and a closing byline; a column
title (``要闻快览``) heads short items without ``本报讯``. Where a printed column ended, the text
has a line break in mid-sentence: a line that does not end a sentence continues in the next.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .bylines import _BYLINE_TAIL, bare_name_after_last_sentence, bracketed_report, byline_line, leading_credit, is_terminated, lead_credit, parse_byline_text, take_photo_credits, wire_credit_line
from .datelines import opening_dateline
from .decoding import fold
from .headlines import (
    _SERIAL_NOTE,
    KNOWN_COLUMN_TITLES,
    _is_byline_line,
    _is_column_title,
    _is_lead,
    _title_like,
    column_name,
    is_apart_line,
    is_caption_line,
    is_cross_reference_line,
    is_editor_note,
    is_photo_credit_line,
    is_photo_line,
    item_meta_line,
    marked_title,
    read_more_line,
    reported_from_line,
    wire_title,
)


@dataclass
class _Chunk:
    section: str | None
    headline_lines: list[str]
    body_lines: list[str]
    brief: bool = False  # one item of a marked brief column (■ … / △ … / • title)
    shared_source: str | None = None  # the column's shared credit (均据新华社电)
    credit_printed: str = ""  # that credit as printed, kept with the last item
    site_source: str | None = None  # a web article's own source line's outlet (来源:中国江苏网)


def _squashed(line: str) -> str:
    """``line`` without its spaces (as removing every ``\\s`` match would: str.split's spaces are the same)."""
    return "".join(line.split())


_BARE_NAME = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
_SHORT_LABEL = re.compile(r"[\u4e00-\u9fff]{2,3}")
AD_MARK = _AD_MARK = re.compile(r"^[【\[](?:广告|廣告)[】\]]")
# a reporter's credit under a title in a Singapore or Malaysian paper: `黄伟杰 报道`
_REPORTED_BY = re.compile(r"[\u4e00-\u9fff]{2,4}(?:[\s、][\u4e00-\u9fff]{2,4}){0,3}\s*报道")
# a field naming the writers on a line of its own: 作者:李尚志陈维伟罗观星
_AUTHOR_FIELD = re.compile(r"(作者|撰文|记者)\s*:\s*[\u4e00-\u9fff·/、 ]{2,40}")


def _boundary(lines: list[str], k: int) -> bool:
    """Does a new article's headline block start just after line ``k``?"""
    return (
        k < 0
        or is_terminated(lines[k])
        or lines[k][-1:] in ")）" and bool(_SERIAL_NOTE.fullmatch(lines[k].strip()))  # `(未完待续)`
        or read_more_line(lines[k])  # a summary cut short with its link ends its item
        or _is_column_title(lines, k)
        or _is_byline_line(lines[k])
        or is_apart_line(lines[k])
    )


def _marked_byline(lines: list[str], i: int) -> bool:
    """`■快报记者 郑春平` after a finished paragraph: the byline that opens the next piece (the
    square is the mark of an opening byline; a closing one is bracketed)."""
    line = lines[i].strip()
    return (
        line[:1] in "■□☉"
        and (i == 0 or is_terminated(lines[i - 1]) or _title_like(lines[i - 1]))
        and i + 1 < len(lines)
        and (bool(byline_line(line)) or bool(_BARE_NAME.match(line[1:].strip())))
    )


def _certain_title_after_text(lines: list[str], i: int) -> bool:
    """A title for certain (`【…】`, as a pasted page sets a title apart from its text) after a
    finished paragraph, with text under it: the next article starts there, lead or not. (A
    short bracketed label inside a story, 【延伸阅读】, is a subheading: a title is ten characters
    or more, or has its byline under it.)"""
    if "】" not in lines[i] or i == 0 or i + 1 >= len(lines) or not is_terminated(lines[i - 1]):
        return False
    title = marked_title(lines[i])
    return bool(title) and (len(title) >= 10 or bool(byline_line(lines[i + 1]))) and not _is_lead(lines[i + 1]) and not marked_title(lines[i + 1])


def unmarked_caption(lines: list[str], j: int) -> bool:
    """A photo's caption with no mark between a title and its byline (`城南新添三座口袋公园` /
    `市民在公园里休闲散步。` / `记者 王明`): one finished sentence of a line, a title above it, a
    byline line under it."""
    line = lines[j].strip()
    if not (0 < j < len(lines) - 1 and 8 <= len(line) <= 80):
        return False
    if "摄" in line or "攝" in line:
        rest, credits = take_photo_credits(line)  # (closed by its photo's credit: `…打卡 张强 摄`)
        line = rest + "。" if credits and rest and not is_terminated(rest) else rest
    return (
        len(line) >= 8
        and is_terminated(line)
        and line[-1:] in "。."
        and line.count("。") == 1
        and not _is_lead(line)
        and bool(byline_line(lines[j + 1]))
        and _title_like(lines[j - 1])
        and not is_terminated(lines[j - 1])
    )


def _unmarked_caption(lines: list[str], j: int, i: int) -> bool:
    return j + 1 < i and unmarked_caption(lines, j)


def _sentence_subhead(lines: list[str], j: int) -> bool:
    """A database item's subheadline that ends with a full stop, straight over the lead, under the
    title's lines (`郭沫若沈钧儒报告文教和法院工作` / `大会进入讨论阶段,……一致表示满意。` / `【新华社…】`)."""
    line = lines[j].strip()
    return (
        j >= 1
        and 8 <= len(line) <= 60
        and line.endswith("。")
        and line.count("。") == 1
        and not _is_lead(line)
        and not is_apart_line(line)
        and _title_like(lines[j - 1])
        and not is_terminated(lines[j - 1])
        and column_name(lines[j - 1]) is None
    )


# a list of links to related stories: its label, then their titles
_RELATED_LABEL = re.compile(r"(相關|相关)(新聞|新闻|報導|报导|報道|报道|閱讀|阅读|文章|連結|链接)\s*[:：]?|延伸(閱讀|阅读)\s*[:：]?")
_STAMP_LINE = re.compile(r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?")
_NOTE_AT_END = re.compile(r"[。.]\s*[(（][^()（）]{2,12}[)）]$")


def _item_meta(line: str) -> bool:
    """What a web list prints between an item's title and its text: a link's Latin label (`NEWS
    link`), a photo's caption closed by its note (`……介入。(資料照)`), the time it was posted."""
    s = line.strip()
    return (
        bool(re.fullmatch(r"[A-Za-z][A-Za-z ]{1,20}", s))
        or bool(_STAMP_LINE.fullmatch(s))
        or len(s) <= 80 and bool(_NOTE_AT_END.search(s)) and parse_byline_text(s) is None  # (not `…。(黄怡菡)`)
        or is_caption_line(s)
        or is_photo_line(s)
    )


def related_or_item_meta(body: list[str], n: int) -> bool:
    """Is ``body[n]``, above the item's first paragraph, one of a web item's meta lines or related
    links (what `_title_over_item_meta` passed over)?"""
    rest = next((x for x in body[n + 1 : n + 6] if not _item_meta(x) and not _RELATED_LABEL.fullmatch(x.strip()) and not _title_like(x)), "")
    return bool(rest) and credit_opening(rest)


def _title_over_item_meta(lines: list[str], j: int) -> int | None:
    """Where the title stands over a web item whose text opens under a list of related links
    (`相關新聞:` / their titles) and the item's link, caption and time: None when it is not so.
    (The label may have gone with the site's furniture: then a caption closed by its note stands
    over the related title, and the item's own title over that.)"""
    if not _title_like(lines[j]):
        return None
    labelled = bool(_RELATED_LABEL.fullmatch(lines[j - 1].strip()))
    if not labelled and not (len(lines[j - 1]) <= 80 and _NOTE_AT_END.search(lines[j - 1].strip()) and _item_meta(lines[j - 1]) and not is_photo_line(lines[j - 1])):
        return None  # (a caption closed by its photographer's credit is a photo story's, not a list item's meta)
    top = k = j - 2 if labelled else j - 1
    while k >= 0 and j - k <= 6 and _item_meta(lines[k]):
        k -= 1
    if k < 0 or k == top or not _title_like(lines[k]) or is_terminated(lines[k]) or "。" in lines[k]:
        return None
    return k


@functools.lru_cache(maxsize=16384)
def credit_opening(line: str) -> bool:
    """A paragraph that opens with its reporters' credit and goes on with the story, as a lead
    does (`記者王超群∕台北報導 總統…`, `〔記者黃良傑/高雄報導〕高雄…`)."""
    head = line[:24]
    if len(line) < 30 or not ("记者" in head or "記者" in head or line[:1] == "【"):
        return False
    return bool(leading_credit(line) or bracketed_report(line))



def _segment(lines: list[str], *, database_item: bool = False) -> list[_Chunk]:
    """Split article lines into chunks: headline lines + body lines (+ column title).
    ``database_item``: the lines are one item of a database page (page line, column, title
    lines, text), whose title lines run to the lead."""
    n = len(lines)
    starts: dict[int, tuple[int, str | None]] = {}  # start index -> (headline length, section)
    for i, line in enumerate(lines):
        if _certain_title_after_text(lines, i):
            starts[i] = (1, None)
            continue
        if not _is_lead(line) and not _marked_byline(lines, i) and not (0 < i and credit_opening(line) and _title_like(lines[i - 1])) and not (
            # a byline line under a headline starts an article whose lead has no 本报讯:
            # `外国客商点赞营商环境` / `本报驻阿联酋记者林皎明` / `当地时间……`
            0 < i < n - 1
            and byline_line(line)
            and _title_like(lines[i - 1])
            and not _is_lead(lines[i + 1])
            # (two byline lines stacked: `记者 王瑞超` / `通讯员 毕美娟`, then the text)
            and (not byline_line(lines[i + 1]) or i + 2 < n and not byline_line(lines[i + 2]) and not _is_lead(lines[i + 2]))
        ):
            continue
        j = i - 1
        # Between the headline and the lead: a byline line (本报记者 王庆环), an editor's note,
        # photos' captions and credits.
        while j >= 0 and i - j <= 2 and (byline_line(lines[j]) or _AUTHOR_FIELD.fullmatch(fold(lines[j]).strip())):
            j -= 1
        while j >= 0 and i - j <= 4 and (is_caption_line(lines[j]) or is_photo_line(lines[j]) or _unmarked_caption(lines, j, i)):
            j -= 1
        over = _title_over_item_meta(lines, j) if j >= 1 and (j == i - 1 or byline_line(lines[i - 1])) else None
        if over is not None:
            j = over  # (the title over a web item's link, caption, time and related links)
        for k in range(j, max(-1, j - 8), -1):
            if is_editor_note(lines[k]):
                j = k - 1
                while j >= 0 and i - j <= 12 and byline_line(lines[j]):
                    j -= 1
                break
            if _is_lead(lines[k]) or _is_byline_line(lines[k]):
                break
            if _title_like(lines[k]) and not is_terminated(lines[k]):
                break  # (a note over the title, 【编者按】… / 标题 / 本报讯: the title is under it)
        if j >= 0 and column_name(lines[j]) and not _marked_byline(lines, i):
            # a section's label straight over the lead (菲國新聞 / 中新社…電): the item's
            # column, and the item has no printed title
            starts[j] = (1, column_name(lines[j]))
            continue
        if database_item and j == i - 1 and j >= 1 and _sentence_subhead(lines, j):
            pass  # (a subheadline ending with a full stop: the title's last line)
        elif j < 0 or not _title_like(lines[j]) or (_marked_byline(lines, i) and is_terminated(lines[j])):
            if (
                j >= 0
                and j < i - 1
                and _is_lead(line)
                and is_terminated(lines[j])
                and parse_byline_text(lines[j].strip()) is None
                and all(byline_line(x) and not _marked_byline(lines, k) for k, x in enumerate(lines[j + 1 : i], j + 1))
            ):
                # `……就更远了。` / `本报记者 孙连兴 本报通讯员 汪永春` / `本报讯 前天晚上…`: with no
                # title over them, the reporters close the story above; the brief starts at its lead
                starts[i] = (0, None)
            elif j < i - 1 or _boundary(lines, i - 1) or lines[i - 1].rstrip().endswith(("...", "…", "⋯")):
                # a brief with no headline: it starts here (after a summary cut short, too)
                starts[j + 1] = (0, None)
            continue  # a lead with no headline above it after cut text: keep it with what precedes
        first = j
        k = j - 1
        block = [j]
        while (
            over is None  # (a web list's item title is one line: above it is the item before)
            and k >= 0
            and (len(block) < 4 or len(block) == 4 and _squashed(lines[k]) == "".join(map(_squashed, lines[k + 1 : j + 1])))
            and _title_like(lines[k])
            and (len(lines[k].strip()) <= 40 or _squashed(lines[k]) == "".join(map(_squashed, lines[k + 1 : j + 1])))
            and column_name(lines[k]) is None
            and not _BARE_NAME.match(lines[k].strip())  # a bare byline closing the article above
            and not wire_credit_line(lines[k])  # `据新华社` closing the article above
            # a word or two of a web page's header (主打稿, 星期五, 头 条) is no kicker
            and len(_squashed(lines[k])) > 3
            # (a line left open by a comma is no title's: `.現任:客話新聞主播、` in a profile box)
            and lines[k].rstrip()[-1:] not in "、,，"
        ):
            block.insert(0, k)
            k -= 1
        section = None
        if len(block) > 1 and _boundary(lines, block[0] - 1):
            first = block[0]
        elif len(block) > 1 and block[0] >= 1 and _SHORT_LABEL.fullmatch(lines[block[0] - 1].strip()) and (block[0] == 1 or closing_credit(lines[block[0] - 2])):
            # a page's column of two or three characters over the title block at the top, or after
            # a story closed by its credit (城事 / 秋游新去处 / 惠山古镇…开张 / 三十余家…): the
            # section, and the block is the title (after a finished paragraph it may be a writer's name)
            first = block[0] - 1
            section = lines[first].strip()
        c = first - 1
        if section is None and c >= 0 and column_name(lines[c]):
            section = column_name(lines[c])
            first = c
        starts[first] = (j + 1 - first, section)

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
        # the header's byline and editor's note lines are read with the body
        if section is not None:
            head = head[1:]
        body = lines[s + head_len : end]
        # The article ends at its byline; what follows (a column of short items) is separate.
        cut = _article_end(body)
        chunks.append(_Chunk(section=section, headline_lines=head, body_lines=body[:cut]))
        if cut < len(body):
            chunks.extend(_column_items(body[cut:]))
    return chunks


_BARE_HEAD = re.compile(r"[\u4e00-\u9fff“”「」《》·\d]{3,16}")


def _two_line_title(a: str, b: str) -> bool:
    """Two short lines with no punctuation but quotes, each of three characters or more, a
    title set over two lines (`青洲坊老樹` / `移植完成`), never a subheading (one line)."""
    return bool(_BARE_HEAD.fullmatch(a.strip()) and _BARE_HEAD.fullmatch(b.strip())) and not _BARE_NAME.match(b.strip()) or False


def _article_end(body: list[str]) -> int:
    """Index just past this article's own text within ``body`` (its byline, or a column title)."""
    # its byline was printed at the top: on a line of its own, or in its lead (本报讯(记者…),
    # 人民日报武汉12月27日电 (人民日报记者 范昊天)), perhaps under a photo's caption
    bylined_at_top = bool(body) and (
        bool(byline_line(body[0])) or any(_is_lead(x) and lead_credit(x)[0] for x in body[:3])
    )
    for i, line in enumerate(body):
        if i > 0 and is_terminated(body[i - 1]) and _is_column_title(body, i):
            return i
        if (
            i > 0
            and i + 2 < len(body)
            and len(line) <= 20
            and len(body[i + 1]) <= 20
            and line[:1] not in "—-"
            and is_terminated(body[i - 1])
            and _two_line_title(body[i], body[i + 1])
            and not _title_like(body[i + 2], strict=True)
        ):
            return i  # a title set over two short lines after the story's last sentence: the next item
        if (
            bylined_at_top  # its byline was printed at the top, none will close it
            and i > 1
            # (or closed by a photo's caption and credit, or by where it goes on: `(相关报道见A3版)`)
            and (is_terminated(body[i - 1]) or is_cross_reference_line(body[i - 1]) or photo_closed(body[i - 1]))
            and i + 1 < len(body)
            and _title_like(line, strict=True)
            and not _title_like(body[i + 1], strict=True)
            # (a line the next one goes on from, `……陈女士(72岁` / `)说:“…`, is cut text)
            and body[i + 1].lstrip()[:1] not in ")）」』”,，。、;；:：!！?？"
        ):
            return i  # the next item's headline
        if i > 0 and (parse_byline_text(line.strip()) is not None or (
            byline_line(line) and is_terminated(body[i - 1]) and any(_is_lead(x) for x in body[:i])
        )):
            # what closes the article after its byline: photo credits, cross-references
            end = i + 1
            while end < len(body) and (is_photo_credit_line(body[end]) or is_cross_reference_line(body[end])):
                end += 1
            return end
    return len(body)


# The marks a brief column prints before each item (■ ……, △ ……, • title): list marks, never
# a caption's ▲ alone (a caption with a photo credit is no item)
_BRIEF_MARK = re.compile(r"^([•●○◆◇■□▲△▶►☆★◎▪◉❖♦]|[①-⑳❶-❿])\s*(?=\S)")
_CAPTION_MARKS = "▲△▶►"
# the credit a column of briefs shares, after its last item: 均据新华社电, (以上均据新华社电)
_SHARED_CREDIT = re.compile(
    r"(?:^|(?<=[。!?”」\s]))\s*[(（]?\s*(?:以上|本栏|本栏目|本版|以上图片|本版图片|本组图片)?\s*[均皆都]\s*据\s*《?([\u4e00-\u9fff]{2,12}?)》?"
    r"\s*(?:电|报道|消息)?\s*[)）]?\s*$"
)


@functools.lru_cache(maxsize=16384)  # (a fact of one line, asked again and again)
def brief_mark(line: str) -> str | None:
    """The mark that opens a brief item on this line (`■记者27日…`, `• 美国…`), if any: not a
    marked byline (`■本报记者 李明`, `□ 王丹`) nor a marked photo caption with its credit."""
    s = line.strip()
    m = _BRIEF_MARK.match(s)
    if not m:
        return None
    rest = s[m.end() :].strip()
    if len(rest) < 2 or byline_line(rest) or _BARE_NAME.match(rest) or is_photo_credit_line(rest):
        return None
    if is_photo_line(rest) or is_caption_line(rest) or m.group(1) in _CAPTION_MARKS and "摄" in rest[-12:]:
        return None
    # numbered items (①, ②, ❶ …) are one kind of mark
    return "①" if "①" <= m.group(1) <= "⑳" or "❶" <= m.group(1) <= "❿" else m.group(1)


def brief_starts(lines: list[str]) -> list[int]:
    """Where the items of a brief column start: lines opening with the same list mark, at least
    two of them with text (a mark before a short title, or before the item's whole text)."""
    by_mark: dict[str, list[int]] = {}
    for i, line in enumerate(lines):
        mark = brief_mark(line)
        if mark:
            by_mark.setdefault(mark, []).append(i)
    best = max(by_mark.values(), key=len, default=[])
    numbered = _numbered_titles(lines) or _place_titles(lines)
    if len(numbered) > len(best):
        best = numbered
    if len(best) < 2:
        return []
    # the ▲ of captions: only where the marked lines are whole items (their text ends a
    # sentence and is long), never a photo page's run of short captions
    mark = brief_mark(lines[best[0]]) or ""
    if mark and mark in _CAPTION_MARKS and not all(len(lines[i]) >= 40 and is_terminated(_unmarked(lines[i])) for i in best):
        return []
    # marked lines inside a story (its subheadings `● 亮点一`, its bullet points `■ 加强……。`)
    # are no column: the items must stand where a column starts, after nothing but the page's
    # head, after a story that has closed with its credit, or under a brief column's heading
    first = best[0]
    heading = first > 0 and _column_heading(lines[first - 1]) and not brief_mark(lines[first - 1])
    before = lines[: first - 1] if heading else lines[:first]
    if not (_closed(before) or heading and _BRIEF_COLUMN_WORD.search(fold(lines[first - 1]).strip())):
        return []
    if heading and not column_name(lines[first - 1]) and _photo_series(lines, best):
        return []  # numbered photos under one headline (运河边的秋日 / ①……。 / 记者 张强 摄 / ②……): one story
    return best


def _photo_series(lines: list[str], starts: list[int]) -> bool:
    """Is each marked item a photo's caption closed by its own credit (`①……。(记者 X 摄)`, or
    the caption and its credit on the next line), with nothing else, up to the last credit?"""
    for a, b in zip(starts, [*starts[1:], len(lines)]):
        run = lines[a:b]
        close = next((k for k, x in enumerate(run) if photo_closed(x)), None)
        if close is None or close > 2 or any(_is_lead(x) for x in run[: close + 1]):
            return False
        if b < len(lines) and close != len(run) - 1:
            return False  # (text between a credit and the next mark: no photo series)
    return True


# the names brief columns go by: 要闻速览, 三秦短波, 新闻快讯, 天下速递, 国际简讯, 社会扫描 ...
_BRIEF_COLUMN_WORD = re.compile(
    r"(速览|速覽|短波|快讯|简讯|簡讯|速递|速遞|快报|短讯|资讯|資讯|集锦|集錦|扫描|掃描|播报|一览|一覽|快览|快覽|简报|簡报"
    r"|短新闻|短新聞|新闻|新聞|动态|動態|要闻|要聞)$"
)


def _closed(before: list[str]) -> bool:
    """Nothing open above: no text, only a page's head (short lines, no sentence), or a story
    that ended with its credit."""
    if not before:
        return True
    last = before[-1].strip()
    if parse_byline_text(last) is not None or byline_line(last) or is_photo_credit_line(last) or wire_credit_line(last):
        return True
    return all(len(x.strip()) <= 60 and not re.search(r"[。!?！？]", x) for x in before)


def _unmarked(line: str) -> str:
    s = line.strip()
    m = _BRIEF_MARK.match(s) or _NUMBERED.match(s)
    return s[m.end() :].strip() if m else s


# a numbered item's title: `1. 苏联迄今已裁军……`, `2、…`, `3．…`
_NUMBERED = re.compile(r"^(\d{1,2})\s*[.、．丨｜]\s*(?=[^\d\s])")


# an item's title that opens with its place: `江溪:老小区人防工程 标识牌换新颜`
_PLACE_TITLE = re.compile(r"^[\u4e00-\u9fff]{2,4}\s*[:：]\s*(?=\S)")


def _place_titles(lines: list[str]) -> list[int]:
    """Three or more short title lines opening with a place and a colon, each at a paragraph's
    start with text under it: a district page's column of items (江溪: / 硕放: / 梅村:)."""
    found = [
        i
        for i, line in enumerate(lines)
        if _PLACE_TITLE.match(line.strip())
        and len(line.strip()) <= 30
        and not is_terminated(line)
        and _title_like(line)
        and (i == 0 or is_terminated(lines[i - 1]) or len(lines[i - 1].strip()) >= 40 or closing_credit(lines[i - 1]))
        and i + 1 < len(lines)
    ]
    return found if len(found) >= 3 else []


# a photo's distributor closing an item: `(新华社发)`, `（中新社发）`
_SENT_BY = re.compile(r"^[(（]\s*[\u4e00-\u9fff]{2,8}社\s*发\s*[)）]$")


def closing_credit(line: str) -> bool:
    """A line that closes an item and is nothing else: a photo credit (`新华社记者 秦晴 摄`), a
    byline or source in brackets (`(据《北京晚报》)`), a distributor (`(新华社发)`)."""
    s = fold(line).strip()
    return is_photo_credit_line(s) or parse_byline_text(s) is not None or bool(_SENT_BY.match(s)) or bool(byline_line(s))


def _numbered_titles(lines: list[str]) -> list[int]:
    """Lines numbered 1, 2, 3 … in order, each a title (no sentence's end, short) with text
    under it: a column of numbered briefs. Numbered paragraphs (points of one story) end their
    sentences and are no titles."""
    found: list[int] = []
    for i, line in enumerate(lines):
        m = _NUMBERED.match(line.strip()) if line[:1].isdigit() else None
        if not m:
            continue
        if int(m.group(1)) != len(found) + 1 or marked_title(line):
            return []  # numbering that starts again or skips, or a digest's `1、【…】`: not this
        found.append(i)
    if len(found) < 3:
        return []
    titled = [
        i for i in found
        if i + 1 < len(lines) and len(lines[i].strip()) <= 60 and not is_terminated(_unmarked(lines[i])) and not _NUMBERED.match(lines[i + 1].strip())
    ]
    return found if len(titled) == len(found) else []


# `【地铁三号线新增两座车站】地铁三号线……`, `市图书馆延长开放时间 记者从……`: an item's title on
# the item's own line, in brackets or set apart by a space from the text that follows
_BRACKETED_ITEM_TITLE = re.compile(r"^【([^【】]{6,40})】\s*(\S.{9,})$")
_SPACED_ITEM_TITLE = re.compile(r"^([^\s，,。！？!?：:；;、“”\"()（）《》]{4,30})\s+(\S.{19,})$")


def _title_on_item_line(line: str) -> list[str]:
    m = _BRACKETED_ITEM_TITLE.match(line)
    if m and not _is_lead(m.group(1)):
        return [m.group(1), m.group(2)]
    m = _SPACED_ITEM_TITLE.match(line)
    if (
        m
        and not _is_lead(line)
        and not re.match(r"^\d{1,2}月\d{1,2}日|^\d{4}年", fold(m.group(1)))
        and not byline_line(m.group(1))
        and not is_terminated(m.group(1))
    ):
        return [m.group(1), m.group(2)]
    return [line]


def _column_heading(line: str) -> bool:
    """A brief column's heading above its first item (要闻速览, 三秦短波): a short bare label."""
    f = fold(line).strip()
    return bool(column_name(f)) or bool(re.fullmatch(r"[\u4e00-\u9fff·]{2,8}", f))


def brief_items(lines: list[str], starts: list[int]) -> list[_Chunk]:
    """A page with a brief column: what is above the first item is read as usual; each item runs
    to the next mark (its own title, when the marked line is a short one, and its text); the
    last item ends where the usual reading ends it. A column heading right above the first item
    is the items' column, not a title; a shared credit after the last item (均据新华社电) is the
    source of every item."""
    first = starts[0]
    # numbered items (1. 标题) are titled stories, read as such; a marked column's are briefs
    numbered = not brief_mark(lines[first]) and bool(_NUMBERED.match(lines[first].strip()) or _PLACE_TITLE.match(lines[first].strip()))
    placed = not brief_mark(lines[first]) and bool(_PLACE_TITLE.match(lines[first].strip()))
    section = None
    if first > 0 and _column_heading(lines[first - 1]) and not brief_mark(lines[first - 1]):
        section = column_name(lines[first - 1]) or lines[first - 1].strip()
        first -= 1
    chunks: list[_Chunk] = _segment(lines[:first]) if first > 0 else []
    items: list[_Chunk] = []
    after: list[_Chunk] = []
    bounds = [*starts, len(lines)]
    for n, (a, b) in enumerate(zip(bounds, bounds[1:])):
        stretch = [*_title_on_item_line(_unmarked(lines[a])), *lines[a + 1 : b]]
        short_title = (
            len(stretch) > 1
            and not is_terminated(stretch[0])
            and len(stretch[0]) <= 40
            and _title_like(stretch[0])
        )
        if short_title:
            head = 1
            # a place's item title set over two or three lines (硕放:《老娘舅做寿》 / 获市“群芳奖”银奖)
            while placed and head < 3 and head + 1 < len(stretch) and len(stretch[head].strip()) <= 30 and _title_like(stretch[head]) and not is_terminated(stretch[head]):
                head += 1
            found = _segment(stretch[head:])
            item = _Chunk(section=section, headline_lines=[x.strip() for x in stretch[:head]], body_lines=[], brief=not numbered)
        else:
            found = _segment(stretch)
            item = _Chunk(section=section, headline_lines=[], body_lines=[], brief=not numbered)
        last = n == len(starts) - 1
        rest: list[_Chunk] = []
        if last and found:
            # the last item: what the usual reading finds after its own text is not part of it
            rest = found[1:] if (found[0].body_lines or not short_title) else found[2:]
            found = found[:1] if (found[0].body_lines or not short_title) else found[:2]
        for ch in found:
            if not item.headline_lines and not item.body_lines and not short_title:
                item.headline_lines = list(ch.headline_lines)
            else:
                item.body_lines.extend(ch.headline_lines)
            item.body_lines.extend(ch.body_lines)
        items.append(item)
        after.extend(rest)
    # the shared credit closing the column, perhaps on a line of its own: `(以上均据新华社电)`
    last_item = items[-1]
    if after and not after[0].headline_lines and len(after[0].body_lines) == 1:
        alone = after[0].body_lines[0].strip()
        m = _SHARED_CREDIT.search(fold(alone))
        if m and m.start() == 0:
            last_item.body_lines.append(alone)
            after = after[1:]
    if last_item.body_lines:
        line = last_item.body_lines[-1].strip()
        folded = fold(line)
        m = _SHARED_CREDIT.search(folded)
        if m:
            text = (line if len(folded) == len(line) else folded)[: m.start()].rstrip()
            last_item.credit_printed = (line if len(folded) == len(line) else folded)[m.start() :].strip()
            if text:
                last_item.body_lines[-1] = text
            else:
                last_item.body_lines.pop()
            for item in items:
                item.shared_source = m.group(1)
    return [*chunks, *items, *after]


def page_shared_credit(chunks: list[_Chunk]) -> list[_Chunk]:
    """A page's credit on a line of its own after its last item (`(本版图片均据新华社)`,
    `(以上均据新华社电)`): the source of every item on the page."""
    if len(chunks) < 2 or not chunks[-1].body_lines or chunks[-1].shared_source:
        return chunks
    alone = chunks[-1].body_lines[-1].strip()
    m = _SHARED_CREDIT.search(fold(alone))
    if not m or m.start() != 0 or len(chunks[-1].body_lines) < 2:
        return chunks
    chunks[-1].body_lines.pop()
    chunks[-1].credit_printed = alone
    for chunk in chunks:
        chunk.shared_source = chunk.shared_source or m.group(1)
    return chunks


def _opens_with_date(line: str) -> bool:
    d = opening_dateline(line)
    return bool(d.monthday or d.day or d.days_before_issue is not None)


def _column_items(lines: list[str]) -> list[_Chunk]:
    """Short items without 本报讯: [column title] then (headline, paragraphs, byline) repeated."""
    chunks: list[_Chunk] = []
    section: str | None = None
    current: _Chunk | None = None
    prev_done = True  # the previous line ended a paragraph (or there was none)
    # where items are marked (`1、【…】`, `……******`), an unmarked short line is a subheading
    marked_page = any(marked_title(x) for x in lines)
    closed_by_credit = False  # the line before closed an item with its photo's credit
    for i, line in enumerate(lines):
        if (prev_done or column_name(line)) and _is_column_title(lines, i):
            section, current, prev_done = column_name(line) or line.strip(), None, True
            closed_by_credit = True  # (under a section's label a title may have a colon: `議員促…進展 政府:…`)
            continue
        if marked_title(line) and i + 1 < len(lines):
            # `2、【312国道快速化改造新吴段启动】`: a digest's next item, whatever came before
            current = _Chunk(section=section, headline_lines=[line], body_lines=[])
            chunks.append(current)
            prev_done = False
            continue
        if (
            current is not None
            and not current.body_lines
            and 0 < len(current.headline_lines) < 3
            and not marked_title(current.headline_lines[0])  # (a title in brackets is complete)
            and i + 1 < len(lines)
            and (
                _title_like(line, strict=True) and (not _title_like(lines[i + 1], strict=True) or bool(_REPORTED_BY.fullmatch(lines[i + 1].strip())))
                # a title with a comma under a kicker, then a long paragraph:
                # `“共叙乡情·同筑梦想”乡贤恳谈会召开` / `回老家看看,为无锡未来出谋划策`
                or len(current.headline_lines) == 1
                and _title_like(line)
                and len(line.strip()) <= 24
                and not is_terminated(line)
                and len(lines[i + 1].strip()) >= 60
                # the paragraph under it opens with its date (昨天下午,…): a lead, not the rest
                # of a sentence cut by a column break
                and _opens_with_date(lines[i + 1])
                # after a kicker that ends with a colon (百家党媒看无锡:) the title may have commas
                or fold(current.headline_lines[-1]).rstrip().endswith(":") and _title_like(line)
                # a subheadline under the title, opened by a dash: `——优化区域经济布局,促进…`
                or re.match(r"^(——|--|—)", fold(line).strip()) is not None
                and not is_terminated(line)
                and len(line.strip()) <= 60
            )
        ):
            current.headline_lines.append(line)  # a title set over two or three lines
            continue
        if _marked_byline(lines, i) and (current is None or current.body_lines):
            current = _Chunk(section=section, headline_lines=[], body_lines=[line])
            chunks.append(current)
            prev_done = True
            continue
        if (
            prev_done
            and not (marked_page and current is not None)
            and (
                _title_like(line, strict=True)
                or i == 0 and _title_like(line) and len(line) <= 40
                # after an item closed by its credit (`新华社发(苏阳摄)`), a title may have a
                # colon or comma: `广东鹤山:隔朗村的舞火龙`
                or closed_by_credit
                and _title_like(line)
                and len(line.strip()) <= 40
                and not is_terminated(line)
                and i + 1 < len(lines)
                and len(lines[i + 1].strip()) > len(line.strip())
                # a longer first line over a long paragraph (a copy's one title line)
                or i == 0
                and _title_like(line)
                and len(line) <= 70
                and i + 1 < len(lines)
                and (len(lines[i + 1]) >= 60 or len(lines[i + 1]) >= 40 and is_terminated(lines[i + 1]))
                and not re.search(r"[,，、;；:：]$", line.strip())
            )
            and i + 1 < len(lines)
            and (current is None or current.body_lines)
            # (a line whose bracket the next line closes is a paragraph's start: `……陈女士(72岁` / `)说:…`)
            and not (line.count("(") > line.count(")") and lines[i + 1].lstrip()[:1] in ")）")
            # a name alone between two paragraphs is the writer's, not a new item's title
            and not (current is not None and _BARE_NAME.match(line.strip()) and not _title_like(lines[i + 1], strict=True))
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
        # (a photo's credit alone closes its caption: `……打卡。` / `(陈钢 摄)` / the next title)
        prev_done = is_terminated(line) or bool(_SERIAL_NOTE.fullmatch(line.strip())) or is_apart_line(line) or read_more_line(line) or _names_close(line) or ("摄" in line or "攝" in line) and is_photo_credit_line(line)
        # (or by a site's meta line under it: `- 有線新聞` / `- 2025年03月18日`)
        closed_by_credit = is_photo_credit_line(line) or is_photo_line(line) or item_meta_line(line)
        if line[:1] in "【[" and _AD_MARK.match(line):
            # an ad's box among the items (`【广告】豫菜老字号 … 订餐热线:…`): closed, its own
            prev_done = closed_by_credit = True
            current = None
        if (
            parse_byline_text(line.strip()) is not None
            or (
                byline_line(line)
                and current.body_lines[:-1]
                # (a second credit line goes with it: `记者 王瑞超` / `通讯员 毕美娟`, or
                # `本报记者 李震宇` / `通讯员 王飞超 摄`)
                and not (i + 1 < len(lines) and (byline_line(lines[i + 1]) or is_photo_credit_line(lines[i + 1])))
            )
            or (wire_credit_line(line) and current.body_lines[:-1])
        ):
            current, prev_done = None, True  # the item is closed; another may follow
    return chunks


_SPACED_NAMES_END = re.compile(r"[。!?！？”]\s*[\u4e00-\u9fff]{2,3}(?:[、\s][\u4e00-\u9fff]{2,3}){0,2}$")


def _names_close(line: str) -> bool:
    """`……的行为。肖艳霞 叶少杰`: the writers' names after the last sentence close the item."""
    if not _SPACED_NAMES_END.search(line[-16:]):
        return False
    rest, people = bare_name_after_last_sentence(line)
    return bool(people) and bool(rest) and is_terminated(rest)


def photo_closed(line: str) -> bool:
    """A caption closed by its photo's credit, or the credit alone (a trailing table bar aside)."""
    s = line.strip()
    return is_photo_line(s.rstrip("|｜ ") if s[-1:] in "|｜" else s)


def photo_items(chunk: _Chunk) -> list[_Chunk]:
    """A photo page with no headline of its own (or only a photo column's name, 图片报道): each
    caption closed by its own photo credit (`……旗林。(记者 严龙 摄)`, `……咨询。新华社记者 X 摄`)
    is an item of its own. Only where every line belongs to such a short run (its text, perhaps a
    `图为` line, then the credit) and there are two runs or more; under a real headline the
    captions are one photo story's, and a story with a lead is never split."""
    if len(chunk.body_lines) < 2:
        return [chunk]
    if any(not column_name(h) for h in chunk.headline_lines):
        return _captions_after_photo_story(chunk)
    runs: list[list[str]] = []
    run: list[str] = []
    for line in chunk.body_lines:
        if _is_lead(line):
            return [chunk]
        run.append(line)
        if photo_closed(line):
            # (the text before the credit: a caption of a line or three)
            if len(run) > 3 or not any(len(x.strip()) >= 15 for x in run):
                return [chunk]
            runs.append(run)
            run = []
    if run or len(runs) < 2:
        return [chunk]
    section = chunk.section or next((column_name(h) for h in chunk.headline_lines), None)
    return [_Chunk(section=section, headline_lines=[], body_lines=r) for r in runs]


def _captions_after_photo_story(chunk: _Chunk) -> list[_Chunk]:
    """A titled photo story (a caption or two closed by the photo's credit), then marked captions
    each closed by its own credit with no title over them (`▲……。` / `(朱 琳 文/摄)`, `图:……。`
    / `(X 摄)`): the untitled photos are items of their own, as on a photo page."""
    body = chunk.body_lines
    if not any("摄" in x or "攝" in x for x in body[:3]):
        return [chunk]  # (no photo's credit where the story's would close it)
    first = next((k for k, x in enumerate(body) if photo_closed(x)), None)
    if first is None or first > 2 or first == len(body) - 1 or any(_is_lead(x) for x in body[: first + 1]):
        return [chunk]
    runs: list[list[str]] = []
    run: list[str] = []
    for line in body[first + 1 :]:
        run.append(line)
        if photo_closed(line) or len(run) > 1 and closing_credit(line):  # (`(朱 琳 文/摄)`)
            if len(run) > 2 or not is_caption_line(run[0].strip()) or _is_lead(run[0]):
                return [chunk]
            runs.append(run)
            run = []
    if run or not runs:
        return [chunk]
    head = _Chunk(section=chunk.section, headline_lines=chunk.headline_lines, body_lines=body[: first + 1])
    return [head, *(_Chunk(section=chunk.section, headline_lines=[], body_lines=r) for r in runs)]


_LABEL = re.compile(r"[\u4e00-\u9fff]{2,10}")


def runs_of(lines: list[str], keep, at_least: int = 3) -> set[int]:
    """Indexes of lines in runs of ``at_least`` or more consecutive lines for which ``keep`` is
    true (a menu, a list of the page's titles or photo names)."""
    found: set[int] = set()
    run: list[int] = []
    for i, line in enumerate(lines):
        if keep(line):
            run.append(i)
            continue
        if len(run) >= at_least:
            found.update(run)
        run = []
    if len(run) >= at_least:
        found.update(run)
    return found


def label_list(lines: list[str]) -> set[int]:
    """Indexes of lines in runs of three or more short labels (CJK only, no punctuation)."""
    return runs_of(lines, _LABEL.fullmatch)


_SUBHEADING = re.compile(
    r"(?:[A-Z一二三四五六七八九十]{1,2}[\s、.]\s*)?(?:[“\"「][\u4e00-\u9fff·]{2,14}[”\"」]|[\u4e00-\u9fff·]{2,10})"
)


def _intertitle(lines: list[str], i: int) -> bool:
    """A short subheading between two finished paragraphs: a few characters with no punctuation,
    followed by a paragraph that does not go on from it (a column break cuts a word, and its
    rest is followed at once by punctuation: `会议强` / `调，……`)."""
    line = lines[i]
    # a few words, perhaps quoted or lettered (`“老手艺和新玩法都在这里”`, `A 老手艺`), no punctuation
    if not _SUBHEADING.fullmatch(line) or i + 1 >= len(lines):
        return False
    nxt = lines[i + 1]
    return (
        len(nxt) >= 12
        and not re.match(r"^.?[，,、。；;：:）)”]", nxt)
        # the rest of a cut sentence opens with a particle: `以创新为驱动` / `的全球性……`
        and nxt[0] not in "的了地得着过和与及或在是为之等们"
    )


def rejoin_column_breaks(lines: list[str]) -> list[str]:
    """Lines -> paragraphs: a line that does not end a sentence continues in the next one."""
    paragraphs: list[str] = []
    parts: list[str] = []  # the open paragraph, joined once it closes (linear, not quadratic)
    tail = ""  # its last characters: all that termination and bylines depend on
    lines = [ln.strip() for ln in lines if ln.strip()]
    listed = label_list(lines)
    for i, line in enumerate(lines):
        if i in listed:
            # one of three or more short unpunctuated lines in a row (the names of a page's
            # photos: 龙寺生态园 / 九龙湾花卉园 / 马山岛风光): a list, not a cut sentence
            if parts:
                paragraphs.append("".join(parts))
                parts, tail = [], ""
            paragraphs.append(line)
            continue
        if not parts and paragraphs and _intertitle(lines, i):
            # a subheading inside the story (山之变): its own paragraph, not glued to the next
            paragraphs.append(line)
            continue
        if _BRIEF_MARK.match(line) and brief_mark(line):
            # a marked line opens a paragraph (a bullet point, `● 亮点一:…`); a short one with no
            # sentence's end is a subheading of its own
            if parts:
                paragraphs.append("".join(parts))
                parts, tail = [], ""
            if len(line) <= 30 and not is_terminated(line):
                paragraphs.append(line)
                continue
        if reported_from_line(line):  # `编译X/综合报导晚报`: a credit line, never glued to text
            if parts:
                paragraphs.append("".join(parts))
                parts, tail = [], ""
            paragraphs.append(line)
            continue
        if parts and (_is_byline_line(line) or line[:1] in "〔【[(（" and credit_opening(line)):
            paragraphs.append("".join(parts))
            parts, tail = [], ""
        parts.append(line)
        tail = (tail + line)[-_BYLINE_TAIL:]
        if is_terminated(tail) or wire_title(line) or line[-1:] in "]】" and read_more_line(line):
            paragraphs.append("".join(parts))
            parts, tail = [], ""
    if parts:
        paragraphs.append("".join(parts))
    return paragraphs


