"""The search index's life (articles/search/indexing.py and the commands): `make run`'s
ensure_search_index builds once and then does nothing, ingest keeps the index current,
rebuild_index builds aside and swaps while searches go on, haystack's update_index and
clear_index work, no request writes to the index, and jieba is loaded before any request."""

from __future__ import annotations

import json
import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article
from articles.search import indexing, query

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def index_listing(folder: Path) -> dict:
    """Every file of the live index with its size and modification time."""
    real = folder.resolve()
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in real.iterdir()}


def api_count(manage, q: str) -> int:
    code = (
        "from articles.search.query import parse_query, search; "
        f"print(search(parse_query({q!r}), limit=1).count)"
    )
    return int(manage.python(code).strip().splitlines()[-1])


def test_make_run_steps_build_once_then_do_nothing_and_ingest_keeps_the_index_current(manage, tmp_path):
    manage("migrate", "--noinput", "-v0")
    delivery = tmp_path / "delivery"
    shutil.copytree(SEEDS, delivery)
    manage("ingest", str(delivery))
    assert not (manage.data_dir / "whoosh_index").exists()  # ingest leaves the first build to make run

    first = manage("ensure_search_index")
    assert "已新建" in first.stdout and "20 篇" in first.stdout
    live = manage.data_dir / "whoosh_index"
    assert live.is_symlink()
    before = (os.readlink(live), index_listing(live))

    second = manage("ensure_search_index")
    assert "已是最新" in second.stdout
    assert (os.readlink(live), index_listing(live)) == before  # changed nothing

    # A corrected delivery of one page (the same file, corrected where it was loaded from: a
    # file of the same name in another folder is another page): ingest updates the index itself.
    changed = delivery / "000_371bd5dce9a095bf.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("阿斯利康", "阿斯特捷利康"), encoding="utf-8")
    assert api_count(manage, "阿斯特捷利康") == 0
    result = manage("ingest", str(changed))
    assert "搜索索引已更新" in result.stdout
    assert api_count(manage, "阿斯特捷利康") == 1
    assert api_count(manage, "阿斯利康") == 0
    assert "已是最新" in manage("ensure_search_index").stdout


def test_rebuild_swaps_in_a_new_build_and_haystack_commands_work(manage):
    manage("migrate", "--noinput", "-v0")
    manage("ingest", str(SEEDS))
    manage("ensure_search_index")
    live = manage.data_dir / "whoosh_index"
    builds = manage.data_dir / "whoosh_index.builds"
    first = os.readlink(live)

    out = manage("rebuild_index", "--noinput").stdout
    assert "已重建并切换：20 篇文章" in out
    second = os.readlink(live)
    assert second != first and {p.name for p in builds.iterdir()} == {Path(first).name, Path(second).name}
    manage("rebuild_index", "--noinput")
    assert Path(first).name not in {p.name for p in builds.iterdir()}  # only the previous build is kept
    assert api_count(manage, "無錫") == 15

    manage("clear_index", "--noinput")
    assert api_count(manage, "無錫") == 0
    manage("update_index", "-v0")
    assert api_count(manage, "無錫") == 15
    stamp = json.loads((live / "stamp.json").read_text())
    assert stamp["schema_version"] == indexing.SCHEMA_VERSION


def test_wsgi_loads_jieba_before_the_first_request(manage):
    manage("migrate", "--noinput", "-v0")
    out = manage.python("import jieba; import newsarchive.wsgi; print(jieba.dt.initialized)")
    assert out.strip().splitlines()[-1] == "True"
    assert (manage.data_dir / "jieba.cache").exists()  # jieba's cache lives in the data folder


# --- in-process: requests, staleness, swapping under a searcher --------------------------


@pytest.fixture
def seeded(search_data_dir):
    call_command("ingest", str(SEEDS), stdout=StringIO(), stderr=StringIO())
    return search_data_dir


def test_without_an_index_search_answers_503_and_creates_nothing(client, seeded):
    response = client.get("/search/", {"q": "无锡"})
    assert response.status_code == 503
    assert client.get("/api/search/", {"q": "无锡"}).status_code == 503
    assert not seeded.exists()


def test_requests_never_write_to_the_index(client, seeded):
    indexing.index_rebuild()
    before = index_listing(seeded)
    for q in ["无锡", "锡", "杜小刚 -疫情", '"民企 对接"', "x" * 300]:
        client.get("/search/", {"q": q})
        client.get("/api/search/", {"q": q, "sort": "newest", "year": "2023"})
    assert index_listing(seeded) == before


def test_a_changed_article_makes_the_index_stale_until_synced(client, seeded):
    indexing.index_rebuild()
    assert indexing.index_state() == "current"
    article = Article.objects.get(headline__startswith="双良新能源")
    article.headline = "双良新能源产业一期项目开工仪式举行"
    article.save()
    assert indexing.index_state() == "stale"
    assert client.get("/api/search/", {"q": "开工仪式举行"}).json()["count"] == 0
    assert indexing.index_sync() == 1
    assert indexing.index_state() == "current"
    # The worker's searcher notices the new commit without a restart.
    assert client.get("/api/search/", {"q": "开工仪式举行"}).json()["count"] == 1


def test_a_sync_after_new_local_words_leaves_the_index_due_for_a_rebuild(client, seeded):
    # A staff edit's sync segments only the changed articles with the new words: the index
    # must still say it was built with the old dictionary, so the rebuild is not skipped.
    from articles.models import LocalWord

    indexing.index_rebuild()
    LocalWord.objects.create(word="卓品智能", tag="nt")
    article = Article.objects.get(headline__startswith="双良新能源")
    article.headline = "双良新能源产业一期项目开工仪式举行"
    article.save()
    assert indexing.index_sync() == 1
    assert client.get("/api/search/", {"q": "开工仪式举行"}).json()["count"] == 1
    assert indexing.index_state() == "outdated"
    assert indexing.index_ensure()[0] == "outdated"  # rebuilt with the new words
    assert indexing.index_state() == "current"


def test_a_deleted_article_leaves_the_index_on_sync(client, seeded):
    indexing.index_rebuild()
    Article.objects.get(headline__startswith="双良新能源").delete()
    indexing.index_sync()
    assert client.get("/api/search/", {"q": "双良新能源"}).json()["count"] == 0


def searcher_open_through_a_rebuild():
    """Open a searcher on the live index (15 articles hold 无锡), delete one of them, rebuild:
    the parsed query and the old searcher."""
    parsed = query.parse_query("无锡")
    assert query.search(parsed).count == 15
    with query.live.lock:
        old = query.live.get()
    Article.objects.filter(headline__startswith="华虹无锡").delete()
    indexing.index_rebuild()
    return parsed, old


def test_rebuild_swaps_while_an_open_searcher_keeps_reading_the_old_build(seeded):
    indexing.index_rebuild()
    parsed, old = searcher_open_through_a_rebuild()
    # The old searcher still reads its (kept) build; the next search opens the new one.
    assert len(old.containing("text", "无锡")) == 15
    assert query.search(parsed).count == 14


def test_an_index_folder_left_by_older_code_keeps_serving_an_open_searcher_through_a_rebuild(seeded):
    # Before builds were kept aside the live index was a plain folder: make it one again.
    indexing.index_rebuild()
    live = indexing.index_path()
    build = live.resolve()
    live.unlink()
    shutil.copytree(build, live)
    shutil.rmtree(build)
    query.live.reset()
    parsed, old = searcher_open_through_a_rebuild()
    assert live.is_symlink()
    # The plain folder was moved in with the builds and kept as the previous build (a worker
    # that opens its text store later still finds it), not deleted under its reader.
    kept = [p for p in live.with_name(live.name + ".builds").iterdir() if p.name.startswith("legacy-")]
    assert len(kept) == 1 and (kept[0] / "texts.bin").stat().st_size > 0
    assert len(old.containing("text", "无锡")) == 15
    assert query.search(parsed).count == 14


def test_a_writer_waits_for_the_lock(seeded):
    # One writer at a time: the lock is an OS file lock other processes see too.
    import fcntl

    indexing.index_rebuild()
    with indexing.writer_lock():
        with open(indexing._lock_path()) as handle:
            with pytest.raises(BlockingIOError):
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)


def test_a_lost_text_store_is_a_503_not_silently_missing_articles_and_make_run_rebuilds_it(client, seeded):
    indexing.index_rebuild()
    before = client.get("/api/search/", {"q": "杜小刚"}).json()["count"]
    assert before > 0
    (seeded.resolve() / "texts.bin").write_bytes(b"")  # truncated, as by a full disk
    query.live.reset()
    response = client.get("/api/search/", {"q": "杜小刚"})
    assert response.status_code == 503
    assert indexing.index_state() == "missing"
    out = StringIO()
    call_command("ensure_search_index", stdout=out)
    assert "已新建" in out.getvalue()
    assert client.get("/api/search/", {"q": "杜小刚"}).json()["count"] == before


def test_rebuild_with_analysis_processes_finds_the_same(manage):
    manage("migrate", "--noinput", "-v0")
    manage("ingest", str(SEEDS))
    manage("rebuild_index", "--noinput", "--workers", "2")
    assert [api_count(manage, q) for q in ("無錫", "锡", "民企对接", "杜小刚")] == [15, 17, 1, 8]


def test_repeated_small_updates_keep_few_segments_and_never_merge_a_rebuilds_segments(seeded, monkeypatch):
    from whoosh import index as whoosh_index

    monkeypatch.setattr(indexing, "SEGMENT_DOCS", 10)  # the seeds' 20 articles: two rebuild segments
    indexing.index_rebuild()

    def segments():
        return sorted(s.doc_count_all() for s in whoosh_index.open_dir(str(seeded.resolve()))._segments())

    assert segments() == [10, 10]
    article = Article.objects.get(headline__startswith="双良新能源")
    for n in range(20):
        indexing.index_update(article_ids=[article.pk])
        counts = segments()
        assert counts.count(10) == 2  # the rebuild's segments are never merged by an update
        assert len(counts) <= 2 + 2 * (indexing.MERGE_FANOUT - 1)
    assert query.search(query.parse_query("双良")).count == 1


# --- an index built before the body scope (正文:) -------------------------------------------


def _build_as_before_the_body_scope(monkeypatch) -> None:
    """A rebuild by the code of schema 5: no body columns in the Whoosh schema or documents."""
    from articles.search import backend, fields

    original_schema, original_fields = backend.ChineseWhooshSearchBackend.build_schema, indexing.whoosh_fields

    def old_schema(self, fields_by_name):
        name, schema = original_schema(self, fields_by_name)
        for column in (fields.BOFF, fields.BLEN):
            schema.remove(column)
        return name, schema

    def old_fields(prepared, terms, store):
        doc = original_fields(prepared, terms, store)
        return {k: v for k, v in doc.items() if k not in (fields.BOFF, fields.BLEN)}

    with monkeypatch.context() as patched:
        patched.setattr(backend.ChineseWhooshSearchBackend, "build_schema", old_schema)
        patched.setattr(indexing, "whoosh_fields", old_fields)
        patched.setattr(indexing, "SCHEMA_VERSION", 5)
        indexing.index_rebuild()
    query.live.reset()


def test_an_index_from_before_the_body_scope_says_what_to_run_and_make_run_rebuilds_it(client, seeded, monkeypatch):
    _build_as_before_the_body_scope(monkeypatch)
    assert indexing.index_state() == "outdated"
    # Never a silent "0 found" for 正文:, on the page and in the API: the reader is told what to run.
    response = client.get("/search/", {"q": "正文:无锡"})
    page = response.content.decode()
    assert response.status_code == 503 and "不能只在正文中检索" in page and "rebuild_index" in page
    assert "找到" not in page
    assert "rebuild_index" in client.get("/api/search/", {"q": "body:无锡"}).json()["error"]
    # Everything else still answers exactly, as before.
    assert client.get("/api/search/", {"q": "无锡"}).json()["count"] == 15
    # A sync of a staff edit writes new documents, but does not make the old index current.
    article = Article.objects.get(headline__startswith="双良新能源")
    article.headline = "双良新能源产业一期项目开工仪式举行"
    article.save()
    assert indexing.index_sync() == 1
    assert indexing.index_state() == "outdated"
    # make run's step rebuilds it; then the body scope answers.
    out = StringIO()
    call_command("ensure_search_index", stdout=out)
    assert "索引结构已更新，已重建" in out.getvalue()
    query.live.reset()
    body_holds = [a for a in Article.objects.all() if any("无锡" in p for p in a.paragraphs)]
    assert client.get("/api/search/", {"q": "正文:无锡"}).json()["count"] == len(body_holds) > 0
