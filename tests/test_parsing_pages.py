"""Real-looking pages of every shape issue 10 lists (tests/fixtures/pages/, written in the shapes
of published e-paper text, in our own words): what a careful reader puts in each field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from articles.parsing import Byline, parse_page, parse_page_bytes

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
D = dt.date
ISSUE = D(2025, 1, 10)


def page(name: str, issue_date=ISSUE):
    return parse_page_bytes((PAGES / name).read_bytes(), name, issue_date=issue_date)


def people(article):
    return [(b.name, b.role) for b in article.bylines]


def test_kicker_headline_and_subheadline_are_their_own_fields():
    first = page("jnwb_a02_kicker.txt").articles[0]
    assert (first.kicker, first.headline, first.subheadline) == (
        "全市重点项目集中开工",
        "总投资逾百亿元的32个项目落地",
        "——涉及集成电路、生物医药、新能源等领域",
    )
    assert not first.headline_from_lead


def test_epaper_page_line_gives_label_and_section_and_is_not_text():
    parsed = page("jnwb_a02_kicker.txt")
    assert (parsed.page_label, parsed.page_section, parsed.paper) == ("A02", "要闻", "江南晚报")
    assert all("第A02版" not in p for a in parsed.articles for p in (a.headline, a.kicker, *a.paragraphs))


def test_byline_in_the_lead_with_roles_and_relative_dateline():
    first, second = page("jnwb_a02_kicker.txt").articles
    assert people(first) == [("顾晓燕", "记者"), ("钱立新", "通讯员")]
    assert first.dateline == D(2025, 1, 9)  # 昨天 on the issue of 1月10日
    assert first.paragraphs[0].startswith("本报讯(记者 顾晓燕 通讯员 钱立新)昨天上午")  # as printed
    assert people(second) == [("朱冬娅", None), ("姚程玉", "见习记者")]
    assert second.dateline == D(2025, 1, 5)


def test_photo_credit_caption_and_cross_reference_are_not_text_or_bylines():
    first = page("jnwb_a02_kicker.txt").articles[0]
    assert first.photo_credits == ("沈生华 摄",)
    assert first.captions == ("开工现场，工人们正在调试设备。",)
    assert first.cross_references == ("相关报道见第三版",)
    assert "沈生华" not in {b.name for b in first.bylines}
    # the column break inside 开好 / 局 is rejoined, the caption is not in the body
    assert first.paragraphs[-1].endswith("为全年经济工作开好局、起好步。")
    assert len(first.paragraphs) == 2


def test_footer_words_inside_sentences_stay_and_the_imprint_goes():
    article = page("footer_traps.txt", D(2025, 1, 3)).articles[0]
    assert len(article.paragraphs) == 4
    assert article.paragraphs[3] == "据悉，此次活动由无锡日报报业集团主办，多家单位协办。"
    assert article.bylines == (Byline("王拓"),)


def test_briefs_without_headline_and_wire_credits():
    articles = page("jnwb_briefs_wire.txt").articles
    assert [(a.headline, a.headline_from_lead) for a in articles[:2]] == [
        ("前天，第二届运河读书节在南长街开幕，市民可在街区内的十多个阅读点免费借阅图书。", True),
        ("1月2日，市交通运输局发布春运出行提示，提醒旅客错峰出行。", True),
    ]
    assert people(articles[0]) == [("许黎娜", "记者"), ("周旭娇", "实习生")]
    assert [a.dateline for a in articles[:2]] == [D(2025, 1, 8), D(2025, 1, 2)]
    assert [(a.headline, a.section, a.source, a.bylines, a.byline_printed) for a in articles[2:]] == [
        ("国产大飞机完成新一轮试飞", "新闻速递", "新华社", (), "新华社电"),
        ("多地迎来寒潮降温", "新闻速递", "新华社", (), "综合本报和新华社电"),
        ("春节假期铁路运输方案公布", "新闻速递", "新华社", (), "据新华社"),
    ]


def test_byline_lines_before_the_body_wire_datelines_and_places():
    first, second, third = page("people_daily_style.txt").articles
    assert (first.headline, people(first), first.dateline, first.dateline_place) == (
        "编织更加紧密的友谊纽带", [("王庆环", "记者")], D(2025, 1, 2), "南京"
    )
    assert first.byline_printed == "本报记者 王庆环"
    # the reporter's line starts the article even without 本报讯; the dateline is at the end
    assert (second.headline, people(second), second.dateline, second.dateline_place) == (
        "外国客商点赞营商环境", [("林皎明", "驻阿联酋记者")], D(2025, 1, 1), "阿布扎比"
    )
    assert second.paragraphs[0].startswith("当地时间十二月三十一日")
    assert (third.source, people(third), third.dateline, third.dateline_place) == (
        "新华社", [("李明", "记者"), ("张华", "记者")], D(2025, 1, 1), "北京"
    )


def test_editor_note_is_kept_apart_and_cross_reference_after_the_text():
    third = page("people_daily_style.txt").articles[2]
    assert third.headline == "新年文化活动丰富多彩"
    assert third.editor_note == "编者按：新年伊始，各地推出丰富多彩的文化活动。本报今起推出系列报道。"
    assert third.cross_references == ("相关报道见第二版",)
    assert not any("编者按" in p for p in third.paragraphs)


def test_page_line_with_a_numbered_page_and_section_in_brackets():
    parsed = page("people_daily_style.txt")
    assert (parsed.page_label, parsed.page_section) == ("4", "要闻")


def test_epaper_furniture_navigation_headline_list_and_markup_are_removed():
    parsed = page("epaper_furniture.txt")
    assert (parsed.page_label, parsed.page_section) == ("A03", "城事")
    assert [(a.headline, people(a)) for a in parsed.articles] == [
        ("老旧小区加装电梯提速", [("刘丹", None)]),
        ("惠山古镇灯会开幕", [("蒋琳", None)]),
    ]
    first = parsed.articles[0]
    assert first.paragraphs == (
        "本报讯 记者从市住建局获悉，去年全市老旧小区新增加装电梯二百余部。",
        "居民们表示，上下楼方便多了。",
    )
    text = "".join(p for a in parsed.articles for p in (a.headline, *a.paragraphs))
    for furniture in ("<br", "&nbsp;", "本文字数", "上一篇", "版权所有", "当前位置", "标题导航"):
        assert furniture not in text


def test_traditional_characters_page():
    article = page("traditional_wenhui.txt").articles[0]
    assert article.headline == "港深合作再添新項目"
    assert people(article) == [("陳大文", "记者")]  # the name as printed, the role in our vocabulary
    assert article.has_lead and article.dateline == D(2025, 1, 9)  # 昨日


def test_bylines_at_the_end_with_and_without_brackets_and_photo_credits():
    first, second, third = page("bylines_end.txt").articles
    assert people(first) == [("王蕾", "通讯员"), ("周晓青", "扬子晚报记者")]
    assert first.byline_printed == "通讯员 王蕾 扬子晚报记者 周晓青"
    assert people(second) == [("周敏", None)]  # a bare name after the last sentence
    assert second.photo_credits == ("尹以祜摄",)
    assert second.captions == ("图片：社区文艺团队表演舞蹈。",)
    assert second.paragraphs[-1] == "市民纷纷表示，期待明年再相聚。"
    assert third.headline == "新春年货市场开市"  # the bare name did not join the next headline
    assert third.bylines == () and third.photo_credits == ("新华社记者李学仁摄",)
    assert third.paragraphs[0] == "本报讯 1月9日，新春年货市场在南禅寺开市。"


def test_page_without_determinable_date_is_not_an_error():
    parsed = parse_page((PAGES / "traditional_wenhui.txt").read_text(encoding="utf-8"))
    assert parsed.issue_date is None and parsed.issue_date_source == "unknown"
    assert parsed.articles[0].dateline is None  # 昨日 of an unknown day stays unknown
    assert parsed.warnings


def test_given_issue_date_is_not_inferred():
    parsed = page("bylines_end.txt", D(2025, 1, 10))
    assert parsed.issue_date == D(2025, 1, 10)
    assert parsed.issue_date_source == "given" and not parsed.issue_date_inferred


@pytest.mark.parametrize("path", sorted(PAGES.glob("*.txt")), ids=lambda p: p.name)
def test_no_fixture_invents_a_byline(path):
    text = path.read_text(encoding="utf-8")
    for article in page(path.name).articles:
        for byline in article.bylines:
            # (a two-character name may be printed spaced out to line up: `钟 磊`)
            assert byline.name in text or byline.name in text.replace(" ", "").replace("\u3000", "")


def test_web_news_page_menus_meta_lines_and_duplicated_title():
    first, second = page("web_news_page.txt").articles
    # the title printed once on one line and then as set over two lines is one title
    assert (first.headline, first.headline_from_lead) == ("梁溪河畔再添新景， 市民点赞！", False)
    assert people(first) == [("王明", None), ("李华", None)]  # (作者:王明 李华)
    assert first.dateline == D(2025, 1, 9)
    assert first.paragraphs == (
        "本报讯(作者:王明 李华)昨日，梁溪河滨水步道全线贯通，沿线新增三处休憩驿站。",
        "附近居民表示，散步的地方更宽敞了。",
    )
    assert (second.headline, people(second), second.dateline) == ("古运河夜游航线开通", [("钱江", None)], D(2025, 1, 9))
    text = "".join(p for a in (first, second) for p in (a.headline, *a.paragraphs))
    for furniture in ("首页", "来源", "责任编辑", "查看相关", "打印", "•"):
        assert furniture not in text


def test_lead_behind_encoding_garbage_is_still_a_lead():
    article = page("garbled_lead.txt").articles[0]
    assert article.has_lead and article.paragraphs[0].startswith("本報訊 昨日上午")
    assert article.headline_from_lead
    assert article.headline == "昨日上午，運河公園第三屆鄰里節開幕，周邊十多個社區將陸續開展近百項活動。"
    assert people(article) == [("周麗華", None)] and article.dateline == D(2025, 1, 9)


def test_epaper_toolbars_kicker_with_colon_photo_labels_and_a_closing_name():
    parsed = page("epaper_toolbar.txt")
    assert (parsed.page_label, parsed.page_section) == ("B2", "城市生活")
    article = parsed.articles[0]
    assert (article.headline, article.headline_from_lead) == ("湖滨观鸟季: 红嘴鸥飞回来了,市民赶早看鸟", False)
    # the names of the page's photos stay as they are printed, one per line, not glued to the text
    assert article.paragraphs[:3] == ("渔港码头", "长广溪湿地", "蠡湖之光")
    assert article.paragraphs[3].startswith("1月8日清晨")
    assert article.dateline == D(2025, 1, 8)
    assert people(article) == [("沈言", None)]
    text = "".join(p for a in parsed.articles for p in (a.headline, *a.paragraphs))
    for furniture in ("上一篇", "放大", "版权", "ICP", "内容检索"):
        assert furniture not in text


def test_photo_news_column_writers_with_wen_tu_and_a_credit_after_unmarked_captions():
    photo, column, books = page("photo_news.txt").articles
    # 图片新闻 is a column, not a byline (图 + 片新闻); the item's credit has two roles
    assert (photo.section, photo.headline_from_lead, photo.bylines) == ("图片新闻", True, ())
    assert photo.photo_credits == ("本报记者 程晓 通讯员 吴涵 丁宁 摄",)
    assert photo.dateline == D(2025, 1, 9)  # 9日早上: the day only, in the issue's month
    assert (column.headline, people(column)) == ("暖心邦办", [("周舟", None), ("陆遥", None)])  # 周舟 陆遥 文/图
    assert column.paragraphs[-1] == "帮帮团核实：街道接到反映后当天就派人修好了路灯。"
    assert (books.headline, people(books), books.dateline) == ("社区书屋开门迎客", [("孙悦", None)], D(2025, 1, 8))
    assert books.paragraphs[1:] == ("小读者在书屋里看书", "志愿者为居民推荐新书")


def test_captions_with_credits_between_paragraphs_and_a_web_byline_box():
    parsed = page("captions_and_web_box.txt")
    assert (parsed.page_label, parsed.page_section) == ("6", "城市专页(文旅)")
    article = parsed.articles[0]
    assert (article.headline, article.subheadline) == ("运河畔的老码头有了新用途", "——记老码头改造为市民驿站")
    assert article.captions == ("驿站外景。", "阅读角一角。")
    assert article.photo_credits == ("记者 刘波 摄", "记者 刘波 摄")
    assert people(article) == [("刘波", "记者"), ("陈静", "通讯员")]
    assert article.dateline == D(2025, 1, 9)
    assert article.paragraphs == (
        "1月9日，位于运河边的老码头改造完成，成了市民休憩的驿站。",
        "驿站里设有阅读角和饮水点，附近居民常来坐坐。",
        "据悉，运河沿线还将改造三处老码头。",
    )


def test_database_page_one_item_per_page_line_with_columns_wire_and_photo_story():
    parsed = page("database_items.txt", issue_date=D(2024, 3, 6))
    assert (parsed.page_label, parsed.page_section) == ("4", "要闻")
    reading, farming, canteen, plum = parsed.articles
    # `专栏:城乡新貌` names the column; it is not part of the title
    assert (reading.section, reading.headline, people(reading)) == ("城乡新貌", "湖边小镇办起读书节", [("陆明远", "记者")])
    # a title of four short phrases under `专栏:` is a title, not a site menu; the 本报讯 paragraph
    # inside the item stays in it, and the 据新华社 lead's credit and the closing one are both kept
    assert farming.headline == "春耕备耕 农机下田 种子到户 水利先行 各地抓紧春季农业生产"
    assert people(farming) == [("方立群", "记者"), ("何晓松", "记者"), ("唐文", None)]
    assert (farming.source, farming.dateline, farming.dateline_place) == ("新华社", D(2024, 3, 5), "北京")
    assert farming.paragraphs[1] == "本报讯 江苏各地近日组织农技人员下乡，指导农民科学育秧。"
    # 本报苏州3月5日讯 记者沈嘉禾报道：a dated lead ending in 讯
    assert (canteen.headline, people(canteen)) == ("城北社区添了老年食堂", [("沈嘉禾", "记者")])
    assert (canteen.dateline, canteen.dateline_place) == (D(2024, 3, 5), "苏州")
    # a photo story: `顾文浩杨思远报道` is two names, `(附图片)` no byline; the captions follow it
    assert (plum.headline, plum.subheadline) == ("春到梅园", "——无锡梅园梅花盛开")
    assert people(plum) == [("顾文浩", None), ("杨思远", None)]
    assert plum.captions == ("游客在梅林中拍照留念。", "孩子们在花下放风筝。")
    assert plum.paragraphs == ("梅园的梅花进入盛花期，连日来游人如织。", "(附图片)")


def test_web_page_writer_alone_under_the_title_source_line_and_image_remnant():
    parsed = page("web_writer_under_title.txt")
    (article,) = parsed.articles
    # `来源: 晚风新闻` and the time line are the site's; `陈思远` under the title is the writer,
    # not part of the title; `![]()` is a copy tool's empty image, not text
    assert article.headline == "回望老街的三十年"
    assert people(article) == [("陈思远", None), ("周文", None)]
    assert article.source is None
    assert article.paragraphs[1] == "街口的修鞋摊换成了咖啡馆，修鞋的老张师傅搬进了社区服务站，每周二、周四照样给街坊们修鞋补伞。"
    assert not any("来源" in p or "![" in p for p in article.paragraphs)


def test_epaper_title_with_a_comma_and_a_writer_alone_between_paragraphs():
    parsed = page("epaper_name_between_paragraphs.txt")
    (article,) = parsed.articles
    assert (parsed.page_label, parsed.page_section) == ("C2", "城市生活")
    # two title lines, the second with a comma, over a lead with no 本报讯: one title
    assert article.headline == "“乡音乡情·共话发展”座谈会举行 请老乡回家看看,为家乡建设出主意"
    assert people(article) == [("林晓舟", None)]
    assert article.dateline == D(2025, 1, 9)  # 昨天上午
    assert len(article.paragraphs) == 2


def test_web_digest_header_is_dropped_and_numbered_bracketed_titles_start_items():
    parsed = page("web_digest_marked_titles.txt")
    canal, porridge, metro, factories = parsed.articles
    # the digest's date, weekday, greeting and 头条 label are no article; `1、【…】` is a title
    assert canal.headline == "运河步道全线贯通 沿线新增五处驿站"
    assert canal.paragraphs[0] == "一条步道，串起两岸风景！"
    assert canal.dateline == D(2025, 1, 9)  # the first real paragraph's 1月9日上午
    # under a label of the digest's own (城事速览) items still read their opening date
    assert (porridge.headline, porridge.section) == ("惠山古镇腊八粥免费送!三千份热粥暖人心", "城事速览")
    assert porridge.dateline == D(2025, 1, 9)  # `“……”昨天清晨`: the date after an opening quote
    assert (metro.headline, metro.dateline) == ("地铁5号线开始空载试运行", D(2025, 1, 9))
    assert (factories.headline, factories.dateline) == ("两家工厂获评 省级智能车间", None)  # 近日
    assert not any(a.bylines for a in parsed.articles)


def test_wire_title_printed_in_the_dateline_and_share_buttons_above_it():
    (article,) = page("wire_title_in_dateline.txt").articles
    # `新華社南京1月9日電 題:…`: the title, with nothing of the share bar (一鍵分享, 主打稿) above it
    assert (article.kicker, article.headline, article.subheadline) == ("", "水鄉新景——來自太湖岸邊的報告", "")
    assert article.paragraphs[0] == "新華社南京1月9日電 題:水鄉新景——來自太湖岸邊的報告"  # kept as printed
    assert (article.source, article.dateline, article.dateline_place) == ("新华社", D(2025, 1, 9), "南京")
    assert people(article) == [("周清", "新华社记者"), ("吳明遠", "新华社记者")]
    assert article.photo_credits == ("新華社記者 陳遠 攝",)
    # the subheading 水之變 is a paragraph of its own, not glued to the next sentence
    assert "水之變" in article.paragraphs
    assert article.paragraphs[-1] == "如今，濕地公園裏水草豐茂，白鷺成群。"


def test_writer_and_photographer_apart_on_one_credit_line_and_a_date_after_a_quote():
    (article,) = page("split_credit_line.txt").articles
    # the dated header line (with its weekday and time zone note) is no part of the title
    assert article.headline == "清淤疏浚护河道"
    # `本报记者 秦岭/摄 实习生 唐悦/文`: the writer is the byline, the photographer a photo credit
    assert people(article) == [("唐悦", "实习生")]
    assert article.photo_credits == ("本报记者 秦岭/摄",)
    assert article.dateline == D(2025, 1, 9)  # `“……?”昨天一早`


def test_square_marked_bylines_open_the_pieces_that_follow_them():
    # (read in the issue after its 3月12日 story: a day after the issue is none)
    preface, first, second = page("marked_bylines.txt", issue_date=D(2025, 3, 13)).articles
    assert (preface.headline_from_lead, preface.bylines) == (True, ())
    assert preface.paragraphs[-1] == "这一年，我们一直在路上——晚报记者！"  # a sentence, not a title
    assert (first.headline_from_lead, people(first)) == (True, [("韩雪", "晚报城市新闻部记者")])
    assert first.paragraphs[0].startswith("初冬的清晨")
    assert (people(second), second.dateline) == ([("孟凡", "晚报社会新闻部记者")], D(2025, 3, 12))


def test_database_page_with_one_item_keeps_its_two_dispatches_and_both_reporters():
    parsed = page("database_single_item.txt")
    (article,) = parsed.articles
    assert (parsed.page_label, parsed.page_section) == ("4", "体育")
    assert article.headline == "冬泳健儿迎寒而上创佳绩 冬泳赛圆满落幕 长跑赛今日开跑"
    assert people(article) == [("严冬", "记者"), ("何晴", "记者")]
    assert (article.dateline, article.dateline_place) == (D(2025, 1, 9), "无锡")
    assert article.paragraphs[2].startswith("本报无锡1月9日电 记者何晴报道")


def test_share_page_header_and_a_decorated_title():
    (article,) = page("web_share_header.txt").articles
    assert article.headline == "外交部发言人：欢迎更多外国游客来华旅游"  # less the ******
    assert (people(article), article.source, article.dateline) == ([("林涛", "记者")], "新华社", D(2025, 1, 9))


def test_web_page_is_one_article_whatever_its_subheadings_captions_and_credit_lines():
    parsed = page("web_page_subheadings.txt")
    (article,) = parsed.articles
    # the page's <title> line (with the site's name) and the title: one title
    assert article.headline == "老城河畔办起夜市 市民游客点赞烟火气"
    # the reporters' line and the photographers' line in the middle of the text
    assert people(article) == [("江帆", "晚报记者"), ("秦雨", "晚报记者"), ("沈默", "晚报记者")]
    assert article.photo_credits == ("晚报记者 罗青 摄",)
    # subheadings are paragraphs of their own, the text under them stays in the one article
    assert "“老手艺和新玩法都在这里”" in article.paragraphs
    assert "A 老手艺" in article.paragraphs
    assert article.paragraphs[-1].startswith("晚上7点")
    assert not any("來源" in p or "手機" in p for p in article.paragraphs)


def test_writers_named_in_a_web_page_meta_line():
    (article,) = page("web_meta_author.txt").articles
    assert article.headline == "乡村医生周明:守护村民健康二十年"  # not glued to a `\` remnant
    assert people(article) == [("韩青", None), ("邵阳", None)]
    assert article.paragraphs[0] == "周明在村卫生室为老人量血压。"


def test_series_name_in_brackets_before_the_title_is_its_column():
    (article,) = page("series_column_title.txt").articles
    assert (article.section, article.headline, article.subheadline) == (
        "鄉村振興 走進新時代", "梨花村", "—— 一座山村的新生(節選)"
    )
    # share bars, image file names and breadcrumbs are no text; the captions stay
    assert article.paragraphs[:2] == ("過去的梨花村。", "今天的梨花村。")
    assert not any(".jpg" in p or "分 享" in p for p in article.paragraphs)


def test_traditional_writer_line_and_empty_web_labels():
    (article,) = page("writer_lines_web.txt").articles
    assert (article.headline, people(article)) == ("社區圖書館延長開放時間 夜讀成新風尚", [("林曉", None)])
    assert article.paragraphs[0].startswith("社區圖書館本月起")


def test_roles_with_colons_on_one_line_and_a_writer_with_affiliation():
    storm, essay = page("colon_roles_affiliation.txt").articles
    # each role with its names; the editor is no byline
    assert people(storm) == [("邓楠", "记者"), ("方凯", "记者"), ("许静", "见习记者"), ("黄岚", "实习生")]
    assert storm.paragraphs[0].startswith("连日暴雨中")
    # `许文清 南城大学教授` closing a column: the writer, not text
    assert (essay.headline, people(essay)) == ("城南旧事", [("许文清", None)])
    assert essay.paragraphs[-1] == "如今老巷子翻新了，老槐树还在，树下多了几张长椅。"


def test_mirror_site_starred_titles_and_a_posting_stamp():
    parsed = page("mirror_site_starred_titles.txt")
    books, canteen = parsed.articles
    # the site's own name and its posting stamp above are no title; `……!******` is the title
    assert books.headline == "城市书房十年:从“一间屋”到“一张网”!"
    # the subheading stays in the story (items start only at the starred titles)
    assert "小书房里的大变化" in books.paragraphs
    assert (books.captions, books.photo_credits) == (("市民在城市书房里读书。",), ("记者 严明 摄",))
    assert (canteen.headline, canteen.has_lead, canteen.dateline) == ("社区食堂开到家门口", True, D(2025, 1, 9))


def test_a_square_marked_name_over_the_text_is_the_writer():
    (article,) = page("marked_name_top.txt").articles
    assert (article.headline_from_lead, people(article)) == (True, [("向晚晴", None)])
    assert article.paragraphs[0].startswith("2005年的一个秋天")


def test_unmarked_captions_between_the_story_and_its_credit_stay_with_the_story():
    (article,) = page("unmarked_captions_credit.txt").articles
    assert article.headline == "邻里节上的小记者"
    assert people(article) == [("林小满", None)]  # (作者:林小满 学校:城西小学): the name only
    assert article.paragraphs[2:] == ("小记者采访社区书记", "小记者为参加活动的居民加油", "小记者在社区合影")


def test_a_title_printed_twice_under_a_site_header_starts_the_page():
    (article,) = page("web_repeated_title.txt").articles
    # the study site's slogan, menus and its own copy of the title (with junk after it) go
    assert article.headline == "古镇木偶戏后继有人 首届科班生毕业汇演"
    assert article.dateline == D(2025, 1, 9)


def test_traditional_web_page_with_a_wire_story_under_its_title():
    (article,) = page("web_trad_wire_under_title.txt").articles
    # the spam keyword line and the breadcrumb above the title are no kicker; the 題: in the
    # wire dateline below repeats the title and starts no second article
    assert (article.kicker, article.headline) == ("", "外國記者探訪老城 夜市成了“發布會”")
    assert (article.source, article.dateline, article.dateline_place) == ("中新社", D(2025, 1, 9), "南京")
    assert people(article) == [("韓冬", "中新社记者"), ("蘇青", "中新社记者")]
    assert article.photo_credits == ("中新社發 韓冬 攝",)
    assert not any("版權" in p for p in article.paragraphs)


def test_photo_review_page_items_notes_and_credits():
    intro, canal, birds, plant = page("photo_review_page.txt").articles
    assert intro.headline_from_lead
    # `(某某日报 2025年1月9日第1版)` under a title is a note of where it was printed, not title
    assert canal.headline == "运河货运量创新高"
    assert (people(canal), canal.source, canal.dateline) == ([("顾远", "人民日报记者")], "人民日报", D(2025, 1, 8))
    assert canal.photo_credits == ("韩江 摄(人民视觉)",)
    # the credit in the lead closes nothing: the next 图片报道 is its own item; 图片报道 is the
    # photo column's label, not a headline (the writers' convention since batch t7): the item's
    # display title is its first sentence
    assert (birds.section, birds.headline_from_lead, birds.photo_credits, birds.dateline) == ("图片报道", True, ("陆远 摄(人民视觉)",), D(2025, 1, 7))
    # `周勤 林安 摄影报道`: they took the photos and wrote the story
    assert (plant.section, plant.headline_from_lead, people(plant)) == ("图片报道", True, [("周勤", None), ("林安", None)])


def test_web_breadcrumb_editor_box_and_ranking_lists_are_furniture():
    (article,) = page("web_breadcrumb_editor_box.txt").articles
    assert (article.headline, article.dateline, article.bylines) == ("代表们抓拍记者工作", D(2025, 1, 9), ())
    assert article.paragraphs[-1] == "就在记者争相对准代表拍照的时候,代表们也把镜头对准了工作中的记者。"


def test_newsroom_before_the_role_in_a_closing_byline_is_no_name():
    (article,) = page("org_role_byline.txt").articles
    assert people(article) == [("方晴", "记者")]  # (城南之窗 记者 方晴)


def test_database_item_pasted_on_one_line_is_split_into_its_parts():
    parsed = page("database_flat_line.txt", issue_date=D(2025, 1, 10))
    (article,) = parsed.articles
    assert parsed.page_label == "2"
    assert article.headline == "老街改造系列述评之三 让老街活起来"
    assert people(article) == [("程远", "记者")]
    # the paragraphs as printed (full-width punctuation kept), one per sentence group
    assert article.paragraphs == (
        "老街改造的根本，在于留住烟火气。这是我们走访多条老街后的共同感受。",
        "修旧如旧，是老街改造的第一条原则。",
        "一条老街的魅力，不在于新，而在于旧中有新。",
    )


def test_titles_and_credits_set_apart_by_a_gap_of_spaces():
    memorial, railway = page("epaper_title_gaps.txt").articles
    # `标题   正文`: the title, then its text; `……先烈。        据新闻联播`: the closing wire credit
    assert memorial.headline == "各地举行活动纪念抗战胜利80周年"
    assert memorial.paragraphs[0].startswith("今年是抗战胜利80周年")
    assert (memorial.source, memorial.bylines) == ("新闻联播", ())
    # `标题   记者 王晨` then `通讯员 李沐` on the next line: both bylines of the next story
    assert railway.headline == "城际铁路首个标段贯通 该标段起于城北站，止于城南站，全线12千米"
    assert people(railway) == [("王晨", "记者"), ("李沐", "通讯员")]
    assert railway.dateline == D(2025, 1, 9)


def test_magazine_credit_lines_under_a_pasted_summary():
    article = page("magazine_credit_lines.txt").articles[0]
    # the site's meta fields, the publication's name and a link's `[` are not text
    assert article.headline_from_lead
    assert article.paragraphs == ("一家老字号糕团店在城中开了六十年，去年底悄悄换了店主，老顾客们却说味道没变。",)
    assert people(article) == [("顾北", "本刊记者"), ("沈南", "本刊记者"), ("钱小禾", "实习记者")]


def test_editor_line_is_no_title_and_the_date_comes_after_a_standfirst():
    (article,) = page("web_editor_line_standfirst.txt").articles
    assert article.headline == "晚间8点见丨古运河畔的老船工;警惕自编自演的“摆拍”新闻"  # not `某某报 编辑 刘晨`
    assert article.bylines == ()  # an editor is no byline
    assert article.dateline == D(2025, 1, 8)  # from the story under the slogan, not the slogan
    assert article.photo_credits == ("某某报记者 王子安 摄",)


def test_title_named_again_as_original_title_and_a_posters_rank_is_no_writer():
    (article,) = page("original_title_repeat.txt").articles
    # a title ending with ? over 30 characters: the 原标题 line below says it is the title
    assert article.headline == "晚间8点见丨城墙下的守夜人;高价“体测专用鞋”背后谁在获利?"
    # `创始人` alone under it is the poster's rank on the site: no writer, no text
    assert article.bylines == ()
    assert article.paragraphs[0].startswith("晚间8点见,多一点视角")


def test_client_prefix_before_a_byline_and_an_image_placeholder():
    (article,) = page("client_byline_placeholder.txt").articles
    assert article.headline == "亲历者说:做城市更新的记录者"
    assert people(article) == [("林一舟", "记者")]
    assert article.paragraphs[0].startswith("从老城区说起")


def test_byline_with_its_role_straight_after_the_last_sentence():
    (article,) = page("byline_after_last_sentence.txt").articles
    assert article.cross_references == ("上接A1版",)
    assert people(article) == [("汤远", "记者"), ("朱青", "记者")]
    assert article.paragraphs[-1].endswith("化为美好现实!")


def test_pinyin_notes_go_and_a_pasted_wire_line_is_split():
    (article,) = page("pinyin_notes_wire.txt").articles
    # the page's title (printed twice around the site's junk); the wire's own 题 stays in its lead
    assert article.headline == "江苏某市:“第二现场”观赛区 全城一起看球赛"
    assert (article.source, article.dateline) == ("新华社", D(2025, 1, 9))
    assert people(article) == [("刘江", "新华社记者"), ("杨海", "新华社记者"), ("柯远", "新华社记者")]
    assert not any("cháo" in p or "(" in p for p in article.paragraphs)


def test_reporters_notes_each_signed_with_a_dash_byline():
    first, second = page("reporters_notes_dash_bylines.txt").articles
    # `——本报太湖分社记者翟青` closes its note; the paper's note and the editors go
    assert (first.headline_from_lead, people(first)) == (True, [("翟青", "太湖分社记者")])
    assert people(second) == [("胡悦", "江南分社记者")]
    assert not any("责编" in p or "版)" in p for a in (first, second) for p in a.paragraphs)


def test_a_spam_line_of_keywords_and_a_writer_in_the_author_field():
    (article,) = page("web_spam_underscore_author_field.txt").articles
    assert article.headline == "鄉村郵路,一路向前!"
    assert people(article) == [("張明遠", "某某郵政报特派记者")]


def test_editors_words_are_the_note_and_a_piece_byline_under_its_heading():
    (article,) = page("editor_words_piece_byline.txt").articles
    assert article.headline == "文学里的城市镜像"
    assert article.editor_note.startswith("编者的话")
    assert people(article) == [("郑晓雨", None), ("宋青", "某某报·某某网记者")]


def test_marked_caption_copyright_line_and_the_day_in_the_lead():
    article = page("marked_caption_lead_day.txt").articles[0]
    assert article.captions == ("■陳明在新年招待會上講話。北京傳真",)
    assert article.has_lead and people(article) == [("江明", "记者")]
    assert article.headline == "某某辦公室9日在北京舉行新年招待會。"  # the display title less the lead's mark
    assert article.dateline == D(2025, 1, 9)  # `…9日在北京舉行…`: the day the lead's sentence names


def test_a_blogs_english_date_header_and_two_posts_with_their_credits():
    news, essay = page("blog_date_header_two_posts.txt").articles
    assert news.headline == "住建部门:老旧小区改造将每年考核"  # not `Friday, January 10, 2025 …`
    assert (people(news), news.source, news.dateline) == ([("徐明宇", "记者")], "人民网", D(2025, 1, 9))
    assert (essay.headline, people(essay)) == ("用文学照见我们自己", [("贾思远", None)])


def test_a_newsletters_label_and_a_byline_with_the_outlet_after_slashes():
    (article,) = page("newsletter_label_slash_byline.txt").articles
    assert (article.section, article.headline) == ("今日頭條", "兩岸青年共話創業 三百人參加交流會")
    # `記者羅明川/綜合報導/某某合報`: the reporter; how it was filed and the paper are no names
    assert people(article) == [("羅明川", "记者")]


def test_an_apps_paragraphs_pasted_on_one_line_are_paragraphs_again():
    parsed = page("app_paragraphs_one_line.txt")
    (article,) = parsed.articles
    assert (parsed.page_label, parsed.page_section) == ("01", "要闻")
    assert (article.headline, article.subheadline) == ("坚持全市“一盘棋”", "——优化城乡布局,促进区域协调发展")
    assert article.paragraphs[0] == "城乡协调发展是现代化的内在要求。"
    assert len(article.paragraphs) == 4


def test_a_writer_named_in_the_source_line_of_a_journal_page():
    (article,) = page("academic_source_author.txt").articles
    assert article.headline == "吴明远:县域治理的条件及对十个县的比较研究"
    assert people(article) == [("吴明远", None)]  # `来源:某某大学学报作者:作者:吴明远`


def test_writers_and_photographers_named_in_one_credit():
    bridge, birds, market = page("mixed_writer_photo_credits.txt").articles
    # in the lead: `(记者 顾青 摄影 林远)`: the reporter is the byline, the photographer a credit
    assert (people(bridge), bridge.photo_credits) == ([("顾青", "记者")], ("林远 摄",))
    # closing: `(文/周宁 图/陆川)`, `(记者 沈言 文 韩冬 摄)`
    assert (people(birds), birds.photo_credits) == ([("周宁", None)], ("陆川 摄",))
    assert (people(market), market.photo_credits) == ([("沈言", "记者")], ("韩冬 摄",))
    assert birds.paragraphs[-1] == "据介绍，今年来这里越冬的候鸟预计超过五千只。"


def test_a_writers_name_alone_over_the_text_is_no_title():
    (article,) = page("writer_name_first_line.txt").articles
    # `朱远航` (a common surname, two or three characters) over a long paragraph: the writer
    assert people(article) == [("朱远航", None)]
    assert article.headline_from_lead
    assert article.paragraphs[0].startswith("新闻是明天的历史。")


def test_credits_with_a_bar_and_after_the_pieces_origin():
    (article,) = page("web_pipe_credits.txt").articles
    assert article.headline == "废物堆里的AI分拣员"
    # `某某之心原创,作者:微光。` and `作者|黄一林` name writers; the editor and the producer do not
    assert people(article) == [("微光", None), ("黄一林", None)]
    assert len(article.paragraphs) == 2


def test_an_editors_note_above_the_title_goes_with_that_article():
    (article,) = page("editor_note_above_title.txt").articles
    assert article.headline == "镜头里的城市三十年"
    assert article.editor_note.startswith("编者按:周明远")
    assert article.paragraphs[0].startswith("问(本报记者，下同)")


def test_news_sites_dated_leads_with_their_credits():
    lift, rule = page("news_site_dated_leads.txt").articles
    assert (lift.headline, lift.has_lead) == ("小区加装电梯提速", True)
    assert people(lift) == [("王明", "记者"), ("李华", "通讯员")]
    assert lift.dateline == D(2025, 1, 9)
    assert (rule.headline, people(rule), rule.dateline) == ("新规下月实施", [("张远", "记者")], D(2025, 1, 8))
