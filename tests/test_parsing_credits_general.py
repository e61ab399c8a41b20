"""Credits and dates read by one grammar wherever they sit (issue 10): the date a story's lead
sentence gives, names as printed, a surname before a bare name, a role glued to a name, and who
reported a dispatch (`本报讯 记者X报道:`). Fixtures in tests/fixtures/pages/credits_*.txt are
written in our own words, in the shapes real pages print."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from articles.parsing import Byline, parse_page_bytes
from articles.parsing.bylines import has_surname, lead_credit
from articles.parsing.datelines import Dateline, lead_sentence_date, opening_dateline, resolve

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
D = dt.date
ISSUE = D(2025, 1, 10)


def page(name: str, issue_date=ISSUE):
    return parse_page_bytes((PAGES / name).read_bytes(), name, issue_date=issue_date)


def people(article):
    return [(b.name, b.role) for b in article.bylines]


def test_a_story_without_dateline_mark_is_dated_by_what_its_lead_sentence_says_happened():
    articles = page("credits_lead_sentence_dates.txt").articles
    assert [a.headline for a in articles] == [
        "新规明起施行 市民办事更方便",
        "河道清淤工程启动",
        "工人高空排险",
        "记者节里话初心",
        "两岸交流再起步",
        "外贸数据出炉",
    ]
    assert [a.dateline for a in articles] == [
        D(2024, 12, 30),  # `2024年12月30日,…`: the year as printed (the issue is in 2025)
        D(2025, 1, 6),  # `副局长周明辉1月6日在新闻发布会上表示`
        D(2025, 1, 9),  # `在昨日上午的一场大风中`
        None,  # `11月8日为记者节`: a date named, not when anything happened
        D(2025, 1, 9),  # `会长九日在南京会见`: a day in Chinese numerals
        None,  # `截至1月5日`: a limit, not a dateline
    ]


def test_a_month_and_day_in_the_lead_sentence_is_a_date_whatever_verb_follows():
    assert lead_sentence_date("国务院总理1月8日主持召开常务会议。") == Dateline(monthday=(1, 8), past_only=True)
    assert lead_sentence_date("双方1月8日签署了合作协议。") == Dateline(monthday=(1, 8), past_only=True)
    # the first month and day only: a later one belongs to the same span
    assert lead_sentence_date("这是12月19日和12月20日两天的头版版样。") == Dateline()
    assert lead_sentence_date("1月8日前,各单位要完成自查。") == Dateline()
    # a day-only date needs a time, a place or an act after it, and no count before it
    assert lead_sentence_date("有一日,我在公园里看到一株红梅。") == Dateline()
    assert lead_sentence_date("第十日,队伍抵达终点。") == Dateline()


def test_lead_sentence_dates_that_are_no_datelines():
    assert lead_sentence_date("今日头条") == Dateline()
    assert lead_sentence_date("节目每周日(25日)播出,敬请关注。") == Dateline()
    assert lead_sentence_date("自1月1日起,新规施行。") == Dateline()
    # a day in a sentence later than the issue's day is an occasion ahead, not last month's
    assert resolve(lead_sentence_date("立法会补选25日举行,各方积极准备。"), D(2018, 10, 20)) is None
    assert resolve(lead_sentence_date("展会28日在上海闭幕,成交活跃。"), D(2018, 11, 2)) == D(2018, 10, 28)


def test_a_year_dated_opening_is_a_dateline_only_when_recent_and_before_the_issue():
    assert resolve(opening_dateline("2024年12月30日,会议召开。"), ISSUE) == D(2024, 12, 30)
    assert resolve(opening_dateline("1937年12月13日,南京沦陷。"), ISSUE) is None
    # a standing note dated the issue's own day (`……当日刊登的照片进行评选`)
    assert resolve(opening_dateline("2025年1月10日,编辑部对当日的版面进行评选。"), ISSUE) is None


def test_traditional_names_stay_as_printed():
    article = page("credits_trad_names.txt").articles[0]
    # folding reads 發 as 发 to find the markers; the names are stored as the page prints them
    assert [b.name for b in article.bylines] == ["沈汝發", "鄭明遠"]


def test_a_short_second_title_line_is_no_writer_without_a_surname():
    article = page("credits_two_line_title_short_second.txt").articles[0]
    assert article.headline == "吊车上的“秋千” 排险"
    assert people(article) == [("刘晓东", "晚报记者")]
    assert article.photo_credits == ("孙一鸣/图",)
    assert article.dateline == D(2025, 1, 9)


def test_surnames():
    assert all(has_surname(n) for n in ("王晓明", "羅印冲", "欧阳明", "歐陽明", "賴錦宏", "阿依·古丽"))
    assert not any(has_surname(n) for n in ("排险", "据悉", "节里话初心"))


def test_who_reported_a_dispatch_after_any_lead_mark():
    def names(lead):
        return [(b.name, b.role) for b in lead_credit(lead)[0]]

    assert names("本报讯 记者许仲英报道:全省粮食增产。") == [("许仲英", "记者")]
    assert names("本报讯 宋云达、赵桂林报道:某部官兵开展训练。") == [("宋云达", None), ("赵桂林", None)]
    assert names("本报北京11月17日讯新华社记者李安定、中央人民广播电台记者刘振英、本报记者何加正报道:会议召开。") == [
        ("李安定", "新华社记者"),
        ("刘振英", "中央人民广播电台记者"),
        ("何加正", "记者"),
    ]
    assert names("【本報訊】(記者 鄭治祖)國家主席昨日會見訪問團。") == [("鄭治祖", "记者")]
    # words before 报道 that are no names give no byline
    assert names("本报讯 近日,市委书记在会上作了重要报道 ,引起关注。") == []
    assert names("本报讯 市民反映报道:路灯不亮。") == []


def test_the_outlet_an_opening_credits_is_the_source_wherever_the_story_comes_from():
    articles = page("credits_foreign_digest.txt", D(1988, 12, 25)).articles
    assert [(a.headline, a.source, a.dateline) for a in articles] == [
        ("港口罢工进入第三周", "金融时报", D(1988, 12, 23)),  # `据英国《金融时报》二十三日报道`
        ("冬季航线调整", "合众社", D(1988, 12, 22)),  # `据合众社报道,…二十二日宣布`
        ("新年音乐会门票售罄", "法新社", D(1988, 12, 21)),  # `【法新社维也纳12月21日电】`
    ]
    assert all(a.bylines == () for a in articles)


def test_an_outlet_credited_after_the_last_sentence_or_on_its_own_line():
    articles = page("credits_closing_outlets.txt").articles
    assert [(a.headline, a.source) for a in articles] == [
        ("流感疫苗接种指南 六十岁以上老人可免费接种", "央视"),  # `……及时就医。 据央视`
        ("央行将推出新的再贷款工具", "新华社"),  # `据新华社` on a line of its own before the next title
        ("老城区改造提速", None),
    ]
    assert articles[0].paragraphs[-1].endswith("及时就医。")
    assert all("据" not in p for a in articles for p in a.paragraphs[-1:])


def test_opening_and_closing_outlets():
    from articles.parsing.bylines import closing_source, opening_source

    assert opening_source("据中国教育报报道:全省教师") == "中国教育报"
    assert opening_source("据央视新闻消息,今天") == "央视新闻"
    for text in ("据了解,今年", "据悉,", "据统计,全市", "据报道,", "据群众举报报道", "据旅行社介绍"):
        assert opening_source(text) is None, text
    assert closing_source("没有差错。(据新华社)") == ("没有差错。", "新华社", "(据新华社)")
    assert closing_source("全部完工。据悉") is None
    assert closing_source("全部完工。据介绍") is None


def test_a_writer_who_took_the_photos_is_a_byline_and_glued_names_are_two_people():
    first, second = page("credits_writer_photographer_glued.txt").articles
    assert people(first) == [("周晓峰", None)]  # `(周晓峰/文、摄)`
    assert first.photo_credits == ()
    assert people(second) == [("曾坤", "记者"), ("颜世贵", "记者")]  # `本报记者曾坤颜世贵`
    assert second.headline == "古城新貌"


def test_an_agency_reporter_in_the_papers_own_dispatch_makes_no_wire_source():
    article = page("credits_own_dispatch_agency_reporter.txt").articles[0]
    assert people(article) == [("王志明", "新华社记者"), ("李红", "中央人民广播电台记者"), ("赵建国", "记者")]
    assert article.source is None
    assert article.dateline == D(2024, 12, 20)


def test_names_set_apart_after_a_headless_brief_are_its_writers():
    first, second = page("credits_briefs_names_after_gap.txt").articles
    assert first.headline_from_lead and second.headline_from_lead
    assert people(first) == [("郑晓燕", None)]
    assert people(second) == [("王立新", None), ("孙红梅", None)]
    assert first.paragraphs[-1].endswith("防冻防滑工作。")
    assert [first.dateline, second.dateline] == [D(2025, 1, 9), D(2025, 1, 9)]


def test_a_dispatch_in_brackets_gives_reporter_agency_place_and_date():
    article = page("credits_bracketed_dispatch.txt").articles[0]
    assert article.headline == "兩岸航線增班 業者樂觀"
    assert people(article) == [("林怡君", "中央社记者")]  # `(中央社記者林怡君台北8日電)`
    assert (article.source, article.dateline, article.dateline_place) == ("中央社", D(2025, 1, 8), "台北")


def test_bracketed_dispatch_names_and_places():
    from articles.parsing.bylines import bracketed_dispatch

    found = bracketed_dispatch("（本报记者张三、李四 北京1月2日电）今天")
    assert (found[0], found[1:5]) == ((Byline("张三", "记者"), Byline("李四", "记者")), (None, "北京", 1, 2))
    found = bracketed_dispatch("(新华社记者王明华盛顿十二月九日电)会谈今天举行")
    assert ([b.name for b in found[0]], found[2], found[3], found[4]) == (["王明"], "华盛顿", 12, 9)
    assert bracketed_dispatch("会谈今天举行。(新华社记者王明北京9日电)", at_end=True)[2:5] == ("北京", None, 9)
    assert bracketed_dispatch("(记者节特别报道)今天") is None


def test_a_two_line_credit_over_a_photo_story_is_the_photos_not_a_byline():
    article = page("credits_photo_story_two_lines.txt").articles[0]
    assert article.bylines == ()
    assert article.photo_credits == ("本报记者 周海涛 通讯员 陆文杰 摄",)
    assert article.dateline == D(2025, 1, 8)


def test_a_marked_byline_says_who_the_writer_is_and_fields_print_label_above_value():
    letter, patrol = page("credits_reader_letter_fields.txt").articles
    assert people(letter) == [("宋晓峰", "热心读者")]  # `□热心读者 宋晓峰`
    assert letter.paragraphs[0].startswith("我家订阅晚报")
    # `作者:` / `赵明远 钱丽华`: the writers; 来源 and 编辑 are no byline and no text
    assert people(patrol) == [("赵明远", None), ("钱丽华", None)]
    assert patrol.source is None
    assert patrol.paragraphs[-1] == "巡逻持续到深夜,一切平安。"
    assert patrol.dateline == D(2025, 1, 9)


def test_short_relative_words_and_anniversaries():
    first, second = page("credits_short_relative_dates.txt").articles
    assert first.dateline == D(2025, 1, 9)  # `本报讯 昨从市公安局了解到`
    assert second.dateline is None  # `十年前的今天`: an anniversary, not today's news


def test_roles_and_names_after_a_lead_mark_without_brackets():
    canteen, rush, heating = page("credits_unbracketed_lead_credits.txt").articles
    assert people(canteen) == [("王丽", "记者"), ("陈刚", "通讯员")]  # `本报讯 记者 王丽 通讯员 陈刚 近日,…`
    assert canteen.dateline is None  # 近日 names no day
    assert people(rush) == [("张明", "记者"), ("李强", "记者")]  # `新华社北京1月8日电 记者张明 李强 今天…`
    assert (rush.source, rush.dateline) == ("新华社", D(2025, 1, 8))
    assert (heating.bylines, heating.source) == ((), "央视网")  # `央视网消息:`


def test_a_reporter_line_keeps_only_the_writers():
    renewal, books, typhoon = page("credits_reporter_line_extras.txt").articles
    assert people(renewal) == [("张晓明", "南都记者")]  # `… 发自北京`: where it was filed
    assert people(books) == [("赵一鸣", "新京报记者")]  # the editor and the proofreader are no byline
    assert people(typhoon) == [("黃志明", "记者")]  # `〔記者黃志明／台北報導〕`
    assert typhoon.dateline == D(2025, 1, 9)


def test_a_closing_credit_between_two_reports_under_one_title():
    article = page("credits_two_reports_one_title.txt").articles[0]
    assert article.headline == "抓好春耕备耕不误农时 两省部署当前农村工作"
    assert people(article) == [("钱有为", None), ("孙立德", None)]
    assert not any(p.startswith("(") for p in article.paragraphs)


def test_a_name_before_a_jump_line_is_the_writer():
    article = page("credits_name_before_jump.txt").articles[0]
    assert people(article) == [("周明远", None)]
    assert article.cross_references == (">>>11-14版",)
    assert len(page("credits_name_before_jump.txt").articles) == 1


def test_a_date_printed_with_its_year_in_a_lead_is_history_when_long_past():
    article = page("credits_lead_year_history.txt", D(1989, 1, 19)).articles[0]
    assert people(article) == [("李志强", None), ("赵海林", None)]  # `本报讯 李志强、赵海林报道:`
    assert article.dateline is None  # `本报1987年5月18日发表的通讯` is not 1989-05-18


def test_a_dispatch_without_a_reporter_and_a_photo_credit_with_a_note():
    from articles.parsing.bylines import bracketed_dispatch

    assert bracketed_dispatch("(中央社台北8日電)交通部今天宣布。")[:5] == ((), "中央社", "台北", None, 8)
    assert bracketed_dispatch("会谈今天举行。(新华社北京9日电)", at_end=True)[:5] == ((), "新华社", "北京", None, 9)
    article = parse_page_bytes(
        "丰收的喜悦\n新华社记者 王军 摄(附图片)\n江西农民在收割晚稻。\n".encode(), "x", issue_date=ISSUE
    ).articles[0]
    assert article.headline == "丰收的喜悦"
    assert article.photo_credits == ("新华社记者 王军 摄(附图片)",)
    assert article.bylines == ()


def test_a_lead_dated_after_an_opening_quotation_and_元月():
    def dated(lead):
        return parse_page_bytes(f"标题在此\n{lead}\n".encode(), "x", issue_date=ISSUE).articles[0].dateline

    assert dated("本报讯 (记者 王五) “我们终于有了自己的图书馆!”昨天,村民们高兴地说。") == D(2025, 1, 9)
    assert dated("本报讯 元月8日,全市召开大会。") == D(2025, 1, 8)
    assert dated("本报讯 今年以来,全市新增就业两万人。") is None
    # a weekday: that day in the week before the issue (the answers' convention since session 5)
    assert dated("本报讯 上周五,市区一小区发生火灾。") == D(2025, 1, 3)


def test_credit_lines_with_bars_affiliations_groups_and_photographers_apart():
    def credited(text):
        article = parse_page_bytes(text.encode(), "x", issue_date=ISSUE).articles[0]
        return [b.name for b in article.bylines], article.photo_credits

    body = "\n　　昨晚,运河灯会开幕,游人如织。灯会共展出花灯三百组。\n　　灯会将持续到元宵节。"
    assert credited("运河灯会\n文丨张三" + body) == (["张三"], ())  # an app's bar, 丨
    assert credited("运河灯会\n记者丨张三 李四" + body) == (["张三", "李四"], ())
    assert credited("谈谈读书\n作者：王大明（江南大学教授）" + body) == (["王大明"], ())
    assert credited("运河灯会\n本报报道组 张三 李四" + body) == (["张三", "李四"], ())
    # the closing credit names the photographer apart: a photo credit, not a byline
    assert credited("运河灯会\n　　本报讯 昨晚,运河灯会开幕,游人如织。\n　　(文/张三 图/李四)") == (["张三"], ("李四 摄",))


def test_closing_credits_that_name_outlets_not_people():
    def closing(credit):
        text = f"寒潮来袭\n　　全国多地迎来降温天气,气象部门发布寒潮预警。各地做好防寒准备。\n　　专家提醒注意保暖。{credit}"
        article = parse_page_bytes(text.encode(), "x", issue_date=ISSUE).articles[0]
        return [b.name for b in article.bylines], article.source

    assert closing("(综合新华社、央视)") == ([], "新华社、央视")
    assert closing("\n　　（文章来源：新华每日电讯）") == ([], "新华每日电讯")
    assert closing("\n　　(本报综合)") == ([], None)
    # no surname, no role: nobody's name, but an agency's short name: its copy (session 5)
    assert closing("\n　　(中新)") == ([], "中新社")
    assert closing("\n　　(作者:及亚静)") == (["及亚静"], None)  # a credit that says so


def test_wire_dispatches_in_old_and_pasted_forms():
    def read(text, issue=ISSUE):
        a = parse_page_bytes(text.encode(), "x", issue_date=issue).articles[0]
        return a.source, a.dateline, [b.name for b in a.bylines]

    # `新华社五日讯`: the old form of a wire dispatch
    assert read("盛大宴会庆祝团结\n　　新华社14日讯 副总理今晚举行盛大宴会,热烈庆祝两国团结。\n") == ("新华社", D(2024, 12, 14), [])
    # a site's leftovers before the dispatch on the same line
    assert read("代表热议报告\n　　点击进入>>>新华网北京1月5日电(记者全晓书程云杰孟娜)代表们5日热议政府工作报告。\n") == (
        "新华网",
        D(2025, 1, 5),
        ["全晓书", "程云杰", "孟娜"],  # three names run together, split by their surnames
    )
    assert read("港府首長赴京述職\n　　資料照片中央社  / 香港(中央社記者張謙香港8日電)行政長官明天將前往北京。\n") == (
        "中央社",
        D(2025, 1, 8),
        ["張謙"],
    )


def test_a_photo_the_agency_distributed_credits_the_agency():
    text = "各地积极应对台风\n　　1月8日,工作人员对泵房进行安全检查。 新华社发(汤德宏 摄)\n"
    article = parse_page_bytes(text.encode(), "x", issue_date=ISSUE).articles[0]
    assert (article.source, article.bylines, article.photo_credits) == ("新华社", (), ("汤德宏 摄",))
    assert article.paragraphs[-1].endswith("安全检查。")
    text = "花灯展\n　　近日,工人们正紧张地布置花灯展。林弘梫摄(人民视觉)\n"
    assert parse_page_bytes(text.encode(), "x", issue_date=ISSUE).articles[0].source == "人民视觉"


def test_more_credit_shapes_read_by_the_same_grammar():
    def credited(text):
        article = parse_page_bytes(text.encode(), "x", issue_date=ISSUE).articles[0]
        return [b.name for b in article.bylines], article.photo_credits

    body = "\n　　昨晚,运河灯会开幕,游人如织。灯会共展出花灯三百组。\n　　灯会将持续到元宵节。"
    assert credited("运河灯会\nN海都记者 陈文涛" + body)[0] == ["陈文涛"]  # a mark lost to the encoding
    assert credited("运河灯会" + body + "\n何白 整理")[0] == ["何白"]
    assert credited("运河灯会" + body + "\n吕依霖 摄影报道")[0] == ["吕依霖"]
    assert credited("运河灯会\n记者昂莹莹文/图" + body)[0] == ["昂莹莹"]
    assert credited("运河灯会" + body + "\n吴昌松  龚玉(实习)")[0] == ["吴昌松", "龚玉"]
    assert credited("运河灯会\n本报记者 李奕君 摄影 李杨" + body) == (["李奕君"], ("李杨 摄",))
    # a dispatch mark without a date, and a role glued to the name with the text straight after
    assert credited("运河灯会\n　　快报无锡电(记者陆媛)昨天,运河灯会开幕。")[0] == ["陆媛"]
    assert credited("运河灯会\n　　本报海口电记者鲍洪俊报道:运河灯会开幕。")[0] == ["鲍洪俊"]
    assert credited("运河灯会\n　　本报北京1月7日讯记者潘岗今天从有关部门获悉,灯会开幕。")[0] == ["潘岗"]
    # after a closing quotation mark, a marked byline
    assert credited("运河灯会\n　　市民笑言:「幾好行!」 ■記者 朱朗文")[0] == ["朱朗文"]


def test_昨_alone_before_a_verb_and_a_time_in_chinese_numerals():
    assert lead_sentence_date("申城昨錄得攝氏三十八點三度高溫。") == Dateline(days_before_issue=-1)
    assert lead_sentence_date("十六日七时开始,居民有序排队。") == Dateline(day=16, past_only=True)
    assert lead_sentence_date("18日夜晚,记者随同巡警一道蹲守。") == Dateline(day=18, past_only=True)
    assert lead_sentence_date("今是昨非,感慨良多。") == Dateline()
    assert lead_sentence_date("古都北京,从来没有今天这么辉煌。") == Dateline()


def test_a_digest_credits_its_wires_and_papers_without_据():
    from articles.parsing.bylines import opening_source

    assert opening_source("法新社六日援引外长的话说,会晤将举行。") == "法新社"
    assert opening_source("埃菲社五日报道,首相将访问匈牙利。") == "埃菲社"
    assert opening_source("《星期日快报》五日报道,预计英方将只允许几千人。") == "星期日快报"
    assert opening_source("【日本《每日新闻》11月5日报道】首相表示。") == "每日新闻"
    from articles.parsing import fold

    assert opening_source(fold("【文匯網訊】據人民日報海外版報道,12月28日起。")) == "人民日报海外版"
    assert opening_source("据合众社报道,核电计划取消。") == "合众社"
    assert opening_source("市政府五日报道了这一情况。") is None


def test_reporters_of_a_dated_own_dispatch_and_a_place_glued_to_the_last_name():
    def names(lead):
        return [b.name for b in lead_credit(lead)[0]]

    assert names("本报济南11月29日讯(记者 王倩 实习生 王丽丽)本报将举办通讯员培训。") == ["王倩", "王丽丽"]
    assert names("【大公報訊】記者劉舒婷、張琦、許蕎北京報道:今年兩會開幕。") == ["劉舒婷", "張琦", "許蕎"]
    assert names("本报讯 记者许仲英报道:全省粮食增产。") == ["许仲英"]


def test_names_set_apart_over_the_next_title_close_the_article_above():
    text = (
        "桃乡年味浓\n　　随着春节临近,度假区内的年味也越来越浓。市民纷纷前来采购年货。\n"
        "金辰 高艺\n年货市集人头攒动\n　　年货市集现场人头攒动,前来采购的市民边逛边看。\n"
    )
    first, second = parse_page_bytes(text.encode(), "x", issue_date=ISSUE).articles
    assert [b.name for b in first.bylines] == ["金辰", "高艺"]
    assert second.headline == "年货市集人头攒动" and second.bylines == ()
    text = "江南 水乡\n古镇迎来游客高峰\n　　古镇迎来游客高峰,街巷里人来人往。\n"
    article = parse_page_bytes(text.encode(), "x", issue_date=ISSUE).articles[0]
    assert article.bylines == () and "江南" in article.headline + article.kicker


def test_a_past_edition_or_a_spans_start_is_no_dateline_and_a_site_is_no_writer():
    def read(text):
        a = parse_page_bytes(text.encode(), "x", issue_date=ISSUE).articles[0]
        return a.dateline, [b.name for b in a.bylines]

    assert read("伤情牵动人心\n　　本报讯 本报1月7日A7版刊登《城管队员受伤》一文后,不少市民来电。\n")[0] is None
    assert read("年度事件评选\n　　本报讯(记者李斌)自1月2日本报刊登启事以来,读者纷纷提名。\n")[0] is None
    assert read("助三夏\n作者:某某新闻网 吴昌松  龚玉(实习)\n　　1月8日,副县长带队来到镇里开展活动。\n") == (D(2025, 1, 8), ["吴昌松", "龚玉"])


def test_a_day_only_dispatch_dates_its_lead_before_today_in_it():
    from articles.parsing.datelines import read_dateline

    # `今天` in a dispatch is the dispatch's day
    assert read_dateline("据新华社十二日讯 贵宾今天由总理陪同抵达北京。") == Dateline(day=12)
    assert read_dateline("新华社北京十二月九日电 总统今天抵达。") == Dateline(monthday=(12, 9), place="北京")
    assert read_dateline("本报合肥18日电 在辽阔的淮北平原上。") == Dateline(day=18, place="合肥")


def test_a_newsrooms_latin_name_before_the_role():
    names = [b.name for b in lead_credit("本报讯(YMG全媒体记者 金海善 通讯员 燕兆平 摄影报道)为了形成合力。")[0]]
    assert names == ["金海善", "燕兆平"]
