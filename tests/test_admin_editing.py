"""Issue 13's admin side, used as an editor uses it: from a public page's 编辑 link to the
admin form and back, admin search by either script and width, reporters in pinyin order, the
已更正 column, byline role changes in the history, the history and lists in Chinese, and the
bulk actions on issues and articles."""

from __future__ import annotations

import re

import pytest

from admin_forms import read_form, submit
from articles.models import Article, Issue, Person
from test_admin import change_url, editor, editor_user, first_article, pages, text  # noqa: F401  (fixtures)


def edit_link(page_html: str) -> str:
    match = re.search(r'<a class="edit-link" href="([^"]+)">编辑</a>', page_html)
    assert match, "no 编辑 link on the public page"
    return match.group(1).replace("&amp;", "&")


# ---- 编辑 from a public page, and back ----------------------------------------------------


def test_edit_link_on_a_public_article_comes_back_there_after_saving(pages, editor):
    article = first_article()
    public = article.get_absolute_url()
    form_url = edit_link(text(editor.get(public)))
    assert form_url.startswith(change_url(article))

    response = submit(editor, form_url, "article_form", {"headline": "从公开页面改的标题"})
    assert response.status_code == 302 and response["Location"] == public
    assert "从公开页面改的标题" in text(editor.get(public))


@pytest.mark.parametrize("kind", ["issue", "person"])
def test_edit_link_on_issue_and_reporter_pages_comes_back_there(pages, editor, kind):
    obj = Issue.objects.get(date_issued="2023-06-09") if kind == "issue" else Person.objects.get(name="王拓")
    public = obj.get_absolute_url()
    form_url = edit_link(text(editor.get(public)))
    changes = {"confirm_date": "on"} if kind == "issue" else {"name": "王 拓"}
    response = submit(editor, form_url, f"{kind}_form", changes)
    assert response.status_code == 302 and response["Location"] == public


@pytest.mark.parametrize("target", [
    "https://evil.example/", "//evil.example/articles/1/", "/\\evil.example/", "javascript:alert(1)",
    "http:/evil.example", "/admin/auth/user/", " /articles/1/",
])
def test_next_never_leads_off_the_site(pages, editor, target):
    article = first_article()
    response = submit(editor, change_url(article) + "?next=" + target, "article_form", {"headline": "改过"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/articles/article/"


def test_save_and_continue_stays_on_the_form(pages, editor):
    article = first_article()
    url = f"{change_url(article)}?next={article.get_absolute_url()}"
    response = submit(editor, url, "article_form", {"headline": "继续编辑"}, {"_continue": ["1"]})
    assert response.status_code == 302 and response["Location"].startswith(change_url(article))


# ---- admin search: either script, either width ---------------------------------------------


def _listed(html: str) -> set[str]:
    return set(re.findall(r'name="_selected_action" value="(\d+)"', html))


def test_admin_search_finds_simplified_text_by_traditional_words_and_both_widths(pages, editor):
    plain = _listed(text(editor.get("/admin/articles/article/", {"q": "阿斯利康"})))
    assert plain
    assert _listed(text(editor.get("/admin/articles/article/", {"q": "阿斯利康"}))) == plain
    assert _listed(text(editor.get("/admin/articles/article/", {"q": "無錫 阿斯利康"}))) == plain
    half = _listed(text(editor.get("/admin/articles/article/", {"q": "集成电路(无锡)"})))
    assert half and _listed(text(editor.get("/admin/articles/article/", {"q": "集成電路（無錫）"}))) == half


def test_admin_search_finds_a_traditional_headline_by_simplified_words(pages, editor):
    article = first_article()
    submit(editor, change_url(article), "article_form", {"headline": "無錫代表團訪問艾因市慶賀結好"})
    assert _listed(text(editor.get("/admin/articles/article/", {"q": "艾因市庆贺结好"}))) == {str(article.pk)}
    people = text(editor.get("/admin/articles/person/", {"q": "王怡菡"}))
    assert "王怡菡" in people
