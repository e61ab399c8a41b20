"""The furniture patterns tried as one (``parsing.patterns.AnyOf``): the same answer as one
alternation of them all, on every line of the seed and fixture pages and on lines made to
look like furniture. A wrong shortcut would leave an imprint line in an article's text, or
drop a sentence from it. Pure Python: no database."""

import re
from pathlib import Path

import pytest

from articles.parsing import decode_page, fold
from articles.parsing import furniture
from articles.parsing.patterns import AnyOf, needed_words

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))

GROUPS = {
    "strong": furniture._STRONG_FOOTER,
    "weak": furniture._WEAK_FOOTER,
    "web_meta": furniture._WEB_META,
}

# lines each of which some furniture pattern matches, and near misses
MADE = [
    "江南晚报", "无锡日报社主办", "值班编委:张三 李四", "服务热线:0510-12345678", "可拨打服务热线:12345咨询。",
    "版权所有 2024", "Copyright 2024 江南晚报", "苏ICP备12345678号", "首页 > 数字报 > 第A02版",
    "首页 » 新闻", "上一篇", "下一版 上一版", "无锡日报·数字报", "本文字数:1234", "xx@jnwb.net",
    "投稿:news@jnwb.net", "……-->", "<!-- x -->", "2024年3月6日 星期三", "人民日报2025.12.22星期一",
    "来源:新华社 2024-01-09 10:20", "责任编辑:王晓_NB1234", "编辑|金赫", "www.zjol.com.cn",
    "photo_01.jpg", "标签:无锡 太湖", "原标题:……", "【责任编辑:黄明予】", "(责编:白宇、卫嘉)",
    "今年成品油零售价格多次调整。", "电话 12345", "热线", "版权", "数字", "@", ">>", "编辑", "",
]


def _lines():
    seen = dict.fromkeys(MADE)
    for page in PAGES:
        try:
            text = decode_page(page.read_bytes(), page.name)
        except Exception:
            continue
        for line in text.split("\n"):
            f = fold(line).strip()
            seen.setdefault(f)
            seen.setdefault(f[: len(f) // 2])  # its halves: lines cut where a column ended
            seen.setdefault(f[len(f) // 2 :])
    return list(seen)


LINES = _lines()


@pytest.mark.parametrize("name", GROUPS)
def test_any_of_answers_as_one_alternation_of_the_patterns(name):
    patterns = GROUPS[name]
    one = re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    fast = AnyOf(patterns)
    assert len(LINES) > 2000
    wrong = [line for line in LINES if fast.search(line) != bool(one.search(line)) or fast.match(line) != bool(one.match(line))]
    assert wrong == []
    assert any(fast.match(line) for line in MADE)  # (the lines made to match do match)


def test_needed_words_are_only_what_every_match_holds():
    assert needed_words(re.compile(r"^[\u4e00-\u9fff]{0,12}(热线|电话|服务台)\s*:\d+$")) == {"热线", "电话", "服务台"}
    assert needed_words(re.compile(r"^\S+@\S+\.\w+$")) == {"@"}
    assert needed_words(re.compile(r"^(?=.*版权)x?")) is None  # a lookahead's words may lie outside the match
    assert needed_words(re.compile(r"^(版权)?声明")) == {"声明"}  # an optional group promises nothing
    assert needed_words(re.compile(r"^(甲|乙\d)+$")) == {"甲", "乙"}
    assert needed_words(re.compile(r"^(甲|\d)$")) is None  # one branch without a word: none for the group
    assert needed_words(re.compile(r"(?i)copyright")) is None  # case folded: the word may be spelt otherwise
