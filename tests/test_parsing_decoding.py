"""articles.parsing.decoding: HTML remnants and the matching form of text."""

from articles.parsing import fold, parse_page
from articles.parsing.decoding import clean_markup


def test_line_breaking_tags_become_line_breaks_and_entities_characters():
    assert clean_markup("甲<br/>乙<BR>丙&nbsp;丁&amp;戊<p>己</p>") == "甲\n乙\n丙 丁&戊\n己\n"


def test_text_that_only_contains_angle_brackets_is_kept():
    assert clean_markup("1<2 且 a>b，《指南》") == "1<2 且 a>b，《指南》"


def test_traditional_markers_fold_to_simplified_names_stay_as_printed():
    assert fold("本報訊（記者 陳大文）") == "本报讯(记者 陳大文)"


def test_html_page_parses_like_plain_text():
    html = "路灯改造完成<br/>本报讯 1月8日，全市路灯改造完成。<br/>(王拓)"
    article = parse_page(html, fallback_year=2025).articles[0]
    assert (article.headline, article.paragraphs, article.bylines[0].name) == (
        "路灯改造完成", ("本报讯 1月8日，全市路灯改造完成。",), "王拓"
    )
