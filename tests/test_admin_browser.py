"""The admin in a real headless Chromium, at 390 px (a phone) and 1,280 px, behind gunicorn:
an editor abroad (browser in UTC) opens the article list and the article and issue change
forms; no time-zone warning on the paper's dates, nothing pushed off the side of the screen,
the 已更正 mark, and a save that works. Screenshots go to var/screenshots/admin-*.png."""

from __future__ import annotations


import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from live_server import needs_chromium, open_page, screenshot, seeded_site

PORTS = range(8150, 8160)
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
PASSWORD = "admin-browser-password-2024"

pytestmark = needs_chromium

SETUP = f"""
import json
from django.contrib.auth.models import Group, User
from articles import curation
from articles.models import Article, Issue
editor = User.objects.create_user("meili", password="{PASSWORD}", is_staff=True)
editor.groups.add(Group.objects.get(name="editor"))
article = Article.objects.get(headline__startswith="无锡代表团访问阿联酋艾因市")
curation.article_correct(article=article, changes={{"section": "要闻"}}, user=editor)
print(json.dumps({{"article": article.pk, "issue": Issue.objects.get(date_issued="2023-08-18").pk}}))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with seeded_site(tmp_path_factory.mktemp("admin-browser"), PORTS, SETUP) as served:
        yield served






def sideways_overflow(driver) -> int:
    """How many pixels the page is wider than the screen (0: nothing to scroll sideways for)."""
    return driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("size", SIZES)
def test_an_editor_abroad_uses_the_article_list_and_forms(site, browser, size):
    base_url, ids = site
    width, height = SIZES[size]
    browser.delete_all_cookies()
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": size == "phone"})
    browser.execute_cdp_cmd("Emulation.setTimezoneOverride", {"timezoneId": "UTC"})  # 8 hours behind the paper
    open_page(browser, base_url + "/admin/login/?next=/admin/")
    browser.find_element(By.ID, "id_username").send_keys("meili")
    browser.find_element(By.ID, "id_password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "#login-form [type=submit]").click()
    WebDriverWait(browser, 30).until(ec.url_to_be(base_url + "/admin/"))

    open_page(browser, base_url + "/admin/articles/article/")
    screenshot(browser, f"admin-{size}-article-list")
    assert sideways_overflow(browser) <= 0
    marks = browser.find_elements(By.CSS_SELECTOR, ".edited-mark")
    assert len(marks) == 1 and marks[0].is_displayed()
    headline = browser.find_element(By.CSS_SELECTOR, "th.field-headline_or_blank a")
    assert headline.is_displayed() and headline.rect["x"] + headline.rect["width"] <= width
    # The search box and the action menu fit the screen.
    for selector in ("#searchbar", "select[name=action]"):
        box = browser.find_element(By.CSS_SELECTOR, selector).rect
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, selector

    open_page(browser, f"{base_url}/admin/articles/article/{ids['article']}/change/")
    screenshot(browser, f"admin-{size}-article-change")
    assert sideways_overflow(browser) <= 0
    assert not browser.find_elements(By.CSS_SELECTOR, ".timezonewarning")
    assert "服务器时间" not in browser.find_element(By.TAG_NAME, "body").text
    for name in ("headline", "body", "dateline", "bylines-0-name", "bylines-0-role"):
        box = browser.find_element(By.NAME, name).rect
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, name
    headline = browser.find_element(By.NAME, "headline")
    headline.clear()
    headline.send_keys(f"在 {width} 像素宽的屏幕上改的标题")
    browser.find_element(By.CSS_SELECTOR, "input[name=_save]").click()
    WebDriverWait(browser, 30).until(ec.url_to_be(base_url + "/admin/articles/article/"))
    assert f"在 {width} 像素宽的屏幕上改的标题" in browser.find_element(By.ID, "result_list").text

    open_page(browser, f"{base_url}/admin/articles/issue/{ids['issue']}/change/")
    screenshot(browser, f"admin-{size}-issue-change")
    assert not browser.find_elements(By.CSS_SELECTOR, ".timezonewarning")
    assert browser.find_element(By.CSS_SELECTOR, ".datetimeshortcuts")  # the calendar widget is there
    assert sideways_overflow(browser) <= 0

    # Several inferred issues at once: select them all, 为所选各期填写日期, one date box each.
    open_page(browser, f"{base_url}/admin/articles/issue/?inferred=yes")
    browser.find_element(By.ID, "action-toggle").click()
    Select(browser.find_element(By.NAME, "action")).select_by_value("set_dates")
    browser.find_element(By.CSS_SELECTOR, "#changelist-form button[name=index]").click()
    WebDriverWait(browser, 30).until(ec.presence_of_element_located((By.ID, "set-dates")))
    screenshot(browser, f"admin-{size}-issue-set-dates")
    boxes = browser.find_elements(By.CSS_SELECTOR, "#set-dates input[type=date]")
    assert len(boxes) >= 4
    for box in boxes:
        assert box.rect["x"] >= 0 and box.rect["x"] + box.rect["width"] <= width
    assert sideways_overflow(browser) <= 0
