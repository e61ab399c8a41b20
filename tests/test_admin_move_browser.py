"""Moving articles to another page in a real headless Chromium behind gunicorn, at 390 px (a
phone) and 1,280 px: tick articles in the admin list, choose 把所选文章移到另一版面, fill in the
date and the page, and the public pages show the move. The second step's form fits the screen.
Screenshots go to var/screenshots/admin-move-*.png."""

from __future__ import annotations


import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import Select, WebDriverWait

from live_server import (
    admin_log_in,
    needs_chromium,
    open_page,
    screenshot,
    seeded_site,
)

PORTS = range(8625, 8630)  # this suite's own ports; any free port after them
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
PASSWORD = "admin-move-password-2024"
# One article of 2023-08-08 for each screen size, moved to 2023-08-18 头版.
MOVED = {"phone": "康明斯与卓品智能在锡成立合资公司", "desktop": "长三角汽车芯片应用推广平台启动"}

pytestmark = needs_chromium

SETUP = f"""
from django.contrib.auth.models import Group, User
editor = User.objects.create_user("meili", password="{PASSWORD}", is_staff=True)
editor.groups.add(Group.objects.get(name="editor"))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with seeded_site(tmp_path_factory.mktemp("admin-move-browser"), PORTS, SETUP) as (base_url, _):
        yield base_url






def page_width(driver) -> int:
    return driver.execute_script("return document.documentElement.scrollWidth")


def headlines(driver) -> list[str]:
    return [a.text for a in driver.find_elements(By.CSS_SELECTOR, "main a[href^='/articles/']") if a.text]


@pytest.mark.parametrize("size", SIZES)
def test_an_editor_moves_an_article_from_the_list_and_readers_find_it_on_the_new_page(site, browser, size):
    base_url = site
    width, height = SIZES[size]
    headline = MOVED[size]
    admin_log_in(browser, base_url, "meili", PASSWORD, width=width, height=height)

    open_page(browser, base_url + "/admin/articles/article/?q=" + headline)
    row = browser.find_element(By.XPATH, f"//tr[.//a[normalize-space()='{headline}']]")
    row.find_element(By.CSS_SELECTOR, "input.action-select").click()
    Select(browser.find_element(By.NAME, "action")).select_by_value("move_to_page")
    browser.find_element(By.CSS_SELECTOR, "#changelist-form button[name=index]").click()
    WebDriverWait(browser, 30).until(ec.presence_of_element_located((By.ID, "move-articles")))
    assert headline in browser.find_element(By.ID, "move-articles").text
    date_box = browser.find_element(By.ID, "id_date")
    assert date_box.get_attribute("value") == "2023-08-08"  # the article's own issue to start from
    # A date box is filled the way the browser's own date control takes typing.
    browser.execute_script("arguments[0].value = '2023-08-18'", date_box)
    browser.find_element(By.ID, "id_page").send_keys("头版")
    screenshot(browser, f"admin-move-{size}-form")
    assert page_width(browser) <= width
    for field in ("id_paper", "id_date", "id_page"):
        box = browser.find_element(By.ID, field).rect
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, field
    browser.find_element(By.CSS_SELECTOR, "#move-articles input[type=submit]").click()
    WebDriverWait(browser, 30).until(ec.presence_of_element_located((By.CSS_SELECTOR, "ul.messagelist")))
    message = browser.find_element(By.CSS_SELECTOR, "ul.messagelist").text
    assert "已把 1 篇文章移到 江南晚报 2023年8月18日 头版" in message and "文章网址不变" in message
    screenshot(browser, f"admin-move-{size}-done")
    assert page_width(browser) <= width

    open_page(browser, base_url + "/issues/2023-08-18/pages/1/")
    assert headlines(browser)[-1] == headline
    open_page(browser, base_url + "/issues/2023-08-08/pages/1/")
    assert headline not in headlines(browser)
