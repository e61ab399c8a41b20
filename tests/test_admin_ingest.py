"""What ingest leaves for staff, in the admin over HTTP: 日期待定 pages counted on the index and
filtered in the issue list, leaving that state when an editor sets the date; held updates
listed and applied; the new article fields (kicker, subheadline, captions, photo credits,
dateline place) shown and corrected; papers renamed."""

from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command

from admin_forms import PASSWORD, log_in, read_form, submit
from articles.models import Article, DeliveryFile, Issue, Paper

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
KICKER = PAGES / "jnwb_a02_kicker.txt"
SEED = Path(__file__).resolve().parent.parent / "seeds" / "002_c87d14da307c1518.txt"


def ingest(*args):
    try:
        call_command("ingest", *[str(a) for a in args], stdout=StringIO(), stderr=StringIO())
    except CommandError:
        pass


@pytest.fixture
def editor(db):
    user = User.objects.create_user("meili", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="editor"))
    return log_in("meili")


def test_an_undated_page_is_counted_filtered_and_leaves_that_state_when_an_editor_sets_the_date(
        editor, client, tmp_path):
    shutil.copyfile(KICKER, tmp_path / "nodate.txt")
    ingest(tmp_path / "nodate.txt")
    issue = Issue.objects.get()
    assert issue.date_issued is None
    index = editor.get("/admin/").content.decode()
    assert "日期待定的版面" in index and "<td>1</td>" in index
    listed = editor.get("/admin/articles/issue/?inferred=undated").content.decode()
    assert f"/admin/articles/issue/{issue.pk}/change/" in listed
    # an empty date is refused; a date moves it into the calendar
    url = f"/admin/articles/issue/{issue.pk}/change/"
    assert submit(editor, url, "issue_form", {"date_issued": ""}).status_code == 200
    response = submit(editor, url, "issue_form", {"date_issued": "2024-01-06"})
    assert response.status_code == 302, response.content.decode()[:3000]
    issue = Issue.objects.get()
    assert (issue.date_issued.isoformat(), issue.date_source, issue.date_confirmed_by_staff) == ("2024-01-06", "given", True)
    assert "<td>0</td>" in editor.get("/admin/").content.decode()
    article = Article.objects.get(headline="运河畔新添一座口袋公园")
    assert client.get(article.get_absolute_url()).status_code == 200
    assert "运河畔新添一座口袋公园" in client.get("/issues/2024-01-06/").content.decode()


def test_a_held_update_is_listed_for_staff_and_applied_on_request(editor, tmp_path):
    folder = tmp_path / "2024-01-06"
    folder.mkdir()
    shutil.copyfile(KICKER, folder / "A02.txt")
    ingest(folder / "A02.txt")
    shutil.copyfile(SEED, folder / "A02.txt")
    ingest(folder / "A02.txt")
    held = DeliveryFile.objects.get(status="held")
    assert "待审的导入文件" in editor.get("/admin/").content.decode()
    listed = editor.get("/admin/articles/deliveryfile/?held=open").content.decode()
    assert "A02.txt" in listed
    assert "推断" not in Article.objects.first().page.issue.date_source
    page = editor.get(f"/admin/articles/deliveryfile/{held.pk}/change/").content.decode()
    assert "无锡" in page  # the held text, to compare
    response = editor.post("/admin/articles/deliveryfile/", {
        "action": "apply_held", "_selected_action": [str(held.pk)],
        "csrfmiddlewaretoken": editor.cookies["csrftoken"].value,
    })
    assert response.status_code == 302
    held.refresh_from_db()
    assert held.resolved
    assert not Article.objects.filter(headline="运河畔新添一座口袋公园").exists()


def test_new_article_fields_are_shown_and_corrected_and_kept_from_reingest(editor, tmp_path):
    folder = tmp_path / "2024-01-06"
    folder.mkdir()
    shutil.copyfile(KICKER, folder / "A02.txt")
    ingest(folder / "A02.txt")
    article = Article.objects.get(kicker="全市重点项目集中开工")
    url = f"/admin/articles/article/{article.pk}/change/"
    form = read_form(editor.get(url).content.decode(), "article_form")
    assert form["kicker"] == ["全市重点项目集中开工"]
    assert form["photo_credits"] == ["沈生华 摄"]
    assert form["captions"] == ["开工现场，工人们正在调试设备。"]
    response = submit(editor, url, "article_form", {
        "captions": "开工现场，工人们正在调试设备。\r\n第二张：签约仪式。", "photo_credits": "沈生华 摄\r\n王蕾 摄",
        "subheadline": "涉及集成电路、生物医药、新能源等领域", "dateline_place": "锡山",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.captions == ["开工现场，工人们正在调试设备。", "第二张：签约仪式。"]
    assert article.photo_credits == ["沈生华 摄", "王蕾 摄"]
    assert {"captions", "photo_credits", "subheadline", "dateline_place"} <= set(article.edited_fields)
    # a corrected re-delivery of the page leaves the editor's fields alone
    text = KICKER.read_text(encoding="utf-8").replace("32个项目总投资", "32个项目计划总投资")
    (folder / "A02.txt").write_text(text, encoding="utf-8")
    ingest(folder / "A02.txt")
    article.refresh_from_db()
    assert article.captions[1] == "第二张：签约仪式。" and "计划总投资" in article.lead


def test_a_paper_is_renamed_in_the_admin_and_its_pages_say_so(editor, client, tmp_path):
    shutil.copyfile(KICKER, tmp_path / "p.txt")
    ingest("--paper", "无锡日报", "--date", "2024-01-06", tmp_path / "p.txt")
    paper = Paper.objects.get(slug="wxrb")
    response = submit(editor, f"/admin/articles/paper/{paper.pk}/change/", "paper_form",
                      {"name": "无锡日报（测试）"})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert "无锡日报（测试）" in client.get("/papers/wxrb/issues/2024-01-06/").content.decode()
