"""articles.sources (no Django): what a delivery's paths and manifest say about its pages, the
paper's short name, and the key that recognises a re-sent page."""

import datetime as dt
from pathlib import Path

import pytest

from articles import sources

D = dt.date(2024, 9, 30)


@pytest.mark.parametrize("path, expected", [
    ("delivery/2024-09-30/A03.txt", sources.PathFacts(date=D, label="A03")),
    ("20240930_A03.txt", sources.PathFacts(date=D, label="A03")),
    ("in/20240930-b2.txt", sources.PathFacts(date=D, label="B2")),
    ("jnwb/2024/09/30/A03.txt", sources.PathFacts(date=D, label="A03", paper_slug="jnwb")),
    ("/srv/wxrb/2024/9/30/04.txt", sources.PathFacts(date=D, label="04", paper_slug="wxrb")),
    ("2024-09-30/第4版.txt", sources.PathFacts(date=D, label="第4版")),
    ("2024-09-30/page.txt", sources.PathFacts(date=D, label=None)),  # a date, no label
])
def test_dates_and_labels_are_read_from_the_three_path_shapes(path, expected):
    assert sources.read_path(path) == expected


@pytest.mark.parametrize("path", [
    "seeds/004_ee7dceab59559e6c.txt",  # the seed names: no date, no label
    "b1/A01.txt",  # a label with no date is not taken from a bare name
    "2024-02-30/A01.txt",  # no such day
    "20241301_A01.txt",
    "1.txt",
])
def test_paths_that_say_nothing_give_nothing(path):
    assert sources.read_path(path) == sources.PathFacts()


def test_manifest_with_bom_reads_rows_and_reports_a_missing_file_by_row_number(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "manifest.csv").write_bytes(
        "file,paper,date,page,section\na.txt,无锡日报,2024-09-30,A01,要闻\nmissing.txt,,2024-09-30,A02,\n"
        "a.txt,,30/09/2024,A03,\n".encode("utf-8-sig")
    )
    rows, problems = sources.read_manifest(tmp_path / "manifest.csv")
    assert [(r.row, r.file.name, r.paper, r.date, r.page, r.section) for r in rows] == [
        (2, "a.txt", "无锡日报", D, "A01", "要闻"),
    ]
    assert any("第 3 行" in p and "missing.txt" in p for p in problems)
    assert any("第 4 行" in p and "30/09/2024" in p for p in problems)


def test_paper_slug_is_its_pinyin_initials():
    assert sources.paper_slug("无锡日报") == "wxrb"
    assert sources.paper_slug("江南晚报") == "jnwb"


def test_content_key_ignores_spacing_blank_lines_and_punctuation_width():
    page = "标题\n\n本报讯 9月30日，无锡（锡山）召开会议。\n"
    resent = "标题  \n\n\n\n本报讯 9月30日,无锡(锡山)召开会议。   \r\n\n"
    assert sources.content_key(page) == sources.content_key(resent)
    assert sources.content_key(page) != sources.content_key(page.replace("锡山", "惠山"))


def test_nfkc_is_unicodedata_nfkc_for_every_full_width_form_and_what_may_follow_it():
    """The fast NFKC behind the content key and fingerprints gives what unicodedata gives, or
    pages and articles loaded before would no longer be recognised."""
    import unicodedata

    forms = [chr(c) for c in range(0xFF01, 0xFF5F)] + ["\u3000", "\uff5f", "\uff61", "\uffe5", "\u2460", "\u3392"]
    after = ["", "\u0301", "\u0308\u0323", "\u3099", "a", "，", "\uac00", "\u1161"]
    for form in forms:
        for tail in after:
            for text in (form + tail, "無錫" + form + tail + "市，（２０２４）"):
                assert sources.nfkc(text) == unicodedata.normalize("NFKC", text), ascii(text)
    page = (Path(__file__).resolve().parent.parent / "seeds" / "000_371bd5dce9a095bf.txt").read_text("utf-8")
    assert sources.nfkc(page) == unicodedata.normalize("NFKC", page)


def test_kept_share_tells_a_correction_from_another_page():
    old = "无锡代表团访问阿联酋艾因市，共同庆祝建立友好交流城市关系五周年。" * 3
    assert sources.kept_share(old, old.replace("五周年", "六周年")) > 0.9
    assert sources.kept_share(old, "苏州工业园区举办人才招聘会，百余家企业参加。" * 3) < 0.2
