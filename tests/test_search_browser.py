"""Search in a real headless Chromium against gunicorn, as `make run` serves it: type a query,
see marked results that fit a phone, narrow by a facet, page through, and use the JSON API
over HTTP. Screenshots go to $NEWSARCHIVE_DATA_DIR/screenshots (default var/screenshots).

Skips, saying why, only when Debian's chromium or chromedriver is not installed.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from live_server import free_port, gunicorn_serving, manage_py, needs_chromium, server_env

BASE_DIR = Path(__file__).resolve().parent.parent
PORTS = range(8320, 8330)  # this suite's own ports; any free port after them
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Base URL of the seeded, indexed archive served by gunicorn in a subprocess."""
    data_dir = tmp_path_factory.mktemp("search-site")
    env = server_env(data_dir, PORT=str(free_port(PORTS)), WEB_CONCURRENCY="2")
    manage_py(env, ["migrate", "--noinput", "-v0"], ["ingest", "seeds/", "-v0"], ["ensure_search_index"],
              ["collectstatic", "--noinput", "-v0"])
    with gunicorn_serving(env, data_dir / "gunicorn.log") as base_url:
        yield base_url


def use_size(driver, size: str) -> None:
    width, height = SIZES[size]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def fits_and_photograph(driver, name: str) -> None:
    scroll_width, inner_width = driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll_width <= inner_width, f"{name} scrolls sideways: {scroll_width} > {inner_width}"
    data_dir = os.environ.get("NEWSARCHIVE_DATA_DIR")
    folder = Path(data_dir) / "screenshots" if data_dir else BASE_DIR / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})
    (folder / f"search-{name}.png").write_bytes(base64.b64decode(shot["data"]))


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_reader_searches_sees_marked_results_and_narrows_by_a_facet(site, browser, size):
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    use_size(browser, size)
    browser.get(site + "/search/")
    assert "怎样搜索" in browser.find_element("tag name", "main").text
    box = browser.find_element("id", "search-q")
    box.send_keys("無錫 集成电路", Keys.ENTER)
    WebDriverWait(browser, 30).until(ec.presence_of_element_located(("css selector", ".result")))

    main = browser.find_element("tag name", "main").text
    assert "找到" in main and "篇文章" in main
    marks = browser.find_elements("css selector", ".result mark")
    assert {m.text for m in marks} >= {"无锡", "集成电路"}
    # search.css is applied: hits are highlighted, not only wrapped.
    assert browser.execute_script("return getComputedStyle(arguments[0]).backgroundColor", marks[0]) != "rgba(0, 0, 0, 0)"
    assert browser.find_element("id", "search-q").get_attribute("value") == "無錫 集成电路"
    fits_and_photograph(browser, f"{size}-results")

    first_count = len(browser.find_elements("css selector", ".result"))
    if size == "phone":  # the facets are a collapsed panel above the results on a phone
        browser.find_element("css selector", ".facets-panel__toggle").click()
    year_link = browser.find_element("css selector", ".facet li a")
    year = year_link.text
    old = browser.current_url
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", year_link)
    year_link.click()
    WebDriverWait(browser, 30).until(ec.url_changes(old))
    assert f"year={year}" in browser.current_url
    assert f"年份：{year}" in browser.find_element("tag name", "main").text
    assert 0 < len(browser.find_elements("css selector", ".result")) <= first_count
    fits_and_photograph(browser, f"{size}-filtered")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_reader_types_as_a_chinese_keyboard_does(site, browser, size):
    """Issue 12: words typed without a space find their words, labelled, with the way back to
    the exact search; Chinese quotes and a full-width minus work as typed."""
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    use_size(browser, size)
    browser.get(site + "/search/")
    browser.find_element("id", "search-q").send_keys("赵建军集成电路", Keys.ENTER)
    WebDriverWait(browser, 30).until(ec.presence_of_element_located(("css selector", ".result")))
    notice = browser.find_element("css selector", ".search__words")
    assert "未找到“赵建军集成电路”，以下为同时包含“赵建军”“集成电路”的文章" in notice.text
    marks = {m.text for m in browser.find_elements("css selector", ".result mark")}
    assert {"赵建军", "集成电路"} <= marks
    fits_and_photograph(browser, f"{size}-words")
    back = notice.find_element("tag name", "a")
    assert back.text == "回到精确搜索"
    old = browser.current_url
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", back)
    back.click()
    WebDriverWait(browser, 30).until(ec.url_changes(old))
    assert "没有找到包含“赵建军集成电路”的文章" in browser.find_element("tag name", "main").text
    # The 分词 choice, picked with the mouse, searches the words of a query that is found too.
    box = browser.find_element("id", "search-q")
    box.clear()
    box.send_keys("“民企 对接” －疫情")
    words = browser.find_element("css selector", 'input[name="mode"][value="words"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", words)
    words.click()
    old = browser.current_url
    box.send_keys(Keys.ENTER)
    WebDriverWait(browser, 30).until(ec.url_changes(old))
    assert "mode=words" in browser.current_url
    assert "分词匹配" in browser.find_element("tag name", "main").text
    fits_and_photograph(browser, f"{size}-words-mode")


def test_no_results_and_too_long_pages_in_the_browser(site, browser):
    use_size(browser, "phone")
    browser.get(site + "/search/?q=" + urllib.parse.quote("常州无锡杭州南京"))
    assert "没有找到" in browser.find_element("tag name", "h2").text
    fits_and_photograph(browser, "phone-no-results")
    browser.get(site + "/search/?q=" + urllib.parse.quote("锡" * 201))
    assert "无法完成这次搜索" in browser.find_element("tag name", "h1").text
    fits_and_photograph(browser, "phone-too-long")


def test_json_api_and_opensearch_over_http(site):
    url = site + "/api/search/?" + urllib.parse.urlencode({"q": "。"})
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.headers["Content-Type"].startswith("application/json")
        first = json.load(response)
    assert first["count"] == 20 and len(first["results"]) == 20 and first["next"] is None
    assert first["results"][0]["url"].startswith(site + "/articles/")
    with urllib.request.urlopen(site + "/opensearch.xml", timeout=30) as response:
        body = response.read().decode()
    assert f'template="{site}/search/?q={{searchTerms}}"' in body
    with pytest.raises(urllib.error.HTTPError) as too_far:
        urllib.request.urlopen(site + "/api/search/?q=%E6%97%A0%E9%94%A1&page=2", timeout=30)
    assert too_far.value.code == 404
