"""``manage.py ingest`` on real deliveries (issue 10's ingest side, issue 14 items 2, 3 and 8):
options, dated paths and manifests; papers; 日期待定 pages; re-sent and racing pages; same file
names in different folders; updates held for staff; limits. Real files through the real command."""

import datetime as dt
import json
import shutil
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, DeliveryFile, Issue, Page, Paper

BASE_DIR = Path(__file__).resolve().parent.parent
SEEDS = BASE_DIR / "seeds"
PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
KICKER = PAGES / "jnwb_a02_kicker.txt"  # 第A02版:要闻, 昨天上午, no year anywhere
SEED = SEEDS / "002_c87d14da307c1518.txt"


def ingest(*args):
    """(stdout, stderr, CommandError message or None)"""
    out, err = StringIO(), StringIO()
    try:
        call_command("ingest", *[str(a) for a in args], stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue(), str(exc)
    return out.getvalue(), err.getvalue(), None


def export():
    out = StringIO()
    call_command("export_articles", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def put(path: Path, source: Path | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(source, Path):
        shutil.copyfile(source, path)
    else:
        path.write_text(source, encoding="utf-8")
    return path


# ---------------------------------------------------------------- dates, labels, papers


@pytest.mark.django_db
def test_a_dated_folder_gives_date_and_label_and_the_date_is_not_shown_as_inferred(tmp_path, client):
    put(tmp_path / "2024-01-06" / "A02.txt", KICKER)
    out, err, error = ingest(tmp_path)
    assert error is None, err
    assert "A02.txt: 新增，2 篇文章，2024-01-06，江南晚报 A02" in out and "推断" not in out
    page = Page.objects.get()
    assert (page.label, page.section, page.issue.date_source, page.issue.date_inferred) == ("A02", "要闻", "path", False)
    # 昨天上午 is the day before the issue the path gives
    lead = Article.objects.get(headline="总投资逾百亿元的32个项目落地")
    assert lead.dateline == dt.date(2024, 1, 5)
    assert (lead.kicker, lead.subheadline) == ("全市重点项目集中开工", "——涉及集成电路、生物医药、新能源等领域")
    assert lead.photo_credits == ["沈生华 摄"] and lead.captions == ["开工现场，工人们正在调试设备。"]
    body = client.get("/issues/2024-01-06/").content.decode()
    assert "推断" not in body and "江南晚报" in body
    row = next(r for r in export() if r["headline"] == "总投资逾百亿元的32个项目落地")
    assert (row["paper"], row["issue_date"], row["issue_date_source"], row["issue_date_inferred"]) == (
        "江南晚报", "2024-01-06", "path", False)
    assert row["kicker"] == "全市重点项目集中开工" and row["photo_credits"] == ["沈生华 摄"]


@pytest.mark.django_db
def test_options_win_over_the_path_and_an_unknown_paper_is_added_with_its_pinyin_slug(tmp_path, client):
    path = put(tmp_path / "20240101_A09.txt", KICKER)
    out, err, error = ingest("--paper", "无锡日报", "--date", "2024-01-06", "--page", "B02", path)
    assert error is None, err
    paper = Paper.objects.get(name="无锡日报")
    assert paper.slug == "wxrb" and not paper.is_default
    issue = Issue.objects.get()
    assert (issue.paper, issue.date_issued, issue.date_source) == (paper, dt.date(2024, 1, 6), "given")
    assert Page.objects.get().label == "B02"
    # the other paper's issue has its own address and names its paper; the default's URL is not it
    url = issue.get_absolute_url()
    assert url == "/papers/wxrb/issues/2024-01-06/"
    body = client.get(url).content.decode()
    assert "无锡日报" in body and "总投资逾百亿元的32个项目落地" in body
    assert client.get("/issues/2024-01-06/").status_code == 404
    article = Article.objects.get(headline="总投资逾百亿元的32个项目落地")
    assert "《无锡日报》" in client.get(article.get_absolute_url()).content.decode()
    assert client.get("/papers/wxrb/issues/2024/01/").status_code == 200
    assert client.get("/papers/nosuch/issues/2024-01-06/").status_code == 404
    assert 'href="/papers/wxrb/issues/"' in client.get("/").content.decode()  # the home page lists it


@pytest.mark.django_db
def test_a_manifest_with_bom_places_each_file_and_reports_a_missing_row_by_number(tmp_path):
    put(tmp_path / "p1.txt", KICKER)
    put(tmp_path / "p2.txt", SEED)
    (tmp_path / "batch.csv").write_bytes(
        "file,paper,date,page,section\np1.txt,江南晚报,2024-01-06,A02,要闻\ngone.txt,,2024-01-06,A03,\n"
        "p2.txt,江南晚报,2022-11-03,A01,\n".encode("utf-8-sig")
    )
    out, err, error = ingest("--manifest", tmp_path / "batch.csv")
    assert error is not None and "第 3 行" in err and "gone.txt" in err
    assert sorted(Page.objects.values_list("label", "issue__date_issued")) == [
        ("A01", dt.date(2022, 11, 3)), ("A02", dt.date(2024, 1, 6))]


@pytest.mark.django_db
def test_a_page_nothing_dates_goes_in_as_undated_and_stays_out_of_public_lists(tmp_path, client):
    path = put(tmp_path / "nodate.txt", KICKER)
    out, err, error = ingest(path)
    assert error is None, err
    assert "日期待定" in out
    issue = Issue.objects.get()
    assert issue.date_issued is None and issue.date_source == "unknown"
    article = Article.objects.get(headline="运河畔新添一座口袋公园")
    assert client.get(article.get_absolute_url()).status_code == 404  # for staff, in the admin
    assert "运河畔" not in client.get("/").content.decode()
    assert client.get("/issues/").status_code == 200
    assert [r["issue_date_source"] for r in export()] == ["unknown", "unknown"]


# ---------------------------------------------------------------- issue 14 item 2


@pytest.mark.django_db
def test_the_same_page_resent_with_other_spacing_and_punctuation_width_is_not_loaded_again(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    put(tmp_path / "first" / "page.txt", text)
    resent = "\n\n".join(line + "   " for line in text.split("\n")).replace("，", ",")
    put(tmp_path / "again" / "page-resent.txt", resent)
    ingest(tmp_path / "first")
    out, err, error = ingest(tmp_path / "again")
    assert error is None, err
    assert "已导入，跳过" in out
    assert Page.objects.count() == 1 and Article.objects.count() == 5


RACE = (
    "import sys, time\n"
    "from django.core.management import call_command\n"
    "from django.db import connection\n"
    "paused = []\n"
    "def pause(execute, sql, params, many, context):\n"
    "    result = execute(sql, params, many, context)\n"
    "    if not paused and sql.lstrip().upper().startswith('INSERT INTO \"ARTICLES_PAGE\"'):\n"
    "        paused.append(1)\n"
    "        print('inside', flush=True)\n"
    "        time.sleep(10)\n"
    "    return result\n"
    "with connection.execute_wrapper(pause):\n"
    "    call_command('ingest', {path!r})\n"
)


@pytest.mark.parametrize("second", ["other-encoding", "same-bytes-other-name"])
def test_two_ingests_of_the_same_page_at_once_load_it_once(manage, tmp_path, second):
    """One ingest is held inside its write transaction while the other starts: the second must
    find the page inside its own transaction and say it is already loaded (before: both loaded
    it, or the second died of an uncaught IntegrityError)."""
    manage("migrate", "--noinput", "-v0")
    first = put(tmp_path / "a" / "page.txt", SEED)
    other = tmp_path / "b" / ("page.txt" if second == "other-encoding" else "copy.txt")
    other.parent.mkdir()
    if second == "other-encoding":
        other.write_bytes(SEED.read_text(encoding="utf-8").replace("\n", "\r\n").encode("gb18030"))
    else:
        shutil.copyfile(SEED, other)
    env = {key: value for key, value in __import__("os").environ.items()
           if not key.startswith("DJANGO_") and key != "DATABASE_URL"}
    env["NEWSARCHIVE_DATA_DIR"] = str(manage.data_dir)
    holder = subprocess.Popen(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", RACE.format(path=str(first))],
        cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "inside", holder.stderr.read() if holder.poll() else ""
        racer = subprocess.run(
            [sys.executable, "manage.py", "ingest", str(other)], cwd=BASE_DIR, env=env,
            capture_output=True, text=True, timeout=120,
        )
        out, err = holder.communicate(timeout=120)
    finally:
        if holder.poll() is None:
            holder.kill()
    assert holder.returncode == 0, err
    assert racer.returncode == 0, racer.stderr
    assert "IntegrityError" not in racer.stderr
    assert "已导入，跳过" in racer.stdout and "already loaded" in racer.stdout
    count = manage.python("from articles.models import Page, Article; print(Page.objects.count(), Article.objects.count())")
    assert count.split() == ["1", "5"]


# ---------------------------------------------------------------- issue 14 item 3


@pytest.mark.django_db
def test_pages_with_the_same_file_name_in_two_folders_are_two_pages(tmp_path, client):
    put(tmp_path / "b1" / "A01.txt", SEED)
    put(tmp_path / "b2" / "A01.txt", SEEDS / "004_ee7dceab59559e6c.txt")
    ingest(tmp_path / "b1")
    before = {a.pk: (a.headline, a.body) for a in Article.objects.all()}
    out, err, error = ingest(tmp_path / "b2")
    assert error is None, err
    assert "A01.txt: 新增" in out and "A01.txt: 更新" not in out
    assert Page.objects.count() == 2
    after = {a.pk: (a.headline, a.body) for a in Article.objects.filter(pk__in=before)}
    assert after == before  # the first page's articles (and so their URLs) are untouched
    for pk, (headline, _) in before.items():
        assert headline in client.get(f"/articles/{pk}/").content.decode()


@pytest.mark.django_db
def test_an_update_that_would_replace_most_of_a_page_is_held_for_staff(tmp_path):
    path = put(tmp_path / "2024-01-06" / "A02.txt", KICKER)
    ingest(path)
    before = list(Article.objects.order_by("pk").values_list("pk", "headline", "body"))
    put(path, SEED)  # another page's text under the same paper, date and page label
    out, err, error = ingest(path)
    assert error is None, err
    assert "待人工审核" in out and "待审 1" in out
    assert list(Article.objects.order_by("pk").values_list("pk", "headline", "body")) == before
    held = DeliveryFile.objects.get(status="held")
    assert not held.resolved and held.held_text == SEED.read_text(encoding="utf-8")
    # a small correction of the same page still goes straight in
    put(path, KICKER.read_text(encoding="utf-8").replace("32个项目", "33个项目"))
    out, _, _ = ingest(path)
    assert "更新" in out
    assert "33个项目" in Article.objects.get(kicker="全市重点项目集中开工").lead


# ---------------------------------------------------------------- issue 14 item 8


@pytest.mark.django_db
def test_files_past_the_limits_are_refused_by_name_with_the_limit(tmp_path):
    big = put(tmp_path / "big.txt", SEED.read_text(encoding="utf-8") * 300)  # about 3 MB
    many = put(tmp_path / "many.txt", "\n\n".join(
        f"第{n}条简讯标题\n\n本报讯 6月6日，第{n}个会议召开。" for n in range(600)))
    long = put(tmp_path / "long.txt", "长段落\n\n本报讯 6月6日，" + "无锡" * 15_000 + "。")
    good = put(tmp_path / "good.txt", SEED)
    out, err, error = ingest(tmp_path)
    assert error is not None and "3 个文件未能导入" in error
    assert "big.txt: 文件过大" in err and "上限 2,000,000 字节" in err
    assert "many.txt: 文章过多（600 篇，每版上限 500 篇）" in err
    assert "long.txt: 段落过长（30,003 字，上限 20,000 字）" in err or "long.txt: 段落过长" in err
    assert Page.objects.get().source_file == good.name


@pytest.mark.django_db
def test_a_long_issue_is_shown_a_few_whole_pages_at_a_time(tmp_path, client):
    for label, offset in (("A01", 0), ("A02", 1000)):
        put(tmp_path / "2024-06-06" / f"{label}.txt", "\n\n".join(
            f"第{n}条简讯标题\n\n本报讯 6月6日，第{n}个会议召开。" for n in range(offset, offset + 150)))
    out, err, error = ingest(tmp_path)
    assert error is None, err
    first = client.get("/issues/2024-06-06/").content.decode()
    assert "第0条简讯标题" in first and "第1000条简讯标题" not in first
    assert "分 2 屏显示" in first and 'href="?p=2"' in first
    second = client.get("/issues/2024-06-06/?p=2").content.decode()
    assert "第1000条简讯标题" in second and "第0条简讯标题" not in second
    assert client.get("/issues/2024-06-06/?p=abc").status_code == 200
