"""The admin's history pages in a real headless Chromium behind gunicorn, at 390 px (a phone)
and 1,280 px: the article, issue and reporter histories (every version with who, when, why
and old → new, and the byline changes) and a version's revert form, after the changes
editors make (a corrected headline and body, a byline role, a move to another page, a
corrected issue date, a reporter merge). Nothing is pushed off the side of the screen: the
page never scrolls sideways, and every version's change is readable on the phone.
Screenshots go to var/screenshots/admin-history-*.png."""

from __future__ import annotations


import pytest
from selenium.webdriver.common.by import By

from live_server import (
    admin_log_in,
    needs_chromium,
    open_page,
    screenshot,
    seeded_site,
)

PORTS = range(8620, 8625)  # this suite's own ports; any free port after them
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
PASSWORD = "admin-history-password-2024"

pytestmark = needs_chromium

# The changes whose history is looked at, made as the admin makes them (through curation).
SETUP = f"""
import json
from django.contrib.auth.models import Group, User
from articles import curation
from articles.models import Article, Issue, Page, Person
editor = User.objects.create_user("meili_long_editor_name@example.org", password="{PASSWORD}", is_staff=True)
editor.groups.add(Group.objects.get(name="editor"))
article = Article.objects.get(headline__startswith="无锡代表团访问阿联酋艾因市")
curation.article_correct(article=article, user=editor, changes={{
    "headline": article.headline + "（更正）",
    "body": article.body.replace("。", "，", 3) + "\\n\\nhttps://www.jnwb.net/epaper/2023/08/18/A01/a-very-long-address-with-no-spaces-1234567890",
    "bylines": [(name, "通讯员") for name, _ in curation.current_value(article, "bylines")],
}})
moved = Article.objects.get(headline__startswith="康明斯与卓品智能")
curation.articles_move(articles=[moved], page=Page.objects.get(issue__date_issued="2023-08-18"), user=editor)
issue = curation.issue_confirm_date(issue=Issue.objects.get(date_issued="2022-11-03"),
                                    date=__import__("datetime").date(2022, 11, 4), user=editor)
kept = Person.objects.get(name="王怡菽")
curation.person_merge(into=kept, others=[Person.objects.get(name="王怡菡")], user=editor)
version = article.history.order_by("-history_date").first().history_id
print(json.dumps({{"article": article.pk, "moved": moved.pk, "issue": issue.pk, "person": kept.pk, "version": version}}))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with seeded_site(tmp_path_factory.mktemp("admin-history-browser"), PORTS, SETUP) as served:
        yield served






def page_width_and_screen(driver) -> tuple[int, int]:
    """The document's scroll width and the layout viewport's width, in CSS pixels."""
    return driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")


def history_pages(ids: dict) -> dict[str, tuple[str, list[str]]]:
    """name: (path, texts the page must show the editor)."""
    return {
        # The byline's role change is the editor's, not the import program's.
        "article": (f"/admin/articles/article/{ids['article']}/history/",
                    ["高美梅 → 通讯员 高美梅", "略去"]),
        "moved-article": (f"/admin/articles/article/{ids['moved']}/history/",
                          ["人工移动：从 江南晚报 2023年8月8日 头版 第2篇 移到 江南晚报 2023年8月18日 头版"]),
        # Values in Chinese: 是/否 and the date source's name, not True/False or "inferred".
        "issue": (f"/admin/articles/issue/{ids['issue']}/history/",
                  ["人工更正日期", "日期为推断：是 → 否", "日期来源：文中推断 → 来源给出"]),
        # A merged reporter's bylines name them, not "a deleted reporter".
        "reporter": (f"/admin/articles/person/{ids['person']}/history/", ["合并记者", "王怡菡（已并入王怡菽） → 王怡菽"]),
        "article-version": (f"/admin/articles/article/{ids['article']}/history/{ids['version']}/", ["恢复旧版本"]),
    }


@pytest.mark.parametrize("size", SIZES)
def test_history_pages_fit_the_screen_and_show_every_change(site, browser, size):
    base_url, ids = site
    width, height = SIZES[size]
    admin_log_in(browser, base_url, "meili_long_editor_name@example.org", PASSWORD, width=width, height=height)
    for name, (path, texts) in history_pages(ids).items():
        open_page(browser, base_url + path)
        screenshot(browser, f"admin-history-{size}-{name}")
        body = browser.find_element(By.TAG_NAME, "body").text
        for shown in texts:
            assert shown in body, (name, shown, body[:1500])
        for english in ("None", "True", "False", "chars]", "inferred", "Changes"):
            assert english not in body, (name, english)
        # A phone widens its layout to whatever the page needs (and zooms out to show it), so
        # the page is measured against the screen's own width, not against innerWidth alone.
        scroll_width, inner = page_width_and_screen(browser)
        assert scroll_width <= width and inner == width, (
            f"{name}: the page is {scroll_width} px wide on a {width} px screen"
        )
        if name == "article":
            rows = [r.text for r in browser.find_elements(By.CSS_SELECTOR, "#byline-history tbody tr")]
            role_change = next(r for r in rows if "通讯员 高美梅" in r)
            assert "meili_long_editor_name@example.org" in role_change and "导入程序" not in role_change
        # Every version's change and reason is on the screen, not cut off at its right edge.
        for cell in browser.find_elements(By.CSS_SELECTOR, "#change-history td, #byline-history td"):
            if cell.text.strip():
                box = cell.rect
                assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (name, cell.text[:60], box)
