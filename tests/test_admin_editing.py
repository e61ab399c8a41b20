"""Issue 13's admin side, used as an editor uses it: from a public page's 编辑 link to the
admin form and back, admin search by either script and width, reporters in pinyin order, the
已更正 column, byline role changes in the history, the history and lists in Chinese, and the
bulk actions on issues and articles."""

from __future__ import annotations

import re

import pytest

from admin_forms import read_form, submit
from articles.models import Article, Issue, Person
from test_admin import change_url, editor, editor_user, first_article, pages, superuser, text  # noqa: F401  (fixtures)


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


# ---- reporters in pinyin order, long filters folded ----------------------------------------


def _pinyin_order(names):
    from pypinyin import lazy_pinyin

    return sorted(names, key=lambda n: (" ".join(lazy_pinyin(n)), n))


def test_reporter_list_filter_and_byline_names_are_in_pinyin_order(pages, editor):
    listing = text(editor.get("/admin/articles/person/"))
    names = re.findall(r'<th class="field-name"><a href="[^"]+">([^<]+)</a>', listing)
    assert len(names) == Person.objects.count() > 5
    assert names == _pinyin_order(names) and names != sorted(names)

    articles = text(editor.get("/admin/articles/article/"))
    filter_block = articles[articles.index('data-filter-title="记者"'):]
    filter_block = filter_block[:filter_block.index("</details>")]
    in_filter = re.findall(r'\?reporter=\d+">([^<]+)</a>', filter_block)
    assert in_filter == _pinyin_order(in_filter) and len(in_filter) > 8
    # More than eight reporters: the filter starts folded, with its count; years stay open.
    assert re.search(r'<details data-filter-title="记者">\s*<summary>\s*按记者<span class="filter-count">（\d+ 项）', articles)
    assert '<details data-filter-title="年份" open>' in articles
    chosen = text(editor.get("/admin/articles/article/", {"reporter": Person.objects.get(name="王拓").pk}))
    assert '<details data-filter-title="记者" open>' in chosen  # a chosen reporter is never hidden

    form = text(editor.get(change_url(first_article())))
    datalist = re.search(r'<datalist id="byline-people">(.*?)</datalist>', form).group(1)
    offered = re.findall(r'<option value="([^"]+)">', datalist)
    assert offered == _pinyin_order(offered)


# ---- 已更正 marks only corrected articles; role changes are changes -------------------------


def test_corrected_mark_only_on_corrected_articles(pages, editor):
    article = first_article()
    submit(editor, change_url(article), "article_form", {"headline": "改过的标题"})
    listing = text(editor.get("/admin/articles/article/"))
    assert listing.count("✎ 已更正") == 1
    assert "icon-no.svg" not in listing and "icon-yes.svg" not in listing
    row = listing[listing.index(f'<th class="field-headline_or_blank"><a href="/admin/articles/article/{article.pk}/change/'):]
    assert row[:row.index("</tr>")].count("✎ 已更正") == 1


def test_a_byline_role_change_is_one_change_in_the_history(pages, editor):
    article = Article.objects.filter(bylines__isnull=False).order_by("pk").first()
    byline = article.bylines.order_by("position").first()
    before = set(article.bylines.values_list("pk", flat=True))
    response = submit(editor, change_url(article), "article_form", {"bylines-0-role": "通讯员"})
    assert response.status_code == 302
    assert set(article.bylines.values_list("pk", flat=True)) == before  # the same rows, changed
    last = byline.history.order_by("-history_date").first()
    assert (last.history_type, last.role) == ("~", "通讯员")
    assert not type(byline).history.filter(article_id=article.pk, history_type="-").exists()

    history = text(editor.get(f"/admin/articles/article/{article.pk}/history/"))
    rows = history[history.index('id="byline-history"'):]
    assert f"改动</td>\n        <td data-label=\"署名\">1. {byline.person.name} → 通讯员 {byline.person.name}</td>" in rows


# ---- every admin page in Chinese ------------------------------------------------------------


def _english_words(html: str) -> set[str]:
    """Words of Latin letters a reader sees on a page, less those the paper itself printed."""
    from pathlib import Path

    import html as entities

    html = re.sub(r"<(script|style)\b[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r"<!--.*?-->", " ", html, flags=re.S)
    visible = entities.unescape(re.sub(r"<[^>]+>", " ", html))
    # File names, paths and codes are data, not words: 000_371bd5dce9a095bf.txt, /admin/login/.
    visible = re.sub(r"\S*[/\d_.]\S*", " ", visible)
    seeds = " ".join(p.read_text() for p in (Path(__file__).resolve().parent.parent / "seeds").glob("*.txt"))
    printed = set(re.findall(r"[A-Za-z]{3,}", seeds))
    # The user names, and the user agent that axes records for a client that sends none.
    return {w for w in re.findall(r"[A-Za-z]{3,}", visible) if w not in printed} - {"meili", "chief", "unknown"}


def test_history_axes_and_other_admin_pages_are_in_chinese(pages, editor, superuser):
    article = first_article()
    submit(editor, change_url(article), "article_form", {"headline": "改过的标题", "bylines-0-role": "记者"})
    person = Person.objects.get(name="王拓")
    issue = Issue.objects.get(date_issued="2023-08-18")
    from django.test import Client

    Client().post("/admin/login/", {"username": "meili", "password": "wrong-password"})  # an axes entry
    from admin_forms import log_in

    chief = log_in("chief")
    record = article.history.order_by("history_date").first()
    paths = [
        "/admin/", "/admin/articles/", "/admin/articles/article/", change_url(article),
        f"/admin/articles/article/{article.pk}/history/", f"/admin/articles/article/{article.pk}/history/{record.history_id}/",
        f"/admin/articles/person/{person.pk}/history/", change_url(person), "/admin/articles/person/",
        change_url(issue), f"/admin/articles/issue/{issue.pk}/history/", "/admin/articles/issue/",
        "/admin/articles/localword/", "/admin/articles/localword/add/",
        "/admin/axes/", "/admin/axes/accessattempt/", "/admin/axes/accesslog/", "/admin/axes/accessfailurelog/",
    ]
    found = {}
    for path in paths:
        response = chief.get(path)
        assert response.status_code == 200, path
        words = _english_words(text(response))
        if words:
            found[path] = sorted(words)
    attempt = text(chief.get("/admin/axes/accessattempt/"))
    assert "meili" in attempt and "登录失败记录" in attempt
    history = text(chief.get(f"/admin/articles/article/{article.pk}/history/"))
    assert "导入程序" in history and "<th scope=\"col\">改动</th>" in history and "None" not in history
    assert not found, "\n".join(f"{k}: {v}" for k, v in found.items())


# ---- bulk: dates of several issues at once ---------------------------------------------------


def test_set_the_dates_of_several_issues_at_once(pages, editor):
    issues = list(Issue.objects.filter(date_inferred=True).order_by("date_issued"))[:3]
    first, second, third = issues
    changelist = text(editor.get("/admin/articles/issue/?inferred=yes"))
    form = read_form(changelist, "changelist-form")
    form.update({"action": ["set_dates"], "_selected_action": [str(i.pk) for i in issues]})
    step = editor.post("/admin/articles/issue/", form)
    assert step.status_code == 200 and "为所选各期填写日期" in text(step)
    data = read_form(text(step), "set-dates")
    assert data[f"date-{first.pk}"] == [first.date_issued.isoformat()]

    # A date that is not one: the form comes back, nothing changes.
    bad = {**data, f"date-{second.pk}": ["2023-02-30"]}
    response = editor.post("/admin/articles/issue/", bad)
    assert response.status_code == 200 and "errornote" in text(response) and "2024-09-30 的格式" in text(response)
    assert Issue.objects.filter(pk__in=[i.pk for i in issues], date_inferred=True).count() == 3

    old_second = second.date_issued
    data[f"date-{first.pk}"] = ["2021-05-04"]              # a new date
    data[f"date-{second.pk}"] = [third.date_issued.isoformat()]  # the date of another: joins it
    response = editor.post("/admin/articles/issue/", data)
    assert response.status_code == 302
    assert "已填写并确认 3 期的日期；其中 1 期并入了同日的一期" in text(editor.get(response["Location"]))
    first.refresh_from_db()
    assert (first.date_issued.isoformat(), first.date_inferred, first.date_confirmed_by_staff) == ("2021-05-04", False, True)
    assert not Issue.objects.filter(pk=second.pk).exists()
    assert not Issue.objects.get(pk=third.pk).date_inferred
    assert editor.get(f"/issues/{old_second.isoformat()}/").status_code == 301
    assert editor.get("/issues/2021-05-04/").status_code == 200
