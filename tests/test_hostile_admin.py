"""Hostile input through the staff admin: form fields, list searches, filters and page numbers,
ids in URLs and the forms' hidden fields. A bad value gets the form back with a clear message,
or a redirect or 4xx, never a 500; nothing is saved; markup an editor types is stored as text
and shown escaped everywhere."""

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client

from articles.models import Article, Issue, LocalWord, Person
from hostile import MARKUP, PAGE_NUMBERS, QUERIES, UNESCAPED_MARKERS, assert_safe_answer
from test_admin import read_form  # the form reader the admin's own tests use

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# Statuses the admin may answer with: its page, its redirects (e.g. to `?e=1` for a bad
# filter, or to the list for an unknown id), and 4xx.
ADMIN_OK = (200, 302, 400, 403, 404)


@pytest.fixture
def staff(db):
    call_command("ingest", str(SEEDS), stdout=StringIO(), stderr=StringIO())
    user = User.objects.create_superuser("chief", password="a-long-test-password-42")
    client = Client()
    client.force_login(user)
    return client


def snapshot():
    out = StringIO()
    call_command("export_articles", stdout=out)
    return (
        out.getvalue(),
        list(Issue.objects.order_by("pk").values_list("pk", "date_issued", "date_inferred")),
        sorted(Person.objects.values_list("name", flat=True)),
        list(LocalWord.objects.values_list("word", flat=True)),
    )


def change_url(obj) -> str:
    return f"/admin/articles/{obj._meta.model_name}/{obj.pk}/change/"


def post_form(client, url, form_id, changes):
    page = client.get(url)
    assert page.status_code == 200
    data = read_form(page.content.decode(), form_id)
    for name, value in changes.items():
        data[name] = value if isinstance(value, list) else [value]
    return client.post(url, data)


def assert_form_refused(response):
    """The form comes back with the admin's error note, escaped, and nothing is saved."""
    body = assert_safe_answer(response, allowed=(200,))
    assert 'class="errornote"' in body or "errorlist" in body, body[:1000]
    return body


# --- the article form ----------------------------------------------------------------------

BAD_ARTICLE_VALUES = [
    {"headline": "无\x00锡"},
    {"headline": "长" * 301},
    {"body": "正文\x00里有 NUL"},
    {"dateline": "2023-02-30"},
    {"dateline": "abc"},
    {"dateline": "99999-01-01"},
    {"dateline": "-1"},
    {"loaded_version": "abc"},
    {"loaded_version": "-1"},
    {"loaded_version": str(10**19)},
    {"loaded_version": ""},
    {"bylines-0-name": "名" * 61},
    {"bylines-0-name": "名\x00字"},
    {"bylines-0-position": "abc"},
    {"bylines-TOTAL_FORMS": "abc"},
    {"bylines-INITIAL_FORMS": "99999"},
]


@pytest.mark.parametrize("changes", BAD_ARTICLE_VALUES, ids=lambda c: repr(c)[:40])
def test_bad_values_in_the_article_form_are_refused_and_nothing_is_saved(staff, changes):
    article = Article.objects.order_by("pk").first()
    before = snapshot()
    response = post_form(staff, change_url(article), "article_form", changes)
    assert_form_refused(response)
    assert snapshot() == before


@pytest.mark.parametrize("total", ["100000000", "-1", str(10**19)])
def test_forged_formset_counts_change_nothing(staff, total):
    """Django reads a negative count as no byline forms: the save goes through (302) and leaves
    the bylines alone. Huge counts are refused. Either way no data changes."""
    article = Article.objects.order_by("pk").first()
    before = snapshot()
    response = post_form(staff, change_url(article), "article_form", {"bylines-TOTAL_FORMS": total})
    assert_safe_answer(response, allowed=(200, 302, 400))
    assert snapshot() == before


def test_markup_an_editor_types_is_stored_as_text_and_shown_escaped(staff, client):
    article = Article.objects.order_by("pk").first()
    response = post_form(
        staff, change_url(article), "article_form",
        {"headline": f"更正 {MARKUP[0]}", "body": f"第一段 {MARKUP[1]}\n\n第二段 {MARKUP[2]}",
         "bylines-0-name": f"记者{MARKUP[3]}"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.headline == f"更正 {MARKUP[0]}"

    reporter = Person.objects.get(name=f"记者{MARKUP[3]}")
    pages = [
        client.get(article.get_absolute_url()), client.get(article.page.issue.get_absolute_url()),
        client.get(reporter.get_absolute_url()), client.get("/reporters/"),
        staff.get("/admin/articles/article/"), staff.get(change_url(article)),
        staff.get(f"/admin/articles/article/{article.pk}/history/"), staff.get("/admin/articles/person/"),
    ]
    for response in pages:
        body = assert_safe_answer(response, allowed=(200,))
        for marker in UNESCAPED_MARKERS:
            assert marker not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[0].content.decode()


# --- lists: searches, filters, page numbers, ids -------------------------------------------


@pytest.mark.parametrize("query", QUERIES[::2], ids=lambda q: repr(q[:20]) + f"/{len(q)}")
def test_admin_list_searches_answer_any_text(staff, query):
    for model in ["article", "person", "issue", "localword"]:
        assert_safe_answer(staff.get(f"/admin/articles/{model}/", {"q": query}), allowed=ADMIN_OK)


@pytest.mark.parametrize("page", PAGE_NUMBERS)
def test_admin_list_page_numbers(staff, page):
    article = Article.objects.order_by("pk").first()
    for url in ["/admin/articles/article/", "/admin/articles/person/", f"/admin/articles/article/{article.pk}/history/"]:
        assert_safe_answer(staff.get(url, {"p": page}), allowed=ADMIN_OK)


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"}, {"year": "99999999999"}, {"year": "0"}, {"year": "１"},
        {"reporter": "99999999999999999999"}, {"reporter": "-1"},
        {"year": "²"}, {"reporter": "²"},
        {"edited": "maybe"}, {"section": "\x00"}, {"section": MARKUP[0]},
        {"o": "abc"}, {"o": "99"}, {"o": "-1.x"},
        {"page__issue__date_issued__year": "abc"}, {"page__issue__date_issued__year": "2023",
                                                    "page__issue__date_issued__month": "13"},
        {"page__issue__date_issued__year": "99999999999"},
        {"page__issue__date_issued__gte": "2023-02-30"}, {"id__in": "1,abc"}, {"headline__regex": "(a+)+$"},
        {"_changelist_filters": "%%%"}, {"all": ""}, {"e": "1"},
    ],
    ids=lambda p: repr(p)[:40],
)
def test_admin_article_list_filters_with_nonsense_values(staff, params):
    assert_safe_answer(staff.get("/admin/articles/article/", params), allowed=ADMIN_OK)


@pytest.mark.parametrize("object_id", ["abc", "0", "-1", str(10**19), "9" * 40, "%00", "1.5"])
@pytest.mark.parametrize("model", ["article", "person", "issue"])
def test_admin_urls_with_ids_that_do_not_exist(staff, model, object_id):
    for view in ["change", "history", "delete"]:
        assert_safe_answer(staff.get(f"/admin/articles/{model}/{object_id}/{view}/"), allowed=ADMIN_OK)


def test_merge_action_with_forged_selection_changes_nothing(staff):
    before = snapshot()
    for selection in [["abc"], [str(10**19)], ["-1", "0"], []]:
        response = staff.post(
            "/admin/articles/person/", {"action": "merge_people", "_selected_action": selection, "index": "0"}
        )
        assert_safe_answer(response, allowed=ADMIN_OK)
    assert snapshot() == before


# --- other forms ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes",
    [{"date_issued": "2023-02-30"}, {"date_issued": "abc"}, {"date_issued": "0000-01-01"}, {"date_issued": ""}],
    ids=lambda c: c["date_issued"] or "empty",
)
def test_bad_issue_dates_are_refused(staff, changes):
    issue = Issue.objects.order_by("pk").first()
    before = snapshot()
    assert_form_refused(post_form(staff, change_url(issue), "issue_form", changes))
    assert snapshot() == before


@pytest.mark.parametrize(
    "changes",
    [{"word": "锡\x00东"}, {"word": "锡" * 5000}, {"word": ""}, {"freq": "abc"}, {"freq": "-1"}, {"freq": str(10**19)}],
    ids=lambda c: repr(c)[:30],
)
def test_bad_local_words_are_refused(staff, changes):
    before = snapshot()
    response = post_form(staff, "/admin/articles/localword/add/", "localword_form", {"word": "锡东新城", **changes})
    assert_form_refused(response)
    assert snapshot() == before


def test_person_names_that_cannot_be_names_are_refused(staff):
    person = Person.objects.order_by("pk").first()
    before = snapshot()
    for name in ["", "名" * 61, "名\x00字"]:
        assert_form_refused(post_form(staff, change_url(person), "person_form", {"name": name}))
    assert snapshot() == before


def test_login_form_with_hostile_usernames_answers_with_its_form(db):
    client = Client()
    for username in ["admin\x00", MARKUP[0], "名" * 5000]:
        response = client.post("/admin/login/", {"username": username, "password": "x"})
        # 400: on PostgreSQL the login log (django-axes) refuses a name longer than 255.
        assert_safe_answer(response, allowed=(200, 400, 403, 429))
