"""The staff admin, used as an editor uses it: log in through the login form, open a change
page, post the form back (CSRF enforced), then look at the public site, re-ingest and history."""

from __future__ import annotations

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client

from admin_forms import PASSWORD, log_in, read_form, submit
from articles.models import Article, Issue, LocalWord, Person

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# Page 000 (2023-08-18, date inferred): its first article and a sentence of its body.
FIRST_HEADLINE = "无锡代表团访问阿联酋艾因市 共同庆祝建立友好交流城市关系五周年"
BODY_SENTENCE = "无锡代表团向所有关注支持无锡发展的艾因朋友表示诚挚谢意"
SEED_000 = "000_371bd5dce9a095bf.txt"


# ---------------------------------------------------------------- helpers ---------


def ingest(folder: Path) -> str:
    out = StringIO()
    call_command("ingest", str(folder), stdout=out, stderr=StringIO())
    return out.getvalue()


def text(response) -> str:
    return response.content.decode()


def change_url(obj) -> str:
    return f"/admin/articles/{obj._meta.model_name}/{obj.pk}/change/"


# ---------------------------------------------------------------- fixtures --------


@pytest.fixture
def pages(tmp_path, db):
    """A copy of the seed pages, ingested; tests may edit the copy and ingest it again."""
    folder = tmp_path / "pages"
    shutil.copytree(SEEDS, folder)
    ingest(folder)
    return folder


@pytest.fixture
def editor_user(db):
    user = User.objects.create_user("meili", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="editor"))
    return user


@pytest.fixture
def editor(editor_user) -> Client:
    return log_in("meili")


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("chief", password=PASSWORD)


def first_article() -> Article:
    return Article.objects.get(headline=FIRST_HEADLINE)


# ---------------------------------------------------------------- corrections -----


def test_headline_correction_shows_at_once_survives_reingest_and_reverts(pages, editor):
    article = first_article()
    url = change_url(article)

    response = submit(editor, url, "article_form", {"headline": "无锡代表团访问艾因市 庆祝友好交流五周年"})
    assert response.status_code == 302

    public = text(editor.get(article.get_absolute_url()))
    assert "无锡代表团访问艾因市 庆祝友好交流五周年" in public
    assert FIRST_HEADLINE not in public

    # The source file changes (a sentence of the body is reworded) and is ingested again.
    page_file = pages / SEED_000
    page_file.write_text(page_file.read_text().replace(BODY_SENTENCE, "无锡代表团向艾因朋友表示诚挚谢意"))
    assert "保留人工更正 1 处" in ingest(pages)

    article.refresh_from_db()
    assert article.headline == "无锡代表团访问艾因市 庆祝友好交流五周年"  # the editor's correction stays
    assert "无锡代表团向艾因朋友表示诚挚谢意" in article.body  # the field nobody edited follows the file
    assert article.edited_fields == ["headline"]
    public = text(editor.get(article.get_absolute_url()))
    assert "无锡代表团向艾因朋友表示诚挚谢意" in public and BODY_SENTENCE not in public

    # History: who, old and new value, and the ingest change beside it.
    history = text(editor.get(f"/admin/articles/article/{article.pk}/history/"))
    assert "meili" in history
    assert FIRST_HEADLINE in history and "无锡代表团访问艾因市 庆祝友好交流五周年" in history
    assert "人工更正：标题" in history and f"导入 {SEED_000}" in history

    # Revert to the version before the correction, from the history.
    before = article.history.filter(history_change_reason__startswith="导入").order_by("history_date").first()
    assert f"/admin/articles/article/{article.pk}/history/{before.history_id}/" in history
    response = submit(editor, f"/admin/articles/article/{article.pk}/history/{before.history_id}/", "historicalarticle_form")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == FIRST_HEADLINE
    assert article.edited_fields == []  # back to the parser's value: ingest owns it again
    assert "无锡代表团向艾因朋友表示诚挚谢意" in article.body  # the revert did not bring back old source text
    assert FIRST_HEADLINE in text(editor.get(article.get_absolute_url()))
    assert "从历史版本恢复：标题" in text(editor.get(f"/admin/articles/article/{article.pk}/history/"))


def test_parser_value_shown_beside_a_corrected_field_and_revert_box_unlocks_it(pages, editor):
    article = first_article()
    url = change_url(article)
    page = text(editor.get(url))
    assert 'name="revert_headline"' not in page  # nothing corrected yet, nothing to compare

    submit(editor, url, "article_form", {"headline": "改过的标题", "section": "要闻"})
    page = text(editor.get(url))
    assert f"解析值：{FIRST_HEADLINE}" in page
    assert 'name="revert_headline"' in page and 'name="revert_section"' in page
    assert "人工更正的字段" in page and "标题、栏目" in page

    response = submit(editor, url, "article_form", {"revert_headline": "on"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == FIRST_HEADLINE
    assert article.section == "要闻"
    assert article.edited_fields == ["section"]


def test_paragraph_and_byline_corrections_are_kept_by_ingest(pages, editor):
    article = first_article()
    url = change_url(article)
    page = editor.get(url)
    form = read_form(text(page), "article_form")
    body = form["body"][0].replace(BODY_SENTENCE, "无锡代表团向关注无锡发展的艾因朋友致谢")
    response = submit(editor, url, "article_form", {
        "body": body.replace("\n", "\r\n"),  # as a browser sends a textarea
        "bylines-0-name": "高美梅",
        "bylines-0-role": "记者",
        "bylines-1-position": "1",
        "bylines-1-name": "惠晓婧",
        "bylines-1-role": "通讯员",
    })
    assert response.status_code == 302, text(response)[:3000]
    article.refresh_from_db()
    assert [(b.person.name, b.role) for b in article.bylines.order_by("position")] == [("高美梅", "记者"), ("惠晓婧", "通讯员")]
    assert article.edited_fields == ["body", "bylines"]
    assert "\r" not in article.body and "\n\n" in article.body

    public = text(editor.get(article.get_absolute_url()))
    assert "无锡代表团向关注无锡发展的艾因朋友致谢" in public and "通讯员 惠晓婧" in public

    page_file = pages / SEED_000
    page_file.write_text(page_file.read_text().replace("本报讯 友谊之花", "本报讯 友谊的花"))
    ingest(pages)
    article.refresh_from_db()
    assert "友谊的花" in article.lead  # unedited: follows the file
    assert "无锡代表团向关注无锡发展的艾因朋友致谢" in article.body
    assert [(b.person.name, b.role) for b in article.bylines.order_by("position")] == [("高美梅", "记者"), ("惠晓婧", "通讯员")]

    history = text(editor.get(f"/admin/articles/article/{article.pk}/history/"))
    assert "署名的改动" in history and "通讯员 惠晓婧" in history


def test_second_editor_saving_a_stale_copy_is_told_and_nothing_is_lost(pages, editor_user, superuser):
    article = first_article()
    url = change_url(article)
    first, second = log_in("meili"), log_in("chief")
    first_form = read_form(text(first.get(url)), "article_form")
    second_form = read_form(text(second.get(url)), "article_form")

    first_form["headline"] = ["第一位编辑改的标题"]
    assert first.post(url, first_form).status_code == 302

    second_form["lead"] = ["第二位编辑改的导语。"]
    response = second.post(url, second_form)
    assert response.status_code == 200
    page = text(response)
    assert "没有保存" in page and "meili" in page
    assert "第二位编辑改的导语。" in page  # their text is still in the form to copy
    article.refresh_from_db()
    assert article.headline == "第一位编辑改的标题"  # the first save is not overwritten
    assert article.lead != "第二位编辑改的导语。"

    # After reopening the page, the second editor's save goes through.
    response = submit(second, url, "article_form", {"lead": "第二位编辑改的导语。"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.headline, article.lead) == ("第一位编辑改的标题", "第二位编辑改的导语。")


def test_ingest_between_opening_and_saving_is_a_conflict_too(pages, editor):
    article = first_article()
    url = change_url(article)
    form = read_form(text(editor.get(url)), "article_form")
    page_file = pages / SEED_000
    page_file.write_text(page_file.read_text().replace(BODY_SENTENCE, "无锡代表团向艾因朋友表示诚挚谢意"))
    ingest(pages)

    form["headline"] = ["新标题"]
    response = editor.post(url, form)
    assert response.status_code == 200 and "没有保存" in text(response) and "导入程序" in text(response)
    article.refresh_from_db()
    assert "无锡代表团向艾因朋友表示诚挚谢意" in article.body  # the old body was not written back


# ---------------------------------------------------------------- reporters -------


def test_merge_action_moves_every_article_and_is_in_the_history(pages, editor):
    kept, variant = Person.objects.get(name="王怡菽"), Person.objects.get(name="王怡菡")
    kept_before = set(Article.objects.filter(bylines__person=kept).values_list("pk", flat=True))
    variant_articles = set(Article.objects.filter(bylines__person=variant).values_list("pk", flat=True))
    assert len(kept_before) == 3 and len(variant_articles) == 2

    changelist = text(editor.get("/admin/articles/person/"))
    assert "王怡菡" in changelist and "文章数" in changelist
    form = read_form(changelist, "changelist-form")
    form["action"] = ["merge_people"]
    form["_selected_action"] = [str(kept.pk), str(variant.pk)]
    confirm = editor.post("/admin/articles/person/", form)
    assert confirm.status_code == 200 and "保留哪一个写法" in text(confirm)
    data = read_form(text(confirm).replace("<form method=\"post\">", '<form id="merge" method="post">'), "merge")
    data["into"] = [str(kept.pk)]
    response = editor.post("/admin/articles/person/", data)
    assert response.status_code == 302

    assert not Person.objects.filter(name="王怡菡").exists()
    assert set(Article.objects.filter(bylines__person=kept).values_list("pk", flat=True)) == kept_before | variant_articles
    reporter_page = text(editor.get(kept.get_absolute_url()))
    for pk in variant_articles:
        assert Article.objects.get(pk=pk).headline[:10] in reporter_page

    history = text(editor.get(f"/admin/articles/person/{kept.pk}/history/"))
    assert "合并记者：王怡菡 并入 王怡菽" in history and "meili" in history

    # The source files still print 王怡菡; re-ingesting a changed file keeps the merge.
    page_file = pages / "001_fffb94033572b14c.txt"
    page_file.write_text(page_file.read_text().replace("双良新能源", "双良新能源科技"))
    ingest(pages)
    assert not Person.objects.filter(name="王怡菡").exists()
    assert set(Article.objects.filter(bylines__person=kept).values_list("pk", flat=True)) == kept_before | variant_articles


def test_reporter_list_counts_articles(pages, editor):
    page = text(editor.get("/admin/articles/person/?o=2"))
    assert re.search(r"王怡菽</a></th><td class=\"field-article_count\">3</td>", page)


# ---------------------------------------------------------------- issues ----------


def test_issue_date_correction_clears_inferred_flag_and_survives_reingest(pages, editor):
    issue = Issue.objects.get(date_issued="2023-08-18")
    assert issue.date_inferred
    listing = text(editor.get("/admin/articles/issue/?inferred=yes"))
    assert "2023年8月18日" in listing or "2023-08-18" in listing

    response = submit(editor, change_url(issue), "issue_form", {"date_issued": "2023-08-17"})
    assert response.status_code == 302
    issue.refresh_from_db()
    assert (issue.date_issued.isoformat(), issue.date_inferred, issue.date_confirmed_by_staff) == ("2023-08-17", False, True)
    assert editor.get("/issues/2023-08-17/").status_code == 200
    assert editor.get("/issues/2023-08-18/")["Location"] == "/issues/2023-08-17/"  # the old URL leads on

    page_file = pages / SEED_000
    page_file.write_text(page_file.read_text().replace(BODY_SENTENCE, "无锡代表团向艾因朋友表示诚挚谢意"))
    ingest(pages)
    issue.refresh_from_db()
    assert issue.date_issued.isoformat() == "2023-08-17" and not issue.date_inferred
    assert not Issue.objects.filter(date_issued="2023-08-18").exists()
    assert "人工更正日期：2023-08-18 → 2023-08-17" in text(editor.get(f"/admin/articles/issue/{issue.pk}/history/"))


def test_confirming_an_inferred_date_keeps_it(pages, editor):
    issue = Issue.objects.get(date_issued="2023-06-09")
    response = submit(editor, change_url(issue), "issue_form", {"confirm_date": "on"})
    assert response.status_code == 302
    issue.refresh_from_db()
    assert (issue.date_inferred, issue.date_confirmed_by_staff) == (False, True)
    assert str(issue.pk) not in re.findall(r'name="_selected_action" value="(\d+)"', text(editor.get("/admin/articles/issue/?inferred=yes")))


# ---------------------------------------------------------------- other ----------


def test_editor_changes_articles_but_not_users(pages, editor):
    index = text(editor.get("/admin/"))
    assert "/admin/articles/article/" in index and "/admin/articles/localword/" in index
    assert "/admin/auth/user/" not in index and "/admin/auth/group/" not in index
    assert editor.get("/admin/auth/user/").status_code == 403
    assert editor.get("/admin/auth/user/add/").status_code == 403


def test_editor_group_is_back_after_the_database_is_flushed(transactional_db):
    # `flush` deletes every row, the group the data migration made too; an editor added
    # afterwards must still be able to correct articles (and still not manage users).
    # Transactional: PostgreSQL cannot TRUNCATE inside the test's open transaction.
    call_command("flush", "--noinput", verbosity=0)
    call_command("ingest", str(SEEDS), stdout=StringIO())
    User.objects.create_user("meili", password=PASSWORD, is_staff=True).groups.add(Group.objects.get(name="editor"))
    editor = log_in("meili")
    assert editor.get(change_url(first_article())).status_code == 200
    assert editor.get("/admin/auth/user/").status_code == 403


def test_admin_needs_login_and_csrf(pages, editor):
    anonymous = Client(enforce_csrf_checks=True)
    response = anonymous.get("/admin/articles/article/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")

    article = first_article()
    form = read_form(text(editor.get(change_url(article))), "article_form")
    form.pop("csrfmiddlewaretoken")
    form["headline"] = ["无令牌的修改"]
    assert editor.post(change_url(article), form).status_code == 403
    article.refresh_from_db()
    assert article.headline == FIRST_HEADLINE


def test_article_list_search_filters_and_public_link(pages, editor):
    article = first_article()
    submit(editor, change_url(article), "article_form", {"headline": "已更正的标题"})
    edited = text(editor.get("/admin/articles/article/?edited=yes"))
    assert "已更正的标题" in edited and "华虹无锡" not in edited
    by_reporter = text(editor.get(f"/admin/articles/article/?reporter={Person.objects.get(name='王拓').pk}"))
    assert "华虹无锡集成电路研发和制造基地二期项目签约" in by_reporter and "已更正的标题" not in by_reporter
    by_body = text(editor.get("/admin/articles/article/?q=阿斯利康"))
    assert "我市与阿斯利康深化无锡供应基地建设合作" in by_body and "华虹无锡" not in by_body
    by_name = text(editor.get("/admin/articles/article/?q=王拓"))
    assert "华虹无锡集成电路研发和制造基地二期项目签约" in by_name
    by_year = text(editor.get("/admin/articles/article/?year=2022"))
    assert "亚布力论坛知名民企" in by_year and "华虹无锡" not in by_year
    assert f'href="{article.get_absolute_url()}"' in edited


def test_deleted_article_leaves_the_site(pages, editor):
    article = first_article()
    url = f"/admin/articles/article/{article.pk}/delete/"
    page = text(editor.get(url))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = editor.post(url, {"csrfmiddlewaretoken": token, "post": "yes"})
    assert response.status_code == 302
    assert editor.get(article.get_absolute_url()).status_code == 410  # gone, and says so
    assert Article.history.filter(id=article.pk, history_type="-", history_change_reason="人工删除").exists()


def test_local_words_are_edited_in_the_admin(db, editor):
    response = submit(editor, "/admin/articles/localword/add/", "localword_form",
                      {"word": "锡东新城", "tag": "ns", "note": "锡山区的新城"})
    assert response.status_code == 302
    assert list(LocalWord.objects.values_list("word", "tag")) == [("锡东新城", "ns")]
    response = submit(editor, "/admin/articles/localword/add/", "localword_form", {"word": "梁溪 区"})
    assert response.status_code == 200 and "词里不能有空格" in text(response)


def test_failed_logins_lock_the_account_for_that_address(editor_user):
    client = Client(enforce_csrf_checks=True)
    for attempt in range(1, 6):
        response = submit(client, "/admin/login/?next=/admin/", "login-form",
                          {"username": "meili", "password": "wrong-password"})
        # the ordinary "wrong password" form, until the fifth failure locks
        assert response.status_code == (429 if attempt == 5 else 200)
    # Now even the right password is refused.
    response = client.post("/admin/login/?next=/admin/", {
        "csrfmiddlewaretoken": client.cookies["csrftoken"].value, "username": "meili", "password": PASSWORD,
    })
    assert response.status_code == 429
    assert "登录已暂时锁定" in text(response) and "15 分钟" in text(response)
    assert "_auth_user_id" not in client.session


def test_issue_date_reverts_from_its_history(pages, editor):
    issue = Issue.objects.get(date_issued="2023-08-18")
    submit(editor, change_url(issue), "issue_form", {"date_issued": "2023-08-17"})
    first = issue.history.order_by("history_date").first()
    response = submit(editor, f"/admin/articles/issue/{issue.pk}/history/{first.history_id}/", "historicalissue_form")
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.date_issued.isoformat() == "2023-08-18" and issue.date_confirmed_by_staff
    assert editor.get("/issues/2023-08-18/").status_code == 200
