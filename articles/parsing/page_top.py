"""The top of a page: where its first article's title is, and what above it is the site's.

Web and e-paper copies print a lot above the first article: a site's name, menus, a headline
list of the whole page, toolbars (上一版 下一版, 通版阅读), cookie banners, labels (公众号, 媒體,
要闻·社会). Rules for each such line never end, so the title is found from the other side: it is
the title-like line nearest above the first paragraph of text, passing over what stands
between a title and its text (bylines, a date or source line, fragments of a meta box, a
caption, a one-line standfirst). A wrapped title or a kicker may stand above it (a line or
two, not chrome). Everything above that block, when none of it is text (no lead, no
paragraph, no sentence), is the site's and is dropped; a short label right above the title
(光明情结, a series' name) is kept as the article's column.
"""

from __future__ import annotations

import functools
import re

from .bylines import byline_line, is_terminated, parse_byline_text
from .decoding import fold
from .headlines import _is_byline_line, _is_lead, column_name, _title_like, is_caption_line, is_editor_note, is_photo_line, marked_title
from .segmentation import label_list, runs_of

_HAN = re.compile(r"[\u4e00-\u9fff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_SENTENCE_END = re.compile(r"[。！？!?]")
# a cookie or privacy banner: never text, and never the first paragraph
_CONSENT = re.compile(
    r"(隐私|隱私|[Cc]ookie).{0,60}(同意|接受|瞭解|了解|使用)|(同意|接受).{0,60}(隐私|隱私|[Cc]ookie)"
    r"|(免责声明|免責聲明|服务条款|服務條款|用户协议|用戶協議).{0,120}(同意|接受)|(同意|接受)本(声明|聲明|条款|條款)"
)
# words of a site's or e-paper's chrome inside a line (上一版下一版, 通版阅读请点击, 跳转到正文内容,
# 版面概览, 公众号, 媒體, 报纸, 每经编辑): such a line is no title and no kicker
_CHROME_WORD = re.compile(
    r"导航|導航|概览|概覽|上一[篇版期条條]|下一[篇版期条條]|通版|跳转|跳轉|首页|首頁|主页|主頁|公众号|公眾號|免责声明|免責聲明|"
    r"工具|订阅|訂閱|退订|退訂|登录|登錄|注册|註冊|扫码|掃碼|客户端|客戶端|APP|App|编辑|編輯|责编|責編|"
    r"发布日期|發佈日期|发布时间|發布時間|字号|字號|放大|缩小|縮小|打印|分享|收藏|推荐|推薦|评论|評論|更多|返回|版面|"
    r"新传媒|新傳媒|频道|頻道|专题|專題|网站|網站|新闻网|新聞網|打开|打開"
)
# a sentence's end inside a line (a title may end with ? or !)
_SENTENCE_INSIDE = re.compile(r"。|[！？!?](?=.)")
_META_FRAGMENT = re.compile(r"[\d\s/:.\-年月日]{2,20}|来源|來源|稿源|分享|评论|評論|收藏|打印|字号|字號|阅读|閱讀|点赞|點讚")
_SPACE = re.compile(r"\s")
_LATIN = re.compile(r"[A-Za-z]")
_DOTTED_LABEL = re.compile(r"[\u4e00-\u9fff]{1,6}\s*[·・]\s*[\u4e00-\u9fff]{1,6}")
_OUTLET_END = re.compile(r"(网|網|传媒|傳媒|日报|日報|晚报|晚報|电视台|電視台)$")
_SITE_AFTER = re.compile(r"\s[|｜\-_]\s*\S{1,10}$")  # a site's name after the title: `…現狀 | 華視新聞`
_BRACKETED_NOTE = re.compile(r"[(（][^()（）]{1,30}[)）]")
_DASH_START = re.compile(r"^[—\-－―]")
_CLAUSE = re.compile(r"[,，;；]")
# a standfirst's label between a title and its text: 【核心提示】, 内容提要:
_STANDFIRST_LABEL = re.compile(r"[【\[]?(核心提示|内容提要|內容提要|提要|导读|導讀|摘要)[】\]]?\s*[:：]?")
_ROC_DATE = re.compile(r"(中華民國|中华民国|民國|民国)\s*\d{1,3}\s*年")
_NOTE_AT_END = re.compile(r"[。.]\s*[(（][^()（）]{2,12}[)）]$")
_DATE = re.compile(r"\d{4}\s*[-./年]\s*\d{1,2}|\d{1,2}\s*[:：]\s*\d{2}|\d{1,2}\s*/\s*\d{1,2}")


@functools.lru_cache(maxsize=16384)
def _han(line: str) -> int:
    return len(_HAN.findall(line))


@functools.lru_cache(maxsize=16384)
def _foreign(line: str) -> bool:
    """Mostly Latin letters or kana: a site's English or Japanese banner, its address."""
    s = _SPACE.sub("", line)
    return bool(s) and (len(_KANA.findall(s)) >= 3 or _han(s) < 0.5 * len(s) and len(_LATIN.findall(s)) >= 3)


@functools.lru_cache(maxsize=16384)
def _text_line(line: str) -> bool:
    """A paragraph of text: a lead, or a line with a sentence in it and twenty characters of
    Chinese (not a banner)."""
    if len(line) < 20 or not _SENTENCE_END.search(line):
        return _is_lead(line)
    if "。" not in line and len(line) < 80 and not _CLAUSE.search(line):
        return _is_lead(line)  # a title that asks or exclaims (……這不是矛盾嗎?) is no paragraph
    if "。" not in line and " " in line.strip() and len(parts := line.split()) >= 3 and all(len(x) <= 30 for x in parts):
        return _is_lead(line)  # the page's titles run together on one line (……该罚吗? 今年…出炉 …)
    if _is_lead(line):
        return True
    return (
        _han(line) >= 20
        and not _CONSENT.search(line)
        and not is_caption_line(line)
        and not _foreign(line)
        and not (len(line) <= 80 and is_photo_line(line))  # a photo's caption closed by its credit
    )


@functools.lru_cache(maxsize=16384)
def _chromy(line: str) -> bool:
    """A line of the site's: chrome words, a date, a bar, a bullet list item, a site's name,
    Latin or kana, or a label of three characters or fewer."""
    s = fold(line).strip()
    return (
        _han(s) <= 3
        # (chrome words in a short line, or two of them: a long title may hold one, 专题会议)
        or _han(s) <= 12 and bool(_CHROME_WORD.search(s) or _CHROME_WORD.search(line))
        or len(_CHROME_WORD.findall(s)) >= 2
        or s.count("|") + s.count("｜") >= 2
        or bool(_SITE_AFTER.search(s))  # a site's name after the title: `…現狀 | 華視新聞`
        or bool(_DATE.search(s) or _ROC_DATE.search(s))
        or _foreign(s)
        or bool(_CONSENT.search(s))
        or s[:1] in "•●·◆■▪"
        or bool(_DOTTED_LABEL.fullmatch(s))  # 要闻·社会
        or bool(_OUTLET_END.search(s) and len(s) <= 10)
    )


@functools.lru_cache(maxsize=16384)
def _between(line: str) -> bool:
    """What stands between a title and its text: a byline, a date or source line, a fragment
    of a meta box (2022 / 01/28 / 来源 / 分享), a caption, an editor's note, a one-line
    standfirst (花好莫要采。), a site's name in Latin letters."""
    s = line.strip()
    n = len(_SPACE.sub("", s))
    return (
        n <= 5
        or bool(byline_line(s))
        or _is_byline_line(s)
        or parse_byline_text(s) is not None
        or is_caption_line(s)
        or is_photo_line(s)
        or is_editor_note(s)
        or _foreign(s)
        or bool(_CONSENT.search(s))
        or bool(_STANDFIRST_LABEL.fullmatch(s))
        or bool(_DATE.search(s) or _ROC_DATE.search(s)) and not _SENTENCE_END.search(s) and _han(s) <= 24
        or s.endswith(("。", "."))  and len(s) <= 20  # (one asking or exclaiming is a title)
        # a short line with a slash or bar (中央社 / 香港), a bracketed note (資料照片)
        or n <= 12 and ("/" in s or "|" in s or "｜" in s)
        or bool(_BRACKETED_NOTE.fullmatch(s))
        # a photo's caption closed by its note (`消防船在港口灌救起火貨輪。(資料照)`)
        or len(s) <= 80 and bool(_NOTE_AT_END.search(s))
    )


@functools.lru_cache(maxsize=16384)
def _title_candidate(line: str) -> bool:
    return bool(marked_title(line)) or (_title_like(line) and _han(line) >= 4 and not _chromy(line))


# a paper's or site's name alone (皖西日报, 新民客户端, 马鞍山生活网)
_OUTLET_ALONE = re.compile(
    r"[\u4e00-\u9fff]{2,8}(日报|晚报|晨报|早报|商报|时报|都市报|青年报|法制报|导报|网|客户端|新闻网|电视台|广播电台|新闻)"
)
_STAMP = re.compile(r"\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日")
_SITE_TOKEN = re.compile(r".{1,8}(网|門戶|门户)$|^(门户|首页|资讯|查看内容|查看|内容|频道|栏目)$|.{0,4}资讯$")


@functools.lru_cache(maxsize=4096)
def head_chrome(line: str) -> bool:
    """A line printed among a title's lines that is no part of the title: the paper's or site's
    name alone, a date stamp (`2010-12-26 厦门商报9390`), a site's menu (`马鞍山生活网 门户
    城事资讯 查看内容`)."""
    f = fold(line).strip()
    if _OUTLET_ALONE.fullmatch(f):
        return True
    stamp = _STAMP.search(f)  # (a date stamp after a title of its own is cut from it instead)
    if stamp and not _SENTENCE_END.search(f) and (_han(_STAMP.sub("", f)) <= 4 or stamp.start() == 0 and _han(_STAMP.sub("", f)) <= 8):
        return True
    tokens = f.split()
    return (
        len(tokens) >= 3
        and all(len(t) <= 6 for t in tokens)
        and not re.search(r"[。!?,;、“”\"()]", f)
        and sum(bool(_SITE_TOKEN.search(t)) for t in tokens) >= 2
    )


def _squashed(line: str) -> str:
    return _SPACE.sub("", line)


def title_at_top(lines: list[str]) -> tuple[list[str], int]:
    """``lines`` without the site's chrome above the first article's title block, and how many
    lines at the top were removed (0 when nothing was: the page is left as it is).

    A line or two of sentences at the very top of a page, with no title of their own and two
    lines or more of the site's chrome between them and a titled article, are the site's promotion (an ad, a slogan,
    `觉得本站好,就转发到你的朋友圈!`, a browser notice): when the page reads as a site's page
    only without them, they go with the chrome."""
    calls = 0
    while calls < min(3, len(lines) - 1) and call_to_action(lines[calls]):
        calls += 1
    if calls:
        # `点击上方蓝字关注我们`, `关注我们,每天为您推送最新资讯!` at the very top: the site's call to
        # follow it, never an article's words, whatever stands under it
        rest, cut = title_at_top(lines[calls:])
        return rest, cut + calls
    found = _title_at_top(lines, frozenset())
    if found[1] or len(lines) < 4:
        return found
    promo = frozenset(i for i in range(min(3, len(lines))) if _promo_like(lines[i]))
    if not promo or len(promo) > 2 or max(promo) + 1 >= len(lines) or _text_line(lines[max(promo) + 1]):
        return found  # (text running on under them: the page's own first paragraphs)
    return _title_at_top(lines, promo)


# a call to follow, star or pass on the site's account: an act asked of the reader and what it is
# asked for (关注…我们, 点击…蓝字, 长按…二维码, 订阅…推送)
_CALL_ACT = re.compile(r"关注|關注|点击|點擊|长按|長按|扫码|掃碼|扫描|掃描|识别|識別|订阅|訂閱|置顶|置頂|星标|星標|点亮|點亮|转发|轉發")
_CALL_OBJECT = re.compile(
    r"我们|我們|蓝字|藍字|公众号|公眾號|二维码|二維碼|本号|本號|星标|星標|推送|在看|账号|帳號|视频号|視頻號|小程序|朋友圈"
)


@functools.lru_cache(maxsize=4096)
def call_to_action(line: str) -> bool:
    """`点击上方蓝字关注我们`, `关注我们,每天为您推送最新本地资讯!`: a site's call to follow it."""
    s = line.strip()
    return len(s) <= 40 and "。" not in s[:-1] and bool(_CALL_ACT.search(s)) and bool(_CALL_OBJECT.search(s))


@functools.lru_cache(maxsize=4096)
def _promo_like(line: str) -> bool:
    """A short line of sentences or a run of comma-joined phrases, no lead, no caption, no credit:
    what a site prints above a page as well as an article could."""
    s = line.strip()
    if not s or len(s) > 120 or _is_lead(s) or is_caption_line(s) or is_photo_line(s) or byline_line(s):
        return False
    return bool(_text_line(s) or _SENTENCE_INSIDE.search(s) or len(_CLAUSE.findall(s)) >= 3)


def _title_at_top(lines: list[str], promo: frozenset[int]) -> tuple[list[str], int]:
    p = next((i for i, line in enumerate(lines[:80]) if i not in promo and _text_line(line)), None)
    if p is None or p < 2:
        return lines, 0
    labels = label_list([line.strip() for line in lines[:p]])  # the names of a page's photos, a menu
    k = p - 1
    while k >= 0 and (_between(lines[k]) or k in labels) and not marked_title(lines[k]):
        k -= 1
    if k < 1 or not _title_candidate(lines[k]):
        return lines, 0
    block = [k]
    b = k - 1
    # the title printed before in a list of the page's titles: the lines between that copy and
    # this one are other titles of the list unless there are only one or two (a kicker, a
    # title set over two lines, under the copy printed on one line)
    copy = next((c for c in range(k - 1, -1, -1) if _squashed(lines[c]) == _squashed(lines[k])), None)
    floor = -1 if copy is None or k - copy - 1 <= 2 else k
    # the page's other titles, printed again over their own items further down: a line above
    # this title that is one of them belongs to the page's list of titles, not to this title
    # (two of them at least: one line printed again may be a title repeated by chance)
    later = {_squashed(x) for x in lines[p + 1 :] if len(x) <= 60}
    if sum(_squashed(x) in later for x in lines[:k]) < 2:
        later = set()
    # a wrapped title or a kicker: a line or two above it, title-like, no chrome, not a copy
    # of a line of the block (a headline list repeats the title), five characters or more
    while (
        b > floor
        and b >= 0
        and len(block) < 4
        and _title_candidate(lines[b])
        # (four characters or three: a title's middle line, set over three lines, under its first)
        and (_han(lines[b]) >= 5 or _MIDDLE_LINE.fullmatch(lines[b].strip()) and b >= 1 and _title_candidate(lines[b - 1]) and _han(lines[b - 1]) >= 5 and b - 1 > floor)
        and b not in promo
        and lines[b].rstrip()[-1:] not in "、,，"  # (a line left open by a comma: a profile box's)
        and not column_name(lines[b])  # (专栏:观察家的评论 over the title is its column)
        and not marked_title(lines[block[0]])
        and _squashed(lines[b]) not in {_squashed(lines[x]) for x in block}
        and _squashed(lines[b]) not in later
    ):
        block.insert(0, b)
        b -= 1
    if b == 0 and len(block) >= 2 and copy is None and _short_head(lines[0]) and _title_candidate(lines[0]) and not column_name(lines[0]) and _squashed(lines[0]) not in later:
        block.insert(0, 0)  # a kicker of a few words at the very top, over a title set on two lines (倒计时4天)
    if copy is not None and block == [k]:
        # the list prints the whole title block as set (网购高峰 / 你的快件收到了吗 in the list,
        # then the same two lines over the text): the lines over this copy that match the lines
        # over the listed one, line for line, are the title's too (a kicker, its first line)
        j = 1
        while (
            len(block) < 4
            and copy - j >= 0
            and k - j > copy
            and _squashed(lines[k - j]) == _squashed(lines[copy - j])
            and _squashed(lines[k - j])
            and (_title_candidate(lines[k - j]) or _short_head(lines[k - j]))
            and not column_name(lines[k - j])
        ):
            block.insert(0, k - j)
            j += 1
    top = block[0]
    above = lines[:top]
    if not above:
        return lines, 0
    if promo and (top - max(promo) - 1 < 2 or any(_squashed(lines[x]) in _squashed(lines[y]) for x in block for y in block if x != y)):
        # (promotion only where the site's chrome stands between it and a title printed once)
        return lines, 0
    whole_title = "".join(_squashed(lines[x]) for x in block)
    if any(n not in promo and whole_title not in _squashed(x) and (_is_lead(x) or _text_line(x) or (_SENTENCE_INSIDE.search(x) and _han(x) >= 6 and not _CONSENT.search(x) and not _foreign(x))) for n, x in enumerate(above)):
        return lines, 0  # text above it: an article of its own, not the site's (a line that
        # holds this title among others is the page's list of titles: 快递不送上门,该罚吗? 今年…)
    if any(byline_line(x) and not _chromy(x) for x in above):
        return lines, 0
    # another title above it (not a copy of this one, not one of a list of titles, not the
    # title printed once on a line before it is set): unsure which is the article's
    copies = {_squashed(lines[x]) for x in block}
    whole = "".join(_squashed(lines[x]) for x in block)
    listed = _title_runs(above)
    for n, x in enumerate(above):
        if n in promo or _squashed(x) in copies or n in listed or _squashed(x) in later or not _title_candidate(x) or _han(x) < 5 or whole_title in _squashed(x) and len(_squashed(x)) > len(whole_title):
            continue
        return lines, 0
    if any(_squashed(x) == whole for x in above) and len(block) > 1:
        return lines, 0
    # a column's name right above the title (要闻快览, 今日頭條, 专栏:…) is the article's column
    column = [above[-1]] if column_name(above[-1]) else []
    if len(above) == len(column):
        return lines, 0  # nothing of the site's above it: the page is read as it is
    head = [lines[x] for x in block]
    if len(head) == 2 and not _DASH_START.match(fold(head[1]).strip()) and not any(marked_title(x) for x in head):
        # a title wrapped over two lines: one title for certain (read as one in brackets)
        head = [f"【{head[0].strip()} {head[1].strip()}】"]
    elif len(head) == 1 and is_terminated(head[0]) and not marked_title(head[0]):
        head = [f"【{head[0].strip()}】"]  # a title that asks or exclaims (……嗎?): a title all the same
    # between the title and the text: a meta box's fragments (2022 / 01/28 / 08:12 / 来源 /
    # 某某日报 / 分享) and a banner are the site's too; bylines and the rest stay
    between, dropped, after_label = [], 0, False
    for x in lines[block[-1] + 1 : p]:
        f = fold(x).strip()
        if _META_FRAGMENT.fullmatch(f) or _CONSENT.search(f) or after_label and len(f) <= 8 and not byline_line(f):
            dropped += 1
            after_label = f in ("来源", "來源", "稿源")
            continue
        after_label = False
        between.append(x)
    rest = [*column, *head, *between, *lines[p:]]
    return rest, len(lines) - len(rest)


_MIDDLE_LINE = re.compile(r"[\u4e00-\u9fff“”「」]{3,4}")


def _short_head(line: str) -> bool:
    """A kicker's few words (`网购高峰`, `2003年:`): short, some Chinese, no sentence, no date
    stamp, no chrome word, no paper's name."""
    s = _squashed(line)
    return 2 <= len(s) <= 10 and _han(s) >= 1 and not _SENTENCE_END.search(s) and not _STAMP.search(s) and not _CHROME_WORD.search(s) and not _foreign(s) and not head_chrome(line)


def _title_runs(lines: list[str]) -> set[int]:
    """Lines in runs of three or more title-like lines: a list of the page's titles."""
    return runs_of(lines, lambda line: bool(line) and _title_like(line) and not _SENTENCE_INSIDE.search(line))


# an archive site's page (a wiki of old papers): `解放军报>19990710` over the item's title, its
# fields (作者:, 单位:, 版面:) under it, then the head lines as printed
_ARCHIVE_CRUMB = re.compile(r"\S{2,12}>\s*\d{8}")
_EMPTY_FIELD = re.compile(r"\S{1,4}\s*:")
_ARCHIVE_FIELD = re.compile(r"(作者|单位|版面|来源|日期|栏目|專欄|专栏)\s*:.{0,60}")


def archive_title(lines: list[str]) -> list[str]:
    """The archive's title (its parts joined by `-`, kept as printed) with the head lines printed
    under its fields that it does not already hold (subheads, in print order): one title for
    certain (read as one in brackets). Head lines it holds are copies; a `○` line is a section
    head of the text, not of the title."""
    if ">" not in "".join(lines[:150]):
        return lines
    for i, line in enumerate(lines[:150]):
        if not _ARCHIVE_CRUMB.fullmatch(fold(line).strip()) or i + 2 >= len(lines):
            continue
        title = lines[i + 1].strip()
        long_title = len(title) <= 200 and not is_terminated(title) and not _SENTENCE_INSIDE.search(title)
        if not (_title_like(title) or long_title) or _han(title) < 4 or _ARCHIVE_FIELD.fullmatch(fold(title)) or marked_title(title):
            continue
        j = i + 2
        fields: list[str] = []
        while j < len(lines) and _ARCHIVE_FIELD.fullmatch(fold(lines[j]).strip()):
            if not _EMPTY_FIELD.fullmatch(fold(lines[j]).strip()):  # (`单位:` with no value is nothing)
                fields.append(lines[j])
            j += 1
        if not fields:
            continue
        held = _squashed(title).replace("-", "")  # (a stray `-` inside the archive's copy: 吕正-操)
        extras: list[str] = []
        while (
            j < len(lines)
            # (a subhead of a long archive title may be long itself; it ends no sentence)
            and (_title_like(lines[j]) or len(lines[j]) <= 200 and not is_terminated(lines[j]) and not _SENTENCE_INSIDE.search(lines[j]))
            and not _is_lead(lines[j])
            and not lines[j].strip().startswith(("○", "〇", "●"))
            and _han(lines[j]) >= 4
        ):
            if _squashed(lines[j]).replace("-", "") not in held:
                extras.append(lines[j].strip())
                held += _squashed(lines[j]).replace("-", "")
            j += 1
        whole = " ".join([title, *extras])
        if "【" in whole or "】" in whole:
            return lines
        return [*_sections(lines[: i + 1]), f"【{whole}】", *fields, *lines[j:]]
    return lines


def _sections(lines: list[str]) -> list[str]:
    """Above the archive's item: its other entries of the day (a diary's), each under its own
    crumb (梁漱溟日记>19760805): the crumb is that entry's title; a crumb over another crumb or
    over nothing is navigation (left to the furniture)."""
    out: list[str] = []
    for n, line in enumerate(lines):
        f = fold(line).strip()
        nxt = fold(lines[n + 1]).strip() if n + 1 < len(lines) else ""
        if _ARCHIVE_CRUMB.fullmatch(f) and nxt and not _ARCHIVE_CRUMB.fullmatch(nxt) and not nxt.startswith(("上一日", "下一日")):
            out.append(f"【{f.split('>')[0].strip()}】")
            continue
        out.append(line)
    return out
