"""Brief columns: several short items, each opened by a list mark (■, △, •), under a column
heading; each item is its own article (fixtures in tests/fixtures/pages/briefs_*.txt, written in
the shapes of published e-paper pages, in our own words)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from articles.parsing import parse_page_bytes
from articles.parsing.datelines import Dateline, sentence_date

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
ISSUE = dt.date(2025, 1, 13)


def page(name: str):
    return parse_page_bytes((PAGES / name).read_bytes(), name, issue_date=ISSUE)


def test_headless_marked_items_are_articles_of_their_column_with_the_shared_credit():
    parsed = page("briefs_marked_shared_credit.txt")
    items = parsed.articles
    assert len(items) == 5
    # the heading is the column, never a title; each item's title is its first sentence
    assert {a.section for a in items} == {"天下速递"}
    assert all(a.headline_from_lead for a in items)
    assert items[1].headline.startswith("上海交通大学11日发布消息")
    assert not any(a.headline == "天下速递" for a in items)
    # `均据新华社电` after the last item credits every item, and is no text of the last one
    assert [a.source for a in items] == ["新华社"] * 5
    assert not items[-1].paragraphs[-1].endswith("新华社电")
    assert items[-1].paragraphs[-1].endswith("滑雪场地。")
    # the marks are not text
    assert not any(p.startswith("■") for a in items for p in a.paragraphs)
    # the day the first sentence names; a date with its year is when something happens, not the
    # item's date; 近日 is no date
    assert [a.dateline for a in items] == [
        dt.date(2025, 1, 12), dt.date(2025, 1, 11), None, None, dt.date(2025, 1, 12)
    ]
    # the e-paper's comment remnant is not text
    assert not any("enpproperty" in p for a in items for p in a.paragraphs)


def test_titled_bullet_items_keep_their_titles_sources_and_days():
    items = page("briefs_titled_bullets.txt").articles
    assert [a.headline for a in items] == [
        "北欧多国遭遇强降雪",
        "日本:流感患者人数创十年新高",
        "联合国呼吁各方保障人道主义通道",
    ]
    assert not any(a.headline_from_lead for a in items)
    assert [a.source for a in items] == [None, "新华社", "新华社"]
    assert [a.dateline for a in items] == [dt.date(2025, 1, 11), dt.date(2025, 1, 10), dt.date(2025, 1, 11)]


def test_a_page_of_named_briefs_is_never_refused_and_each_name_is_a_byline():
    parsed = page("briefs_named_items.txt")
    items = parsed.articles
    assert [[b.name for b in a.bylines] for a in items] == [["林晓"], ["周南"], ["陈一"]]
    assert all(a.headline_from_lead and a.section == "运河短波" for a in items)
    assert items[1].headline == "市图书馆推出夜间借阅服务。"
    # the lost character after the credit is not text, and the credit is not either
    assert not any("?" in p or "周南" in p for a in items for p in a.paragraphs)


def test_sentence_date_reads_the_first_date_of_the_first_sentence_only():
    assert sentence_date("记者27日从有关部门获悉,新规将实施。") == Dateline(day=27)
    assert sentence_date("自2020年12月28日零时起暂停航班。此后27日再议。") == Dateline()
    assert sentence_date("该校团队近日完成试验。") == Dateline()
    assert sentence_date("会议3月2日召开,26日闭幕。") == Dateline(monthday=(3, 2), past_only=True)
    assert sentence_date("昨天,市民在公园赏梅。") == Dateline(days_before_issue=-1)
    assert sentence_date("疫苗须在7日内接种完毕。") == Dateline()


def test_marked_subheadings_and_bullet_points_inside_a_story_stay_in_it():
    parsed = page("marked_subheadings_in_story.txt")
    (article,) = parsed.articles
    assert article.headline == "老旧小区改造今年再提速"
    assert [b.name for b in article.bylines] == ["顾言"]
    # each marked line opens a paragraph; a short one is a subheading of its own
    assert "● 亮点一:加装电梯更方便" in article.paragraphs
    assert article.paragraphs[-2:] == ("■ 老旧管网全部更换。", "■ 楼道照明统一改为感应灯。")
    assert "具体措施包括:" in article.paragraphs


def test_briefs_after_a_story_closed_by_its_credit_with_the_shared_credit_on_its_own_line():
    story, first, second = page("briefs_after_closed_story.txt").articles
    assert (story.headline, [b.name for b in story.bylines], story.source) == ("城南新建三座口袋公园", ["唐宁"], None)
    assert first.headline_from_lead and second.headline_from_lead
    assert [b.name for b in second.bylines] == ["沈一"]
    assert (first.source, second.source) == ("某某新闻网", "某某新闻网")
    assert second.dateline == dt.date(2025, 1, 11)
    assert not any("以上均据" in p for p in second.paragraphs)


def test_headless_page_is_dated_by_its_first_sentence_but_never_after_the_issue():
    (meeting,) = page("headless_sentence_dates.txt").articles
    assert meeting.headline_from_lead
    assert meeting.dateline == ISSUE - dt.timedelta(days=1)  # 昨天 inside the first sentence
    assert [b.name for b in meeting.bylines] == ["钱文"]
    (occasion,) = page("headless_occasion_date.txt").articles
    # 1月20日 is a week after this issue: an occasion ahead, not when the news happened
    assert occasion.dateline is None
    assert [b.name for b in occasion.bylines] == ["蔡丽"]


def test_a_photo_story_of_one_short_dated_sentence_is_dated_by_it():
    (photo,) = page("photo_sentence_dated.txt").articles
    assert photo.headline == "市民冬日游古运河"
    assert photo.dateline == dt.date(2025, 1, 12)


def test_an_item_title_on_the_item_line_in_brackets_or_set_apart_by_a_space():
    parsed = page("briefs_titles_on_item_line.txt")
    library, metro, games = parsed.articles
    assert {a.section for a in parsed.articles} == {"城事速览"}
    assert (library.headline, library.headline_from_lead) == ("市图书馆延长开放时间", False)
    assert library.paragraphs[0].startswith("记者从市图书馆获悉")
    assert [(b.name, b.role) for b in library.bylines] == [("张晓", "记者")]
    assert (metro.headline, metro.dateline) == ("地铁三号线新增两座车站", dt.date(2025, 1, 12))
    # a 本报讯 lead is never cut into a title
    assert games.headline_from_lead and games.has_lead
    assert [b.name for b in games.bylines] == ["李青", "周文"]


def test_traditional_brief_column_with_its_own_and_a_shared_wire_credit():
    items = page("briefs_traditional_shared_credit.txt").articles
    assert {a.section for a in items} == {"國際簡訊"}
    # an item's own credit wins; the shared one credits the others; sources in Simplified
    assert [a.source for a in items] == ["新华社", "中新社", "中新社"]
    assert [a.dateline for a in items] == [dt.date(2025, 1, 10), dt.date(2025, 1, 11), dt.date(2025, 1, 10)]
    assert all(a.headline_from_lead for a in items)


def test_a_two_part_breadcrumb_is_no_title():
    (article,) = page("web_short_breadcrumb.txt").articles
    assert article.headline == "多地迎来降雪天气 交通部门提醒谨慎驾驶"
    # the closing credit names the source as printed (the lead's 中新网 is the same newsroom)
    assert (article.source, article.dateline) == ("中国新闻网", dt.date(2025, 1, 10))
    assert not any("来源" in p for p in article.paragraphs)


def test_numbered_items_are_briefs_of_their_column():
    items = page("briefs_numbered_items.txt").articles
    assert [[b.name for b in a.bylines] for a in items] == [["韩青"], ["孙悦"], ["王敏"]]
    assert all(a.headline_from_lead and a.section == "一周要闻" for a in items)
    assert items[0].headline == "市政府常务会议8日召开,研究部署今年重点民生实事项目。"
    assert [a.dateline for a in items] == [dt.date(2025, 1, 8), dt.date(2025, 1, 9), None]


def test_marked_photo_captions_are_captions_not_briefs():
    (article,) = page("marked_captions_no_briefs.txt").articles
    assert article.headline == "梅园早梅绽放"
    assert len(article.captions) == 2 and all("图为" in c for c in article.captions)
    assert article.has_lead and [b.name for b in article.bylines] == ["唐宁"]


def test_a_bracketed_place_before_an_item_is_no_title():
    items = page("briefs_place_tags.txt").articles
    assert len(items) == 3 and all(a.headline_from_lead and a.section == "省内简讯" for a in items)
    assert items[0].paragraphs[0].startswith("【南京】市民可在线预约")
    assert [a.source for a in items] == ["新华日报", None, None]
    assert [a.dateline for a in items] == [None, dt.date(2025, 1, 11), dt.date(2025, 1, 12)]
