"""``manage.py ingest`` of a large delivery: files parsed in worker processes, written several to
a transaction. What it stores must be what loading the files one at a time stores, and one file
the database refuses must still fail alone, by name, while the others go in."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles import services
from articles.management.commands.ingest import BATCH_FILES, prepared_batches
from articles.models import Article, Byline, Delivery, Issue, Page, Person
from bench import corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def delivery(tmp_path_factory):
    """A delivery of three batches of files or more (so the command uses its worker processes
    where there are two cores), dated only by their text, as the benchmark's."""
    folder = tmp_path_factory.mktemp("delivery")
    pages = list(corpus.generate(corpus.pool_from_dir(SEEDS), 420, seed=5))
    assert len(pages) > 2 * BATCH_FILES  # three batches or more
    for page in pages:
        (folder / page.name).write_bytes(page.data)
    return folder, pages


def archive() -> list[tuple]:
    """Everything a reader or staff sees of the loaded pages, without database ids."""
    rows = []
    for article in Article.objects.select_related("page__issue__paper").order_by(
        "page__source_file", "sequence"
    ):
        page, issue = article.page, article.page.issue
        rows.append((
            page.source_file, page.sha256, page.display_label, page.sequence, issue.paper.slug, issue.date_issued,
            issue.date_source, issue.date_inferred, article.sequence, article.headline, article.lead, article.body,
            article.dateline, article.parsed, article.source_fingerprint, article.source_page_id == page.pk,
            [(b.person.name, b.role, b.position) for b in article.bylines.select_related("person")],
            [(h.history_type, h.history_change_reason) for h in article.history.all()],
        ))
    return rows


def test_a_large_delivery_stores_what_loading_its_files_one_by_one_stores(delivery):
    folder, pages = delivery
    out = StringIO()
    call_command("ingest", str(folder), stdout=out, stderr=StringIO())
    assert f"新增 {len(pages)} 个版面" in out.getvalue() and "写入文章 420 篇" in out.getvalue()
    # The progress lines come in the delivery's order, one per file.
    lines = [line for line in out.getvalue().splitlines() if line.startswith("[")]
    assert [line.split(" ")[1].rstrip(":") for line in lines] == [p.name for p in pages]
    together = archive()
    counts = (Page.objects.count(), Issue.objects.count(), Person.objects.count(), Byline.objects.count())
    history = (Issue.history.count(), Person.history.count(), Byline.history.count(), Article.history.count())
    delivered = Delivery.objects.get()
    assert delivered.created_count == len(pages) and delivered.failed_count == 0
    assert delivered.files.exclude(page=None).count() == len(pages)

    for model in (Article, Page, Issue, Person):
        model.objects.all().delete()
    for model in (Article, Byline, Issue, Person):
        model.history.all().delete()
    for page in pages:
        services.page_ingest(path=folder / page.name)
    assert archive() == together
    assert (Page.objects.count(), Issue.objects.count(), Person.objects.count(), Byline.objects.count()) == counts
    assert (Issue.history.count(), Person.history.count(), Byline.history.count(),
            Article.history.count()) == history
    assert Article.history.count() == 420  # one "created" row each, no more


def test_worker_processes_read_the_files_as_this_process_does(delivery):
    folder, pages = delivery
    jobs = [(folder / p.name, services.PageSource(date_from="path")) for p in pages]
    limits = services.ingest_limits()
    alone = [b for batch in prepared_batches(jobs, limits=limits, workers=1) for b in batch]
    pooled = [b for batch in prepared_batches(jobs, limits=limits, workers=2) for b in batch]
    assert [(p.name, p.digest, p.values, p.fingerprints, p.parsed.issue_date) for p, _ in pooled] == [
        (p.name, p.digest, p.values, p.fingerprints, p.parsed.issue_date) for p, _ in alone
    ]
    assert [p.name for p, _ in pooled] == [p.name for p in pages]


@pytest.fixture
def refusing_database():
    """The database refuses any article whose headline says 拒收, as PostgreSQL refuses a value
    longer than its column: a file the parser accepted that cannot be stored."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_article() RETURNS trigger AS $$ BEGIN "
                "IF NEW.headline LIKE '%%拒收%%' THEN RAISE EXCEPTION '拒收'; END IF; RETURN NEW; END $$ "
                "LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_article BEFORE INSERT ON articles_article "
                "FOR EACH ROW EXECUTE FUNCTION refuse_article()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER refuse_article BEFORE INSERT ON articles_article "
                "WHEN NEW.headline LIKE '%拒收%' BEGIN SELECT RAISE(ABORT, '拒收'); END"
            )


def test_a_file_the_database_refuses_fails_alone_by_name(tmp_path, refusing_database):
    folder = tmp_path / "pages"
    shutil.copytree(SEEDS, folder)
    seed = (folder / "000_371bd5dce9a095bf.txt").read_text(encoding="utf-8")
    # the headline to change is the parser's, found by parsing
    headline = services.page_prepare(folder / "000_371bd5dce9a095bf.txt").values[0]["headline"]
    (folder / "005_refused.txt").write_text(seed.replace(headline, headline + "拒收", 1), encoding="utf-8")
    (folder / "000_371bd5dce9a095bf.txt").unlink()  # else the refused page is that page, edited
    err = StringIO()
    with pytest.raises(CommandError, match="1 个文件未能导入"):
        call_command("ingest", str(folder), stdout=StringIO(), stderr=err)
    assert "005_refused.txt: 数据库未能写入" in err.getvalue() and "拒收" in err.getvalue()
    # The other pages of the same batch went in, whole.
    assert Page.objects.count() == 4
    assert not Page.objects.filter(source_file="005_refused.txt").exists()
    assert not Article.objects.filter(headline__contains="拒收").exists()
    assert Article.history.count() == Article.objects.count()
    delivered = Delivery.objects.get()
    assert (delivered.created_count, delivered.failed_count) == (4, 1)
    assert delivered.files.get(status="failed").path.endswith("005_refused.txt")


def test_a_page_and_its_corrected_file_in_one_delivery_make_one_page(tmp_path):
    """Two files for the same dated page in one run (as sent, then corrected) with a copy of the
    first under another name between them: one page, updated, the copy skipped."""
    seed = SEEDS / "000_371bd5dce9a095bf.txt"
    text = seed.read_text(encoding="utf-8")
    headline = services.page_prepare(seed).values[1]["headline"]
    sent = tmp_path / "a" / "2024-09-30" / "A03.txt"
    corrected = tmp_path / "b" / "2024-09-30" / "A03.txt"
    copy = tmp_path / "c" / "A03-copy.txt"
    for path in (sent, corrected, copy):
        path.parent.mkdir(parents=True)
    sent.write_text(text, encoding="utf-8")
    corrected.write_text(text.replace(headline, headline + "（更正）", 1), encoding="utf-8")
    copy.write_text(text, encoding="utf-8")
    out = StringIO()
    call_command("ingest", str(tmp_path / "a"), str(copy), str(tmp_path / "b"), stdout=out, stderr=StringIO())
    assert "新增 1 个版面，更新 1，跳过 1" in out.getvalue()
    page = Page.objects.get()
    assert page.display_label == "A03" and str(page.issue.date_issued) == "2024-09-30"
    assert page.articles.filter(headline=headline + "（更正）").count() == 1
    assert page.articles.count() == len(services.page_prepare(seed).values)
    assert "与已导入的 A03.txt 内容相同" in out.getvalue()
