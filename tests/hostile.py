"""Hostile input shared by the tests/test_hostile_*.py suites: what scrapers, fuzzers and
careless pastes send to a public archive, and the checks every answer must pass."""

from __future__ import annotations

import re

# Markers that must never come back as live markup: if they appear unescaped, a browser
# would run or render them.
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "</textarea><b>粗体</b>",
]
UNESCAPED_MARKERS = ["<script>alert(1)", "<img src=x", "<svg/onload", "<b>粗体</b>"]

QUERIES = [
    # unbalanced quotes and brackets
    '"无锡', '无锡"', '"', '""', "'", "((无锡", "无锡)", "[无锡", "{无锡}", "(((((((((((", "<<>>",
    # Whoosh query syntax typed as text
    "*", "?", "无*", "无?锡", "*锡", "无锡~", "无锡~2", "无锡^5", "headline:无锡", "text:*", "id:1",
    "date:[2020 TO 2024]", "[a TO]", "{1 TO 5}", "AND", "OR", "NOT", "无锡 AND", "NOT 无锡", "-", "--无锡",
    "无锡 OR 常州 NOT 杭州", "\\", "\\\\\\", "/", "%", "%%", "_", "+", "&&", "||", "!",
    # control characters, NUL, bidi and invisible marks, emoji
    "\x00", "无\x00锡", "\x01\x02\x1f\x7f", "\t\n\r", "\u202e无锡\u202c", "\u200f\u200e", "\ufeff", "\u200b无\u200b锡",
    "😀", "无锡😀🏮", "👨‍👩‍👧‍👦", "\U0010ffff",
    # sizes
    "锡" * 5000, "x" * 5000, " ".join(["锡"] * 100), " ".join(str(n) for n in range(64)), " " * 300,
    # markup and template/format syntax
    *MARKUP, "{{ 7*7 }}", "{% debug %}", "%s%s%s%n", "${7*7}",
    # SQL and path tricks
    "' OR 1=1 --", "无锡'; DROP TABLE articles_article; --", "../../etc/passwd",
]

PAGE_NUMBERS = ["0", "-1", "abc", "1.5", "10000000000000000000", str(10**19), "9" * 40, "", "１", "1e3", "\x00", "last"]

BAD_DATES = ["2023-02-30", "2023-13-01", "2023-00-10", "0000-01-01", "9999-12-31", "2023-2-3", "20230818"]


def assert_safe_answer(response, *, allowed=(200, 301, 302, 400, 404)):
    """A clear answer: an expected status (never a 500), no unescaped markup, and an error
    page that is the site's own Chinese page rather than a bare framework message."""
    assert response.status_code in allowed, f"{response.status_code} for {getattr(response, 'request', '')}"
    content_type = response.get("Content-Type", "")
    body = response.content.decode("utf-8", "replace")
    # JSON may carry the text as typed: served as application/json with nosniff, no browser
    # renders it as markup.
    if "html" in content_type:
        for marker in UNESCAPED_MARKERS:
            assert marker not in body, f"unescaped markup {marker!r} in the answer"
    if response.status_code >= 400 and "html" in content_type:
        assert re.search(r'<html lang="zh-Hans"', body), f"bare {response.status_code} page: {body[:200]!r}"
    return body
