"""Hostile page files through `manage.py ingest`: empty, binary, other encodings, huge,
boilerplate-only, duplicates and markup in the text. A file that cannot be a page is refused by
name with a reason and nothing changes; a real page in another encoding goes in as the same
articles; markup in article text reaches readers as text."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Issue, Page, Person
from hostile import MARKUP, assert_safe_answer

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = SEEDS / "002_c87d14da307c1518.txt"
FOOTER_SEED = SEEDS / "000_371bd5dce9a095bf.txt"


def ingest(*paths):
    """(stdout, stderr, error message or None)"""
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *[str(p) for p in paths], stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), str(exc)
    return out.getvalue(), err.getvalue(), None


def state():
    export = StringIO()
    call_command("export_articles", stdout=export)
    return (
        export.getvalue(),
        list(Page.objects.order_by("pk").values_list("pk", "source_file", "sha256")),
        list(Issue.objects.order_by("pk").values_list("pk", "date_issued")),
        sorted(Person.objects.values_list("name", flat=True)),
    )


@pytest.fixture
def loaded(db):
    _, err, error = ingest(SEEDS)
    assert error is None, err
    return state()


def seed_articles(path: Path) -> list[tuple[str, str]]:
    page = Page.objects.get(source_file=path.name)
    return [(a.headline, a.body) for a in page.articles.order_by("sequence")]


def boilerplate_only() -> bytes:
    lines = FOOTER_SEED.read_text(encoding="utf-8").splitlines()
    start = lines.index("江南晚报")
    return "\n".join(lines[start:]).encode("utf-8")


REFUSED = {
    "empty.txt": b"",
    "blank.txt": b" \n\r\n\t\n" * 100,
    "binary.txt": bytes(range(256)) * 64,
    "png.txt": b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(200),
    "utf16-no-bom.txt": SEED.read_text(encoding="utf-8").encode("utf-16-le"),
    "bad-utf16.txt": b"\xff\xfe" + b"\x00\xd8" * 50,  # BOM, then lone surrogates
    "latin1.txt": "Café crème, naïve façade. ".encode("latin-1") * 40,
    "controls.txt": "本报讯 8月1日，无锡\x07\x1b[31m召开会议。\n".encode("utf-8") * 20,
    "nul-in-utf8.txt": SEED.read_bytes().replace("。".encode(), "。\x00".encode(), 3),
    "boilerplate-only.txt": boilerplate_only(),
    "no-article.txt": "随便写几行字\n没有标点也没有新闻\n".encode("utf-8"),
    "markup-only.txt": b"<html><body><script>alert(1)</script></body></html>",
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_file_that_is_not_a_page_is_refused_by_name_and_changes_nothing(loaded, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(REFUSED[name])
    out, err, error = ingest(path)
    assert error is not None, f"{name} was accepted: {out}"
    assert name in err and name in error  # says which file
    assert "失败" in err  # and that it failed, in the operator's language
    assert "Traceback" not in err
    assert state() == loaded


def test_bad_files_among_good_ones_do_not_stop_the_good_ones(db, tmp_path):
    folder = tmp_path / "delivery"
    shutil.copytree(SEEDS, folder)
    for name in ["empty.txt", "binary.txt", "boilerplate-only.txt"]:
        (folder / name).write_bytes(REFUSED[name])
    out, err, error = ingest(folder)
    assert error is not None and "3 个文件未能导入" in error
    assert Page.objects.count() == 5 and Article.objects.count() == 20


@pytest.mark.parametrize(
    "encoding,prefix,line_end",
    [("utf-8-sig", b"", "\n"), ("utf-16", b"", "\r\n"), ("utf-16-be", b"\xfe\xff", "\n"), ("gb18030", b"", "\r\n")],
)
def test_real_page_in_another_encoding_goes_in_as_the_same_articles(db, tmp_path, encoding, prefix, line_end):
    ingest(SEED)
    expected = seed_articles(SEED)
    Page.objects.all().delete()
    Issue.objects.all().delete()

    path = tmp_path / f"page-{encoding}.txt"
    path.write_bytes(prefix + SEED.read_text(encoding="utf-8").replace("\n", line_end).encode(encoding))
    out, err, error = ingest(path)
    assert error is None, err
    assert seed_articles(path) == expected


def test_same_file_under_another_name_is_recognised_and_skipped(loaded, tmp_path):
    copy = tmp_path / "copy-of-002.txt"
    copy.write_bytes(SEED.read_bytes())
    out, err, error = ingest(copy)
    assert error is None, err
    assert "已导入，跳过" in out
    assert state() == loaded


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_same_page_resent_in_another_encoding_is_not_loaded_twice(loaded, tmp_path, encoding):
    resent = tmp_path / "resent-by-the-newsroom.txt"
    resent.write_bytes(SEED.read_text(encoding="utf-8").replace("\n", "\r\n").encode(encoding))
    out, err, error = ingest(resent)
    assert error is None, err
    assert state()[0] == loaded[0]  # the same articles, once
    assert Article.objects.count() == 20


def test_same_file_twice_in_one_run_goes_in_once(db, tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_bytes(SEED.read_bytes())
    second.write_bytes(SEED.read_bytes())
    out, err, error = ingest(first, second, first)
    assert error is None, err
    assert Page.objects.count() == 1 and Article.objects.count() == 5


def test_huge_file_of_unpunctuated_lines_is_handled_without_stalling(tmp_path):
    """A megabyte of short lines with no sentence end: each is a column break to join.
    The parser must do that in linear time (about a second here); a quadratic join takes
    minutes and stalls the ingest."""
    import subprocess
    import sys

    path = tmp_path / "huge.txt"
    path.write_bytes(("本报讯 无锡\n\n" + "标题\n\n" * 120_000).encode("utf-8"))
    code = (
        "import sys; from pathlib import Path; from articles import parsing; "
        "page = parsing.parse_page_bytes(Path(sys.argv[1]).read_bytes(), 'huge.txt', fallback_year=2023); "
        "print(len(page.articles))"
    )
    try:
        # A stall detector with a wide margin, not a speed test.
        result = subprocess.run(
            [sys.executable, "-c", code, str(path)], cwd=SEEDS.parent, timeout=30, capture_output=True, text=True
        )
    except subprocess.TimeoutExpired:
        pytest.fail("parsing a one-megabyte page file stalled for over 30 s")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"


def test_markup_in_article_text_reaches_readers_as_text(db, client, tmp_path):
    lines = SEED.read_text(encoding="utf-8").splitlines()
    first_headline = next(i for i, line in enumerate(lines) if line.strip())
    lines[first_headline] = f"标题里有标记 {MARKUP[0]} 与 {MARKUP[3]}"
    lead = next(i for i, line in enumerate(lines) if line.startswith("本报讯"))
    lines[lead] = lines[lead].replace("省长许昆林", f"省长{MARKUP[1]}许昆林{MARKUP[2]}", 1)
    path = tmp_path / "markup.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    _, err, error = ingest(path)
    assert error is None, err

    article = Article.objects.get(headline__contains="标题里有标记")
    assert "<script>alert(1)</script>" in article.headline  # stored as printed
    for url in [article.get_absolute_url(), article.page.issue.get_absolute_url(), "/"]:
        body = assert_safe_answer(client.get(url), allowed=(200,))
        if url == article.get_absolute_url():
            assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    text = client.get(f"{article.get_absolute_url()}text/")
    assert text.status_code == 200 and text["Content-Type"].startswith("text/plain")
