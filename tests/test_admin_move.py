"""Moving articles to another page, as an editor does it in the admin (the bulk action
把所选文章移到另一版面, over HTTP with the test client), and what readers then see: both
issues' pages, the article's unchanged URL, the history, search. Then the pages are loaded
again through ``manage.py ingest`` from their real files, unchanged and re-sent with
corrections: nothing comes back as a duplicate and nothing moves back (staff edits are never
undone by ingest)."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.test import Client

from admin_forms import PASSWORD, editor_logged_in, ingest_seed_copy, log_in, read_form
from articles.models import Article, Page

FROM_FILE = "003_3ef463baea3e3c91.txt"  # 2023-08-08 头版, five articles
TO_FILE = "000_371bd5dce9a095bf.txt"  # 2023-08-18 头版, three articles
KANGMINGSI = "康明斯与卓品智能在锡成立合资公司"  # 2023-08-08, second
PLATFORM = "长三角汽车芯片应用推广平台启动"  # 2023-08-08, fourth


@pytest.fixture
def pages(tmp_path, db):
    folder = tmp_path / "pages"
    assert "新增 5 个版面" in ingest_seed_copy(folder)
    return folder


@pytest.fixture
def editor(db) -> Client:
    return editor_logged_in()


def ingest(*paths: Path) -> str:
    out = StringIO()
    call_command("ingest", *map(str, paths), stdout=out, stderr=StringIO())
    return out.getvalue()


def text(response) -> str:
    return response.content.decode()


def article(headline: str) -> Article:
    return Article.objects.select_related("page__issue").get(headline=headline)


def headlines_on(client: Client, url: str) -> list[str]:
    """The article headlines a reader sees on a public issue or page, in order."""
    response = client.get(url)
    assert response.status_code == 200, url
    return [h for h in re.findall(r'<a href="/articles/\d+/">([^<]+)</a>', text(response))]


def start_move(editor: Client, *articles: Article):
    """Tick ``articles`` in the admin list and choose the move action: the second step's page."""
    form = read_form(text(editor.get("/admin/articles/article/")), "changelist-form")
    form["action"] = ["move_to_page"]
    form["_selected_action"] = [str(a.pk) for a in articles]
    return editor.post("/admin/articles/article/", form)


def finish_move(editor: Client, step, **where):
    data = read_form(text(step), "move-articles")
    data.update({name: [value] for name, value in where.items()})
    return editor.post("/admin/articles/article/", data)


def move(editor: Client, articles: list[Article], *, date: str, page: str):
    response = finish_move(editor, start_move(editor, *articles), date=date, page=page)
    assert response.status_code == 302, text(response)[:3000]
    return editor.get(response["Location"])


def test_editor_moves_two_articles_to_another_issues_page_readers_follow_and_reingest_keeps_it(
    pages, editor, client
):
    moving = [article(KANGMINGSI), article(PLATFORM)]
    ids = [a.pk for a in moving]
    before = Article.objects.count()
    assert KANGMINGSI in headlines_on(client, "/issues/2023-08-08/pages/1/")

    step = start_move(editor, *moving)
    assert step.status_code == 200
    page = text(step)
    assert "把所选文章移到另一版面" in page and KANGMINGSI in page and PLATFORM in page
    assert "现在：江南晚报 2023年8月8日 头版" in page
    assert 'value="2023-08-08"' in page  # the date starts as the articles' own issue

    listing = move(editor, moving, date="2023-08-18", page="头版")
    assert "已把 2 篇文章移到" in text(listing) and "文章网址不变" in text(listing)

    # Readers: the old page no longer prints them, the new page does, after its own articles.
    assert headlines_on(client, "/issues/2023-08-08/pages/1/") == [
        "长三角国家高新区党建联盟第二次联席会议暨党建引领高水平科技自立自强研讨会在锡召开",
        "“车芯联动”区域抱团共进 集成电路行业大咖共话产业热点",
        "氢能产业标准体系建设指南发布",
    ]
    on_new_page = headlines_on(client, "/issues/2023-08-18/pages/1/")
    assert on_new_page[-2:] == [KANGMINGSI, PLATFORM] and len(on_new_page) == 5
    assert KANGMINGSI in headlines_on(client, "/issues/2023-08-18/")
    assert KANGMINGSI not in headlines_on(client, "/issues/2023-08-08/")
    # The article's URL is what it was (it has no date in it) and names where it is printed now.
    shown = client.get(f"/articles/{ids[0]}/")
    assert shown.status_code == 200
    assert '刊于 <a href="/issues/2023-08-18/">《江南晚报》2023年8月18日</a>' in text(shown)
    assert '<a href="/issues/2023-08-18/pages/1/">头版</a>' in text(shown)
    # Its form in the admin says where it was printed, linked.
    form = text(editor.get(f"/admin/articles/article/{ids[0]}/change/"))
    assert '原刊版面' in form and '<a href="/issues/2023-08-08/pages/1/">江南晚报 2023年8月8日 头版</a>' in form
    # The history says who moved it and from where.
    history = text(editor.get(f"/admin/articles/article/{ids[0]}/history/"))
    assert "人工移动：从 江南晚报 2023年8月8日 头版 第2篇 移到 江南晚报 2023年8月18日 头版" in history
    assert "meili" in history

    # The same files again: recognised, nothing duplicated, nothing moved back.
    assert "跳过 5" in ingest(pages)
    assert Article.objects.count() == before
    assert [article(KANGMINGSI).pk, article(PLATFORM).pk] == ids
    assert on_new_page == headlines_on(client, "/issues/2023-08-18/pages/1/")

    # Both pages re-sent with corrections (a real changed file at the same path each): the
    # moved articles stay where the editor put them, once; the corrections reach readers.
    source = pages / FROM_FILE
    source.write_text(
        source.read_text(encoding="utf-8").replace("研讨会在锡召开。市长", "研讨会在无锡召开。市长"), encoding="utf-8"
    )
    target = pages / TO_FILE
    target.write_text(target.read_text(encoding="utf-8").replace("艾因市", "艾因城"), encoding="utf-8")
    report = ingest(source, target)
    assert "更新" in report and "失败 0" in report
    assert Article.objects.count() == before
    assert Article.objects.filter(headline=KANGMINGSI).count() == 1
    assert [a.page.issue.date_issued.isoformat() for a in map(article, (KANGMINGSI, PLATFORM))] == ["2023-08-18"] * 2
    assert KANGMINGSI not in headlines_on(client, "/issues/2023-08-08/pages/1/")
    assert headlines_on(client, "/issues/2023-08-18/pages/1/")[-2:] == [KANGMINGSI, PLATFORM]
    assert "研讨会在无锡召开" in text(client.get("/issues/2023-08-08/pages/1/"))
    assert "无锡代表团访问阿联酋艾因城" in headlines_on(client, "/issues/2023-08-18/pages/1/")[0]


def test_a_moved_article_whose_text_the_newsroom_corrects_is_updated_where_it_is_not_loaded_again(
    pages, editor, client
):
    moved = article(KANGMINGSI)
    move(editor, [moved], date="2023-08-18", page="1")
    source = pages / FROM_FILE
    source.write_text(
        source.read_text(encoding="utf-8").replace("共同投资成立新的合资公司", "共同出资成立一家新的合资公司"),
        encoding="utf-8",
    )
    assert "更新" in ingest(source)

    assert Article.objects.filter(headline=KANGMINGSI).count() == 1
    again = article(KANGMINGSI)
    assert again.pk == moved.pk and again.page.issue.date_issued.isoformat() == "2023-08-18"
    assert "共同出资成立一家新的合资公司" in text(client.get(f"/articles/{moved.pk}/"))
    assert KANGMINGSI not in headlines_on(client, "/issues/2023-08-08/pages/1/")


def test_a_page_resent_with_an_article_inserted_shows_it_in_printed_order_and_keeps_the_others(pages, client):
    source = pages / FROM_FILE
    original = source.read_text(encoding="utf-8")
    ids = {a.headline: a.pk for a in Article.objects.filter(page__source_file=FROM_FILE)}
    inserted = "太湖湾科创带新添一家研究院\n\n本报讯 8月8日,太湖湾科创带又有一家研究院揭牌,将聚焦集成电路和新材料开展研发。(陶洁)\n\n"
    source.write_text(original.replace(f"{KANGMINGSI}\n", f"{inserted}{KANGMINGSI}\n", 1), encoding="utf-8")
    assert "更新" in ingest(source)

    shown = headlines_on(client, "/issues/2023-08-08/pages/1/")
    assert shown[1:3] == ["太湖湾科创带新添一家研究院", KANGMINGSI] and len(shown) == 6
    # Every article that was there is the same article (same URL), not a new copy.
    assert {h: pk for h, pk in ids.items()} == {
        a.headline: a.pk for a in Article.objects.filter(page__source_file=FROM_FILE) if a.headline in ids
    }


def test_moving_to_a_date_or_page_that_does_not_exist_says_so_in_chinese_and_moves_nothing(pages, editor, client):
    moving = article(KANGMINGSI)
    step = start_move(editor, moving)

    no_issue = finish_move(editor, step, date="2023-08-09", page="头版")
    assert no_issue.status_code == 200
    assert "《江南晚报》2023-08-09 没有这一期" in text(no_issue) and "什么都还没有改" in text(no_issue)

    no_page = finish_move(editor, step, date="2023-08-18", page="A05")
    assert "2023年8月18日这一期没有“A05”这一版；本期各版：头版。" in text(no_page)

    blank = finish_move(editor, step, date="", page="")
    assert "这个字段是必填项" in text(blank)
    assert article(KANGMINGSI).page.issue.date_issued.isoformat() == "2023-08-08"
    assert KANGMINGSI in headlines_on(client, "/issues/2023-08-08/pages/1/")


def test_an_article_moved_onto_a_page_stays_when_that_page_is_resent(pages, editor, client):
    moved = article(KANGMINGSI)
    move(editor, [moved], date="2023-08-18", page="头版")
    target = pages / TO_FILE
    target.write_text(
        target.read_text(encoding="utf-8").replace("艾因市", "艾因城", 1), encoding="utf-8"
    )
    report = ingest(target)
    assert "更新" in report
    assert headlines_on(client, "/issues/2023-08-18/pages/1/")[-1] == KANGMINGSI
    assert Page.objects.get(source_file=TO_FILE).articles.count() == 4


def test_viewer_cannot_move_articles(pages, client):
    user = User.objects.create_user("kan", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get_or_create(name="viewer")[0])
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    viewer = log_in("kan")
    listing = viewer.get("/admin/articles/article/")
    assert listing.status_code == 200 and "把所选文章移到另一版面" not in text(listing)


def test_search_finds_a_moved_article_under_its_new_date(pages, editor, client, search_data_dir,
                                                        django_capture_on_commit_callbacks):
    from articles.search import indexing

    indexing.index_rebuild()
    moved = article(KANGMINGSI)

    def found(date: str) -> bool:
        page = text(client.get("/search/", {"q": "卓品智能", "from": date, "to": date}))
        return f'href="/articles/{moved.pk}/"' in page

    assert found("2023-08-08") and not found("2023-08-18")
    with django_capture_on_commit_callbacks(execute=True):  # the sync the move starts (in-process here)
        move(editor, [moved], date="2023-08-18", page="头版")
    assert found("2023-08-18") and not found("2023-08-08")


def test_an_article_an_editor_deleted_does_not_come_back_when_its_page_is_resent_corrected(pages, editor, client):
    gone = article(PLATFORM)
    delete = text(editor.get(f"/admin/articles/article/{gone.pk}/delete/"))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', delete).group(1)
    assert editor.post(f"/admin/articles/article/{gone.pk}/delete/",
                       {"csrfmiddlewaretoken": token, "post": "yes"}).status_code == 302
    source = pages / FROM_FILE
    source.write_text(
        source.read_text(encoding="utf-8").replace("研讨会在锡召开。市长", "研讨会在无锡召开。市长"), encoding="utf-8"
    )
    report = ingest(source)
    assert "更新" in report and f"《{PLATFORM}》已由编辑删除，不再导入" in report

    assert PLATFORM not in headlines_on(client, "/issues/2023-08-08/pages/1/")
    assert "研讨会在无锡召开" in text(client.get("/issues/2023-08-08/pages/1/"))
    assert not Article.objects.filter(headline=PLATFORM).exists()
    assert client.get(f"/articles/{gone.pk}/").status_code == 410


def test_an_archive_loaded_before_articles_had_an_identity_gets_it_from_the_migration(pages, editor, client):
    """Migration 0008 gives every article loaded earlier the identity ingest would have given
    it, so after the upgrade a moved article is found again too."""
    import importlib

    from django.apps import apps

    given = dict(Article.objects.values_list("pk", "source_fingerprint"))
    Article.objects.update(source_page=None, source_fingerprint="")  # as loaded before 0007
    migration = importlib.import_module("articles.migrations.0008_article_source_fingerprints")
    migration.fingerprint_loaded_articles(apps, None)
    assert dict(Article.objects.values_list("pk", "source_fingerprint")) == given
    assert all(a.source_page_id == a.page_id for a in Article.objects.all())

    moved = article(KANGMINGSI)
    move(editor, [moved], date="2023-08-18", page="头版")
    source = pages / FROM_FILE
    source.write_text(
        source.read_text(encoding="utf-8").replace("研讨会在锡召开。市长", "研讨会在无锡召开。市长"), encoding="utf-8"
    )
    assert "更新" in ingest(source)
    assert Article.objects.filter(headline=KANGMINGSI).count() == 1
    assert headlines_on(client, "/issues/2023-08-18/pages/1/")[-1] == KANGMINGSI


def test_moving_an_article_to_the_page_it_is_on_says_so_and_changes_nothing(pages, editor, client):
    stays = article(KANGMINGSI)
    versions = stays.history.count()
    listing = move(editor, [stays], date="2023-08-08", page="1")
    assert "已把 0 篇文章移到" in text(listing) and "另有 1 篇本来就在这一版，没有动。" in text(listing)
    assert article(KANGMINGSI).history.count() == versions
    assert headlines_on(client, "/issues/2023-08-08/pages/1/")[1] == KANGMINGSI
