"""Headlines on pages of shapes the parser was not fitted to (issue 10): the title a careful
reader sees, without the chrome a listing, a site or an e-paper puts around it. Fixtures are
short pages in our own words (tests/fixtures/pages/titles_*.txt), in the shapes of real ones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from articles.parsing import parse_page_bytes

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
D = dt.date


def page(name: str, issue_date=D(2021, 6, 3)):
    return parse_page_bytes((PAGES / name).read_bytes(), name, issue_date=issue_date)


def titles(parsed):
    return [(a.kicker, a.headline, a.subheadline, a.headline_from_lead) for a in parsed.articles]


def test_listing_number_and_the_title_repeated_in_the_item_line_are_not_title_or_text():
    parsed = page("titles_numbered_listing.txt", issue_date=D(1988, 5, 12))
    first, second = parsed.articles
    assert titles(parsed) == [
        ("", "城东新建菜场开业 市民买菜不再跑远路", "", False),
        ("", "运河上的新桥合龙", "", False),
    ]
    # the item's text starts after the copy of its title
    assert first.paragraphs[0].startswith("本报讯 记者钱明报道:城东新建的综合菜场")
    assert second.paragraphs[0].startswith("连接运河两岸的新桥今天上午合龙")
    assert parsed.page_label == "2"


def test_one_line_items_title_gap_text_keep_titles_with_colons_and_spaces():
    parsed = page("titles_one_line_items.txt", issue_date=D(2021, 5, 7))
    assert titles(parsed) == [
        ("", "社区食堂今起试营业 老人凭卡就餐可享八折", "", False),
        ("", "城南公园: 改造后的“口袋公园”开放", "", False),
    ]
    assert parsed.articles[1].paragraphs == (
        "经过三个月改造,城南公园的东入口变成了一座有座椅、有树荫的口袋公园,周边居民又多了一处散步的地方。",
        "改造保留了原有的三棵老樟树。",
    )


def test_site_name_with_a_furniture_word_and_a_web_address_are_not_title():
    (article,) = page("titles_site_chrome_lines.txt").articles
    assert (article.kicker, article.headline, article.subheadline) == ("", "河道清淤工程全面完工 两岸步道同步开放", "")
    assert not any("www." in p or "正文" in p for p in article.paragraphs)


def test_a_line_without_chinese_under_a_chinese_title_is_the_sites_name():
    (article,) = page("titles_english_name_under_title.txt").articles
    assert article.headline == "老人走失两小时 民警接力寻回"
    assert [b.name for b in article.bylines] == ["方舟"]


def test_original_title_line_with_no_title_above_it_is_the_title():
    (article,) = page("titles_original_title_only.txt").articles
    assert article.headline == "夜班护士的十二个小时 一座城市安睡的背后,有人彻夜未眠"
    assert not article.headline_from_lead
    assert article.paragraphs[0].startswith("晚上8时整")


def test_zero_padded_epaper_page_line_gives_the_page_and_is_not_title():
    parsed = page("titles_zero_padded_page.txt", issue_date=D(2021, 6, 6))
    (article,) = parsed.articles
    assert (parsed.page_label, parsed.page_section) == ("03", "城市新闻")
    assert article.headline == "老桥换新装"
    assert article.photo_credits == ("本报记者 杜远 摄",)


def test_listing_item_with_a_column_name_a_full_stop_in_its_title_and_a_cut_text():
    parsed = page("titles_listing_columns.txt", issue_date=D(1990, 12, 30))
    grain, editorial = parsed.articles
    # the column's name before the title's copy is the column; the title keeps its full stop
    assert (grain.section, grain.headline) == ("年终报捷", "粮食:全年产量再创新高  各地粮库收购顺利,农民交售踊跃。城乡市场供应充足")
    assert not grain.headline_from_lead
    assert [(b.name, b.role) for b in grain.bylines] == [("陶然", "记者")]
    assert grain.paragraphs == ("今年全国粮食总产量再创新高,各地粮库收购工作进展顺利。",)
    # an item whose text the copy cut short is still an item under its title
    assert (editorial.section, editorial.headline, editorial.paragraphs) == ("社论", "新的一年", ("新的一年就要到来,回顾过去一年的工",))


def test_epaper_toolbar_and_headline_list_above_the_title_are_the_sites():
    parsed = page("titles_epaper_toolbar_list.txt", issue_date=D(2021, 3, 9))
    (article,) = parsed.articles
    # the list's copy and the copy printed once above the set title are not part of it
    assert (article.kicker, article.headline, article.subheadline) == ("", "《12路绕行何时结束?》后续 公交12路恢复原线路", "")
    assert [b.name for b in article.bylines] == ["林晓"]
    assert article.has_lead and article.paragraphs[-1] == "公交公司表示,施工围挡已全部拆除。"
    assert parsed.page_label == "B3"


def test_web_site_name_and_meta_box_fragments_are_neither_title_nor_text():
    (article,) = page("titles_web_meta_fragments.txt", issue_date=D(2022, 1, 28)).articles
    assert article.headline == "凝心聚力办实事 2021城南“十件民生实事”全部完成"
    # 2022 / 01/28 / 08:12 / 来源 / 城南日报 / 分享 are the page's meta box, not the first paragraph
    assert article.paragraphs == (
        "昨天,市政府通报,2021年确定的十件民生实事全部完成,涉及养老、教育、交通等多个方面。",
        "其中,新建的三所幼儿园已于秋季开学时投入使用。",
    )


def test_cookie_and_language_banners_are_not_the_first_article():
    (article,) = page("titles_consent_banners.txt", issue_date=D(2025, 3, 10)).articles
    assert article.headline == "城南港擴建工程動工 預計三年完成"
    assert not any("隱私" in p for p in article.paragraphs)
    assert article.paragraphs[0].startswith("(中央社記者林安平台北10日電)")


def test_a_label_over_a_title_wrapped_over_two_lines_with_a_comma():
    (article,) = page("titles_label_two_line_title.txt", issue_date=D(2021, 7, 16)).articles
    assert article.headline == "城南把防汛作为头等大事、第一要务 与降雨赛跑,全力排除积水隐患"
    assert article.paragraphs[0].startswith("十五日七时开始")


def test_numbered_digest_titles_lose_their_number():
    # `1丨标题`: a digest's item number before the title
    from articles.parsing import parse_page

    parsed = parse_page("每经编辑 王宁\n1丨城南新增公交线路三条,下月开通\n城南公交公司昨天宣布,下月起开通三条新线路,方便城东新区居民出行。\n", issue_date=D(2020, 6, 27))
    assert parsed.articles[0].headline == "城南新增公交线路三条,下月开通"


def test_numbered_titles_each_over_its_text_are_items_of_their_own():
    parsed = page("titles_numbered_briefs.txt", issue_date=D(1990, 3, 8))
    assert titles(parsed) == [
        ("", "西欧三国商定共同修建跨海大桥", "", False),
        ("", "南美一国举行大选", "", False),
        ("", "北欧发现大型油田", "", False),
    ]
    assert parsed.articles[2].paragraphs == ("美联社五日报道,油田储量初步估计为两亿吨。",)


def test_numbered_points_of_one_story_stay_in_it():
    from articles.parsing import parse_page

    text = (
        "城南推出三项便民措施\n"
        "本报讯(记者 周文)城南区昨天推出三项便民措施。\n"
        "1.社区食堂延长营业到晚上八点。\n"
        "2.公交12路增开夜班车。\n"
        "3.街道服务中心周六照常办公。\n"
    )
    (article,) = parse_page(text, issue_date=D(2021, 5, 7)).articles
    assert article.headline == "城南推出三项便民措施"
    assert article.paragraphs[1:] == ("1.社区食堂延长营业到晚上八点。", "2.公交12路增开夜班车。", "3.街道服务中心周六照常办公。")


def test_archive_wiki_day_page_entries_crumbs_and_title_with_its_printed_subheads():
    parsed = page("titles_archive_wiki_day.txt", issue_date=D(1988, 3, 12))
    diary, item = parsed.articles
    # each entry of the day is an item under its crumb's name; the day links and crumbs are chrome
    assert (diary.headline, diary.paragraphs) == ("某某日记", ("上午去图书馆还书,下午在家整理旧信。",))
    # the archive's title as printed (`-` kept), and the printed subhead it does not hold
    assert item.headline == "城南新建自来水厂-日供水十万吨 全区居民明年起用上深井水"
    assert [b.name for b in item.bylines] == ["林平", "周安"]
    assert item.has_lead and item.paragraphs[-1] == "水厂采用深井水源,出水水质全部达到国家标准。"
    assert not any("年月日" in p or "版面" in p or "星期" in p for a in parsed.articles for p in (a.headline, *a.paragraphs))


def test_a_list_of_the_pages_titles_then_the_title_again_over_its_byline():
    (article,) = page("titles_forum_list_then_title.txt", issue_date=D(2006, 4, 11)).articles
    # the list (and its copy of this title) and the site's menu and date are chrome; a title may ask
    assert (article.kicker, article.headline, article.headline_from_lead) == ("", "城南捷運延伸 為何一拖再拖?", False)
    assert [b.name for b in article.bylines] == ["林文雄"]  # ☉ marks the writer
    assert article.paragraphs[-1] == "延伸線若能通車,城南到市中心的時間可縮短一半。"


def test_a_title_in_ascii_quotes_over_a_keyword_line_and_a_box_label():
    (article,) = page("titles_quoted_title_box_label.txt", issue_date=D(2019, 7, 29)).articles
    assert (article.kicker, article.headline, article.subheadline) == ("", "城南老城牆修復記", "")
    # 【核心提示】 labels the box; it is no title and its text is kept
    assert article.paragraphs[0] == "【核心提示】城牆修好了。"


def test_a_date_line_with_the_papers_name_under_the_title_is_not_part_of_it():
    (article,) = page("titles_date_meta_under_title.txt", issue_date=D(2021, 6, 8)).articles
    assert (article.headline, article.subheadline) == ("老街夜市开张", "")
    assert article.dateline == D(2021, 6, 7)  # 昨晚, the first paragraph is the lead sentence
    assert article.paragraphs[0].startswith("昨晚,城南老街夜市开张")


def test_archive_writers_field_over_a_wire_lead_keeps_the_lead_first():
    from articles.parsing import parse_page

    text = (
        "城南日报>19930124\n"
        "城南举行春节团拜会-市领导向全市人民拜年\n"
        "作者:林平周安\n"
        "版面:头版\n"
        "新华社城南1月23日电 (新华社记者林平、周安)城南市今天举行春节团拜会。\n"
        "团拜会气氛热烈。\n"
    )
    (article,) = parse_page(text, issue_date=D(1993, 1, 24)).articles
    assert article.headline == "城南举行春节团拜会-市领导向全市人民拜年"
    assert article.has_lead and article.source == "新华社"
    assert [b.name for b in article.bylines] == ["林平", "周安"]
    assert "作者:林平周安" in article.byline_printed


def test_a_copys_pinyin_notes_stay_in_the_title_as_printed_and_leave_the_sentences():
    from articles.parsing import parse_page

    text = (
        "城南主流媒體看老城采訪調(diào)研活動啟動 本報應(yīng)邀探尋老城保護(hù)經(jīng)驗\n"
        "10月19日,城南老城采訪調(diào)研活動正式啟動,二十多家媒體的記者應(yīng)邀來到老城,記錄老城保護(hù)的做法。\n"
    )
    (article,) = parse_page(text, issue_date=D(2023, 10, 20)).articles
    # the title (a long first line over a long paragraph) as printed, notes and all
    assert article.headline == "城南主流媒體看老城采訪調(diào)研活動啟動 本報應(yīng)邀探尋老城保護(hù)經(jīng)驗"
    assert article.paragraphs == ("10月19日,城南老城采訪調研活動正式啟動,二十多家媒體的記者應邀來到老城,記錄老城保護的做法。",)


def test_title_printed_once_on_a_line_then_set_as_kicker_and_title_keeps_both():
    from articles.parsing import parse_page

    text = (
        "为一条河,改一座桥 城南守护百年古河道\n"
        "为一条河,改一座桥\n"
        "城南守护百年古河道\n"
        "( 2023-03-30 ) 稿件来源:城南日报 要 闻\n"
        "城南老河道已有一百多年历史,为了保护它,新建的桥梁改了设计,桥墩全部避开河床。\n"
        "河道两岸的老树也被完整保留。\n"
    )
    (article,) = parse_page(text, issue_date=D(2023, 3, 30)).articles
    title = " ".join(x for x in (article.kicker, article.headline, article.subheadline) if x)
    assert title == "为一条河,改一座桥 城南守护百年古河道"


def test_a_kicker_ending_with_an_ellipsis_is_part_of_the_title():
    from articles.parsing import parse_page

    text = (
        "年货市集、团圆宴、民俗活动……\n"
        "城南浓浓年味奏响春节序曲\n"
        "随着春节临近,城南各街道的年味越来越浓,年货市集、团圆宴和民俗活动陆续登场,吸引了大批市民。\n"
    )
    (article,) = parse_page(text, issue_date=D(2024, 2, 1)).articles
    assert (article.kicker or article.headline).startswith("年货市集、团圆宴、民俗活动……")
    assert "城南浓浓年味奏响春节序曲" in article.headline


def test_an_icons_stray_letter_before_a_byline_line_leaves_title_and_byline_apart():
    from articles.parsing import parse_page

    text = "城南老街新添十处休息座椅\nN城南都市记者 陈安\n昨天,城南老街新添了十处休息座椅,方便逛街的老人和孩子歇脚。\n"
    (article,) = parse_page(text, issue_date=D(2015, 4, 23)).articles
    assert article.headline == "城南老街新添十处休息座椅"
    assert [b.name for b in article.bylines] == ["陈安"]


def test_a_bracketed_papers_tag_before_a_web_title_is_its_column():
    from articles.parsing import parse_page

    text = "[城南日报]老城墙下的读书声\n每天清晨,老城墙下都会响起孩子们的读书声,附近小学的学生在这里晨读已经坚持了三年。\n"
    (article,) = parse_page(text, issue_date=D(2006, 3, 9)).articles
    assert (article.section, article.headline) == ("城南日报", "老城墙下的读书声")


def test_a_district_pages_items_titled_with_their_place_and_a_colon():
    parsed = page("titles_place_items.txt", issue_date=D(2020, 6, 9))
    assert [a.headline for a in parsed.articles] == [
        "东湖:老小区加装电梯 首批六台投用",
        "西岭:《老街故事》 获市群众文艺奖",
        "南塘:引导居民 将垃圾分类落到实处",
    ]
    assert parsed.articles[2].dateline == D(2020, 6, 6)
    assert parsed.articles[1].paragraphs == ("近日,西岭街道编排的小戏《老街故事》获得市群众文艺奖,演员全部来自社区居民。",)


def test_a_print_note_with_its_page_number_and_a_dashed_menu_are_furniture():
    from articles.parsing import parse_page

    text = (
        "-按日期查找-版面导航\n"
        "城南新桥通车\n"
        "《 城南日报 》( 2024年02月22日   第 03 版)\n"
        "昨天上午,城南新桥正式通车,两岸居民往来从此不必绕行五公里。\n"
    )
    (article,) = parse_page(text, issue_date=D(2024, 2, 22)).articles
    assert (article.headline, article.paragraphs) == ("城南新桥通车", ("昨天上午,城南新桥正式通车,两岸居民往来从此不必绕行五公里。",))


def test_a_listing_that_names_only_the_main_title_of_an_item_printed_with_its_kicker():
    from articles.parsing import parse_page

    text = (
        "1983-10-15\n"
        "第 1 版\n"
        "1. 认真做好化肥合理分配\n"
        "第1版()专栏: 城南县委发出通知 认真做好化肥合理分配 新华社城南10月14日电 城南县委今天发出通知,要求各乡认真做好化肥的合理分配。\n"
    )
    (article,) = parse_page(text, issue_date=D(1983, 10, 15)).articles
    assert article.headline == "城南县委发出通知 认真做好化肥合理分配"  # (a kicker, not a column)
    assert article.has_lead and article.source == "新华社"
