"""The reader's path through the archive in a real headless Chromium, on a phone and a desktop.

The site is served by real gunicorn (DEBUG off, so the hashed, compressed static files come
through WhiteNoise exactly as `make run` serves them) from a fresh data dir that has been
migrated, loaded from seeds/ and collectstatic'ed. Screenshots of every page visited go to
$NEWSARCHIVE_DATA_DIR/screenshots (default var/screenshots) for people to look at.

Skips, saying why, only when Debian's chromium or chromedriver is not installed.
"""

from __future__ import annotations

import base64
import os
import re
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from live_server import free_port, gunicorn_serving, manage_py, needs_chromium, server_env

BASE_DIR = Path(__file__).resolve().parent.parent
# Ports tried first, so a run never takes a port another local service expects; then any.
PREFERRED_PORTS = range(8310, 8320)

SIZES = {"phone": (390, 844), "desktop": (1280, 900)}

pytestmark = needs_chromium


def screenshot_dir() -> Path:
    data_dir = os.environ.get("NEWSARCHIVE_DATA_DIR")
    folder = Path(data_dir) / "screenshots" if data_dir else BASE_DIR / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def live_archive(tmp_path_factory):
    """Base URL of the seeded archive served by gunicorn in a subprocess."""
    data_dir = tmp_path_factory.mktemp("browse-data")
    env = server_env(data_dir, PORT=str(free_port(PREFERRED_PORTS)), WEB_CONCURRENCY="2",
                     DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost")
    manage_py(env, ["migrate", "--noinput", "-v0"], ["ingest", "seeds/"], ["collectstatic", "--noinput", "-v0"])
    with gunicorn_serving(env, data_dir / "gunicorn.log") as base_url:
        yield base_url


class Reader:
    """Drives one visit at one screen size; checks and photographs every page it reaches."""

    def __init__(self, driver, base_url: str, size: str):
        self.driver = driver
        self.base_url = base_url
        self.size = size
        self.shots = 0
        width, height = SIZES[size]
        # A metrics override (not a window size) makes innerWidth exactly `width`. mobile=False
        # on purpose: mobile emulation would zoom out to fit an overflowing page and hide it.
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def open(self, path: str):
        self.driver.get(self.base_url + path)

    def click(self, css: str):
        link = self.driver.find_element("css selector", css)
        old = self.driver.current_url
        # Scrolled into view first: a click must land on the link the reader sees.
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
        link.click()
        WebDriverWait(self.driver, 30).until(ec.url_changes(old))

    def page(self, name: str, *, path: str, h1_contains: str):
        """Assert we are on the page we expect (``path`` a regular expression for the URL's
        path), that it fits the screen, and photograph it."""
        driver = self.driver
        assert re.fullmatch(path, urllib.parse.urlsplit(driver.current_url).path), driver.current_url
        h1 = driver.find_element("css selector", "h1").text
        assert h1_contains in h1, f"{name}: h1 is {h1!r}"
        # The stylesheet came through WhiteNoise: the paper background is set by site.css only.
        background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
        assert background == "rgb(253, 252, 248)", f"{name}: site.css not applied ({background})"
        scroll_width, inner_width = driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]"
        )
        assert scroll_width <= inner_width, f"{name} scrolls sideways at {self.size}: {scroll_width} > {inner_width}"
        self.screenshot(name)

    def screenshot(self, name: str):
        self.shots += 1
        metrics = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
        content = metrics["cssContentSize"]
        shot = self.driver.execute_cdp_cmd(
            "Page.captureScreenshot",
            {
                "format": "png",
                "captureBeyondViewport": True,
                "clip": {"x": 0, "y": 0, "width": content["width"], "height": min(content["height"], 8000), "scale": 1},
            },
        )
        path = screenshot_dir() / f"{self.size}-{self.shots:02d}-{name}.png"
        path.write_bytes(base64.b64decode(shot["data"]))


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_reader_goes_from_home_to_calendar_issue_article_and_reporter(live_archive, browser, size):
    reader = Reader(browser, live_archive, size)

    reader.open("/")
    reader.page("home", path="/", h1_contains="江南晚报")
    assert browser.find_element("css selector", "label[for=home-q]").text == "在全部文章中搜索"

    reader.click("main a[href='/issues/']")
    reader.page("calendar", path="/issues/", h1_contains="各期目录")

    reader.click("main a[href='/issues/2023/']")
    reader.page("year", path="/issues/2023/", h1_contains="2023年")

    reader.click("a[aria-label='2023年8月18日']")
    reader.page("issue", path="/issues/2023-08-18/", h1_contains="2023年8月18日")
    assert "日期为推断" in browser.find_element("css selector", ".notice").text

    reader.click(".article-item__headline a")
    reader.page("article", path=r"/articles/\d+/", h1_contains="无锡代表团访问阿联酋艾因市")
    citation = browser.find_element("css selector", ".citation").text
    assert citation.startswith("高美梅. 无锡代表团访问阿联酋艾因市 共同庆祝建立友好交流城市关系五周年[N/OL]. 江南晚报, [2023-08-18](1)[")
    assert citation.endswith(live_archive + urllib.parse.urlsplit(browser.current_url).path + ".")

    reader.click(".article__byline a")
    reader.page("reporter", path=r"/reporters/\d+/", h1_contains="高美梅")
    headlines = [a.text for a in browser.find_elements("css selector", ".article-item__headline a")]
    assert "无锡代表团访问阿联酋艾因市 共同庆祝建立友好交流城市关系五周年" in headlines

    # The rest of the site, reached through its own links.
    reader.click(".site-nav a[href='/reporters/']")
    reader.page("reporters", path="/reporters/", h1_contains="记者")

    reader.open("/issues/2023/08/")
    reader.page("month", path="/issues/2023/08/", h1_contains="2023年8月")
    reader.click("a[rel=prev]")
    reader.page("previous-month", path="/issues/2023/06/", h1_contains="2023年6月")

    reader.open("/issues/2023-02-30/")
    reader.page("not-found", path="/issues/2023-02-30/", h1_contains="找不到这个页面")

    # The sideways-scroll check can fail: something too wide for the screen is caught.
    browser.execute_script(
        "const wide = document.createElement('p'); wide.textContent = '太宽';"
        "wide.style.width = '1500px'; document.body.append(wide)"
    )
    assert browser.execute_script("return document.documentElement.scrollWidth > window.innerWidth")


def test_keyboard_reader_can_skip_to_the_content_and_search(live_archive, browser):
    Reader(browser, live_archive, "desktop").open("/")
    body = browser.find_element("css selector", "body")
    body.send_keys(Keys.TAB)
    focused = browser.switch_to.active_element
    assert focused.text == "跳到正文" and focused.get_attribute("href").endswith("#content")
    # The skip link, hidden until focused, comes into view so a sighted keyboard user sees it.
    assert focused.rect["y"] >= 0

    search = browser.find_element("id", "home-q")
    search.send_keys("无锡", Keys.ENTER)
    # The form leads to the search page (built by the search issue), with the words in the URL.
    WebDriverWait(browser, 30).until(ec.url_contains("/search/?q="))


def test_static_files_are_hashed_compressed_and_cached_for_long(live_archive):
    with urllib.request.urlopen(live_archive + "/") as response:
        html = response.read().decode()
    href = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert href.startswith("/static/css/site.") and href != "/static/css/site.css"  # cache-busted name

    request = urllib.request.Request(live_archive + href, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        assert "immutable" in response.headers["Cache-Control"]
