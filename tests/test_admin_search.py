"""Search follows what editors do in the admin: a corrected headline is found by its new words
and not its old ones, a deleted article disappears, merged reporters are one name. The index
is real (Whoosh, in a temporary folder), written by ``articles.search.indexing``.

The admin's request never writes the index: it starts a sync in another process
(``indexing.index_follow``). Here that sync runs in this process, on the test database
(``search_sync_in_process`` in conftest.py); ``test_admin_search_live.py`` runs the real
processes behind real gunicorn."""

from __future__ import annotations

import pytest

from articles import curation, jobs
from articles.models import Article, LocalWord, Person
from articles.search import indexing, query
from test_admin import (  # noqa: F401  (fixtures)
    FIRST_HEADLINE,
    change_url,
    editor,
    editor_user,
    first_article,
    pages,
    read_form,
    submit,
    text,
)


@pytest.fixture
def index(pages, settings, tmp_path):
    use_index_in(settings, tmp_path)
    query.live.reset()
    indexing.index_rebuild()
    yield settings.SEARCH_INDEX_DIR
    query.live.reset()


def use_index_in(settings, folder):
    """Point the search index (and everything else under the data folder) at ``folder``."""
    settings.DATA_DIR = folder
    settings.SEARCH_INDEX_DIR = folder / "whoosh_index"
    settings.HAYSTACK_CONNECTIONS = {
        "default": {**settings.HAYSTACK_CONNECTIONS["default"], "PATH": str(folder / "whoosh_index")}
    }
    assert indexing.index_path() == folder / "whoosh_index"


def hits(words: str) -> list[int]:
    return sorted(h.article_id for h in query.search(query.parse_query(words), limit=100, facets=False).hits)


def test_corrected_headline_is_found_by_new_words_not_old(index, editor, django_capture_on_commit_callbacks,
                                                         monkeypatch):
    article = first_article()
    assert hits("庆祝建立") == [article.pk]  # only the headline has these words together
    started = []
    monkeypatch.setattr(indexing, "_start_sync_process", lambda: started.append("sync"))

    with django_capture_on_commit_callbacks(execute=True):
        response = submit(editor, change_url(article), "article_form", {"headline": "无锡代表团在艾因市庆贺结好五周年"})
    assert response.status_code == 302
    # The request only started the sync; the index is as it was until the sync runs.
    assert started == ["sync"]
    assert hits("庆祝建立") == [article.pk] and hits("庆贺结好") == []

    indexing.index_sync()  # what the started process runs
    assert hits("庆贺结好") == [article.pk]
    assert hits("庆祝建立") == []


def test_deleted_article_disappears_from_search(index, editor, django_capture_on_commit_callbacks):
    article = first_article()
    assert article.pk in hits("阿联酋")
    url = f"/admin/articles/article/{article.pk}/delete/"
    token = read_form(text(editor.get(url)).replace("<form method=\"post\">", '<form id="d" method="post">'), "d")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url, {**token, "post": "yes"})
    assert response.status_code == 302
    assert article.pk not in hits("阿联酋")


def test_merged_reporter_is_one_name_in_search(index, editor, django_capture_on_commit_callbacks):
    kept, variant = Person.objects.get(name="王怡菽"), Person.objects.get(name="王怡菡")
    moved = set(Article.objects.filter(bylines__person=variant).values_list("pk", flat=True))
    with django_capture_on_commit_callbacks(execute=True):
        curation.person_merge(into=kept, others=[variant], user=None)
    assert hits("王怡菡") == []
    assert moved <= set(hits("王怡菽"))


def test_local_word_change_starts_a_background_rebuild_with_visible_status(
    pages, editor, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    use_index_in(settings, tmp_path)
    indexing.index_clear()  # an index exists, so a dictionary change has something to rebuild
    started = []

    class FakeProcess:  # the real rebuild runs manage.py in another process, on another database
        pid = 0

        def __init__(self, args, **kwargs):
            started.append(args)

        def wait(self):
            return 0

    monkeypatch.setattr(jobs.subprocess, "Popen", FakeProcess)
    assert "后台按新词典重建" in text(editor.get("/admin/articles/localword/"))

    with django_capture_on_commit_callbacks(execute=True):
        response = submit(editor, "/admin/articles/localword/add/", "localword_form", {"word": "卓品智能", "tag": "nt"})
    assert response.status_code == 302
    assert LocalWord.objects.filter(word="卓品智能").exists()
    assert len(started) == 1 and "rebuild_index" in started[0][-1]
    for thread in jobs.threading.enumerate():
        if thread.name != "MainThread" and thread.daemon:
            thread.join(timeout=5)
    assert "已于" in text(editor.get("/admin/articles/localword/"))  # done, with the time
