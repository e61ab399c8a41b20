"""Issue 14's admin findings, tried over HTTP as the attacker or the careless editor did: a
view-only staff account posting the history revert form, a revert of a reporter that was
merged away, a rename that differs only in spaces, and a bulk action over many issues."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User

from admin_forms import PASSWORD, log_in, read_form, submit
from articles import curation
from articles.models import Article, Issue, Person
from test_admin import change_url, editor, editor_user, first_article, pages, text  # noqa: F401  (fixtures)


@pytest.fixture
def viewer(db) -> User:
    """Staff who may look at everything in the archive's admin but change nothing."""
    user = User.objects.create_user("kanke", password=PASSWORD, is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="articles", codename__startswith="view_"))
    return user


def _history_url(obj, record) -> str:
    return f"/admin/articles/{obj._meta.model_name}/{obj.pk}/history/{record.history_id}/"


# ---- item 4: view-only staff and the history revert form --------------------------------


def test_view_only_staff_cannot_revert_an_article_from_its_history(pages, editor, viewer):
    article = first_article()
    submit(editor, change_url(article), "article_form", {"headline": "编辑改过的标题"})
    first = article.history.order_by("history_date").first()

    client = log_in("kanke")
    assert client.post(change_url(article), read_form(text(client.get(change_url(article))), "article_form")).status_code == 403
    page = client.get(_history_url(article, first))
    assert page.status_code == 200  # viewing the old version is allowed
    assert 'name="_save"' not in text(page)  # and no revert button is offered
    response = client.post(_history_url(article, first), {**read_form(text(page), "historicalarticle_form"), "_save": "恢复"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline == "编辑改过的标题"
    assert not article.history.filter(history_user__username="kanke").exists()


def test_view_only_staff_cannot_rename_a_reporter_from_its_history(pages, editor, viewer):
    person = Person.objects.get(name="王拓")
    submit(editor, change_url(person), "person_form", {"name": "王 拓"})
    first = person.history.order_by("history_date").first()

    client = log_in("kanke")
    page = client.get(_history_url(person, first))
    assert page.status_code == 200
    form = read_form(text(page), "historicalperson_form")
    response = client.post(_history_url(person, first), {**form, "name": "看客改的名字"})
    assert response.status_code == 403
    assert Person.objects.get(pk=person.pk).name == "王 拓"


# ---- item 5: a merged-away reporter's history, a name differing only in spaces ------------


def test_reverting_a_reporter_that_was_merged_away_is_a_message(pages, editor):
    kept, variant = Person.objects.get(name="王怡菽"), Person.objects.get(name="王怡菡")
    record = variant.history.order_by("history_date").first()
    curation.person_merge(into=kept, others=[variant])

    page = editor.get(_history_url(variant, record))
    assert page.status_code == 302
    listing = editor.get(page["Location"])
    assert listing.status_code == 200
    assert "王怡菡 已并入 王怡菽" in text(listing)

    token = editor.cookies["csrftoken"].value
    response = editor.post(_history_url(variant, record), {"name": "王怡菡", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert not Person.objects.filter(name="王怡菡").exists()


def test_renaming_a_reporter_to_a_name_that_differs_only_in_spaces_is_a_message(pages, editor):
    Person.objects.create(name="张 三")
    other = Person.objects.get(name="王拓")
    response = submit(editor, change_url(other), "person_form", {"name": "张  三"})
    assert response.status_code == 200
    page = text(response)
    assert "已有记者叫“张 三”" in page and "合并" in page
    assert Person.objects.get(pk=other.pk).name == "王拓"

    # The same through the history form: an old name that another reporter has taken since.
    submit(editor, change_url(other), "person_form", {"name": "王 拓"})
    Person.objects.create(name="王拓")
    first = other.history.order_by("history_date").first()
    response = submit(editor, _history_url(other, first), "historicalperson_form")
    assert response.status_code == 200 and "已有记者叫“王拓”" in text(response)
    assert Person.objects.get(pk=other.pk).name == "王 拓"


# ---- item 9: one request, at most one index sync -----------------------------------------


@pytest.fixture
def sync_starts(monkeypatch):
    """Each index sync process a request would start (an index exists, as on a real site)."""
    from articles.search import indexing

    started = []
    monkeypatch.setattr(indexing, "index_exists", lambda: True)
    monkeypatch.setattr(indexing, "_start_sync_process", lambda: started.append("sync"))
    return started


def _run_action(client, model: str, action: str, pks, extra=None):
    changelist = text(client.get(f"/admin/articles/{model}/"))
    form = read_form(changelist, "changelist-form")
    form.update({"action": [action], "_selected_action": [str(pk) for pk in pks], **(extra or {})})
    return client.post(f"/admin/articles/{model}/", form)


def test_confirming_every_issue_at_once_starts_one_index_sync(pages, editor, sync_starts,
                                                           django_capture_on_commit_callbacks):
    issues = list(Issue.objects.filter(date_inferred=True))
    assert len(issues) >= 5
    with django_capture_on_commit_callbacks(execute=True):
        response = _run_action(editor, "issue", "confirm_dates", [i.pk for i in issues])
    assert response.status_code == 302
    assert f"已确认 {len(issues)} 期的日期" in text(editor.get(response["Location"]))
    assert not Issue.objects.filter(date_inferred=True).exists()
    assert sync_starts == ["sync"]


def test_deleting_many_articles_at_once_starts_one_index_sync(pages, editor, sync_starts,
                                                            django_capture_on_commit_callbacks):
    doomed = list(Article.objects.order_by("pk").values_list("pk", flat=True)[:6])
    with django_capture_on_commit_callbacks(execute=True):
        response = _run_action(editor, "article", "delete_selected", doomed, {"post": ["yes"]})
    assert response.status_code == 302
    assert not Article.objects.filter(pk__in=doomed).exists()
    assert sync_starts == ["sync"]


@pytest.mark.parametrize("value", ["99999-01-01", "0001-01-01", "2023-02-30", "\x00", "2" * 5000, "", "3000-01-01"])
def test_forged_dates_in_the_set_dates_action_change_nothing(pages, editor, value):
    issue = Issue.objects.filter(date_inferred=True).order_by("pk").first()
    before = list(Issue.objects.order_by("pk").values_list("pk", "date_issued", "date_inferred"))
    response = _run_action(editor, "issue", "set_dates", [issue.pk],
                           {"post": ["yes"], f"date-{issue.pk}": [value], "date-999999": ["2020-01-01"]})
    assert response.status_code == 200 and "errornote" in text(response)
    assert list(Issue.objects.order_by("pk").values_list("pk", "date_issued", "date_inferred")) == before


def test_set_dates_over_many_issues_starts_one_index_sync(pages, editor, sync_starts,
                                                         django_capture_on_commit_callbacks):
    issues = list(Issue.objects.order_by("date_issued"))
    dates = {f"date-{i.pk}": [f"2020-01-{n + 1:02d}"] for n, i in enumerate(issues)}
    with django_capture_on_commit_callbacks(execute=True):
        response = _run_action(editor, "issue", "set_dates", [i.pk for i in issues], {"post": ["yes"], **dates})
    assert response.status_code == 302
    assert sorted(Issue.objects.values_list("date_issued", flat=True))[0].isoformat() == "2020-01-01"
    assert sync_starts == ["sync"]
