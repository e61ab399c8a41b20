"""articles.parsing.bylines: bylines in every form, roles as printed, wire and mixed credits,
photo credits that are not bylines."""

import pytest

from articles.parsing import parse_byline_text
from articles.parsing.bylines import (
    bare_name_after_last_sentence,
    byline_line,
    is_photo_credit,
    lead_credit,
    reported_by_line,
    take_photo_credits,
)


def names(people):
    return [(b.name, b.role) for b in people]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("(记者 张三 通讯员 李四)", [("张三", "记者"), ("李四", "通讯员")]),
        ("(朱冬娅、见习记者 姚程玉)", [("朱冬娅", None), ("姚程玉", "见习记者")]),
        ("（特约记者 王五 实习生 赵六）", [("王五", "特约记者"), ("赵六", "实习生")]),
        ("(本报记者 张三)", [("张三", "记者")]),
    ],
)
def test_closing_bylines_keep_roles(text, expected):
    people, source = parse_byline_text(text)
    assert names(people) == expected and source is None


@pytest.mark.parametrize(
    "text, source",
    [("(据新华社)", "新华社"), ("（新华社电）", "新华社"), ("(综合本报和新华社电)", "新华社"), ("(据《扬子晚报》)", "扬子晚报")],
)
def test_wire_and_mixed_credits_name_the_agency(text, source):
    assert parse_byline_text(text) == ((), source)


@pytest.mark.parametrize("text", ["(沈生华 摄)", "（新华社记者李学仁摄）", "(本报记者 刘可 摄)"])
def test_photo_credits_are_not_bylines(text):
    assert parse_byline_text(text) is None
    assert is_photo_credit(text[1:-1])


@pytest.mark.parametrize(
    "line, rest, credits",
    [
        ("市民在公园赏花。(沈生华 摄)", "市民在公园赏花。", ("沈生华 摄",)),
        ("尹以祜摄", "", ("尹以祜摄",)),
        ("读者围堵。 本报记者 刘可 摄 |", "读者围堵。", ("本报记者 刘可 摄",)),
        ("市六小记者站 王世佺 摄", "", ("市六小记者站 王世佺 摄",)),
        ("游客们纷纷拍摄", "游客们纷纷拍摄", ()),
        ("他们正在拍摄。", "他们正在拍摄。", ()),
    ],
)
def test_photo_credits_come_out_of_lines(line, rest, credits):
    assert take_photo_credits(line) == (rest, credits)


@pytest.mark.parametrize(
    "line, expected",
    [
        ("本报记者 王庆环", [("王庆环", "记者")]),
        ("本报驻阿联酋记者林皎明", [("林皎明", "驻阿联酋记者")]),
        ("通讯员 王蕾 扬子晚报记者 周晓青", [("王蕾", "通讯员"), ("周晓青", "扬子晚报记者")]),
        ("新华社记者 崔静、韩洁、刘羊旸", [("崔静", "新华社记者"), ("韩洁", "新华社记者"), ("刘羊旸", "新华社记者")]),
        ("记者:郭鲲", [("郭鲲", "记者")]),
        ("王庆环", []),  # no role: a bare line is not a byline line
        ("市民王芳说好。", []),
        ("王俊祥 摄", []),
    ],
)
def test_byline_lines(line, expected):
    assert names(byline_line(line)) == expected


@pytest.mark.parametrize(
    "lead, expected, printed",
    [
        ("本报讯(记者许黎娜 实习生周旭娇)南方都市报……", [("许黎娜", "记者"), ("周旭娇", "实习生")], "记者许黎娜 实习生周旭娇"),
        ("香港文匯報訊(記者 周永峰 無錫報道)6月19日……", [("周永峰", "记者")], "記者 周永峰 無錫報道"),
        ("新华社北京1月1日电（记者 李明 张华）1月1日……", [("李明", "记者"), ("张华", "记者")], "记者 李明 张华"),
        ("本报费城10月30日电记者陈特安、李云飞报道:……", [("陈特安", "记者"), ("李云飞", "记者")], "记者陈特安、李云飞"),
        ("本报讯 记者从市住建局获悉……", [], ""),
    ],
)
def test_credits_inside_the_lead(lead, expected, printed):
    people, got_printed, _ = lead_credit(lead)
    assert names(people) == expected and got_printed == printed


def test_bare_name_after_the_last_sentence():
    assert [b.name for b in bare_name_after_last_sentence("拒载现象比较严重。”王星海 耿志清")[1]] == ["王星海", "耿志清"]
    assert bare_name_after_last_sentence("周敏") == ("", bare_name_after_last_sentence("周敏")[1])
    assert bare_name_after_last_sentence("会议强调，要抓落实。")[1] == ()


@pytest.mark.parametrize("paragraph", ["“这样就好。”他说", "会议结束。据悉", "工作完成。这里", "说完了。她表示"])
def test_words_after_the_last_sentence_are_not_invented_bylines(paragraph):
    assert bare_name_after_last_sentence(paragraph) == (paragraph, ())


@pytest.mark.parametrize("note", ["(见图)", "（资料图）", "(待续)", "(全文完)"])
def test_editorial_notes_in_brackets_are_not_bylines(note):
    assert parse_byline_text("活动圆满结束。" + note) is None


@pytest.mark.parametrize(
    "line, expected",
    [
        ("乔天富张军荣报道", ["乔天富", "张军荣"]),  # two names run together: three and three
        ("王强、李明报道", ["王强", "李明"]),
        ("刘振祥报道", ["刘振祥"]),
        ("北京报道", []),  # a lone two-character word before 报道 is too likely a place
        ("据报道", []),
        ("他们报道", []),
    ],
)
def test_reported_by_lines(line, expected):
    assert [b.name for b in reported_by_line(line)] == expected


@pytest.mark.parametrize(
    "lead, expected",
    [
        ("本报北京5月2日讯 记者王建新报道：节日的北京到处是人潮花海。", [("王建新", "记者")]),
        ("据新华社北京5月2日电(记者李术峰、吕诺)团员队伍发展稳定。", [("李术峰", "记者"), ("吕诺", "记者")]),
    ],
)
def test_lead_credits_after_a_dated_xun_or_a_quoted_wire_dateline(lead, expected):
    assert names(lead_credit(lead)[0]) == expected


def test_a_photo_note_in_brackets_is_no_byline():
    assert parse_byline_text("不能忘记!(附图片)") is None
