"""Titles and article boundaries on first contact (session 6, s6-titles). Fixtures in
tests/fixtures/pages/s6t_*.txt, written in our own words in the shapes real pages print."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from articles.parsing import parse_page_bytes

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
D = dt.date


def page(name: str, issue_date=D(2025, 10, 2)):
    return parse_page_bytes((PAGES / name).read_bytes(), name, issue_date=issue_date)


def titles(parsed) -> list[str]:
    return [
        "(from lead)" if a.headline_from_lead else " ".join(x for x in (a.kicker, a.headline, a.subheadline) if x)
        for a in parsed.articles
    ]


def test_numbered_photos_under_one_headline_are_one_photo_story():
    parsed = page("s6t_numbered_photos_one_title.txt")
    assert titles(parsed) == ["运河边的秋日", "湖滨步道的银杏黄了", "城西新开一家社区食堂"]
    first, second, third = parsed.articles
    assert first.photo_credits == ("记者 张强 摄", "记者 张强 摄", "记者 李华 摄")
    assert first.bylines == () and second.bylines == ()
    assert len(second.photo_credits) == 2
    # the last caption of a series is no caption of the story under it
    assert [b.name for b in third.bylines] == ["王明"]
    assert third.captions == () and third.dateline == D(2025, 10, 1)


def test_pdf_text_of_three_columns_read_across():
    parsed = page("s6t_three_columns_interleaved.txt")
    assert titles(parsed) == ["老城区三条背街小巷完成改造", "城西社区食堂开门迎客", "运河夜游新增两条线路"]
    assert [[b.name for b in a.bylines] for a in parsed.articles] == [["王明"], ["李华"], ["陈刚", "周丽"]]
    first, second, third = parsed.articles
    assert "".join(first.paragraphs).endswith("出门再也不用踩水坑了。")
    assert "".join(second.paragraphs).endswith("老年人凭卡就餐可享受八折优惠。")
    assert "".join(third.paragraphs).endswith("每晚运行至十点。")
