"""Corrections reach readers: a correction made in the admin (over HTTP, as an editor makes it)
changes the public page's ETag at once, caches revalidate instead of serving a stale copy, the
article says 本文已更正 with the date and the fields (never who), and staff find 编辑 on every
public article, issue, page and reporter page."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from admin_forms import editor_logged_in, ingest_seed_copy, submit
from articles.models import Article, Issue, Person

HEADLINE = "无锡代表团访问阿联酋艾因市 共同庆祝建立友好交流城市关系五周年"
CORRECTED = "无锡代表团访问艾因市 庆祝友好交流五周年"


@pytest.fixture
def pages(tmp_path, db):
    folder = tmp_path / "pages"
    ingest_seed_copy(folder)
    return folder


@pytest.fixture
def editor(db) -> Client:
    return editor_logged_in()


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def correct_headline(editor: Client, article: Article, headline: str):
    response = submit(editor, f"/admin/articles/article/{article.pk}/change/", "article_form", {"headline": headline})
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_correction_changes_the_etag_so_a_reader_revalidating_gets_the_corrected_page(pages, editor, client):
    article = Article.objects.get(headline=HEADLINE)
    url = article.get_absolute_url()
    first = client.get(url)
    assert {"public", "no-cache"} <= cache_control(first) and "Cookie" in first["Vary"]
    etag = first["ETag"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304  # nothing changed yet

    correct_headline(editor, article, CORRECTED)

    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 200 and again["ETag"] != etag
    page = again.content.decode()
    assert CORRECTED in page and HEADLINE not in page
    # The issue page that lists the headline and the reporter page change with it.
    for listing in (article.page.issue.get_absolute_url(), article.page.get_absolute_url(),
                    Person.objects.get(name="高美梅").get_absolute_url()):
        response = client.get(listing)
        assert {"public", "no-cache"} <= cache_control(response), listing
        assert CORRECTED in response.content.decode(), listing


def test_a_corrected_article_says_when_and_what_was_corrected_but_not_who(pages, editor, client):
    article = Article.objects.get(headline=HEADLINE)
    untouched = Article.objects.exclude(pk=article.pk).first()
    assert "本文已更正" not in client.get(article.get_absolute_url()).content.decode()

    correct_headline(editor, article, CORRECTED)
    response = submit(editor, f"/admin/articles/article/{article.pk}/change/", "article_form",
                      {"section": "要闻"})
    assert response.status_code == 302

    page = client.get(article.get_absolute_url()).content.decode()
    today = timezone.localdate()
    note = re.search(r'<p class="notice notice--corrected">(.*?)</p>', page, re.S).group(1)
    assert "<strong>本文已更正</strong>" in note
    assert f"{today.year}年{today.month}月{today.day}日" in note and "更正了标题、栏目" in note
    assert "meili" not in page
    assert "本文已更正" not in client.get(untouched.get_absolute_url()).content.decode()
    # Re-ingesting the same pages keeps the correction and the note.
    call_command("ingest", str(pages), stdout=StringIO(), stderr=StringIO())
    assert "更正了标题、栏目" in client.get(article.get_absolute_url()).content.decode()


def test_a_saved_link_and_the_admins_view_on_site_link_open_the_corrected_article(pages, editor, client):
    article = Article.objects.get(headline=HEADLINE)
    saved = f"http://testserver{article.get_absolute_url()}"  # as a reader bookmarked it
    correct_headline(editor, article, CORRECTED)

    page = client.get(saved)
    assert page.status_code == 200 and CORRECTED in page.content.decode()
    form = editor.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    view_on_site = re.search(r'href="(/admin/r/\d+/\d+/)"', form).group(1)
    response = editor.get(view_on_site)
    assert response.status_code == 302 and response["Location"].endswith(article.get_absolute_url())


def test_a_corrected_issue_date_is_said_on_the_issue_and_its_articles(pages, editor, client):
    issue = Issue.objects.get(date_issued="2023-08-18")
    response = submit(editor, f"/admin/articles/issue/{issue.pk}/change/", "issue_form", {"date_issued": "2023-08-17"})
    assert response.status_code == 302
    article = Article.objects.get(headline=HEADLINE)

    for url in ("/issues/2023-08-17/", article.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "<strong>出版日期已更正</strong>：这一期曾标为 2023年8月18日" in page, url
        assert "日期为推断" not in page, url


def test_staff_see_edit_links_to_the_admin_form_that_come_back_here_and_readers_do_not(pages, editor, client):
    article = Article.objects.get(headline=HEADLINE)
    issue, person = article.page.issue, Person.objects.get(name="高美梅")
    targets = {
        article.get_absolute_url(): f"/admin/articles/article/{article.pk}/change/",
        issue.get_absolute_url(): f"/admin/articles/issue/{issue.pk}/change/",
        article.page.get_absolute_url(): f"/admin/articles/issue/{issue.pk}/change/",
        person.get_absolute_url(): f"/admin/articles/person/{person.pk}/change/",
    }
    for public, admin in targets.items():
        staff_view = editor.get(public)
        expected = f'<a class="edit-link" href="{admin}?next={public}">编辑</a>'
        assert expected in staff_view.content.decode(), public
        assert {"private", "no-cache"} <= cache_control(staff_view) and "public" not in cache_control(staff_view)
        assert editor.get(admin + f"?next={public}").status_code == 200  # the form opens
        assert "编辑</a>" not in client.get(public).content.decode(), public
