"""Stable public URLs: every public URL that ever served a page keeps answering.

The changes that retire a key are made as an editor makes them, through the admin over HTTP
(correct an issue's date, merge reporters); then the old URL is asked for as a reader's saved
link would ask, before and after a re-ingest of the same pages.
"""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from admin_forms import editor_logged_in, ingest_seed_copy, read_form, submit
from articles.models import Article, Issue, Person


@pytest.fixture
def pages(tmp_path, db):
    folder = tmp_path / "pages"
    ingest_seed_copy(folder)
    return folder


@pytest.fixture
def editor(db) -> Client:
    return editor_logged_in()


def ingest(folder: Path) -> None:
    call_command("ingest", str(folder), stdout=StringIO(), stderr=StringIO())


def correct_issue_date(editor: Client, issue: Issue, date: str) -> None:
    response = submit(editor, f"/admin/articles/issue/{issue.pk}/change/", "issue_form", {"date_issued": date})
    assert response.status_code == 302, response.content.decode()[:2000]


def merge_reporters(editor: Client, keep: Person, *others: Person) -> None:
    form = read_form(editor.get("/admin/articles/person/").content.decode(), "changelist-form")
    form["action"] = ["merge_people"]
    form["_selected_action"] = [str(keep.pk), *(str(p.pk) for p in others)]
    confirm = editor.post("/admin/articles/person/", form)
    data = read_form(confirm.content.decode().replace('<form method="post">', '<form id="merge" method="post">'), "merge")
    data["into"] = [str(keep.pk)]
    assert editor.post("/admin/articles/person/", data).status_code == 302


def follows(client: Client, url: str, to: str) -> None:
    """``url`` answers 301 to ``to``, and ``to`` is a page."""
    response = client.get(url)
    assert (response.status_code, response.get("Location")) == (301, to), (url, response.status_code)
    assert client.get(to).status_code == 200


# ---------------------------------------------------------------- issues ----------


def test_corrected_issue_date_redirects_from_the_old_date_even_after_reingest(pages, editor, client):
    issue = Issue.objects.get(date_issued="2023-08-18")
    article = Article.objects.filter(page__issue=issue).first()
    assert client.get("/issues/2023-08-18/pages/1/").status_code == 200

    correct_issue_date(editor, issue, "2023-08-17")

    follows(client, "/issues/2023-08-18/", "/issues/2023-08-17/")
    follows(client, "/issues/2023-08-18/pages/1/", "/issues/2023-08-17/pages/1/")
    assert client.get(article.get_absolute_url()).status_code == 200
    assert "2023年8月17日" in client.get(article.get_absolute_url()).content.decode()

    ingest(pages)  # the same files again
    follows(client, "/issues/2023-08-18/", "/issues/2023-08-17/")
    seed = pages / "000_371bd5dce9a095bf.txt"  # and a changed one
    seed.write_text(seed.read_text().replace("友谊之花", "友谊之花朵"))
    ingest(pages)
    follows(client, "/issues/2023-08-18/", "/issues/2023-08-17/")

    # Corrected once more: both earlier dates lead to the latest one.
    correct_issue_date(editor, Issue.objects.get(pk=issue.pk), "2023-08-16")
    follows(client, "/issues/2023-08-18/", "/issues/2023-08-16/")
    follows(client, "/issues/2023-08-17/", "/issues/2023-08-16/")

    # And back to where it started: the issue answers there itself again.
    correct_issue_date(editor, Issue.objects.get(pk=issue.pk), "2023-08-18")
    assert client.get("/issues/2023-08-18/").status_code == 200
    follows(client, "/issues/2023-08-16/", "/issues/2023-08-18/")


def test_dates_set_for_several_issues_at_once_redirect_from_each_old_date(pages, editor, client):
    first, second = Issue.objects.get(date_issued="2023-06-09"), Issue.objects.get(date_issued="2022-11-03")
    form = read_form(editor.get("/admin/articles/issue/").content.decode(), "changelist-form")
    form["action"] = ["set_dates"]
    form["_selected_action"] = [str(first.pk), str(second.pk)]
    confirm = read_form(editor.post("/admin/articles/issue/", form).content.decode(), "set-dates")
    confirm[f"date-{first.pk}"] = ["2023-06-10"]
    confirm[f"date-{second.pk}"] = ["2022-11-04"]
    assert editor.post("/admin/articles/issue/", confirm).status_code == 302

    follows(client, "/issues/2023-06-09/", "/issues/2023-06-10/")
    follows(client, "/issues/2022-11-03/", "/issues/2022-11-04/")
    ingest(pages)
    follows(client, "/issues/2022-11-03/", "/issues/2022-11-04/")


def test_another_papers_corrected_date_redirects_within_that_paper_only(pages, editor, client):
    from articles.models import Page, Paper

    other = Paper.objects.create(name="无锡日报", slug="wxrb")
    issue = Issue.objects.create(paper=other, date_issued="2023-08-12", date_evidence="测试")
    page = Page.objects.create(issue=issue, sequence=1, source_file="wxrb.txt", sha256="e" * 64)
    Article.objects.create(page=page, sequence=1, headline="无锡日报的稿子", body="正文。")

    correct_issue_date(editor, issue, "2023-08-13")

    follows(client, "/papers/wxrb/issues/2023-08-12/", "/papers/wxrb/issues/2023-08-13/")
    follows(client, "/papers/wxrb/issues/2023-08-12/pages/1/", "/papers/wxrb/issues/2023-08-13/pages/1/")
    assert client.get("/issues/2023-08-12/").status_code == 404  # 江南晚报 had no issue that day


def test_issue_merged_into_another_date_redirects_and_its_articles_keep_their_urls(pages, editor, client):
    moved = Issue.objects.get(date_issued="2023-08-18")
    kept = Issue.objects.get(date_issued="2023-08-08")
    article_urls = [a.get_absolute_url() for a in Article.objects.filter(page__issue=moved)]
    kept_pages = kept.pages.count()

    correct_issue_date(editor, moved, "2023-08-08")

    assert not Issue.objects.filter(pk=moved.pk).exists()
    follows(client, "/issues/2023-08-18/", "/issues/2023-08-08/")
    # Its page 1 is now a later page of the kept issue, and its old URL finds it there.
    follows(client, "/issues/2023-08-18/pages/1/", f"/issues/2023-08-08/pages/{kept_pages + 1}/")
    for url in article_urls:
        page = client.get(url)
        assert page.status_code == 200 and "2023年8月8日" in page.content.decode()
    ingest(pages)
    follows(client, "/issues/2023-08-18/", "/issues/2023-08-08/")


PAGE_DATED_BY_ITS_TEXT = """2023年03月15日 第07版:国内

我市召开春季植树动员会 全民义务植树活动启动

本报讯 3月14日，我市召开春季植树动员会，全民义务植树活动随即在各区启动，今年计划新增绿地一千亩。

会议要求各地抓住春季有利时机，科学规划、精心组织，确保苗木成活率。

(记者 张明远)
"""


def test_a_page_whose_changed_file_is_dated_otherwise_leaves_a_redirect_behind(tmp_path, db, client):
    page_file = tmp_path / "planting.txt"
    page_file.write_text(PAGE_DATED_BY_ITS_TEXT, encoding="utf-8")
    ingest(page_file)
    first = Issue.objects.get()
    assert client.get(first.get_absolute_url()).status_code == 200

    # The file is sent again with its dates corrected (the page line's and the text's, so the
    # date moves whichever of them ingest goes by): ingest moves the page to the new date.
    corrected = PAGE_DATED_BY_ITS_TEXT.replace("3月14日", "3月20日").replace("03月15日", "03月21日")
    page_file.write_text(corrected, encoding="utf-8")
    ingest(page_file)

    moved = Issue.objects.get()
    assert moved.date_issued != first.date_issued
    follows(client, first.get_absolute_url(), moved.get_absolute_url())
    follows(client, f"{first.get_absolute_url()}pages/1/", f"{moved.get_absolute_url()}pages/1/")


def test_date_with_no_issue_is_a_404_naming_the_nearest_issues_and_the_month(pages, client):
    response = client.get("/issues/2023-08-12/")
    page = response.content.decode()

    assert response.status_code == 404
    assert "<h1>档案中没有2023年8月12日的报纸</h1>" in page
    assert re.search(r'rel="prev" href="/issues/2023-08-08/">.*2023年8月8日</a>', page)
    assert re.search(r'rel="next" href="/issues/2023-08-18/">.*2023年8月18日</a>', page)
    assert 'href="/issues/2023/08/">2023年8月收录的各期</a>' in page

    before_all = client.get("/issues/2000-01-01/").content.decode()
    assert 'rel="prev"' not in before_all and 'rel="next" href="/issues/2022-11-03/"' in before_all
    assert "2000年1月没有收录的报纸" in before_all and 'href="/issues/2000/01/"' not in before_all


# ---------------------------------------------------------------- articles --------


def test_a_deleted_articles_url_says_it_was_deleted_and_where_it_was_printed(pages, editor, client):
    article = Article.objects.get(headline__startswith="我市与阿斯利康")
    url, page_url = article.get_absolute_url(), article.page.get_absolute_url()
    delete = editor.get(f"/admin/articles/article/{article.pk}/delete/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', delete).group(1)
    assert editor.post(f"/admin/articles/article/{article.pk}/delete/",
                       {"csrfmiddlewaretoken": token, "post": "yes"}).status_code == 302

    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 410
    assert "<h1>这篇文章已从档案中删除</h1>" in page and "《我市与阿斯利康深化无锡供应基地建设合作》" in page
    assert f'<a href="{page_url}">它原来所在的版面：2023年8月18日 头版</a>' in page
    assert client.get("/articles/99999/").status_code == 404  # never an article: still 404
    ingest(pages)  # the same files again do not bring it back
    assert client.get(url).status_code == 410


# ---------------------------------------------------------------- reporters -------


def test_merged_reporters_page_redirects_to_the_kept_one_even_after_reingest(pages, editor, client):
    kept, variant = Person.objects.get(name="王怡菽"), Person.objects.get(name="王怡菡")
    variant_url = variant.get_absolute_url()
    assert client.get(variant_url).status_code == 200

    merge_reporters(editor, kept, variant)

    follows(client, variant_url, kept.get_absolute_url())
    ingest(pages)  # the files still print 王怡菡
    seed = pages / "001_fffb94033572b14c.txt"
    seed.write_text(seed.read_text().replace("双良新能源", "双良新能源科技"))
    ingest(pages)
    follows(client, variant_url, kept.get_absolute_url())


def test_a_reporter_merged_twice_leads_to_the_last_one_kept(pages, editor, client):
    first, second, third = (Person.objects.get(name=n) for n in ("王怡菡", "王怡菽", "高美梅"))
    first_url, second_url = first.get_absolute_url(), second.get_absolute_url()

    merge_reporters(editor, second, first)
    merge_reporters(editor, third, second)

    follows(client, first_url, third.get_absolute_url())
    follows(client, second_url, third.get_absolute_url())


def test_unknown_keys_are_still_404(pages, client):
    assert client.get("/reporters/99999/").status_code == 404
    assert client.get("/issues/2023-08-18/pages/9/").status_code == 404
