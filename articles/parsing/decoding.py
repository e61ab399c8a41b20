"""Bytes of a delivered page -> text; and ``fold``, the matching form of text.

Matching is done on a *folded* copy of the text (NFKC: full-width ，：（）０-９ become their
half-width forms) so both punctuation widths parse the same; what we store is the text as
printed.
"""

from __future__ import annotations

import codecs
import functools
import html
import re
import unicodedata

from .model import PageParseError


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


# Traditional forms of the few characters the parser's own markers are made of (本報訊, 記者,
# 通訊員, 實習生, 攝, 電, 據, 駐, 編者按, 圖): matching sees them simplified; names and text are
# stored as printed. One character for one, so positions in folded and printed text agree.
_TRADITIONAL_MARKERS = str.maketrans("報訊記員實習攝電據駐編圖見約邊題導語為綜發", "报讯记员实习摄电据驻编图见约边题导语为综发")


_HAS_TRADITIONAL_MARKER = re.compile("[" + "".join(map(chr, _TRADITIONAL_MARKERS)) + "]")


# The characters of a Chinese page that NFKC changes are almost all the full-width forms of
# ASCII (！ to ～) and the ideographic space. Each is first replaced by its compatibility
# decomposition, one ASCII character: NFKC decomposes first, so its result is the same (same
# decomposed string, same composition), and a line with nothing else to fold then passes NFKC's
# quick check instead of being decomposed and recomposed whole (5-7x faster on our pages).
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")


def _half_width(match: re.Match) -> str:
    char = match.group()
    return " " if char == "\u3000" else chr(ord(char) - 0xFEE0)


# the commonest of them, replaced without a call per character
_COMMON_FULL_WIDTH = tuple((char, chr(ord(char) - 0xFEE0)) for char in "，：（）；！？")


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, faster on Chinese text."""
    if unicodedata.is_normalized("NFKC", text):  # (a quick check for most lines: no full-width form)
        return text
    for full, half in _COMMON_FULL_WIDTH:
        if full in text:
            text = text.replace(full, half)
    if _FULL_WIDTH.search(text):
        text = _FULL_WIDTH.sub(_half_width, text)
    return unicodedata.normalize("NFKC", text)


@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """The matching form of text: NFKC, so full- and half-width punctuation and digits agree,
    and the parser's markers in Traditional characters (本報訊) read as simplified."""
    folded = nfkc(text)
    # str.translate looks every character up: only when there is something to translate
    if not _HAS_TRADITIONAL_MARKER.search(folded):
        return folded
    folded = folded.translate(_TRADITIONAL_MARKERS)
    # the wire agencies' names, one character for one (新華社 names no person: no name is changed)
    for traditional, simplified in _TRADITIONAL_AGENCIES:
        if traditional in folded:
            folded = folded.replace(traditional, simplified)
    return folded


_TRADITIONAL_AGENCIES = (("新華社", "新华社"), ("新華網", "新华网"), ("中國新聞社", "中国新闻社"), ("人民網", "人民网"), ("中新網", "中新网"))


_MARKUP_BREAK = re.compile(r"<\s*(?:br|/?p|/?div|/?li|/?tr|hr|/?h[1-6]|/?blockquote|/?figure|/?figcaption)\b[^<>]{0,200}>", re.IGNORECASE)
_MARKUP_TAG = re.compile(
    r"<\s*/?\s*(?:span|font|b|strong|i|em|u|a|img|table|tbody|td|th|ul|ol|center|section|article|header|footer|nav|h[1-6]|small|big|sub|sup|cite|mark|time)\b[^<>]{0,500}>",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});")


_HTML_COMMENT = re.compile(r"<!--.{0,2000}?-->", re.DOTALL)
_MARKDOWN_IMAGE = re.compile(r"!\[[^\]\n]{0,40}\]\([^)\n]*\)")


# a copy tool's pinyin after a word: 江风海韵(hǎiyùn), 柯高阳(gāoyáng) (toned vowels make it pinyin)
_PINYIN_NOTE = re.compile(r"\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]{2,40}\)")


_PINYIN_MENU = re.compile(r"首[頁页]|>|\|")


_PAGEBREAK = re.compile(r"(?m)pagebreak[ \t]*$")


def clean_markup(text: str) -> str:
    """HTML left in copied e-paper text: line-breaking tags become line breaks, other known tags
    go, entities (&nbsp; &amp; &#12290;) become their characters. Text that merely contains
    a ``<`` stays as it is."""
    if "![" in text:  # a Markdown image left by a copy tool: `![]()`, `![图片](https://…)`
        text = _MARKDOWN_IMAGE.sub("", text)
    if "(" in text and _PINYIN_NOTE.search(text):
        # out of the text's sentences; a line with no sentence (a title, a menu) keeps them as
        # printed, as a reader copying the title would (調(diào)研), except around furniture words
        text = "\n".join(_PINYIN_NOTE.sub("", ln) if "。" in ln or _PINYIN_MENU.search(ln) else ln for ln in text.split("\n"))
    if "pagebreak" in text:  # a CMS's page-break marker left after a photo's credit: `(苏阳摄)pagebreak`
        text = _PAGEBREAK.sub("", text)
    if "<" not in text and "&" not in text:
        return text
    text = _HTML_COMMENT.sub("", text)
    text = _MARKUP_BREAK.sub("\n", text)
    text = _MARKUP_TAG.sub("", text)
    return _ENTITY.sub(lambda m: html.unescape(m.group(0)).replace("\xa0", " "), text)

