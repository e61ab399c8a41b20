"""Corrections and stable links in a real headless Chromium against gunicorn, at 390 px and
1,280 px: a reader's browser that has the article open gets the corrected page on the next
visit (no stale copy from its cache); an editor goes from the public page's 编辑 to the admin
form and back; the old date of a corrected issue still opens it. Screenshots go to
$NEWSARCHIVE_DATA_DIR/screenshots (default var/screenshots) as public-<size>-<step>.png.
"""

from __future__ import annotations

import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from live_server import free_port, gunicorn_serving, headless_chromium, manage_py, needs_chromium, screenshot, server_env

BASE_DIR = Path(__file__).resolve().parent.parent
PORTS = range(8145, 8150)  # this suite's own ports; any free port after them
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
PASSWORD = "browser-editor-password-2024"
# Each screen size corrects its own article of the 2023-08-18 front page.
HEADLINES = {"phone": "我市与阿斯利康", "desktop": "市政府召开集成电路"}

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("public-site")
    env = server_env(data_dir, PORT=str(free_port(PORTS)), WEB_CONCURRENCY="2")
    manage_py(env, ["migrate", "--noinput", "-v0"], ["ingest", "seeds/", "-v0"],
              ["collectstatic", "--noinput", "-v0"])
    subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c",
         "from django.contrib.auth.models import Group, User\n"
         f"u = User.objects.create_user('bianji', password='{PASSWORD}', is_staff=True)\n"
         "u.groups.add(Group.objects.get(name='editor'))"],
        cwd=BASE_DIR, env=env, check=True, capture_output=True, timeout=120,
    )
    with gunicorn_serving(env, data_dir / "gunicorn.log") as base_url:
        yield base_url


def use_size(driver, size: str) -> None:
    width, height = SIZES[size]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})




def path_of(driver) -> str:
    return urllib.parse.unquote(urllib.parse.urlsplit(driver.current_url).path)


def h1(driver) -> str:
    return driver.find_element("css selector", "h1").text


def fits(driver, name: str) -> None:
    scroll_width, inner_width = driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"{name} scrolls sideways: {scroll_width} > {inner_width}"


def log_in(driver, base_url: str) -> None:
    driver.get(base_url + "/admin/login/?next=/admin/")
    driver.find_element("id", "id_username").send_keys("bianji")
    driver.find_element("id", "id_password").send_keys(PASSWORD)
    driver.find_element("css selector", "#login-form [type=submit]").click()
    WebDriverWait(driver, 30).until(ec.url_to_be(base_url + "/admin/"))


@pytest.mark.parametrize("size", SIZES)
def test_an_editors_correction_reaches_a_reader_who_had_the_article_open(site, browser, size, tmp_path):
    use_size(browser, size)
    browser.delete_all_cookies()
    # The reader finds the article from the page, the way readers browse: their
    # browser now holds a copy of it.
    browser.get(site + "/issues/2023-08-18/pages/1/")
    article_link = next(a for a in browser.find_elements("css selector", ".article-item__headline a")
                        if a.text.startswith(HEADLINES[size]))
    article_url = article_link.get_attribute("href")
    browser.get(article_url)
    original = h1(browser)
    assert not browser.find_elements("css selector", "a.edit-link")  # readers see no 编辑
    assert "本文已更正" not in browser.page_source

    # An editor, in a browser of their own, opens the same page, follows 编辑, corrects the
    # headline and saves: back on the public page.
    with headless_chromium(tmp_path / "editor-profile") as editor:
        use_size(editor, size)
        log_in(editor, site)
        editor.get(article_url)
        edit = editor.find_element("css selector", "a.edit-link")
        assert edit.text == "编辑"
        edit.click()
        WebDriverWait(editor, 30).until(ec.url_contains("/change/"))
        screenshot(editor, f"public-{size}-admin-form-from-edit-link", max_height=6000)
        headline = editor.find_element("id", "id_headline")
        corrected = f"{original}（{size}更正）"
        headline.clear()
        headline.send_keys(corrected)
        save = editor.find_element("css selector", "input[name=_save]")
        editor.execute_script("arguments[0].scrollIntoView({block: 'center'})", save)
        save.click()
        WebDriverWait(editor, 30).until(ec.url_to_be(article_url))
        assert h1(editor) == corrected

    # The reader opens the article again from the page: their browser asks the server
    # (no-cache) instead of showing its stale copy, and the page says it was corrected.
    browser.get(site + "/issues/2023-08-18/pages/1/")
    next(a for a in browser.find_elements("css selector", ".article-item__headline a")
         if a.get_attribute("href") == article_url).click()
    WebDriverWait(browser, 30).until(ec.url_to_be(article_url))
    assert h1(browser) == corrected
    note = browser.find_element("css selector", ".notice--corrected").text
    assert note.startswith("本文已更正") and "标题" in note and "bianji" not in browser.page_source
    fits(browser, "corrected article")
    screenshot(browser, f"public-{size}-corrected-article", max_height=6000)


@pytest.mark.parametrize("size", SIZES)
def test_pages_columns_reporters_and_a_missing_day_through_their_links(site, browser, size):
    use_size(browser, size)
    browser.delete_all_cookies()
    browser.get(site + "/")
    assert "历史上的今天" in browser.page_source
    front = browser.find_element("css selector", ".home-front")
    assert len(front.find_elements("css selector", ".article-item")) == 3  # the latest front page
    fits(browser, "home")

    browser.get(site + "/issues/2023-08-08/")
    browser.find_element("css selector", ".paper-page h2 a").click()
    WebDriverWait(browser, 30).until(ec.url_contains("/pages/1/"))
    assert h1(browser).endswith("头版")
    fits(browser, "page")
    screenshot(browser, f"public-{size}-page", max_height=6000)

    browser.find_element("css selector", ".kicker a").click()  # 要闻快览
    WebDriverWait(browser, 30).until(ec.url_contains("/columns/"))
    assert path_of(browser) == "/columns/要闻快览/" and h1(browser) == "要闻快览"
    fits(browser, "column")
    screenshot(browser, f"public-{size}-column", max_height=6000)

    browser.get(site + "/issues/2023-08-12/")
    assert h1(browser) == "档案中没有2023年8月12日的报纸"
    browser.find_element("css selector", ".nearest-issues a[rel=next]").click()
    WebDriverWait(browser, 30).until(ec.url_contains("/issues/2023-08-18/"))
    fits(browser, "issue")
