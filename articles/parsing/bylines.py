"""Bylines, wire sources and where a sentence ends.

A byline is the parenthesised credit that closes an article: `(高美梅)`, `(据新华社)`,
`(记者 张三 通讯员 李四)`. ``is_terminated`` lives here because a line that ends in a byline
ends its paragraph.
"""

from __future__ import annotations

import functools
import re

from .decoding import _HAS_TRADITIONAL_MARKER, _TRADITIONAL_MARKERS, fold
from .model import Byline

_SENTENCE_END = "。！？!?…"
_CLOSERS = "”’」』\"')）》"
_BYLINE_AT_END = re.compile(r"[(（]([^()（）]{1,60})[)）]\s*[|｜]?\s*$")
_BYLINE_TAIL = 80  # a byline is at most 60 characters plus brackets: look no further back


def _byline_match(line: str) -> tuple[int, re.Match] | None:
    """The closing byline's match and its offset in ``line``; searches only the tail, so a
    huge unpunctuated paragraph costs linear time, not quadratic."""
    if not _ends_in_bracket(line):
        return None
    offset = max(0, len(line) - _BYLINE_TAIL)
    m = _BYLINE_AT_END.search(line, offset)
    return (m.start(), m) if m else None


def _ends_in_bracket(line: str) -> bool:
    """Does ``line`` end in a closing bracket, spaces and one pipe after it aside? What
    ``_BYLINE_AT_END`` needs, told without a regular expression: most lines end otherwise."""
    end = line.rstrip()
    if end[-1:] in ("|", "｜"):
        end = end[:-1].rstrip()
    return end[-1:] in (")", "）")


_WIRE_AGENCIES = ("新华社", "中新社", "人民日报", "央视新闻", "中国新闻社", "光明日报", "经济日报", "新华网", "人民网", "央视网", "中央广播电视总台")
_ROLES = {
    "记者": "记者",
    "本报记者": "记者",
    "见习记者": "见习记者",
    "通讯员": "通讯员",
    "实习生": "实习生",
    "摄影": "摄影",
    "摄": "摄影",
    "文": None,
    "作者": None,
    "图": "摄影",
    # what the named did with the copy, printed after the name: (记者 张三 编译), (张三 整理)
    "编译": "编译",
    "整理": None,
    "报道": None,
    "综合": None,
}
# (a rare character the page could not print stays as its box: 鄭□)
_NAME = re.compile(r"^[\u3400-\u9fff][\u3400-\u9fff·•□]{1,9}$")




_NAMES_CLOSING_LINE = re.compile(r"[。!?”]\s*([\u4e00-\u9fff]{2,3}(?:\s+[\u4e00-\u9fff]{2,3}){1,2})$")


@functools.lru_cache(maxsize=16384)  # (a fact of one line, asked again and again)
def is_terminated(line: str) -> bool:
    """Does this paragraph end a sentence (so a following line starts a new paragraph)?"""
    s = line.rstrip()
    if _ends_in_bracket(s) and parse_byline_text(s) is not None:
        return True
    # A note in brackets after the last sentence: `……。（本报阿布扎比1月1日电）`, `。(相关报道见第二版)`
    if s[-1:] in ")）":
        m = _BYLINE_AT_END.search(s, max(0, len(s) - _BYLINE_TAIL))
        if m and m.start() > 0 and s[: m.start()].rstrip()[-1:] in _SENTENCE_END:
            return True
    if s[-1:] >= "\u4e00" and (names := _NAMES_CLOSING_LINE.search(s, max(0, len(s) - 16))):
        # `……逃避处罚的行为。肖艳霞 叶少杰`: the writers set apart after the last sentence close it
        if all(has_surname(n) and not _NOT_A_NAME.search(n) for n in names.group(1).split()):
            return True
    s = s.rstrip(_CLOSERS)
    # A closing quote or bracket counts only after sentence-final punctuation: `……。”`.
    return bool(s) and s[-1] in _SENTENCE_END


@functools.lru_cache(maxsize=16384)
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
    if (
        before
        and before.rstrip(_CLOSERS)[-1:] not in _SENTENCE_END
        and not before.endswith(tuple(_CLOSERS))
        # a credit that says what it is may follow a caption without punctuation: (作者:蒯伊安)
        and not re.match(r"(作者|撰文|本报记者|记者)\s*:", fold(m.group(1)).strip())
    ):
        return None
    inner = fold(m.group(1)).strip()
    if _WHO_IS_WHERE.match(inner):
        return None  # `(左一为李明)`, `(前排右二)`: who stands where in the photo
    credited = _WIRE_THEN_PEOPLE.fullmatch(inner)
    if credited and (wire := _wire_source(credited.group(1))):
        # `(据新华社电 记者张三)`: the agency, then its reporters
        return _people(credited.group(2), need_role=True), wire
    if inner.endswith("摄影报道"):
        # `(记者甲通讯员乙、丙摄影报道)`: they took the photos and wrote the story: bylines
        inner = inner[:-4].strip()
    if is_photo_credit(inner):
        return None
    wire = _wire_source(inner)
    if wire:
        return (), wire
    people = _people(inner)
    if not people and "通讯员" in inner:
        tokens = [t for t in re.split(r"[\s、,]+", inner) if t]
        if len(tokens) >= 2 and all(t in _ROLES or _ROLE.fullmatch(t) or _unit_name(t) for t in tokens):
            return (), None  # `(通讯员 锡卫宣)`: a unit's credit, no person: a credit all the same
    # a name in brackets with no role must look like one: (高美梅), not (中新), (完稿); a
    # credit that says what it is (作者:…) names its writer whatever the surname
    if people and (
        any(b.role for b in people) or re.match(r"(作者|撰文|文)\s*:", inner) or all(has_surname(b.name) for b in people)
    ):
        return people, None
    return None


_SOURCE_NAMED = re.compile(r"(?:来源|稿件来源|新闻来源|文章来源|信息来源|消息来源|来自|转自|摘自)\s*:?\s*《?([\u4e00-\u9fffA-Za-z]{2,14}?)》?")
_MEDIA_NAME = re.compile(r"《?[\u4e00-\u9fff]{2,10}(?:客户端|新闻网|日报|晚报|都市报|电视台|通讯社)》?")


_WHO_IS_WHERE = re.compile(r"(?:左|右|中|前排|后排|上|下|图中)[一二三四五六七八九]+[为是]|(?:前排|后排|图中)(?:左|右|中)")
_WIRE_THEN_PEOPLE = re.compile(r"(据\s*\S{2,14}?)\s+((?:[\u4e00-\u9fff]{0,8}记者|通讯员)\s*[\u4e00-\u9fff·、\s]{2,30})")


def _wire_source(inner: str) -> str | None:
    """The agency a credit names: `据新华社`, `新华社电`, `综合本报和新华社电`, `据《扬子晚报》`."""
    s = inner
    if s.startswith("据"):
        s = s[1:]
    s = s.strip("《》 ")
    s = re.sub(r"(电|报道|消息)$", "", s).strip("《》 ")
    if inner.startswith("据") and 1 < len(s) <= 12 and not re.search(r"[,.:;!?。\s]", s):
        return s
    if s in _WIRE_AGENCIES:
        return s
    if len(s) <= 12 and (short := [_SHORT_AGENCIES.get(a) for a in re.split(r"[/、,\s]+", s) if a]) and all(short):
        return "、".join(short)  # `(路透)`, `(新华)`, `(法新/美联)`: an agency's short name closing its copy
    if s.endswith("社") and s in _KNOWN_OUTLETS:
        return s  # `(中央社)`, `(路透社)`: an agency's copy
    # `(新华社发)`, `(中新社发)`: a picture or item the agency distributed
    if s.endswith("发") and (s[:-1] in _WIRE_AGENCIES or s[:-1] in _KNOWN_OUTLETS):
        return s[:-1]
    # `(来源:某某新闻客户端)`, `(摘自《某某日报》)`, `(央视新闻客户端)`: where the copy came from
    m = _SOURCE_NAMED.fullmatch(inner)
    if m:
        return m.group(1)
    if _MEDIA_NAME.fullmatch(inner):
        return inner.strip("《》")
    if 3 <= len(s) <= 8 and s[-1:] in "网網" and not re.search(r"[\s、,/]", s) and is_outlet(s):
        return s  # `……。(温州网)`: a news site closing the copy it gave
    # mixed credits: 综合本报和新华社电, 综合新华社、央视新闻, 本报综合新华社
    rest = re.sub(r"^(本报)?综合(报道)?", "", s)
    if rest != s:
        named = [a for a in re.split(r"[和及与、,\s]+", rest.strip("《》 ")) if a]
        agencies = [re.sub(r"(电|报道|消息)$", "", a).strip("《》") for a in named]
        if agencies and all(a == "本报" or a in _WIRE_AGENCIES or a.endswith(("社", "报", "网", "新闻")) or is_outlet(a) for a in agencies):
            wire = [a for a in agencies if a != "本报"]
            return "、".join(wire) if wire else None
    return None


# the short names papers print in a closing bracket for an agency's copy (not `中央`, which names
# many things)
_SHORT_AGENCIES = {
    "新华": "新华社", "中新": "中新社", "中通": "中通社", "中评": "中评社", "路透": "路透社", "法新": "法新社",
    "美联": "美联社", "共同": "共同社", "韩联": "韩联社", "塔斯": "塔斯社", "埃菲": "埃菲社", "安莎": "安莎社",
    "彭博": "彭博社", "路透社": "路透社", "法新社": "法新社", "美联社": "美联社", "共同社": "共同社", "新华社": "新华社",
    "中新社": "中新社", "中通社": "中通社", "中央社": "中央社", "韩联社": "韩联社", "塔斯社": "塔斯社", "彭博社": "彭博社",
}


# A role as printed: 记者, 本报记者, 见习记者, 本报驻阿联酋记者, 扬子晚报记者, 新华社记者, 通讯员 ...
# any newsroom's reporter as a token of its own: 南都记者, 快报时政新闻部记者 (never glued to a
# name: 奥运小记者团正式成立 is a title)
_ANY_REPORTER = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff·]{1,12}记者")
_ROLE = re.compile(
    r"(?:本报)?(?:[驻駐][\u4e00-\u9fff]{1,8})?(?:见习|实习|特约|特派|首席|摄影|全媒体|融媒体?)?记者"
    r"|(?:本报)?(?:特约)?通讯员|实习生|摄影|撰稿|(?:本报)?(?:联合)?(?:报道|采访|调研|调查|记者)组"
    r"|[\u4e00-\u9fff]{2,10}?(?:报|社|台|网)(?:[驻駐][\u4e00-\u9fff]{1,6})?(?:特派|特约)?记者"

    r"|[\u4e00-\u9fff]{2,10}?记者站站长"
    # a paper's correspondent abroad: 香港特派員, 駐日特派員
    r"|(?:本报)?(?:[驻駐][\u4e00-\u9fff]{1,6}|[\u4e00-\u9fff]{2,4})?特派员"
)


# notes printed in brackets that are no one's name: (见图), (资料图), (待续), (全文完)
_EDITORIAL_NOTES = frozenset("见图 资料图 组图 附图 附图片 附照片 附表 上图 下图 左图 右图 图片 待续 续完 全文完 未完 完 续 见下 见上 有删节 节选 摘编 详见 手记 札记".split())


def _role_name(printed: str) -> str:
    """How a role is kept: as printed, less 本报 (本报记者 -> 记者, 本报驻阿联酋记者 -> 驻阿联酋记者)."""
    return printed[2:] if printed.startswith("本报") and len(printed) > 2 else printed


def _glued_names(tok: str) -> list[str]:
    """Names printed with nothing between them (`曾坤颜世贵`, `宋云达赵桂林`, `全晓书程云杰孟娜`):
    five to nine characters that split one way only, into the fewest names of two or three
    characters that each start with a surname."""
    if not 5 <= len(tok) <= 9 or "·" in tok or tok[:2] in COMPOUND_SURNAMES:
        return [tok]

    def splits(rest: str) -> list[list[str]]:
        if not rest:
            return [[]]
        return [[rest[:k], *more] for k in (2, 3) if len(rest) >= k and has_surname(rest[:k]) for more in splits(rest[k:])]

    found = splits(tok)
    fewest = min((len(x) for x in found), default=0)
    good = [x for x in found if len(x) == fewest]
    return good[0] if len(good) == 1 else [tok]


def _glued_name(rest: str) -> bool:
    """A name printed straight after its role (`记者张三`, `本报驻阿联酋记者林皎明`): a name's
    shape and a surname, so a word that starts with a role word is no byline (记者节里话初心)."""
    return bool(_NAME.match(rest)) and (
        len(rest) <= 4 and has_surname(rest) or "·" in rest or len(_glued_names(rest)) >= 2
    )


# papers whose name is printed glued to the last reporter's (聯合報's `記者甲、乙聯合報`)
_GLUED_PAPERS = ("联合报", "联合晚报", "中国时报", "自由时报", "经济日报", "苹果日报", "世界日报", "工商时报", "民生报")


def _name_off_outlet(tok: str) -> str:
    """`楊湛聯合報` -> 楊湛: a name of two or three characters with a paper's name glued after it."""
    f = fold(tok)
    if len(f) < 5 or len(f) > 9:
        return tok
    known = next((p for p in _GLUED_PAPERS if f.endswith(p)), None)
    cuts = [len(f) - len(known)] if known else [3, 2]
    for cut in cuts:
        if 2 <= cut <= 3 and has_surname(f[:cut]) and is_outlet(f[cut:]) and len(f) - cut >= 3:
            return tok[:cut]
    return tok


def _role_token(tok: str) -> bool:
    """Does this token name a role (记者, 本报记者, 南都记者), alone or glued to a name (记者张三)?"""
    if tok in _ROLES or _ROLE.fullmatch(tok) or _ANY_REPORTER.fullmatch(tok):
        return True
    m = _ROLE.match(tok) or _ANY_ROLE_GLUED.match(tok)
    return bool(m and _glued_name(tok[m.end() :]))


def _without_newsroom(tokens: list[str]) -> list[str]:
    """`商洛之窗 记者 方立`, `观海新闻/青岛晚报/掌上青岛 记者 刘卓毅`, `某某报业集团特别报道组 记者
    张三`: the newsroom, site or team printed before the first role is no one's name. Only words
    of four characters or more go (a name has two or three; `欧阳明月` keeps its compound
    surname), and only when a role follows."""
    first = next((k for k, t in enumerate(tokens) if _role_token(t)), None)
    if not first or first + 1 > len(tokens):
        return tokens
    lead = tokens[:first]
    if all(len(t) >= 4 and t[:2] not in COMPOUND_SURNAMES and len(_glued_names(t)) < 2 and "·" not in t for t in lead):
        return tokens[first:]
    return tokens


# a unit printed where a correspondent's name stands: 锡公宣 (无锡公安宣传), 滨宣, 榕交警, 某某街道
_UNIT_WORDS = re.compile(r"公安|交警|消防|法院|检察|街道|社区|派出所|管委会|中心|大队|支队|中队|分局|宣传|办公室")
_UNIT_END = re.compile(r"(?:宣|综|办|委|局|队|所|处|警)$")
_UNIT_LETTERS = frozenset("公交消检法税纪组政卫环教城团妇司宣警监")


def _unit_name(tok: str) -> bool:
    if _UNIT_WORDS.search(tok):
        return True
    if not _UNIT_END.search(tok) or len(tok) < 2:
        return False
    return not has_surname(tok) or len(tok) >= 3 and tok[1] in _UNIT_LETTERS


_TEAMS = ("采访组", "採訪組", "报道组", "報道組", "新闻组", "新聞組", "编辑部", "編輯部", "团队", "團隊", "小组", "小組", "工作室")
_DONE_WORDS = ("整理", "编译", "报道", "采写")
_NAME_THEN_ROLE = re.compile(r"((?:记者|通讯员|实习生)[\u4e00-\u9fff]{2,3}?)(?=(?:本报)?(?:见习记者|实习记者|记者|通讯员|实习生))")
# any newsroom's reporter glued to the name: `镇江报业全媒体记者陈洁`, `某某传媒首席记者王五`
_ANY_ROLE_GLUED = re.compile(r"[\u4e00-\u9fff]{2,12}?记者")


def _people(inner: str, *, need_role: bool = False) -> tuple[Byline, ...]:
    if "\\" in inner:
        inner = inner.replace("\\", "/")  # `(记者 叶海 文\摄)`: a backslash for the slash
    author = re.match(r"^(作者|撰文|文)\s*:\s*", inner)
    if author:  # (作者:及亚静 张普), (作者:蒯伊安 学校:北京小学): the names up to the next field
        inner = re.split(r"\s+\S{1,6}:", inner[author.end() :])[0]
    if "记者" in inner or "通讯员" in inner or "实习生" in inner:
        # `记者严斯林通讯员严佳`: a name then the next role, printed without a space
        inner = _NAME_THEN_ROLE.sub(r"\1 ", inner)
    # `无锡报道`, `综合报导`, `联合报`: where or how it was filed, or the outlet, not a person
    split = [t for t in re.split(r"[\s、,/]+", inner) if t]
    if len(split) > 1 and "、" in inner:
        split[-1] = _name_off_outlet(split[-1])  # `…、蔡翼謙、楊湛聯合報`: the last name, the paper glued
    tokens = [
        t
        for t in split
        if t and not re.fullmatch(r"[\u4e00-\u9fff]{1,8}(?:\d{1,2}日)?报[道导]|[\u4e00-\u9fff]{2,6}(报|报社|通讯社)", t)
    ]
    # a newsroom's Latin name before the role: `YMG全媒体记者` (烟台 YMG), `CCTV记者`
    tokens = [re.sub(r"^[A-Za-z]{1,8}(?=[\u4e00-\u9fff]{0,8}记者)", "", t) for t in tokens]
    if tokens and len(tokens[-1]) >= 4 and tokens[-1].endswith(_DONE_WORDS) and has_surname(tokens[-1][:-2]):
        tokens[-1:] = [tokens[-1][:-2], tokens[-1][-2:]]  # `…、赵斌艺整理`: the name, then what they did
    # a two-character name set with a space to line up with three-character ones: `邢 拓 余俊杰`
    if any(len(t) == 1 for t in tokens):
        joined: list[str] = []
        for t in tokens:
            if (
                joined
                and len(t) == 1
                and len(joined[-1]) == 1
                and "\u4e00" <= t <= "\u9fff"
                and "\u4e00" <= joined[-1] <= "\u9fff"
                and t not in _ROLES
                and joined[-1] not in _ROLES
            ):
                joined[-1] += t
            else:
                joined.append(t)
        tokens = joined
    people: list[Byline] = []
    role: str | None = None
    roles_seen = 0
    tokens = _without_newsroom(tokens)
    for tok in tokens:
        if len(tok) >= 4 and is_outlet(tok) and not _ROLE.search(tok):
            continue  # `作者:睢宁新闻网 吴昌松`: the site, not a writer
        if tok in _ROLES:
            role = _ROLES[tok]
            roles_seen += 1
            continue
        m = _ROLE.fullmatch(tok) or _ANY_REPORTER.fullmatch(tok)
        if m:
            role = _role_name(tok)
            roles_seen += 1
            continue
        # `记者张三`, `本报驻阿联酋记者林皎明`, `镇江报业全媒体记者陈洁` written without a space
        m = _ROLE.match(tok)
        if not (m and _glued_name(tok[m.end() :])):
            m = _ANY_ROLE_GLUED.match(tok) if "记者" in tok else None
        if m and _glued_name(tok[m.end() :]):
            role, tok = _role_name(m.group(0)), tok[m.end() :]
            roles_seen += 1
        else:
            for prefix in sorted(_ROLES, key=len, reverse=True):
                # a one-character role (文, 图, 摄) stands apart: 图片新闻 is no 图 + 片新闻
                if len(prefix) > 1 and tok.startswith(prefix) and _glued_name(tok[len(prefix) :]):
                    role, tok = _ROLES[prefix], tok[len(prefix) :]
                    roles_seen += 1
                    break
        if role and "通讯员" in role and _unit_name(tok):
            continue  # `通讯员 锡公宣`, `通讯员 榕交警`: a unit's abbreviation, no person
        if tok.endswith("综") and 3 <= len(tok) <= 4:
            # `通讯员 茶园综`: a unit's abbreviation (茶园街道综治办), compiled by (综), no person;
            # `李明综`: 李明 compiled it
            if role == "通讯员" or not has_surname(tok[:-1]):
                continue
            tok = tok[:-1]
        if (
            not _NAME.match(tok)
            or len(tok) > 6 and "·" not in tok and len(_glued_names(tok)) < 2
            or tok in _EDITORIAL_NOTES
            # `綜合新華社電`, `新华社电` name no one
            or tok.endswith("电") and any(agency in tok for agency in _WIRE_AGENCIES)
            or tok.startswith("综合") and tok != "综合"
            or "综合" in tok and tok != "综合"
            or tok.startswith(("记者", "通讯员", "实习生"))  # a role whose name did not read as one
            or tok.startswith("本报")
        ):
            return ()
        people.extend(Byline(name=n, role=role) for n in _glued_names(tok))
    if need_role and not roles_seen:
        return ()
    return tuple(people)


@functools.lru_cache(maxsize=16384)
def byline_line(line: str) -> tuple[Byline, ...]:
    """A byline printed as a line of its own without brackets, with at least one role:
    `本报记者 王庆环`, `本报驻阿联酋记者林皎明`, `通讯员 王蕾 扬子晚报记者 周晓青`."""
    # `■本报记者 李明`: a mark some papers print before the byline line
    # `■本报记者 李明`, `——本报辽宁分社记者胡婧怡`: marks printed before a byline line
    f = fold(line).strip().lstrip("■□●◆◎★☆—-－―").strip()
    if "╱" in f or "∕" in f or "譯" in f or "\\" in f:
        f = f.replace("╱", "/").replace("∕", "/").replace("譯", "译").replace("\\", "/")  # (╱, ∕: slashes Taiwan's papers print)
    if "(" in f and _PINYIN_IN_CREDIT.search(f):
        f = _PINYIN_IN_CREDIT.sub("", f)  # `■本報(bào)記者 劉化迪`: a converter's reading aid
    if f[:2].isdigit() and (stamp := _TIME_STAMP.match(f)):
        f = f[stamp.end() :]  # `2026/01/27 15:08 駐日特派員林翠儀／東京27日報導`: when it was posted
    if f.endswith(")") and "》" in f and (where := _WHERE_PRINTED.search(f)):
        f = f[: where.start()].rstrip()  # `本报记者 崔丽 庄庆鸿 《 中国青年报 》( 2013年04月27日 04 版)`
        if re.fullmatch(r"[\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,4}){0,3}", f) and all(has_surname(n) for n in f.split()):
            return tuple(Byline(n) for n in f.split())  # `董興生《中國青年報》(2014年09月21日02版)`
    if ",、" in f:
        f = f.replace(",、", "、")  # `新華社記者甲,、乙`: a copy whose every comma was doubled
    if "+" in f:
        f = re.sub(r"(?<=[\u4e00-\u9fff])\+(?=记者)", "", f)  # `现代快报/现代+记者 X`: the app's name
    if "-" in f[:12] and (hyphened := _NEWSROOMS_HYPHENED.match(f)):
        f = f"{hyphened.group(1)}/{f[hyphened.end(1) + 1 :]}"  # `成都商报-红星新闻记者 袁野`: the paper and its app
    # a mark lost to a wrong encoding before the role: `N海都记者 陈文浩`
    if f[:1].isascii() and f[:1].isalpha() and re.match(r"^[A-Za-z][\u4e00-\u9fff]{0,8}(记者|通讯员|邦邦)", f):
        f = f[1:]
    if f.endswith("报道") and (reported := _NAMES_REPORTED.fullmatch(f)) and all(has_surname(n) for n in reported.group(1).split()):
        return tuple(Byline(n) for n in reported.group(1).split())  # `黄伟杰 报道` (联合早报): the reporter
    if f.endswith(("整理", "编译", "摄影报道")):
        # `何白 整理`, `吕依霖 摄影报道`: who put it together (or took the photos and wrote it)
        m = re.fullmatch(r"((?:[\u4e00-\u9fff·]{2,4}\s+){0,3}[\u4e00-\u9fff·]{2,4})\s*(?:整理|编译|摄影报道)", f)
        if m and all(has_surname(n) for n in m.group(1).split()):
            return tuple(Byline(n) for n in m.group(1).split())
    # `记者昂莹莹文/图`: the writer's mark glued to the name
    if f.endswith(("文/图", "图/文", "文/摄", "摄/文", "文并摄", "文并图")):  # (the pattern's lookbehind is slow on every line)
        f = re.sub(r"(?<=[\u4e00-\u9fff])(文/图|图/文|文/摄|摄/文|文并摄|文并图)$", r" \1", f)
    affiliated = _NAME_AND_AFFILIATION.fullmatch(f) if len(f) <= 24 else None
    if affiliated and has_surname(affiliated.group(1)):
        return (Byline(affiliated.group(1)),)  # `孙宝启 中国农业大学教授`: the writer and what they are
    described = _NAME_WITH_NOTE.fullmatch(f.lstrip("■□ ")) if f.endswith(")") else None
    if described and has_surname(described.group(1)):
        return (Byline(described.group(1)),)  # `■ 王五(作者系市作协会员)`: the writer, what they are
    # `吴昌松  龚玉(实习)`: names closing a piece, a note on what the last writer is
    m = re.fullmatch(r"((?:[\u4e00-\u9fff·]{2,4}\s+){0,3}[\u4e00-\u9fff·]{2,4})\s*\((?:实习|实习生|见习)\)", f) if f.endswith(")") else None
    if m and all(has_surname(n) for n in m.group(1).split()):
        return tuple(Byline(n) for n in m.group(1).split())
    filed = _FILED_FROM.fullmatch(f) if f.endswith(("报导", "报道")) else None
    if filed and all(has_surname(n) and not _role_token(n) for n in re.split(r"[、\s]+", filed.group(1))):
        # `張三／台北報導`, `張三、李四/綜合報導` (中國時報): the reporters and where they filed from
        return tuple(Byline(n) for n in re.split(r"[、\s]+", filed.group(1)))
    marked = None
    if line.strip()[:1] in "■□":
        # `□读者 张建华(武汉市江岸区)`: where the writer lives, in brackets after the name
        g = re.sub(r"(?<=[\u4e00-\u9fff])\s*\([\u4e00-\u9fff]{2,12}\)$", "", f) if f.endswith(")") else f
        marked = _DESCRIBED_WRITER.fullmatch(g) or _DESCRIBED_WRITER.fullmatch(_spaced_pair(g))
    if marked and all(has_surname(n) for n in marked.group(2).split()):
        # `□热心读者 石晓峰`, `■特约撰稿人 王明`: the mark of a byline line, who they are, the name
        return tuple(Byline(n, marked.group(1)) for n in marked.group(2).split())
    if "读者" in f[:6] and (reader := _READER_LINE.fullmatch(f)) and has_surname(reader.group(2)):
        return (Byline(reader.group(2), reader.group(1)),)  # `读者 吴建国` over a reader's letter: its writer
    if len(f) > 80 or not _ROLE_HINT.search(f):
        return ()
    pipe = re.match(r"^(作者|文|撰文|记者|采写)\s*[|｜丨]\s*(\S.*)$", f)
    if pipe:  # `作者|黄依琳`: a role and a bar, as a colon (and so for the fields after it)
        f = f"{pipe.group(1)}:" + re.sub(r"(编辑|责编|责任编辑|校对|审核|摄影|图)\s*[|｜丨]\s*", r"\1:", pipe.group(2))
    credit = re.match(r"^[^。:]{2,20}[,，]\s*(作者|撰文|文)\s*:\s*([\u4e00-\u9fff·]{2,4})\s*。?$", f)
    if credit:  # `机器之心原创,作者:微胖。`: whose piece it is, then its writer
        f = f"作者:{credit.group(2)}"
    if "|" in f:  # `北京日报客户端 | 记者 李如意`: where it was published, then the byline
        f = f.rsplit("|", 1)[1].strip()
    f = re.sub(r"^(讲述人|口述|讲述)\s*:\s*", "", f)
    f = re.sub(r"\s+(?:发自|發自)\s*[\u4e00-\u9fff]{2,8}$", "", f)  # `南都记者 张晓明 发自北京`
    # `新京报记者 张三 编辑 李四 校对 王五`: the editors and proofreaders are no byline
    f = _EDITORS_AFTER.sub("", f)
    if not f:
        return ()  # (most lines: a sentence, or no role named; checked first, it is the hot path)
    # `作者:王大明(江南大学教授)`: what the writer is, in brackets after the name
    f = re.sub(r"^((?:作者|撰文|文)\s*:\s*[\u4e00-\u9fff·]{2,4})\s*\([^()]{2,24}\)$", r"\1", f)
    m = _SINGLE_COLON_ROLE.fullmatch(f)
    if m and len(_COLON_ROLE.findall(f)) < 2:  # 记者:郭鲲, 作者:邓毅富, 撰文:沙半山
        role = m.group(1) if m.group(1) in ("记者", "通讯员", "撰稿") else "作者"
        f = f"{role} {m.group(2)}"
    elif len(_COLON_ROLE.findall(f)) >= 2 and len(f) <= 80:
        # `记者:刘贤沛 侯玉晓 见习记者:林敏儿 实习生:梁颖岚 编辑:冯奕然`: each role with its
        # names; the editors are no byline
        f = re.sub(r"\s*(编辑|责编|责任编辑|视频|出镜|文案|统筹)\s*:[^:]*$", "", f)
        f = re.sub(_COLON_ROLE, lambda m: f" {m.group(1)} ", f).strip()
    m = re.fullmatch(r"(?:\S{2,8}\s+)?((?:[\u4e00-\u9fff]{2,3}\s+){0,3}[\u4e00-\u9fff]{2,3})\s+(文/图|图/文|文图|文)", f)
    if m and not any(_role_token(n) for n in (*m.group(1).split(), *f[: m.start(1)].split())):  # `张帆 黄谨 文/图`, after a column's name: the writers
        named = f[: m.start(1)].split() + m.group(1).split()
        if len(named) > len(m.group(1).split()) and not (len(named[0]) <= 3 and has_surname(named[0])):
            named = named[1:]  # `邦邦 张帆 黄谨 文/图`: the column's name first
        return tuple(Byline(name=n) for n in named)
    both = _WROTE_AND_SHOT_SUFFIX.search(f) if f.endswith(("图", "摄", "文")) else None
    if both and _ROLE.search(f[: both.start()]):
        # `本报记者 张三 通讯员 李四 文/图`, `□记者 张三 文并摄`: they wrote it and took the photos
        people = _people(f[: both.start()].strip(), need_role=True)
        return people if 0 < len(people) <= 8 else ()
    m = _SLASHED_WRITER.fullmatch(f)
    if m:  # `文 / 焦惠标 《大公报》前助理总编辑`: the writer, then what they are
        return _people(m.group(1))
    f = re.sub(r"\s*\((?:实习|实习生|见习)\)", "", f)  # (`龚玉(实习)`: what the writer is)
    if not f or len(f) > 40 or re.search(r"[。!?;:,\"“”()]", f):
        return ()
    if re.search(r"摄影?$", f):
        # `本报记者 张三 文 李四 摄`: the writer's byline (the photographer is a photo credit)
        mixed = split_credit(f) if _ROLE_HINT.search(f[:-1]) else None
        return mixed[0] if mixed and any(b.role for b in mixed[0]) else ()
    people = _people(f, need_role=True)
    return people if len(people) <= 8 else ()


_NAMES_REPORTED = re.compile(r"((?:[\u4e00-\u9fff·]{2,4}\s+){0,2}[\u4e00-\u9fff·]{2,4})\s+报道")
_NEWSROOMS_HYPHENED = re.compile(r"([\u4e00-\u9fff]{2,8}(?:报|社|台|网))-(?=[\u4e00-\u9fff]{2,8}记者)")
_PINYIN_IN_CREDIT = re.compile(r"(?<=[\u4e00-\u9fff])\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")
_TIME_STAMP = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?\s+")
_WHERE_PRINTED = re.compile(r"\s*《\s*[^《》]{2,12}?\s*》\s*[(（]\s*\d{4}年\d{1,2}月\d{1,2}日\s*[A-Za-z]?\d{0,3}\s*版?\s*[)）]$")
_NAME_WITH_NOTE = re.compile(r"([\u4e00-\u9fff·]{2,4})\s*\((?:作者|笔者)?[系为是][^()]{2,30}\)")
_FILED_FROM = re.compile(r"([\u4e00-\u9fff·]{2,4}(?:[、\s]+[\u4e00-\u9fff·]{2,4}){0,4})\s*/\s*[\u4e00-\u9fff]{0,6}(?:\d{1,2}日)?报[导道]")
_EDITORS_AFTER = re.compile(r"(?<=\S)\s+(?:编辑|責編|责编|责任编辑|校对|校對|审核|审校|美编|终审|值班编辑)(?:\s*[:：]\s*|\s+)\S.*$")
_SPACED_PAIR_AT_END = re.compile(r"(?<=\s)([\u4e00-\u9fff])\s([\u4e00-\u9fff])$")


def _spaced_pair(f: str) -> str:
    """`楚天都市报评论员 周 然`: a two-character name spaced to line up with three, as one."""
    return _SPACED_PAIR_AT_END.sub(r"\1\2", f) if len(f) > 4 and f[-2:-1] == " " else f


_DESCRIBED_WRITER = re.compile(
    r"([\u4e00-\u9fff]{1,10}[者员人生师友民长家手官])\s+([\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,4}){0,3})"
)
# a reader who wrote in, on the line under the letter's title (unmarked): `读者 吴建国`, `热心读者 王芳`
_READER_LINE = re.compile(r"((?:本报)?(?:热心|老)?读者)\s*([\u4e00-\u9fff·]{2,3})")
# every byline line names a role (记者, 通讯员, 作者, 文/图 ...): lines without one are not read further
_ROLE_HINT = re.compile(r"记者|通讯员|实习生|摄影|撰稿|撰文|采写|作者|文|图|摄|组|编译|特派员|报道:|报导:")
# (`报道:陈丽芬` over `摄影:黄志明`, as Malaysian papers credit a story: its writer)
_SINGLE_COLON_ROLE = re.compile(r"(记者|通讯员|撰稿|撰文|采写|文|作者|报道|报导)\s*:\s*(\S.{0,30})")
_WROTE_AND_SHOT_SUFFIX = re.compile(r"\s+(?:文/图|图/文|文/摄|摄/文|文图|图文|文并摄|文并图)$")
_SLASHED_WRITER = re.compile(
    r"(?:文|撰文|作者|图文|文图)\s*/\s*((?:[\u4e00-\u9fff·]{2,4}[\s、]+){0,3}[\u4e00-\u9fff·]{2,4})(?:\s+[^。!?;,\"“”()]{2,40})?"
)
# `……生态休闲公园。记者 许诚 文/摄`: the writer who took the photos too, after the last sentence
WRITER_PHOTOGRAPHER_AT_END = re.compile(
    r"(?:^|(?<=[。!?”]))\s*((?:[\u4e00-\u9fff]{0,8}记者\s*)?[\u4e00-\u9fff·]{2,4}(?:[\s、][\u4e00-\u9fff·]{2,4}){0,3})"
    r"\s*(?:文\s*/\s*摄|文\s*/\s*图|图\s*/\s*文|摄\s*/\s*文|文图|图文)$"
)
_COLON_ROLE = re.compile(r"(记者|见习记者|实习记者|实习生|通讯员|摄影|撰文|作者)\s*:\s*")


_REPORTED_LINE = re.compile(r"((?:[\u4e00-\u9fff]{2,3}[、\s])*[\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff]{6})\s*报道")


def reported_by_line(line: str) -> tuple[Byline, ...]:
    """A photo story's or feature's credit line `乔天富张军荣报道`, `王强、李明报道`: names and 报道.
    Two names run together are split 3+3; a lone two-character name (北京报道) is too likely a place."""
    f = fold(line).strip()
    m = _REPORTED_LINE.fullmatch(f)
    if not m:
        return ()
    text = m.group(1)
    names = [n for n in re.split(r"[、\s]", text) if n]
    if len(names) == 1:
        if len(text) == 6:
            names = [text[:3], text[3:]]
        elif len(text) != 3:
            return ()
    if any(_NOT_A_NAME.search(n) for n in names):
        return ()
    return tuple(Byline(n) for n in names)


# --------------------------------------------------------------------------- photo credits

# what a photo credit may carry after it in brackets: the picture agency, or a note
# (`新华社记者 官天一摄(传真照片)`, `新华社记者 王军 摄(附图片)`)
_AFTER_PHOTO_CREDIT = "下同|人民视觉|人民图片|视觉中国|新华社发|中新社发|新华社|中新社|附图片|附照片|传真照片|资料图片|资料照片|资料图|无人机照片"
_PHOTO_EXCLUDED = re.compile(r"(拍|航|所|自|偷|抓|跟|遥|摄)摄$")
_WROTE_AND_SHOT = re.compile(r"(?:文\s*[、/并]\s*(?:摄影?|图)|(?:摄影?|图)\s*[、/]\s*文|文图|图文)$")


@functools.lru_cache(maxsize=16384)
def is_photo_credit(inner: str) -> bool:
    """`沈生华 摄`, `新华社记者李学仁摄`, `本报记者 刘可 摄`, `图/张三`, `摄影 李四`."""
    f = fold(inner).strip()
    if "\\" in f:
        f = f.replace("\\", "/")  # (`记者 叶海 文\摄`: a backslash for the slash)
    f = re.sub(rf"\s*[(（](?:{_AFTER_PHOTO_CREDIT})[)）]$", "", f)
    if _PHOTO_EXCLUDED.search(f) or _WROTE_AND_SHOT.search(f):
        return False  # (`陈大春/文、摄`, `王建成 文/图`: the writer took the photos too: a byline)
    if split_credit(f):
        return False  # writers and a photographer in one credit: a byline with a photo credit
    m = re.fullmatch(r"(.{2,30}?)\s*/?\s*(摄影?|供图|图)", f)
    if m:
        who = m.group(1).strip()
    else:
        m = re.fullmatch(r"(摄影|图|图片)\s*[/:]\s*(.{2,30})|(摄影)\s+(.{2,30})", f)
        if not m:
            return False
        who = (m.group(2) or m.group(4)).strip()
    if _wire_source(who) or who in _WIRE_AGENCIES:
        return True
    if who in ("本报记者", "记者", "本报摄影记者", "摄影记者", "本台记者", "本刊记者"):
        return True  # `(本報記者攝)`: the paper's photographer, unnamed
    # a name with no role must look like one: `沈生华 摄`, not `示意图`, `(见右图)` (the agency
    # that sent it is no name: `中新社發 王辛莉 攝`)
    people = [b for b in _people(who) if not (is_outlet(b.name) or b.name.endswith("发") and is_outlet(b.name[:-1]))]
    return bool(people) and (any(b.role for b in people) or all(has_surname(b.name) for b in people))


_NOT_CREDIT_LINE = re.compile(r"[。!?;,，；！？\"“”]")
_CREDIT_LINE = re.compile(r"[\u4e00-\u9fff·]{2,12}(?:\s+[\u4e00-\u9fff·、]{2,12}){0,3}\s*/?\s*摄")
_BRACKETED = re.compile(r"[(（]([^()（）]{2,40})[)）]")
# `尹以祜摄`, `新华社记者 鞠鹏 摄`, `本报记者 王波 通讯员 刘潇 朱燕君 摄` at the end of a line
_CREDIT_AT_LINE_END = re.compile(
    r"(?:^|(?<=[。!?！？”\s|]))((?:(?:[\u4e00-\u9fff]{2,8}(?:记者|通讯员)\s*)?[\u4e00-\u9fff·]{2,4}"
    r"(?:\s*[、\s]\s*[\u4e00-\u9fff·]{2,4}){0,3}\s*){1,3}/?\s*摄"
    rf"(?:\s*[(（](?:{_AFTER_PHOTO_CREDIT})[)）])?)\s*[|｜]?\s*$"
)


_ROLE_TOKEN_IN_CREDIT = re.compile(r"(?<=\s)[\u4e00-\u9fff]{0,8}(?:记者|通讯员)")


@functools.lru_cache(maxsize=16384)
def take_photo_credits(text: str) -> tuple[str, tuple[str, ...]]:
    """Photo credits out of a line or paragraph: (the text without them, the credits as printed).

    Bracketed anywhere (`(沈生华 摄)`), or bare at the end of the line (`尹以祜摄`)."""
    found: list[str] = []

    def bracketed(m: re.Match) -> str:
        if is_photo_credit(m.group(1)):
            found.append(m.group(1).strip())
            return ""
        return m.group(0)

    out = _BRACKETED.sub(bracketed, text) if ("摄" in text or "图" in text or "攝" in text or "圖" in text) else text
    folded = fold(out)
    if "摄" not in folded and "图" not in folded:  # what every test below needs: most lines have neither
        return out.strip(), tuple(found)
    whole = folded.strip()
    if _CREDIT_LINE.fullmatch(whole) and not _PHOTO_EXCLUDED.search(whole) and not _WROTE_AND_SHOT.search(whole):
        return "", (*found, out.strip())  # `市六小记者站 王世佺 摄`: the line is the credit
    if len(whole) <= 30 and ("图" in whole or "摄影" in whole) and not _NOT_CREDIT_LINE.search(whole) and is_photo_credit(whole):
        return "", (*found, out.strip())  # `张志嵩/图`, `摄影:记者 冯玉坤`: the line is the credit
    m = _CREDIT_AT_LINE_END.search(folded, max(0, len(folded) - 80))  # a credit is short: the tail only
    if m and is_photo_credit(m.group(1)):
        start = m.start(1)
        role = _ROLE_TOKEN_IN_CREDIT.search(folded, start, m.end(1))
        if role and role.start() > start:
            start = role.start()  # (`……如期举行 新民晚报记者 徐程 摄`: the caption's words end before the role)
        found.append(out[start : m.end(1)].strip())
        out = out[:start]
    return out.strip(), tuple(found)


# --------------------------------------------------------------------------- credits in the lead

_LEAD_CREDIT = re.compile(
    r"^[【\[]?((?:[\u4e00-\u9fff]{2,10}[-－—])?[\u4e00-\u9fff]{0,10}讯[】\]]?|据?(本报|新华社|中新社|新华网|中新网|人民网|人民日报)\S{0,14}?[电讯]|[\u4e00-\u9fff]{2,10}?电"
    r"|[\u4e00-\u9fff]{1,8}(?:网|在线|台|客户端|新闻)[\u4e00-\u9fff]{0,6}?\d{1,2}月\d{1,2}日(?:讯|电|消息)"
    # any agency's dated dispatch, its place before or after the name: 香港中通社9月27日电, 路透社东京5日电
    r"|[\u4e00-\u9fff]{0,4}?[\u4e00-\u9fff]{1,4}社[\u4e00-\u9fff·]{0,10}?(?:\d{1,2}月)?\d{1,2}日(?:专)?电)[】\]]?\s*[(（]([^()（）]{2,80})[)）]"
)
_REPORTED_BY = re.compile(r"(?:电|\d日讯)\s*((?:[\u4e00-\u9fff]{0,8}记者)\s*[\u4e00-\u9fff·、\s]{2,40}?)报道")
# any lead mark, then who reported it, then 报道: `本报讯 记者许仲英报道:`, `本报讯 宋云达、赵桂林报道:`,
# `本报北京11月17日讯新华社记者李安定、中央人民广播电台记者刘振英、本报记者何加正报道:`
_MARK_THEN_REPORTED = re.compile(
    r"^[【\[]?(?:[\u4e00-\u9fff]{0,10}讯|据?[\u4e00-\u9fff·]{2,16}?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:专)?[电讯])[】\]]?"
    r"\s*([\u4e00-\u9fff·、,\s]{2,70}?)\s*报[道导]\s*(?=[:：]|\s)"
)


_CREDIT_ROLE_WORD = r"(?:本报|[\u4e00-\u9fff]{2,8}?(?:报|社|台|网))?(?:驻[\u4e00-\u9fff]{1,6})?(?:见习|实习|特约|特派|首席|全媒体|融媒体?)?(?:记者|通讯员)|实习生"
_MARK_THEN_CREDIT = re.compile(
    r"^[【\[]?(?:[\u4e00-\u9fff]{0,10}讯|据?[\u4e00-\u9fff·]{2,16}?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:专)?[电讯])[】\]]?\s*"
    rf"((?:(?:{_CREDIT_ROLE_WORD})\s*[\u4e00-\u9fff·]{{2,4}}(?:[、\s]\s*[\u4e00-\u9fff·]{{2,4}}){{0,3}}\s+)+)(?=\S)"
)


_MARK_ROLE_NAME_TEXT = re.compile(
    r"^(?:[\u4e00-\u9fff]{0,10}讯|[\u4e00-\u9fff·]{2,16}?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:专)?[电讯])"
    r"\s*((?:本报|[\u4e00-\u9fff]{2,8}?(?:报|社|台|网))?(?:见习|实习|特约|首席)?记者)([\u4e00-\u9fff]{2,3}?)"
    # (and a correspondent after: `茂名晚报讯记者柯泽彪通讯员杨振文近日,…`)
    r"(?:(通讯员|实习生)([\u4e00-\u9fff]{2,3}?))?"
    r"(?=今天|昨天|昨日|今日|日前|近日|前天|前日|近期|\d{1,2}日|在|从|到|随)"
)


@functools.lru_cache(maxsize=4096)
def lead_credit(lead: str) -> tuple[tuple[Byline, ...], str, str | None]:
    """Credits printed inside a lead: `本报讯(记者许黎娜 实习生周旭娇)`,
    `新华社北京1月1日电(记者 张三)`, `本报费城10月30日电记者陈特安、李云飞报道：`.
    Returns (people, the credit as printed, wire source)."""
    raw = lead.strip()[:200]
    f = fold(raw)

    def printed(m: re.Match, group: int) -> str:
        if len(f) == len(raw):
            return raw[m.start(group) : m.end(group)].strip()
        # folding changed lengths (…… -> ......): map folded positions back, character by character
        where: list[int] = []
        for i, c in enumerate(raw):
            # (a Chinese character folds to one; only punctuation and the like may not)
            where.extend([i] * (1 if "\u4e00" <= c <= "\u9fff" else len(fold(c))))
        where.append(len(raw))
        return raw[where[m.start(group)] : where[m.end(group)]].strip()

    m = _LEAD_CREDIT.match(f)
    if m:
        inner = m.group(3).strip()
        wire = _wire_source(inner)
        if wire:
            return (), printed(m, 3), wire
        people = _people(inner)
        if people:
            return people, printed(m, 3), None
    m = _REPORTED_BY.search(f[:60])
    if m:
        people = _people(m.group(1).strip(), need_role=True)
        if people:
            return people, printed(m, 1), None
    m = _MARK_THEN_CREDIT.match(f)
    if m:
        # `本报讯 记者 王丽 通讯员 陈刚 近日,…`, `新华社北京1月8日电 记者张明 李强 今天…`: roles
        # and names set apart by spaces, then the text
        people = _people(m.group(1).strip(), need_role=True)
        if people and all(has_surname(b.name) for b in people):
            return people, printed(m, 1), None
    m = _MARK_ROLE_NAME_TEXT.match(f)
    if m and has_surname(m.group(2)) and (not m.group(4) or has_surname(m.group(4))):
        # `本报北京7月7日讯记者潘岗今天从…`: the name ends where the report's time or place begins
        people = (Byline(m.group(2), _role_name(m.group(1))),)
        if m.group(4):
            people += (Byline(m.group(4), m.group(3)),)
        return people, f[m.start(1) : m.end(4) if m.group(4) else m.end(2)], None
    m = _MARK_THEN_REPORTED.match(f)
    if m:
        people = _people(_place_off_last_name(m.group(1).strip()))
        # names printed with no role must look like names (a surname first)
        if people and all(b.role or has_surname(b.name) for b in people):
            return people, printed(m, 1), None
    m = _MARK_ONLY.match(f)
    if m and ":" in f[m.end() : m.end() + 12] and (glued := colon_credit_opening(f[m.end() :])):
        return glued[0], glued[1], None  # `本报讯 记者:张红 实习生:刘思远 今天起,…`
    return (), "", None


_MARK_ONLY = re.compile(
    r"^[【\[]?(?:[\u4e00-\u9fff]{0,10}讯|据?[\u4e00-\u9fff·]{2,16}?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月)?"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:专)?[电讯])[】\]]?\s*"
)


# a reporter's credit and 报道: (a colon) after a sentence's end or a space, with or without a lead
# mark before it: `本报合肥4月25日电 记者王启明、刘杰报道:`, `本报讯 新华社记者甲、本报记者乙报道:`,
# `本报记者陆珂报道:`
_DISPATCH_REPORTED = re.compile(
    r"(?:^|(?<=[\s。!?”」】\]]))(?:本报讯|[\u4e00-\u9fff]{2,10}?(?:(?:\d{1,2}|[一二三四五六七八九十]{1,3})月)?"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})日(?:专)?[电讯])?\s*"
    r"(?!据)((?:(?:本报|新华社|中新社|[\u4e00-\u9fff]{2,8}?(?:报|社|台|网))?(?:驻[\u4e00-\u9fff]{1,6})?(?:见习|实习|特约|特派|首席)?"
    r"记者\s*[\u4e00-\u9fff·]{2,7}(?:[、,]\s*[\u4e00-\u9fff·]{2,7})*[、,\s]*){1,4})报[道导]\s*[:：]"
)


def reported_dispatches(paragraph: str) -> list[tuple[tuple[Byline, ...], str]]:
    """Every `记者X报道:` credit in a paragraph that opens a dispatch: (people, as printed)."""
    if "记者" not in paragraph and "記者" not in paragraph:
        return []
    f = fold(paragraph)
    if "报道:" not in f and "报导:" not in f:
        return []  # (the credit ends in 报道 and a colon: most paragraphs have none)
    found = []
    for m in _DISPATCH_REPORTED.finditer(f):
        people = _people(_place_off_last_name(re.sub(r"[,\s]+", "、", m.group(1).strip(" 、,"))), need_role=True)
        if people and all(has_surname(b.name) for b in people):
            found.append((people, m.group(1).strip() + "报道"))
    return found


_BARE_NAME_AT_END = re.compile(r"(?<=[。!?！？”])\s*([\u4e00-\u9fff]{2,3}(?:[、\s][\u4e00-\u9fff]{2,3})?)$")


# A name does not start with a pronoun or a connective, nor end with a verb of saying:
# `……好。”他说` and `……。据悉` are text, not bylines.
# (nor a form of address or a place: `……”张阿姨`, `高新区 梁溪区`)
_NOT_A_NAME = re.compile(
    r"^[他她它我你您这那此该其据并但而也都还又就在是有和与及等如若即则共]|[说道称讲问答悉示]$"
    r"|(?:阿姨|先生|女士|大爷|大妈|师傅|老师|同学|[区县市镇乡村局厅站馆])$"
)


# words a web page puts where a writer's name would be: a poster's rank, the site's staff
_NOT_NAMES = frozenset(
    "创始人 管理员 小编 编辑 记者 作者 网友 匿名 游客 楼主 本站 站长 佚名 admin 谢谢 感谢 再见 完毕 手记 "
    "公众号 二维码 客户端 微信 微博 收藏 点赞 分享 打印 转发 关闭 返回".split()
)


# Surnames, simplified and Traditional (the 百家姓's common ones and a few compound ones): a name
# printed with no role (`……表示满意。王晓明`, `□ 王丹鷹`, a name under a title) must start with one,
# so a short title line (排险, 荡秋千) or a word is not taken for a person.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶"
    "解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原"
    "栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕"
    "危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由張劉陳楊黃趙吳孫馬鄭謝韓馮鄧蕭葉蘇呂蔣盧鍾譚陸賈韋鄒閻龍賀顧龔萬錢嚴湯溫齊喬龐顏聶歐關蘭紀畢單塗駱藍遊"
    "鮑饒寧項連蘆婁竇費衛欒閔邊師鄺談樂儲勞藺樓區闞權強帥豐計鄔賴魯榮鞏羅許鐘閆莊華陽時農繆簡車麥黨應叢遲荊諶滿聞厲蓋練國晉門雲來闕烏況鮮諸戰銀賓陰堯閉範及蒯乜邴郏厍笪糜訾逄麴闾郗宓汲呙"
    "郦禤庹钮荀羿郇郄竺揣皋缑郯暴么甯隗昌丘帖粘禄靖鄂庾殳牧弓璩步钭蔚茆苍莘綦谯邾勇佴昂菅寿库冒能汝萨神双水税习萧言仰要宇郧招"
)
COMPOUND_SURNAMES = frozenset("欧阳 司马 上官 诸葛 东方 皇甫 令狐 公孙 慕容 尉迟 长孙 宇文 司徒 夏侯 轩辕 端木 独孤 南宫 闻人 万俟 澹台 申屠 太史 西门 呼延 欧陽 司馬 諸葛 東方 公孫 長孫 軒轅 獨孤 聞人".split())


def has_surname(name: str) -> bool:
    """Does ``name`` (2-4 characters, or a foreign name with ·) start with a surname?"""
    if "·" in name or "•" in name:
        return True
    return name[:1] in SURNAMES or name[:2] in COMPOUND_SURNAMES


def _names(text: str, *, one_surname: bool = False) -> tuple[Byline, ...]:
    """Bare names, each starting with a surname (``one_surname``: names set apart together after
    the last sentence, `…团聚。 蕈漩 庄剑翔`, need one surname between them: a pen name may have none)."""
    names = [n for n in re.split(r"[、\s]", text) if n]
    if not names or any(_NOT_A_NAME.search(n) or n in _NOT_NAMES for n in names):
        return ()
    if one_surname and len(names) > 1 and any(has_surname(n) for n in names):
        return tuple(Byline(n) for n in names)
    if not all(has_surname(n) for n in names):
        return ()
    return tuple(Byline(n) for n in names)


# characters a pen name does not hold: function words, dates, the page's own words
_NOT_IN_PEN_NAME = re.compile(r"[的了是在和与及等就都也还又而但或之其这那些个们年月日时分图文摄编辑版页完续注附见稿报网社讯电闻记者员"
                              r"市区县镇乡村街路省国局厅站馆院所会部委办题链阅荐享评击返顶印闭更藏赞赏转载复制登录注册扫码微博客端号]")


def _pen_name(text: str) -> bool:
    """A writer's pen name on its own after the last paragraph (`晓晖`, `舒心`): two or three
    characters that are no word of the page (`完`, `待续`, `编辑`, a place)."""
    return (
        2 <= len(text) <= 3
        and text not in _NOT_NAMES
        and text not in _EDITORIAL_NOTES
        and not _NOT_A_NAME.search(text)
        and not _NOT_IN_PEN_NAME.search(text)
    )


# a writer's name and what they are, closing a column: `鄧咏駿 新青年論壇`, `王明 南京大学教授`
_NAME_AND_AFFILIATION = re.compile(
    r"([\u4e00-\u9fff]{2,3})\s+[\u4e00-\u9fff]{2,12}?"
    r"(论坛|論壇|学会|學會|协会|協會|大学|大學|学院|學院|研究院|研究所|研究员|研究員|教授|作家|学者|學者|评论员|評論員|专栏作家|專欄作家)"
)


def role_byline_after_last_sentence(paragraph: str) -> tuple[str, tuple[Byline, ...], str]:
    """`……化为美好现实!本报记者 汤晓峰 朱文君`: a byline with its role straight after the last
    sentence, no brackets. Returns (text before, people, the byline as printed)."""
    f = fold(paragraph).strip()
    if len(f) != len(paragraph.strip()):
        return paragraph, (), ""
    m = re.search(r"[。!?”」』](?=[^。!?”」』]{2,40}$)", f)
    if not m:
        return paragraph, (), ""
    tail = f[m.end() :].strip().lstrip("■□●")
    people = byline_line(tail) if _ROLE.match(tail) or tail.startswith(("记者", "通讯员")) else ()
    if not people:
        return paragraph, (), ""
    return paragraph.strip()[: m.end()], people, paragraph.strip()[m.end() :].strip()


def bare_name_after_last_sentence(paragraph: str) -> tuple[str, tuple[Byline, ...]]:
    """`……表示满意。王晓明` or a last paragraph that is only a name: (text before, people)."""
    f = fold(paragraph).strip()
    m = _NAME_AND_AFFILIATION.fullmatch(f)
    if m:
        people = _names(m.group(1))
        return ("", people) if people else (paragraph, ())
    if re.fullmatch(r"[\u4e00-\u9fff]{2,3}(?:[、\s][\u4e00-\u9fff]{2,3})?", f):
        people = _names(f)
        if not people and _pen_name(f):
            people = (Byline(f),)  # `晓晖` alone after the last paragraph: a pen name, no surname
        return ("", people) if people else (paragraph, ())
    m = _BARE_NAME_AT_END.search(f)
    if m:
        people = _names(m.group(1), one_surname=m.start(1) > m.start() and " " in m.group(1))
        if people:
            return paragraph.strip()[: m.start(1)].rstrip(), people
    return paragraph, ()


# `……成为时代的印记。 周铭鲁 图 解雯贇 整理`: after the last sentence and a space, who did what,
# each name (or names) followed by its part: 文, 图, 摄, 整理 ...
_MARKED_PARTS_AT_END = re.compile(
    r"(?:^|(?<=[。!?”」』])\s+)((?:[\u4e00-\u9fff·]{2,4}(?:[、\s][\u4e00-\u9fff·]{2,4}){0,3}\s*"
    r"(?:文/图|图/文|文/摄|摄影|整理|编译|撰文|文|图|摄)\s*){1,3})$"
)
_MARKED_PART = re.compile(r"([\u4e00-\u9fff·、\s]+?)\s*(文/图|图/文|文/摄|摄影|整理|编译|撰文|文|图|摄)(?=\s|$)")
_PHOTO_PARTS = frozenset(("图", "摄", "摄影"))


def marked_parts_at_end(paragraph: str) -> tuple[str, tuple[Byline, ...], tuple[str, ...], str] | None:
    """`……的印记。 周铭鲁 图 解雯贇 整理`: the credits after the last sentence, each name with
    its part: (text before, writers, photo credits as printed, the credits as printed), or
    None. Every name must start with a surname; a photographer alone is no writer."""
    f = fold(paragraph).rstrip()
    if len(f) != len(paragraph.rstrip()) or not f.endswith(("文", "图", "摄", "影", "理", "译")):
        return None
    m = _MARKED_PARTS_AT_END.search(f, max(0, len(f) - 40))
    if not m:
        return None
    writers: list[Byline] = []
    photos: list[str] = []
    for names, part in _MARKED_PART.findall(m.group(1)):
        found = [n for n in re.split(r"[、\s]+", names) if n]
        if not found or not all(has_surname(n) and 2 <= len(n) <= 4 and not _NOT_A_NAME.search(n) for n in found):
            return None
        if part in _PHOTO_PARTS:
            photos.append(f"{' '.join(found)} {part}")
        else:
            writers.extend(Byline(n) for n in found)
    if not writers:
        return None
    return f[: m.start(1)].rstrip(), tuple(writers), tuple(photos), m.group(1).strip()


# a credit opening the text on the same line: `记者 胡肖飞 文/摄 2月27日,…`, `記者王超群∕台北報導 總統…`
_LEADING_CREDIT = re.compile(
    r"([^\s,，。:：!?]{2,16}(?:\s+[^\s,，。:：!?]{1,12}){0,5}?)\s*"
    r"(/\s*[\u4e00-\u9fff]{0,6}报[导道]|\s(?:文/摄|文/图|图/文|摄/文|文图|图文|文并摄))\s+(?=\S)"
)


def leading_credit(paragraph: str) -> tuple[tuple[Byline, ...], str, str] | None:
    """(people, the credit as printed, the text after it) for a paragraph that opens with its
    reporters' credit and goes straight on with the story; None when it does not."""
    f = fold(paragraph).strip()
    if "╱" in f[:40] or "∕" in f[:40]:
        f = f.replace("╱", "/").replace("∕", "/")
    if not ("记者" in f[:20] or "通讯员" in f[:20]):
        return None
    if ":" in f[:12] and (glued := colon_credit_opening(f)):
        people, printed, rest = glued
        raw = paragraph.strip()
        return people, printed, (raw if len(raw) == len(f) else f)[len(f) - len(rest) :]
    m = _LEADING_CREDIT.match(f)
    if not m:
        return None
    people = byline_line(m.group(0).strip())
    if not people or not any(b.role for b in people):
        return None
    raw = paragraph.strip()
    return people, m.group(0).strip(), (raw if len(raw) == len(f) else f)[m.end() :]


# `特约记者:包首玉 通讯员:田聪 近日,…`: roles with colons and their names opening the text, the
# story going on straight after the last name (a web copy that lost the credit's line break)
_COLON_ROLE_AT = re.compile(r"((?:特约|见习|实习|首席|本报)?记者|(?:特约)?通讯员|实习生)\s*:\s*")
_TEXT_OPENER = re.compile(
    r"(?:本报讯|近日|日前|近期|昨天|昨日|昨晚|今天|今日|今年|去年|前天|当天|连日|目前|清晨|凌晨|上午|下午|晚上|随着|为了|为|在|从|据|由|\d|"
    r"[一二三四五六七八九十]{1,3}月|[“「(])"
)


def colon_credit_opening(text: str) -> tuple[tuple[Byline, ...], str, str] | None:
    """(people, the credit as printed, the text after it) for folded ``text`` that opens with
    `ROLE:NAMES` credits and goes on with the story; None when the names cannot be told from the
    text (the last name glued to a word that does not open a sentence)."""
    at = 0
    people: list[Byline] = []
    while (m := _COLON_ROLE_AT.match(text, at)) :
        role, start = _role_name(m.group(1)), m.end()
        following = _COLON_ROLE_AT.search(text, start, start + 16)
        if following:  # names up to the next role
            names = [n for n in re.split(r"[、\s]+", text[start : following.start()]) if n]
            split = [x for n in names for x in _glued_names(n)]
            if not split or not all(2 <= len(n) <= 4 and has_surname(n) for n in split):
                return None
            people.extend(Byline(n, role) for n in split)
            at = following.start()
            continue
        named, end = [], start
        for tok in re.finditer(r"([\u4e00-\u9fff·]{2,4})(?:[、\s]+|(?=\s*$))", text[start:]):
            if tok.start() != end - start or not has_surname(tok.group(1)) or _TEXT_OPENER.match(tok.group(1)) or len(named) == 4:
                break
            named.append(tok.group(1))
            end = start + tok.end()
        if named and end < len(text):  # `记者:张三 李四 本报讯…`: names set apart, then the text
            people.extend(Byline(n, role) for n in named)
        else:
            cut = next(
                (k for k in (3, 2) if has_surname(text[start : start + k]) and _TEXT_OPENER.match(text, start + k)),
                None,
            )
            if cut is None or not re.fullmatch(r"[\u4e00-\u9fff]{2,3}", text[start : start + cut]):
                return None
            people.append(Byline(text[start : start + cut], role))
            end = start + cut
        rest = text[end:].strip()
        return (tuple(people), text[:end].strip(), rest) if people and len(rest) >= 10 else None
    return None


# an agency's desk note closing a dispatch, then its code: `(譯者:顧荃/核稿:劉文瑜)1100201`
_DESK_NOTE = re.compile(r"[(（]((?:[^()（）:：]{1,4}\s*[:：]\s*[^()（）/]{2,12}/?){1,3})[)）]\s*(?:\d{6,8}(?!\d)|$)")


def desk_note_credit(paragraph: str) -> tuple[str, tuple[Byline, ...], str, str] | None:
    """(text before, the translator or writer it names, the note as printed, what a page glued
    after it), or None. The editors and checkers a desk note names (編輯, 核稿) are no bylines."""
    if "核稿" not in paragraph and "譯者" not in paragraph and "译者" not in paragraph:
        return None
    f = fold(paragraph).rstrip()
    m = _DESK_NOTE.search(f)
    if not m:
        return None
    people = []
    for part in m.group(1).split("/"):
        role, _, name = part.partition(":")
        if role.strip() in ("译者", "譯者", "撰稿", "记者", "作者") and _NAME.match(name.strip()) and has_surname(name.strip()):
            people.append(Byline(name.strip(), "译者" if "译" in role or "譯" in role else role.strip()))
    if not people:
        return None
    raw = paragraph.rstrip() if len(paragraph.rstrip()) == len(f) else f
    return raw[: m.start()].rstrip(), tuple(people), raw[m.start() : m.end()].strip(), raw[m.end() :].strip()


def split_byline(paragraph: str) -> tuple[str, tuple[Byline, ...], str | None] | None:
    """Split a closing byline off a paragraph: (text before it, people, wire source)."""
    found = parse_byline_text(paragraph)
    if found is None:
        return None
    match = _byline_match(paragraph)
    assert match is not None
    return paragraph[: match[0]].rstrip(), found[0], found[1]




_CREDIT_KIND = {"文": "text", "撰文": "text", "撰稿": "text", "图文": "both", "文图": "both", "图": "photo", "摄": "photo", "摄影": "photo", "文/图": "both", "图/文": "both"}
_KIND_FIRST = re.compile(r"^(文/图|图/文|撰文|撰稿|摄影|文|图|摄)/(.*)$")
_KIND_LAST = re.compile(r"^(.*?)/(文/图|图/文|撰文|撰稿|摄影|文|图|摄)$")
# `撰稿:张三 摄影:李四`: each part with a colon, as with a slash
_COLON_PARTS = re.compile(r"(?:(?:撰稿|撰文|文字|文|报道|摄影|图片|图|摄)\s*:\s*[\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,4}){0,3}\s*){2,3}")


@functools.lru_cache(maxsize=4096)
def credit_line(line: str) -> tuple[tuple[Byline, ...], tuple[str, ...]] | None:
    """A credit line that names the writer and the photographer apart:
    `本报记者 王志浩/摄 实习生 张扬/文`, `文/记者 张三 图/记者 李四`, `文/张三 摄影/李四`.
    Returns (writers, photo credits as printed) or None."""
    f = fold(line).strip().lstrip("■□●◆◎★☆").strip()
    if ":" in f and _COLON_PARTS.fullmatch(f):
        f = re.sub(r"(撰稿|撰文|文字|文|报道|摄影|图片|图|摄)\s*:\s*", lambda m: {"文字": "文", "图片": "图", "报道": "文"}.get(m.group(1), m.group(1)) + "/", f)
    if "/" not in f or len(f) > 60 or re.search(r"[。!?;,:\"“”()]", f):
        return None
    f = re.sub(r"\s*/\s*", "/", f)
    segments: list[tuple[str, list[str], str]] = []  # (kind, name tokens, as printed)
    kind: str | None = None
    word = ""
    buf: list[str] = []
    for tok in f.split():
        first, last = _KIND_FIRST.match(tok), _KIND_LAST.match(tok)
        if first:
            if buf or kind:
                segments.append((kind or "", buf, f"{word}/{' '.join(buf)}"))
            kind, word, buf = _CREDIT_KIND[first.group(1)], first.group(1), [first.group(2)] if first.group(2) else []
        elif last:
            buf.append(last.group(1))
            names = [t for t in buf if t]
            segments.append((_CREDIT_KIND[last.group(2)], names, f"{' '.join(names)}/{last.group(2)}"))
            kind, buf = None, []
        else:
            buf.append(tok)
    if buf or kind:
        segments.append((kind or "", buf, f"{word}/{' '.join(buf)}"))
    if len(segments) < 2 or any(not k or not b for k, b, _ in segments):
        return None
    writers: list[Byline] = []
    photos: list[str] = []
    for k, b, printed in segments:
        people = _people(" ".join(b))
        if not people:
            return None
        if k == "photo":
            photos.append(printed)
        else:
            writers.extend(people)
    if not writers or not photos:
        return None
    return tuple(writers), tuple(photos)


_WIRE_CREDIT_LINE = re.compile(r"据\s*《?([\u4e00-\u9fff]{2,10}?)》?\s*(?:电|报道|消息)?")


@functools.lru_cache(maxsize=4096)
def wire_credit_line(line: str) -> str | None:
    """A closing credit on a line of its own without brackets: `据新闻联播`, `据新华社电`."""
    f = fold(line).strip()
    if len(f) > 16:
        return None
    m = _WIRE_CREDIT_LINE.fullmatch(f)
    return m.group(1) if m else None


_MARKER_KIND = {"文": "text", "图": "photo", "摄": "photo", "摄影": "photo", "文图": "text", "文/图": "text", "图/文": "text"}


@functools.lru_cache(maxsize=4096)
def split_credit(inner: str) -> tuple[tuple[Byline, ...], tuple[str, ...]] | None:
    """A credit that names writers and photographers in one: `张三 李四/文 王五/摄`,
    `文/张三 图/王五`, `记者 张三 文 王五 摄`, `记者 张三 摄影 王五`. Returns (writers, the
    photographers' credits as printed, folded), or None when no photographer is named apart."""
    f = re.sub(r"\s*/\s*", "/", fold(inner).strip())
    if "-" in f[:12] and (hyphened := _NEWSROOMS_HYPHENED.match(f)):
        f = f"{hyphened.group(1)}/{f[hyphened.end(1) + 1 :]}"  # `华西都市报-封面新闻记者 吴平 摄影 陈羽啸`
    if not f or len(f) > 60 or re.search(r"[。!?;:,()]", f):
        return None
    if "文/" in f and re.search(r"(?:摄影?|图)$", f):
        # `韩玲 文/宗晓东、吕枫 摄`: the slash parts the writer's 文 from the photographers named
        # after it (each part closed by its own mark), not `文/NAME` naming a writer
        f = re.sub(r"(?<=[\u4e00-\u9fff·])\s+文/(?=[^\s/]+\s*(?:摄影?|图)$)", " 文 ", f)
    toks: list[tuple[str, str]] = []
    for t in f.split():
        pre = re.fullmatch(r"(文/图|图/文|文图|摄影|文|图|摄)/(.+)", t)
        post = re.fullmatch(r"(.+?)/(文/图|图/文|摄影|文|图|摄)", t)
        if pre:
            toks += [("P", pre.group(1)), ("N", pre.group(2))]
        elif post:
            toks += [("N", post.group(1)), ("S", post.group(2))]
        elif t in _MARKER_KIND:
            toks.append(("M", t))
        else:
            toks.append(("N", t))
    segments: list[tuple[str, list[str]]] = []
    kind: str | None = None
    names: list[str] = []
    for n, (what, value) in enumerate(toks):
        if what == "N":
            names.append(value)
            continue
        marker = _MARKER_KIND[value]
        postfix = what == "S" or (what == "M" and names and kind is None and (
            n + 1 == len(toks) or value in ("文", "摄")
        ))
        if postfix:
            if not names:
                return None
            segments.append((marker, names))
            names, kind = [], None
        else:  # a marker that opens the names after it: 文/张三, 摄影 王五
            if names:
                segments.append((kind or "text", names))
                names = []
            kind = marker
    if names:
        segments.append((kind or "text", names))
    if not any(k == "photo" for k, _ in segments) or len(segments) < 2:
        return None
    writers: list[Byline] = []
    photos: list[str] = []
    for k, group in segments:
        people = _people(" ".join(group))
        if not people:
            return None
        if k == "photo":
            photos.append(" ".join(group) + " 摄")
        else:
            writers.extend(people)
    return (tuple(writers), tuple(photos)) if writers else None


def names_as_printed(people: list[Byline] | tuple[Byline, ...], raw: str) -> list[Byline]:
    """Names read from folded text, given back as the page prints them: folding reads 發 as 发
    to find 新華社電, but 沈汝發 stays 沈汝發 (roles stay in our vocabulary: 記者 -> 记者)."""
    if not people or not _HAS_TRADITIONAL_MARKER.search(raw):
        return list(people)
    # the marker fold is one character for one: a position in it is a position in ``raw``
    simple = raw.translate(_TRADITIONAL_MARKERS)

    def back(text: str | None) -> str | None:
        if not text or text in raw:
            return text
        at = simple.find(text)
        return raw[at : at + len(text)] if at >= 0 else text

    return [Byline(back(b.name) or b.name, b.role) for b in people]


# --------------------------------------------------------------------------- outlets credited

# news agencies and outlets a paper credits (据X, X电): the known names, and any name shaped like
# an agency, a paper, a station or a site (合众社, 法新社, 中央社, 华尔街日报, 某某客户端)
_KNOWN_OUTLETS = frozenset(
    (*_WIRE_AGENCIES, "央视", "中央社", "路透社", "美联社", "法新社", "合众社", "共同社", "塔斯社", "韩联社", "安莎社", "埃菲社", "新华社电", "中通社", "中评社")
)
_OUTLET_SHAPE = re.compile(
    r"[\u4e00-\u9fff]{1,4}社|[\u4e00-\u9fff]{2,10}(?:日报|晚报|时报|早报|晨报|商报|都市报|周刊|周报|新闻网|电视台|广播电台|客户端)"
    r"|[\u4e00-\u9fff]{1,6}(?:网|新闻)|[\u4e00-\u9fff]{2,10}(?<!举|通|汇|预|情|电|简|公|捷|喜|警)报(?:海外版)?"
)
_OPENING_COMBINED = re.compile(r"((?:本报)?综合[^,，。:：\s]{2,30}?)(?:报道|电|消息)")
_AGENCY_NAMES = tuple(sorted((k for k in _KNOWN_OUTLETS if k.endswith("社") and k != "新华社电"), key=len, reverse=True))
_NOT_OUTLETS = frozenset("本报社 报社 合作社 旅行社 出版社 杂志社 公社 结社 网 新闻 互联网 因特网 电网 管网 路网 这则新闻 有关新闻".split())
_CN_DAY = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"


def is_outlet(name: str) -> bool:
    name = name.strip("《》")
    return name not in _NOT_OUTLETS and (name in _KNOWN_OUTLETS or bool(_OUTLET_SHAPE.fullmatch(name)))


# `据美国《华尔街日报》二十三日报道`, `据合众社报道`, `【法新社巴黎12月21日电】`, `据央视新闻消息`
_OPENING_QUOTED_OUTLET = re.compile(r"^据\s*(?:[\u4e00-\u9fff]{1,4}?)?《([^《》]{2,14})》[^,，。]{0,16}?(?:报道|消息|电|称|说|讯)")
_OPENING_OUTLET = re.compile(
    rf"^[【\[]?据?\s*([\u4e00-\u9fff·]{{1,18}}?)(?:(?:{_CN_DAY}月)?{_CN_DAY}日)?(?:专)?(?:电|报道|消息)"
)


# a paper's own mark in brackets, with no date: `【金陵晚报报道】`, `【扬子晚报讯】` (an agency's
# dispatch carries its day: 【法新社巴黎12月21日电】)
_PAPER_OWN_REPORT = re.compile(r"^[【\[][\u4e00-\u9fff]{2,10}?(?:日报|晚报|晨报|早报|时报|商报|都市报|快报|青年报|法制报)(?:报道|讯)[】\]]")
_BRACKETED_OWN_MARK = re.compile(r"^[【\[][\u4e00-\u9fff]{2,8}讯[】\]]\s*")
# `《星期日快报》五日报道`, `【日本《每日新闻》11月5日报道】`: an outlet in title marks, its report
_OPENING_QUOTED_OWN = re.compile(
    rf"^[【\[]?(?:[\u4e00-\u9fff]{{1,4}}?)?《([^《》]{{2,14}})》\s*(?:(?:{_CN_DAY}月)?{_CN_DAY}日)?\s*(?:报道|电|讯)"
)
_AGENCY_REPORTED = re.compile(rf"^(?!据)([\u4e00-\u9fff]{{1,4}}社)(?:(?:{_CN_DAY}月)?{_CN_DAY}日)?(?:报道|援引|电|讯)")
_OUTLET_OWN_OPENING = re.compile(
    rf"^([\u4e00-\u9fff]{{2,10}}?)(?:[\u4e00-\u9fff]{{0,6}}?(?:{_CN_DAY}月)?{_CN_DAY}日电|消息\s*[(（:：,，])"
)


_AGENCY_AFTER_PLACE = re.compile(
    rf"^[\u4e00-\u9fff]{{1,4}}?({'|'.join(k for k in _AGENCY_NAMES)})[\u4e00-\u9fff·]{{0,8}}?(?:{_CN_DAY}月)?{_CN_DAY}日(?:专)?电"
)
_DATED_DISPATCH_HEAD = re.compile(rf"^([\u4e00-\u9fff]{{3,14}}?)(?:{_CN_DAY}月)?{_CN_DAY}日(?:专)?电")
_UNDATED_AGENCY_DISPATCH = re.compile(r"^(新华社|中新社|中国新闻社)[\u4e00-\u9fff]{0,8}?(?:专)?电(?=\s|[(（])")


def undated_dispatch_agency(text: str) -> str | None:
    """`新华社昆明电 (记者刘远达)…`: the agency of a dispatch printed with no date (folded text)."""
    m = _UNDATED_AGENCY_DISPATCH.match(text)
    return m.group(1) if m else None


@functools.lru_cache(maxsize=4096)
def opening_source(text: str) -> str | None:
    """The outlet a story's opening credits (folded text, lead mark removed): `据美国《华尔街日报》
    二十三日报道` -> 华尔街日报, `据合众社报道` -> 合众社, `【法新社巴黎12月21日电】` -> 法新社."""
    f = text.strip()
    head = f[:40]
    if not ("据" in head[:2] or "电" in head or "消息" in head or "报道" in head or "援引" in head or head[:1] in "【["):
        return None  # (the common case, checked first: no credit at the opening)
    if f[:1] in "【[" and _PAPER_OWN_REPORT.match(f):
        return None  # `【金陵晚报报道】昨天下午,…`: a paper's own report, as 本报讯 is (on a site's copy too)
    f = _BRACKETED_OWN_MARK.sub("", f, count=1)  # `【文匯網訊】據人民日報報道`: the site's own mark first
    m = _OPENING_QUOTED_OUTLET.match(f) or _OPENING_QUOTED_OWN.match(f)
    if m:
        return m.group(1)
    if f.startswith(("综合", "本报综合")) and (m := _OPENING_COMBINED.match(f)):
        return _wire_source(m.group(1))  # `综合新华社、中通社报道:`: the agencies combined
    m = _AGENCY_REPORTED.match(f)
    if m and is_outlet(m.group(1)):
        return _known_tail(m.group(1))  # `法新社六日援引…`, `埃菲社五日报道,`: a digest's wire credit
    if not (f.startswith("据") or f[:1] in "【["):
        # `央视网消息:`, `中新网1月8日电`: an outlet's own opening, no 据
        m = _OUTLET_OWN_OPENING.match(f)
        if m and is_outlet(m.group(1)):
            return _known_tail(m.group(1))
        # `香港中通社9月27日电`: a known agency after the place it files from
        m = _AGENCY_AFTER_PLACE.match(f)
        if m:
            return m.group(1)
        # `中新网北京1月1日电`: a news site's or an agency's dispatch, its place after its name
        m = _DATED_DISPATCH_HEAD.match(f)
        name = m.group(1) if m else ""
        return next((name[:k] for k in range(len(name), 2, -1) if name[:k].endswith(("网", "社")) and is_outlet(name[:k])), None)
    m = _OPENING_OUTLET.match(f)
    if not m:
        return None
    name = m.group(1)
    # `据合众社报道`, `法新社巴黎12月21日电`: the outlet is the name's head (合众社), before a place
    for k in range(len(name), 1, -1):
        if is_outlet(name[:k]):
            return _known_tail(name[:k])
    return None


def web_outside_source(named: str) -> str | None:
    """The source a web copy's `来源:` line names, when it is an outside outlet: an agency, a
    news site or a station (`中国江苏网`, `新华社`); a paper, a paper's own site or app
    (`扬州晚报`, `南京报业网`, `光明日报`, `紫牛新闻`) names who printed it: None."""
    name = fold(named).strip("《》 ")
    if re.search(r"报|电讯|杂志|周刊|期刊|学报", name) or not is_outlet(name):
        return None
    if not (name in _KNOWN_OUTLETS or name.endswith(("社", "网", "电视台", "广播电台"))):
        return None  # (`晚风新闻`, `紫牛新闻`: often a paper's own app)
    return _known_tail(name)


def _known_tail(name: str) -> str:
    """`香港中通社` -> 中通社: a known agency's name after the place it files from."""
    if name in _KNOWN_OUTLETS:
        return name
    return next((k for k in _AGENCY_NAMES if name.endswith(k) and len(name) - len(k) <= 4), name)


_CLOSING_OUTLET = re.compile(r"(?<=[。!?”」])(\s*)[(（]?\s*据\s*《?([\u4e00-\u9fff]{2,10}?)》?\s*(?:电|报道|消息)?\s*[)）]?\s*$")


def closing_source(paragraph: str) -> tuple[str, str, str] | None:
    """A credit after the last sentence on the same line: `……间隔14天。 据央视`, `……。(据新华社)`:
    (text before, outlet, the credit as printed), or None. Without a space or brackets only a
    known outlet's name counts (`……。据悉` is text)."""
    f = fold(paragraph).rstrip()
    if "据" not in f[-20:]:
        return None
    m = _CLOSING_OUTLET.search(f, max(0, len(f) - 24))
    if not m or not is_outlet(m.group(2)):
        return None
    set_apart = bool(m.group(1)) or "(" in m.group(0)
    if not set_apart and m.group(2) not in _KNOWN_OUTLETS:
        return None
    if len(f) != len(paragraph.rstrip()):
        return f[: m.start()].rstrip(), m.group(2), f[m.start() :].strip()
    return paragraph[: m.start()].rstrip(), m.group(2), paragraph.rstrip()[m.start() :].strip()


# --------------------------------------------------------------------------- a dispatch in brackets

# `(中央社記者楊堯茹台北10日電)`, `（本报记者张三、李四北京1月2日电）`: the agency, its reporters,
# the place and the date in one bracket, opening the story or closing it
_BRACKETED_DISPATCH = re.compile(
    r"[(（]\s*据?([\u4e00-\u9fff]{1,6}?(?:社|网|台|报))(?:(?:驻[\u4e00-\u9fff]{1,6})?(?:特派|特约|实习|见习)?(记者))?\s*"
    rf"([\u4e00-\u9fff·、\s]{{1,40}}?)\s*(?:({_CN_DAY})月)?({_CN_DAY})日(?:[专專]?电|综合外电报[导道])\s*[)）]"
)


# the last name of a credit, after a separator or the role: `記者甲、乙北京`, `记者何勇济南`
_LAST_CREDITED = re.compile(r"(?:[、\s]|记者|通讯员|实习生)([\u4e00-\u9fff]{4,7})$")


def _place_off_last_name(credit: str) -> str:
    """`記者劉舒婷、張琦、許蕎北京` (then 報道): the place the last reporter filed from, glued to
    the name, goes (a name has two or three characters)."""
    m = _LAST_CREDITED.search(credit)
    if not m or re.search(r"记者|通讯员|实习生", m.group(1)):
        return credit
    last = m.group(1)
    if len(last) == 4 and last[:2] in COMPOUND_SURNAMES:
        return credit  # `记者欧阳明月`: a name of four
    known = next((p for p in _DISPATCH_PLACES if last.endswith(p) and 2 <= len(last) - len(p) <= 3), None)
    cut = len(last) - len(known) if known else (3 if len(last) >= 5 else 2)
    return credit[: m.start(1)] + last[:cut] if has_surname(last[:cut]) else credit


# places of three characters or more that a glued `NAME+PLACE` would cut wrongly
_DISPATCH_PLACES = tuple(
    "华盛顿 華盛頓 联合国 聯合國 莫斯科 日内瓦 日內瓦 布鲁塞尔 布魯塞爾 旧金山 舊金山 洛杉矶 洛杉磯 新德里 渥太华 渥太華 "
    "耶路撒冷 伊斯兰堡 伊斯蘭堡 布宜诺斯艾利斯 约翰内斯堡 堪培拉 哥本哈根 斯德哥尔摩 阿布扎比 吉隆坡 雅加达 雅加達 "
    "乌鲁木齐 呼和浩特 石家庄 哈尔滨 齐齐哈尔 连云港 张家港 张家口 秦皇岛 景德镇 西双版纳 新北市 台北市 高雄市".split()
)


# `〔記者張三／台北報導〕`, `(記者張三、李四/綜合報導)`: reporters, a slash, where or how it was filed
_BRACKETED_REPORT = re.compile(
    r"^[〔(（【\[]\s*((?:[\u4e00-\u9fff]{0,8}记者|特派记者|特约记者|实习记者|编译)\s*[\u4e00-\u9fff·、\s]{2,30}?)\s*/\s*"
    r"([\u4e00-\u9fff]{0,8})报[导道]\s*[〕)）】\]]"
)


_NAMES_PLACE_BRACKET = re.compile(r"【((?:[\u4e00-\u9fff]{2,3}\s+){1,3})[\u4e00-\u9fff]{2,6}】(?=\s)")


@functools.lru_cache(maxsize=4096)
def bracketed_report(text: str) -> tuple[tuple[Byline, ...], int] | None:
    """`〔記者張三／台北報導〕…` opening a paragraph: (people, where the bracket ends in the folded
    text), or None."""
    f = fold(text).strip().replace("╱", "/").replace("譯", "译")  # (one character for one: positions hold)
    m = _BRACKETED_REPORT.match(f)
    if not m:
        tv = _NAMES_PLACE_BRACKET.match(f) if f[:1] == "【" else None
        if tv and len(f) >= tv.end() + 20:
            # `【李新隆 台中東勢】 台中東勢上城里…`: a television newsroom's reporters, then the place
            names = tv.group(1).split()
            if all(2 <= len(n) <= 3 and has_surname(n) for n in names):
                return tuple(Byline(n) for n in names), tv.end()
        return None
    people = _people(m.group(1), need_role=True)
    if not people or not all(has_surname(b.name) for b in people):
        return None
    return people, m.end()


@functools.lru_cache(maxsize=4096)
def bracketed_dispatch(text: str, *, at_end: bool = False):
    """A dispatch credit in brackets at the start (or, ``at_end``, the end) of a paragraph:
    (people, agency or None for the paper's own, place, month or None, day, (start, end) in the
    folded text). None when there is none."""
    f = fold(text).strip()
    if at_end:
        m = _BRACKETED_DISPATCH.search(f, max(0, len(f) - 60))
        if not m or m.end() != len(f):
            return None
    else:
        # at the start, or anywhere in the opening after a site's leftovers (`…華視新聞(中央社
        # 記者張謙香港20日電)…`): the bracket says what it is
        m = _BRACKETED_DISPATCH.search(f, 0, 200)
        if not m:
            return None
    agency, names = m.group(1), m.group(3)
    if m.group(2) is None:  # `(中央社台北8日電)`: no reporter named, the place only
        if not is_outlet(agency) and agency != "本报" or not 1 <= len(names.strip()) <= 8:
            return None
        month = _number_cn(m.group(4)) if m.group(4) else None
        day = _number_cn(m.group(5))
        if not day or not 1 <= day <= 31 or month is not None and not 1 <= month <= 12:
            return None
        return (), (None if agency == "本报" else agency), names.strip(), month, day, (m.start(), m.end())
    tokens = [t for t in re.split(r"[、\s]+", names) if t]
    place = ""
    if len(tokens) > 1 and re.search(r"\s", names.rstrip()) and 2 <= len(tokens[-1]) <= 4 and not re.search(r"[、]\s*" + tokens[-1] + "$", names.strip()):
        place = tokens.pop()  # `张三、李四 台北`: the place set apart
    elif tokens:
        last = tokens[-1]  # `楊堯茹台北`: the last name and the place glued
        known = next((p for p in _DISPATCH_PLACES if last.endswith(p) and 2 <= len(last) - len(p) <= 3), None)
        if known:
            tokens[-1], place = last[: -len(known)], known
        elif len(last) >= 4:
            cut = 3 if len(last) >= 5 else 2  # (most names have three characters, most places two)
            tokens[-1], place = last[:cut], last[cut:]
    if not tokens or not all(has_surname(t) and 2 <= len(t) <= 4 or "·" in t for t in tokens):
        return None
    month = _number_cn(m.group(4)) if m.group(4) else None
    day = _number_cn(m.group(5))
    if not day or not 1 <= day <= 31 or month is not None and not 1 <= month <= 12:
        return None
    people = tuple(Byline(t, _role_name(agency + "记者") if agency != "本报" else "记者") for t in tokens)
    return people, (None if agency == "本报" else agency), place, month, day, (m.start(), m.end())


_UNBRACKETED_DISPATCH = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:社|网|台|报)(?:驻[\u4e00-\u9fff]{1,6})?(?:特派|特约)?记者\S{2,30}?日(?:专)?电(?=\s|$)")


def unbracketed_dispatch(text: str) -> tuple[tuple[Byline, ...], str | None, str] | None:
    """`中央社記者張三台北2日電 …` opening a story without brackets: (people, agency, as printed)."""
    f = fold(text).strip()
    m = _UNBRACKETED_DISPATCH.match(f)
    if not m:
        return None
    found = bracketed_dispatch(f"({m.group(0)})")
    if not found or not found[0]:
        return None
    return found[0], found[1], m.group(0)


def _number_cn(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    digits = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)
    return digits.get(text)
