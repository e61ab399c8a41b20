"""articles.parsing.segmentation: where articles start and end on a page."""

from articles.parsing import parse_page


def test_brief_with_no_headline_starts_at_its_lead():
    text = "运河读书节开幕\n\n本报讯 1月8日，读书节开幕。\n\n(王拓)\n\n本报讯 1月9日，春运开始。(惠晓婧)\n"
    first, second = parse_page(text, fallback_year=2025).articles
    assert first.headline == "运河读书节开幕" and first.bylines[0].name == "王拓"
    assert (second.headline, second.headline_from_lead, second.bylines[0].name) == ("1月9日，春运开始。", True, "惠晓婧")


def test_lead_after_a_cut_sentence_stays_with_its_article():
    # no headline and the line before is unfinished: not a new article
    text = "标题一则\n\n本报讯 8月8日，一件事办成了。会上提到\n\n本报讯的历史。\n\n(王拓)\n"
    articles = parse_page(text, fallback_year=2023).articles
    assert len(articles) == 1


def test_byline_line_under_a_headline_starts_an_article():
    text = (
        "第一篇标题\n\n本报讯 1月2日，第一件事。\n\n(王拓)\n\n"
        "第二篇标题\n本报记者 王庆环\n\n江苏省近日出台新措施。\n"
    )
    articles = parse_page(text, fallback_year=2025).articles
    assert [(a.headline, [b.name for b in a.bylines]) for a in articles] == [
        ("第一篇标题", ["王拓"]),
        ("第二篇标题", ["王庆环"]),
    ]


def test_captions_between_headline_and_lead_belong_to_the_article():
    text = "小记者采访两会\n\n图为小记者正在采访代表。\n\n市六小记者站 王世佺 摄\n\n本报讯 1月14日上午，两会开幕。\n"
    article = parse_page(text, fallback_year=2015).articles[0]
    assert article.headline == "小记者采访两会"
    assert article.captions == ("图为小记者正在采访代表。",)
    assert article.photo_credits == ("市六小记者站 王世佺 摄",)
    assert article.bylines == ()


def test_photo_news_item_keeps_its_text():
    text = "小记者跑两会\n\n2月1日，小记者采访执勤人员。 王俊祥 摄\n"
    article = parse_page(text, fallback_year=2024).articles[0]
    assert article.paragraphs == ("2月1日，小记者采访执勤人员。",)
    assert article.photo_credits == ("王俊祥 摄",)


def test_unsure_text_stays_in_the_body():
    # an unknown shape: no headline, no lead, no byline: all text kept, nothing invented
    text = "这是一段没有标题的文字，说明了一件事。\n\n又一段文字。\n"
    article = parse_page(text, fallback_year=2025).articles[0]
    assert article.paragraphs == ("这是一段没有标题的文字，说明了一件事。", "又一段文字。")
    assert article.bylines == () and article.headline_from_lead
