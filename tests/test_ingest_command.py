"""``manage.py ingest``: real page files in, one transaction per file, bad files refused by name."""

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Issue, Page, Person

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def ingest(*paths, verbosity=1):
    out, err = StringIO(), StringIO()
    call_command("ingest", *[str(p) for p in paths], stdout=out, stderr=err, verbosity=verbosity)
    return out.getvalue(), err.getvalue()


def export():
    out = StringIO()
    call_command("export_articles", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.fixture
def seeds_copy(tmp_path):
    folder = tmp_path / "pages"
    shutil.copytree(SEEDS, folder)
    return folder


@pytest.mark.django_db
def test_ingest_seed_folder_loads_every_page_and_article():
    out, err = ingest(SEEDS)
    assert err == ""
    assert Page.objects.count() == 5 and Issue.objects.count() == 5
    assert Article.objects.count() == 20
    assert set(Person.objects.values_list("name", flat=True)) >= {"高美梅", "惠晓婧", "王怡菽", "王怡菡", "陈菁菁"}
    # a progress line per file with its counts, then a summary
    assert "[1/5] 000_371bd5dce9a095bf.txt: 新增，3 篇文章，2023-08-18（推断）" in out
    assert "完成：新增 5 个版面，更新 0，跳过 0，失败 0；写入文章 20 篇。" in out


@pytest.mark.django_db
def test_second_ingest_of_the_same_folder_changes_nothing():
    ingest(SEEDS)
    before = export()
    history_before = Article.history.count()
    out, _ = ingest(SEEDS)
    assert "跳过 5" in out and "已导入，跳过" in out
    assert export() == before
    assert Article.history.count() == history_before


@pytest.mark.django_db
def test_bad_file_is_refused_by_name_while_the_others_go_in(seeds_copy):
    (seeds_copy / "010_binary.txt").write_bytes(bytes(range(256)))
    (seeds_copy / "011_footer_only.txt").write_text("江南晚报\n邮发代号：27-92\n", encoding="utf-8")
    with pytest.raises(CommandError, match="2 个文件未能导入"):
        ingest(seeds_copy)
    assert Article.objects.count() == 20
    assert not Page.objects.filter(source_file__in=["010_binary.txt", "011_footer_only.txt"]).exists()


@pytest.mark.django_db
def test_failures_are_reported_on_stderr_with_file_name_and_reason(seeds_copy, capsys):
    (seeds_copy / "010_binary.txt").write_bytes(b"\x00\x01\x02")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(seeds_copy), str(seeds_copy / "nope.txt"), stdout=StringIO(), stderr=err)
    text = err.getvalue()
    assert "010_binary.txt" in text and "NUL" in text
    assert "nope.txt" in text and "不存在" in text


@pytest.mark.django_db
def test_gb18030_crlf_and_utf16_deliveries_ingest_like_utf8(tmp_path):
    raw = (SEEDS / "003_3ef463baea3e3c91.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(raw.replace("\n", "\r\n").encode("gb18030"))
    ingest(tmp_path / "a.txt")
    gb = export()
    Article.objects.all().delete()
    Page.objects.all().delete()
    ingest(SEEDS / "003_3ef463baea3e3c91.txt")
    utf8 = export()
    strip = lambda rows: [{k: v for k, v in r.items() if k not in ("id", "url", "source_file")} for r in rows]
    assert strip(gb) == strip(utf8)


@pytest.mark.django_db
def test_changed_file_updates_fields_nobody_edited_and_keeps_corrections(seeds_copy):
    ingest(seeds_copy)
    article = Article.objects.get(headline="我市与阿斯利康深化无锡供应基地建设合作")
    article.headline = "我市与阿斯利康深化合作（编辑更正）"
    article.edited_fields = ["headline"]
    article.save()

    path = seeds_copy / "000_371bd5dce9a095bf.txt"
    text = path.read_text(encoding="utf-8")
    text = text.replace("我市与阿斯利康深化无锡供应基地建设合作", "我市与阿斯利康深化无锡供应基地合作")
    text = text.replace("两个产品达产后年产值预计达35亿元人民币。", "两个产品达产后年产值预计达36亿元人民币。")
    path.write_text(text, encoding="utf-8")
    out, _ = ingest(seeds_copy)
    assert "000_371bd5dce9a095bf.txt: 更新，3 篇文章" in out and "保留人工更正 1 处" in out

    article.refresh_from_db()
    assert article.headline == "我市与阿斯利康深化合作（编辑更正）"
    assert article.parsed["headline"] == "我市与阿斯利康深化无锡供应基地合作"
    assert "年产值预计达36亿元人民币" in article.body
    assert Article.objects.count() == 20
    assert article.history.first().history_change_reason == "导入 000_371bd5dce9a095bf.txt"


@pytest.mark.django_db
def test_reporters_are_unique_by_name_and_bylines_keep_order():
    ingest(SEEDS)
    article = Article.objects.get(headline__startswith="杜小刚主持召开全市经济运行基层座谈会")
    assert [b.person.name for b in article.bylines.order_by("position")] == ["高美梅", "惠晓婧"]
    assert Person.objects.filter(name="高美梅").count() == 1
    assert Person.objects.get(name="高美梅").bylines.count() == 4


@pytest.mark.django_db
def test_pages_of_one_date_share_an_issue(tmp_path):
    one = (SEEDS / "003_3ef463baea3e3c91.txt").read_text(encoding="utf-8")
    (tmp_path / "a.txt").write_text(one, encoding="utf-8")
    (tmp_path / "b.txt").write_text(one.replace("长三角汽车芯片应用推广平台启动", "另一版的文章"), encoding="utf-8")
    ingest(tmp_path)
    issue = Issue.objects.get()
    assert [(p.source_file, p.sequence) for p in issue.pages.all()] == [("a.txt", 1), ("b.txt", 2)]
