"""articles.parsing.furniture: what is page furniture, what the furniture says, and that a
furniture pattern never takes an article sentence."""

import pytest

from articles.parsing import strip_boilerplate
from articles.parsing.furniture import strip_furniture

TEXT = "本报讯 一件事办成了。"


@pytest.mark.parametrize(
    "line",
    [
        "无锡地区零售价1.5元",
        "广告热线：88300000(白天)",
        "无锡报业新闻热线:88300000",
        "无锡日报报业集团主办",
        "邮发代号：27-92",
        "国内统一连续出版物号：CN32-0092",
        "本文字数：1442",
        "当前位置：首页 > 数字报 > 第A03版",
        "上一版  下一版",
        "【打印】 【投稿】 【推薦】 【關閉】",
        "首页 天气预报 新闻 邮箱 搜索 短信",
        "2017-10-17 20:10:40  来源:新华社  责任编辑:周冬",
        "http://www.sina.com.cn 2002年12月12日11:38 无锡日报",
        "版权所有 某某日报社",
        "某某日报社主办",
        # web pages' editor and producer tags and a share widget's leftovers (session 2)
        "责任编辑:王晓_NB1234",
        "编辑|金河",
        "出品|某某新闻工作室",
        "- +1",
        "【资料图】",
        "Friday, January 10, 2025",
        "(责编:白舟、卫岚)",
        "原标题:城墙下的守夜人",
    ],
)
def test_furniture_lines_are_removed(line):
    kept, _ = strip_boilerplate([TEXT, line])
    assert kept == [TEXT]


@pytest.mark.parametrize(
    "line",
    [
        "今年成品油零售价格多次调整。无锡集成电路产业起步早，对油价变化十分关注。",
        "市民如有疑问，可拨打服务热线：12345咨询。",
        "据悉，此次活动由无锡日报报业集团主办，多家单位协办。",
        "邮发代号等信息印在报头下方。",
        "如需使用本报提供的场地，请提前预约。",
        "该作品版权所有人为张三。",
        "放大镜下的微观世界",
        "通讯员 王蕾 扬子晚报记者 周晓青",
    ],
)
def test_sentences_with_furniture_words_are_kept(line):
    kept, _ = strip_boilerplate([TEXT, line, "江南晚报", "邮发代号：27-92"])
    assert kept == [TEXT, line]


def test_an_imprint_line_a_sentence_goes_on_from_is_a_column_break():
    kept, _ = strip_boilerplate(["新闻热线：88300000", "全天开通。"])
    assert kept == ["新闻热线：88300000", "全天开通。"]


def test_page_credits_and_paper_are_read_from_the_imprint():
    _, found = strip_furniture([TEXT, "江南晚报", "值班编委：吴军 于成", "封面责编:金钟"])
    assert [(c.role, c.names) for c in found.credits] == [("值班编委", ("吴军", "于成")), ("封面责编", ("金钟",))]
    assert found.paper == "江南晚报"


@pytest.mark.parametrize(
    "line, label, section",
    [("第A02版:要闻", "A02", "要闻"), ("第04版：综合新闻", "04", "综合新闻"), ("第1版(要闻)", "1", "要闻"), ("01版:要 闻", "01", "要 闻")],
)
def test_epaper_page_line_gives_label_and_section(line, label, section):
    kept, found = strip_furniture([line, "标题", TEXT])
    assert kept == ["标题", TEXT]
    assert (found.page_label, found.page_section) == (label, section)


def test_navigation_list_of_every_page_names_no_page():
    nav = ["第A01版:头版", "第A02版:要闻", "第A03版:城事", "第A04版:综合"]
    kept, found = strip_furniture([*nav, "标题", TEXT])
    assert kept == ["标题", TEXT] and found.page_label is None


def test_headline_list_after_its_header_is_navigation():
    kept, _ = strip_furniture(["标题导航", "第一条标题", "第二条标题", "上一版  下一版", "第一条标题", TEXT])
    assert kept == ["第一条标题", TEXT]


def test_a_line_of_names_in_an_article_is_kept_a_site_menu_next_to_a_breadcrumb_goes():
    names = "张晓明 李华强 王美玲 赵志刚"
    kept, _ = strip_boilerplate(["获奖者名单如下：", names, TEXT])
    assert kept == ["获奖者名单如下：", names, TEXT]
    menu = "宣城新闻 宁国新闻 郎溪新闻 广德新闻"
    kept, _ = strip_boilerplate([menu, "地方网 > 安徽 > 宣城市 > 正文", "标题", TEXT])
    assert kept == ["标题", TEXT]
