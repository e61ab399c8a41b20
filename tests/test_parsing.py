"""The page parser against every real seed page, and hand-made pages for each variant in FORMAT.md.

Pure Python: no database. What a careful reader of the printed page would split out is written
down here per seed page; the parser must agree.
"""

import codecs
import datetime as dt
from pathlib import Path

import pytest

from articles.parsing import (
    Byline,
    PageParseError,
    decode_page,
    find_dateline,
    parse_page,
    parse_page_bytes,
    rejoin_column_breaks,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
D = dt.date

# file -> issue date, then per article: (headline, [(name, role)], source, dateline, paragraphs, section)
EXPECTED = {
    "000_371bd5dce9a095bf.txt": (
        D(2023, 8, 18),
        [
            ("无锡代表团访问阿联酋艾因市 共同庆祝建立友好交流城市关系五周年", [("高美梅", None)], None, D(2023, 8, 15), 5, None),
            ("市政府召开集成电路(无锡)创新发展大会合作成果落实推进会 扎实做好“后半篇文章”持续夯实地标性品牌",
             [("王怡菽", None)], None, D(2023, 8, 11), 4, None),
            ("我市与阿斯利康深化无锡供应基地建设合作", [("王怡菽", None)], None, D(2023, 8, 18), 3, None),
        ],
    ),
    "001_fffb94033572b14c.txt": (
        D(2023, 6, 9),
        [
            ("华虹无锡集成电路研发和制造基地二期项目签约", [("王拓", None)], None, D(2023, 6, 8), 3, None),
            ("双良新能源产业一期项目开工", [("惠晓婧", None)], None, D(2023, 6, 9), 4, None),
            ("市政府召开“465”现代产业集群建设推进会 聚焦主攻方向强机制抓落实 推动现代产业集群高水平跃升",
             [("王怡菡", None)], None, D(2023, 6, 9), 3, None),
            ("市政府与上海建工集团签署战略合作协议", [("周晓方", None)], None, D(2023, 6, 9), 2, None),
        ],
    ),
    "002_c87d14da307c1518.txt": (
        D(2022, 11, 3),
        [
            ("许昆林在无锡常州调研时强调 推动战略性新兴产业融合集群发展 打造引领高质量发展强大动力源",
             [("王拓", None)], None, D(2022, 11, 1), 4, None),
            ("市委常委会召开议军会议 切实把党管武装工作 抓细抓实抓到位", [("惠晓婧", None)], None, D(2022, 11, 3), 2, None),
            ("杜小刚调度全市疫情防控工作 努力以防控之稳促发展之进", [("高美梅", None)], None, D(2022, 11, 3), 2, None),
            ("2022无锡(杭州)数字经济产业 交流合作洽谈会举行", [("周晓方", None)], None, D(2022, 11, 2), 3, None),
            ("亚布力论坛知名民企 对接恳谈会在锡召开", [("王怡菽", None)], None, D(2022, 11, 3), 3, None),
        ],
    ),
    "003_3ef463baea3e3c91.txt": (
        D(2023, 8, 8),
        [
            ("长三角国家高新区党建联盟第二次联席会议暨党建引领高水平科技自立自强研讨会在锡召开",
             [("王怡菡", None)], None, D(2023, 8, 8), 5, None),
            ("康明斯与卓品智能在锡成立合资公司", [("周晓方", None)], None, D(2023, 8, 8), 3, None),
            ("“车芯联动”区域抱团共进 集成电路行业大咖共话产业热点", [("陶洁", None)], None, D(2023, 8, 8), 4, None),
            ("长三角汽车芯片应用推广平台启动", [("黄振", None)], None, D(2023, 8, 8), 2, None),
            ("氢能产业标准体系建设指南发布", [], "新华社", None, 2, "要闻快览"),
        ],
    ),
    "004_ee7dceab59559e6c.txt": (
        D(2024, 6, 6),
        [
            ("杜小刚主持召开全市经济运行基层座谈会暨投资工作汇报会 全力巩固和增强经济回升向好态势 乘势而上争取高质量发展更好结果",
             [("高美梅", None), ("惠晓婧", None)], None, D(2024, 6, 6), 4, None),
            ("我市与上外签署市校全面深化合作框架协议", [("高美梅", None)], None, D(2024, 6, 6), 5, None),
            ("赵建军率无锡团在德国密集拜访对接跨国企业并举办产业合作交流会 对接企业链接产业加快发展新质生产力",
             [("陈菁菁", None)], None, D(2024, 6, 2), 8, None),
        ],
    ),
}


def seed(name: str):
    return parse_page_bytes((SEEDS / name).read_bytes(), name)


def test_every_seed_page_is_covered():
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == sorted(EXPECTED)
    assert sum(len(arts) for _, arts in EXPECTED.values()) == 20


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_page_articles(name):
    issue_date, expected = EXPECTED[name]
    page = seed(name)
    assert page.issue_date == issue_date
    assert page.issue_date_inferred
    got = [
        (a.headline, [(b.name, b.role) for b in a.bylines], a.source, a.dateline, len(a.paragraphs), a.section)
        for a in page.articles
    ]
    assert got == expected


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_leads_start_with_benbaoxun_and_no_byline_left_in_text(name):
    for article in seed(name).articles:
        if article.section is None:
            assert article.has_lead and article.lead.startswith("本报讯")
        for paragraph in article.paragraphs:
            assert not paragraph.endswith(")") and not paragraph.endswith("）"), paragraph[-20:]


@pytest.mark.parametrize(
    "name, index, passage",
    [
        ("000_371bd5dce9a095bf.txt", 0, "为无锡与艾因巩固友谊、深化合作"),
        ("000_371bd5dce9a095bf.txt", 0, "共同造福两市人民健康、促进两市友好交流"),
        ("000_371bd5dce9a095bf.txt", 2, "阿斯利康是一家以创新为驱动的全球性生物制药企业"),
        ("001_fffb94033572b14c.txt", 2, "会议强调,要加强组织领导,压紧责任链条"),
        ("002_c87d14da307c1518.txt", 1, "《加强新时代镇、街道专职人民武装干部队伍建设的意见》"),
        ("004_ee7dceab59559e6c.txt", 2, "此次签约的扩产项目将持续增强在锡产能"),
    ],
)
def test_text_that_spans_a_column_break_is_one_paragraph(name, index, passage):
    article = seed(name).articles[index]
    assert sum(passage in p for p in article.paragraphs) == 1


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_footer_and_masthead_are_not_article_text(name):
    text = "\n".join(p for a in seed(name).articles for p in (a.headline, *a.paragraphs))
    for boilerplate in ("邮发代号", "版权声明", "本报刊载的所有内容", "88300000", "零售价", "官方微信", "邮编", "值班编委"):
        assert boilerplate not in text


def test_page_credits_are_kept_as_metadata():
    credits = {c.role: c.names for c in seed("000_371bd5dce9a095bf.txt").credits}
    assert credits == {
        "值班编委": ("吴军", "于成"),
        "封面责编": ("金钟",),
        "封面美编": ("陈婧",),
        "封面校对": ("阮奇鑫",),
    }
    assert dict((c.role, c.names) for c in seed("001_fffb94033572b14c.txt").credits)["封面责编"] == ("梁克",)
    assert seed("004_ee7dceab59559e6c.txt").credits == ()


def test_year_from_a_plan_is_not_the_issue_year():
    # 001 says only "计划今年年底前完成……2024年春节后正式投产": a plan, printed in 2023.
    page = seed("001_fffb94033572b14c.txt")
    assert page.issue_date.year == 2023
    assert "2024年春节后正式投产" in page.issue_date_evidence


def test_issue_date_evidence_is_shown_for_staff():
    page = seed("000_371bd5dce9a095bf.txt")
    assert "8月18日" in page.issue_date_evidence and "2023" in page.issue_date_evidence


# ----------------------------------------------------------------- hand-made pages

SIMPLE = """\
无锡代表团访问艾因市 共同庆祝五周年

本报讯 当地时间8月15日，无锡代表团访问艾因市。市委书记杜小刚会谈。

代表团表示，近年来两市合作不断深化，为无

锡与艾因巩固友谊提供了有力指引。

(高美梅、惠晓婧)

江南晚报
邮发代号：27-92
值班编委：吴军 于成
"""


def test_full_and_half_width_punctuation_parse_the_same():
    half = SIMPLE.replace("，", ",").replace("：", ":")
    full = SIMPLE.replace("(", "（").replace(")", "）")
    a, b = parse_page(half).articles, parse_page(full).articles
    assert [(x.headline, x.bylines, x.dateline, len(x.paragraphs)) for x in a] == [
        (y.headline, y.bylines, y.dateline, len(y.paragraphs)) for y in b
    ]
    assert a[0].bylines == (Byline("高美梅"), Byline("惠晓婧"))
    # shown as printed: the full-width page keeps its full-width commas
    assert "，" in b[0].paragraphs[0] and "，" not in a[0].paragraphs[0]


@pytest.mark.parametrize(
    "encode",
    [
        lambda s: s.encode("utf-8"),
        lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
        lambda s: s.replace("\n", "\r\n").encode("gb18030"),
        lambda s: s.encode("gbk"),
        lambda s: s.replace("\n", "\r\n").encode("utf-16"),  # with BOM
        lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "gb18030-crlf", "gbk", "utf16le-bom-crlf", "utf16be-bom"],
)
def test_every_delivered_encoding_parses_the_same(encode):
    page = parse_page_bytes(encode(SIMPLE + "\n2023世界物联网博览会\n"), "x.txt")
    article = page.articles[0]
    assert article.headline == "无锡代表团访问艾因市 共同庆祝五周年"
    assert article.paragraphs[1] == "代表团表示，近年来两市合作不断深化，为无锡与艾因巩固友谊提供了有力指引。"
    assert page.credits[0].names == ("吴军", "于成")


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \r\n\r\n", "empty"),
        (bytes(range(256)) * 4, "NUL"),
        (SIMPLE.encode("utf-16-le"), "UTF-16"),
        (b"\xff\xfe\xff" + b"\x00\xd8" * 3, "UTF-16"),
        ("江南晚报\n邮发代号：27-92\n无锡地区零售价1.5元\n".encode(), "no article"),
        (b"\x81\x30\xff\xff\xfe garbage \x80", "not UTF-8"),
    ],
    ids=["empty", "blank", "binary", "utf16-no-bom", "bad-utf16", "boilerplate-only", "undecodable"],
)
def test_bad_files_are_refused_by_name_with_a_reason(data, reason):
    with pytest.raises(PageParseError) as info:
        parse_page_bytes(data, "bad_page.txt")
    message = str(info.value)
    assert message.startswith("bad_page.txt:")
    assert reason.lower() in message.lower()


def test_decode_keeps_text_as_printed_and_normalises_line_ends():
    assert decode_page("甲\r\n乙\r丙".encode("gb18030")) == "甲\n乙\n丙"


@pytest.mark.parametrize(
    "lead, expected",
    [
        ("本报讯 8月15日，", (8, 15)),
        ("本报讯 当地时间8月15日，", (8, 15)),
        ("本报讯 6月8日下午,", (6, 8)),
        ("本报讯 8月11—14日，大会召开；8月17日，", (8, 11)),
        ("本报讯 11月1日至3日,", (11, 1)),
        ("本报讯 当地时间6月2日至5日,", (6, 2)),
        ("本报讯 第二届……大会8月8日上午在锡山区召开。", (8, 8)),
        ("本报讯 ８月８日，", (8, 8)),
        ("本报讯 近日，市里开会。", None),
        ("本报讯 13月40日，", None),
    ],
)
def test_dateline_forms(lead, expected):
    assert find_dateline(lead) == expected


@pytest.mark.parametrize(
    "byline, people, source",
    [
        ("(高美梅)", [("高美梅", None)], None),
        ("（高美梅、惠晓婧）", [("高美梅", None), ("惠晓婧", None)], None),
        ("(据新华社)", [], "新华社"),
        ("（据新华社电）", [], "新华社"),
        ("(记者 张三 通讯员 李四)", [("张三", "记者"), ("李四", "通讯员")], None),
        ("(本报记者 张三)", [("张三", "记者")], None),
        ("(记者 张三 王五 通讯员 李四)", [("张三", "记者"), ("王五", "记者"), ("李四", "通讯员")], None),
    ],
)
def test_byline_forms(byline, people, source):
    text = f"标题一则\n\n本报讯 8月8日，一件事办成了。\n\n{byline}\n2023世界物联网博览会。\n"
    article = parse_page(text).articles[0]
    assert [(b.name, b.role) for b in article.bylines] == people
    assert article.source == source


def test_byline_at_the_end_of_the_last_paragraph():
    text = "标题一则\n\n本报讯 8月8日，一件事办成了。\n\n第二段说完了。(王拓)\n\n标题二则\n\n本报讯 8月8日，又一件。(惠晓婧)\n"
    first, second = parse_page(text).articles
    assert first.paragraphs[-1] == "第二段说完了。" and first.bylines == (Byline("王拓"),)
    assert second.headline == "标题二则" and second.bylines == (Byline("惠晓婧"),)


def test_parentheses_inside_text_are_not_bylines():
    text = "华虹(无锡)项目签约\n\n本报讯 8月8日，上海华虹(集团)有限公司签约。\n\n《指南(2023版)》发布。\n"
    article = parse_page(text).articles[0]
    assert article.bylines == () and article.source is None
    assert article.headline == "华虹(无锡)项目签约"
    assert article.paragraphs[-1] == "《指南(2023版)》发布。"


def test_headline_wrapped_over_two_lines_is_one_headline():
    text = "（王拓）\n\n亚布力论坛知名民企\n对接恳谈会在锡召开\n\n本报讯 11月3日，会议召开。\n\n（王怡菽）\n"
    articles = parse_page(text, fallback_year=2022).articles
    assert articles[-1].headline == "亚布力论坛知名民企 对接恳谈会在锡召开"


def test_short_unfinished_line_inside_an_article_is_a_column_break():
    text = "市政府召开推进会\n\n本报讯 6月9日，会议召开。\n\n会议强\n\n调，要加强组织领导。\n\n(王怡菡)\n"
    article = parse_page(text, fallback_year=2023).articles[0]
    assert article.headline == "市政府召开推进会"
    assert article.paragraphs == ("本报讯 6月9日，会议召开。", "会议强调，要加强组织领导。")


def test_column_of_short_wire_items():
    text = (
        "本地新闻标题\n\n本报讯 8月8日，本地的事。\n\n(陶洁)\n\n"
        "要闻快览\n\n氢能标准指南发布\n\n六部门联合印发指南。\n\n指南明确了重点任务。\n\n(据新华社)\n\n"
        "第二则快讯标题\n\n某地发生某事。\n\n(据新华社)\n"
    )
    articles = parse_page(text, fallback_year=2023).articles
    assert [(a.headline, a.section, a.source, len(a.paragraphs), a.has_lead) for a in articles] == [
        ("本地新闻标题", None, None, 1, True),
        ("氢能标准指南发布", "要闻快览", "新华社", 2, False),
        ("第二则快讯标题", "要闻快览", "新华社", 1, False),
    ]


def test_issue_spanning_new_year_dates_december_items_in_the_previous_year():
    text = (
        "跨年活动举行\n\n本报讯 12月31日晚，2025新年音乐会上演。\n\n(高美梅)\n\n"
        "新年第一天\n\n本报讯 1月1日，市民迎来新年。\n\n(王拓)\n"
    )
    page = parse_page(text)
    assert page.issue_date == D(2025, 1, 1)
    first, second = page.articles
    assert (first.dateline, second.dateline) == (D(2024, 12, 31), D(2025, 1, 1))


def test_page_without_year_clue_uses_the_fallback_and_says_so():
    page = parse_page("标题一则\n\n本报讯 8月8日，一件事办成了。\n\n(王拓)\n", fallback_year=2021)
    assert page.issue_date == D(2021, 8, 8)
    assert page.warnings


def test_rejoin_keeps_quotes_closing_a_sentence():
    assert rejoin_column_breaks(["他说：“好。”", "下一段。"]) == ["他说：“好。”", "下一段。"]
    assert rejoin_column_breaks(["他说：“好", "。”下一段。"]) == ["他说：“好。”下一段。"]
