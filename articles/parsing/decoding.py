"""Bytes of a delivered page -> text; and ``fold``, the matching form of text.

Matching is done on a *folded* copy of the text (NFKC: full-width ，：（）０-９ become their
half-width forms) so both punctuation widths parse the same; what we store is the text as
printed.
"""

from __future__ import annotations

import codecs
import functools
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


@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """The matching form of text: NFKC, so full- and half-width punctuation and digits agree."""
    return unicodedata.normalize("NFKC", text)

