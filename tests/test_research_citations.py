"""Citations and reference-manager records of one article (articles/research/citations.py):
the forms a thesis uses, read back by the tools people import them with (rispy, bibtexparser)."""

from __future__ import annotations

import datetime as dt

import bibtexparser
import rispy

from articles.research.citations import Reference, bibtex, chicago, gbt7714, page_number, ris

URL = "http://archive.example/articles/7/"


def reference(**changes) -> Reference:
    values = dict(
        id=7, headline="亚布力论坛知名民企 对接恳谈会在锡召开", paper="江南晚报", date=dt.date(2023, 8, 18),
        date_inferred=False, page="A02", url=URL, accessed=dt.date(2026, 12, 4), authors=("高美梅", "惠晓婧"),
        column="要闻", abstract="8月15日，亚布力论坛……",
    )
    values.update(changes)
    return Reference(**values)


def test_gbt7714_newspaper_form_with_access_date_and_url():
    assert gbt7714(reference()) == (
        "高美梅, 惠晓婧. 亚布力论坛知名民企 对接恳谈会在锡召开[N/OL]. 江南晚报, 2023-08-18(A02)[2026-12-04]. "
        "http://archive.example/articles/7/."
    )


def test_gbt7714_lists_three_authors_then_deng_and_brackets_an_inferred_date():
    text = gbt7714(reference(authors=("甲", "乙", "丙", "丁"), date_inferred=True))
    assert text.startswith("甲, 乙, 丙, 等. ")
    assert "江南晚报, [2023-08-18](A02)" in text


def test_gbt7714_without_author_starts_with_the_headline():
    assert gbt7714(reference(authors=())).startswith("亚布力论坛知名民企 对接恳谈会在锡召开[N/OL]. ")


def test_chicago_bibliography_entry():
    assert chicago(reference()) == (
        "高美梅 and 惠晓婧. “亚布力论坛知名民企 对接恳谈会在锡召开.” 江南晚报, August 18, 2023, A02. "
        "Accessed December 4, 2026. http://archive.example/articles/7/."
    )
    assert "[August 18, 2023?]" in chicago(reference(date_inferred=True))
    assert chicago(reference(authors=("甲", "乙", "丙"))).startswith("甲, 乙, and 丙. ")


def test_page_numbers_as_citations_print_them():
    assert page_number("第A02版", 5) == "A02"
    assert page_number("A02版：要闻", 5) == "A02"
    assert page_number("3", 5) == "3"
    assert page_number("头版", 1) == "1"
    assert page_number("", 4) == "4"


def test_ris_reads_back_in_rispy():
    text = ris([reference(), reference(id=8, headline="第二篇", authors=("新华社",), date_inferred=True)])
    assert "\r\n" in text
    first, second = rispy.loads(text)
    assert first["type_of_reference"] == "NEWS"
    assert first["title"] == "亚布力论坛知名民企 对接恳谈会在锡召开"
    assert first["authors"] == ["高美梅", "惠晓婧"]
    assert first["secondary_title"] == "江南晚报"
    assert first["date"] == "2023/08/18" and first["year"] == "2023"
    assert first["start_page"] == "A02"
    assert first["urls"] == [URL]
    assert first["access_date"] == "2026/12/04"
    assert "notes" not in first
    assert second["authors"] == ["新华社"]
    assert "推断" in second["notes"][0]


def test_bibtex_reads_back_in_bibtexparser_with_tex_specials_escaped():
    text = bibtex([reference(), reference(id=8, headline="100% {增长} & 50_元", authors=(), date_inferred=True)])
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    first, second = library.entries
    assert first.entry_type == "article" and first.key == "jnwb7"
    fields = first.fields_dict
    assert fields["author"].value == "{高美梅} and {惠晓婧}"
    assert fields["title"].value == "亚布力论坛知名民企 对接恳谈会在锡召开"
    assert fields["journal"].value == "江南晚报"
    assert fields["date"].value == "2023-08-18" and fields["year"].value == "2023"
    assert fields["pages"].value == "A02"
    assert fields["url"].value == URL and fields["urldate"].value == "2026-12-04"
    assert second.fields_dict["title"].value == r"100\% \{增长\} \& 50\_元"
    assert "author" not in second.fields_dict
    assert "推断" in second.fields_dict["note"].value
