"""articles.parsing.headlines (what a line is) and how page assembly reads headline lines."""

import pytest

from articles.parsing import parse_page
from articles.parsing.headlines import _is_lead, cross_reference, is_caption_line, is_editor_note


@pytest.mark.parametrize(
    "line, lead",
    [
        ("本报讯 8月8日，", True),
        ("本報訊(記者 陳大文)", True),
        ("香港文匯報訊(記者 周永峰)", True),
        ("本报南京1月2日电 江苏省", True),
        ("【新华社重庆十四日电】拉萨讯", True),
        ("新华网昆明7月2日电(记者 李倩)", True),
        ("本报记者今天看到", False),
        ("据悉，本报讯息", False),
    ],
)
def test_leads(line, lead):
    assert _is_lead(line) is lead


@pytest.mark.parametrize("line", ["▲开工现场。", "图：市民赏花。", "图片：舞蹈表演。", "图为小记者采访代表。"])
def test_captions(line):
    assert is_caption_line(line)


@pytest.mark.parametrize("inner, ok", [("相关报道见第二版", True), ("下转第3版", True), ("上接A1版", True), ("见图", False), ("2023版", False)])
def test_cross_references(inner, ok):
    assert cross_reference(inner) is ok


def test_editor_note():
    assert is_editor_note("编者按：新年伊始") and is_editor_note("【编者按】新年伊始") and not is_editor_note("编者说")


def test_two_title_lines_with_a_dash_are_title_and_subheadline():
    text = "运河文化带建设提速\n——多个项目年内开工\n\n本报讯 1月8日，运河文化带建设提速。\n\n(王拓)\n"
    article = parse_page(text, fallback_year=2025).articles[0]
    assert (article.kicker, article.headline, article.subheadline) == ("", "运河文化带建设提速", "——多个项目年内开工")


def test_three_title_lines_are_kicker_title_subheadline():
    text = "(王拓)\n\n冬日暖阳\n太湖边游人如织\n赏鸥成为新风尚\n\n本报讯 1月8日，太湖边游人如织。\n\n(惠晓婧)\n"
    article = parse_page(text, fallback_year=2025).articles[-1]
    assert (article.kicker, article.headline, article.subheadline) == ("冬日暖阳", "太湖边游人如织", "赏鸥成为新风尚")


def test_epaper_title_printed_once_in_one_line_then_as_set():
    text = (
        "出席会议并考察 主席抵达金奈 举行会见\n出席会议并考察\n主席抵达金奈\n举行会见\n\n"
        "新华社金奈10月11日电(记者孙勇)会见举行。\n"
    )
    article = parse_page(text, fallback_year=2019).articles[0]
    assert (article.kicker, article.headline, article.subheadline) == ("出席会议并考察", "主席抵达金奈", "举行会见")
    assert article.source == "新华社" and article.bylines[0].name == "孙勇"
