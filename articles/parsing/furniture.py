"""Page furniture: the masthead, imprint, new-media list and page credits, which are not
article text. The page credits (值班编委 ...) are kept as page metadata.
"""

from __future__ import annotations

import re

from .decoding import fold
from .model import Credit

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


