"""``manage.py export_articles``: JSON Lines for researchers, exactly the documented keys."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
KEYS = {
    "id", "url", "source_file", "issue_date", "issue_date_inferred", "page", "sequence", "section",
    "headline", "bylines", "dateline", "paragraphs", "source",
    # issue 10: papers and printed fields
    "paper", "kicker", "subheadline", "photo_credits", "captions", "dateline_place", "issue_date_source",
}


@pytest.fixture
def rows(db):
    call_command("ingest", str(SEEDS), stdout=StringIO())
    out = StringIO()
    call_command("export_articles", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def by_headline(rows, headline):
    (row,) = [r for r in rows if r["headline"] == headline]
    return row


def test_one_line_per_article_with_exactly_the_documented_keys(rows):
    assert len(rows) == 20
    assert all(set(r) == KEYS for r in rows)
    assert len({r["id"] for r in rows}) == 20


def test_a_local_article_exports_as_a_reader_would_split_it(rows):
    row = by_headline(rows, "我市与上外签署市校全面深化合作框架协议")
    assert row["source_file"] == "004_ee7dceab59559e6c.txt"
    assert (row["issue_date"], row["issue_date_inferred"], row["page"], row["sequence"]) == ("2024-06-06", True, 1, 2)
    assert row["dateline"] == "2024-06-06"
    assert row["bylines"] == [{"name": "高美梅", "role": None}]
    assert row["section"] is None and row["source"] is None
    assert len(row["paragraphs"]) == 5
    assert row["paragraphs"][0].startswith("本报讯 6月6日,我市与上海外国语大学签署")
    assert row["paragraphs"][-1] == "会上,滨湖区还与上外签署合作办学协议,共建上海外国语大学附属无锡滨湖实验中学。"


def test_a_wire_item_in_a_column_exports_its_agency_as_source(rows):
    row = by_headline(rows, "氢能产业标准体系建设指南发布")
    assert row["section"] == "要闻快览"
    assert row["source"] == "新华社"
    assert row["bylines"] == [{"name": "新华社", "role": "source"}]
    assert row["dateline"] is None
    assert row["paragraphs"][0].startswith("国家标准委与国家发展改革委")


def test_url_is_the_articles_own_page_on_the_site(rows, client):
    row = rows[0]
    assert row["url"] == f"/articles/{row['id']}/"
    response = client.get(row["url"])
    assert response.status_code == 200
    assert row["headline"] in response.content.decode()


def test_rows_come_in_date_and_printed_order(rows):
    keys = [(r["issue_date"], r["page"], r["sequence"]) for r in rows]
    assert keys == sorted(keys)
