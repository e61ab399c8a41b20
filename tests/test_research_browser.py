"""The research tools in a real headless Chromium against gunicorn, at 390 px and 1,280 px:
facets beside the results on a desktop and a collapsible panel above them on a phone, 更多 and
the year bars, the advanced search page, citations with a working copy button, the trend chart
with its table; and the exports, feeds and API over HTTP, read by rispy, bibtexparser and
feedparser. Screenshots go to $NEWSARCHIVE_DATA_DIR/screenshots (default var/screenshots).
"""

from __future__ import annotations

import base64
import csv
import io
import json
import os
import urllib.parse
import urllib.request
from pathlib import Path

import bibtexparser
import feedparser
import pytest
import rispy

from bench import corpus
from live_server import free_port, gunicorn_serving, manage_py, needs_chromium, server_env

BASE_DIR = Path(__file__).resolve().parent.parent
SEEDS = BASE_DIR / "seeds"
PORTS = range(8130, 8140)  # this suite's own ports
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The seed pages plus 400 generated articles over 2005-2024, indexed and served by gunicorn."""
    data_dir = tmp_path_factory.mktemp("research-site")
    pages = data_dir / "pages"
    corpus.write_corpus(corpus.pool_from_dir(SEEDS), pages, 400, seed=5)
    env = server_env(data_dir, PORT=str(free_port(PORTS)), WEB_CONCURRENCY="2")
    manage_py(env, ["migrate", "--noinput", "-v0"], ["ingest", "seeds/", str(pages), "-v0"],
              ["ensure_search_index"], ["collectstatic", "--noinput", "-v0"])
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
    (folder / f"research-{name}.png").write_bytes(base64.b64decode(shot["data"]))


def get(url: str) -> tuple[bytes, dict]:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read(), dict(response.headers)


def wait_for(driver, css: str):
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 30).until(ec.presence_of_element_located(("css selector", css)))


def rect(driver, element) -> dict:
    return driver.execute_script("return arguments[0].getBoundingClientRect().toJSON()", element)


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_facets_beside_on_a_desktop_above_and_collapsible_on_a_phone(site, browser, size):
    use_size(browser, size)
    browser.get(site + "/search/?q=" + urllib.parse.quote("无锡"))
    wait_for(browser, ".result")
    panel = browser.find_element("id", "facets")
    results = browser.find_element("css selector", ".search__results")
    if size == "phone":
        assert panel.get_attribute("open") is None  # collapsed above the results
        assert rect(browser, panel)["bottom"] <= rect(browser, results)["top"]
        assert not browser.find_element("css selector", ".facet a").is_displayed()
        fits_and_photograph(browser, "phone-facets-closed")
        browser.find_element("css selector", ".facets-panel__toggle").click()
    else:
        assert panel.get_attribute("open") is not None
        assert not browser.find_element("css selector", ".facets-panel__toggle").is_displayed()
        assert rect(browser, panel)["right"] <= rect(browser, results)["left"]  # beside them
        assert abs(rect(browser, panel)["top"] - rect(browser, results)["top"]) < 40
    assert browser.find_element("css selector", ".facet a").is_displayed()

    # 更多 shows every reporter; the hidden ones are links to their filter.
    more = browser.find_element("css selector", "#facet-reporter ~ .facet__more")
    hidden = more.find_elements("css selector", "li a")
    assert hidden and not hidden[-1].is_displayed()
    more.find_element("tag name", "summary").click()
    assert hidden[-1].is_displayed() and "reporter=" in hidden[-1].get_attribute("href")
    fits_and_photograph(browser, f"{size}-facets-open")

    # A year bar filters to its year.
    bars = browser.find_elements("css selector", ".facet-chart a")
    assert len(bars) >= 10
    year = bars[0].get_attribute("aria-label")[:4]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", bars[0])
    bars[0].click()
    wait_for(browser, ".chip")
    assert f"year={year}" in browser.current_url
    assert f"年份：{year}" in browser.find_element("css selector", ".search__active").text


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_advanced_search_builds_a_bookmarkable_search(site, browser, size):
    from selenium.webdriver.support.ui import Select

    use_size(browser, size)
    browser.get(site + "/search/")
    browser.find_element("link text", "高级检索").click()
    wait_for(browser, ".advanced-form")
    browser.find_element("id", "id_all_words").send_keys("无锡 集成电路")
    browser.find_element("id", "id_none_words").send_keys("疫情")
    Select(browser.find_element("id", "id_sort")).select_by_visible_text("最新在前")
    fits_and_photograph(browser, f"{size}-advanced")
    browser.find_element("css selector", ".advanced-form button").click()
    wait_for(browser, ".search__count")
    url = urllib.parse.urlsplit(browser.current_url)
    assert url.path == "/search/"
    assert urllib.parse.parse_qs(url.query) == {"q": ["无锡 集成电路 -疫情"], "sort": ["newest"]}
    assert browser.find_element("id", "search-q").get_attribute("value") == "无锡 集成电路 -疫情"
    assert browser.find_elements("css selector", ".result")
    fits_and_photograph(browser, f"{size}-advanced-results")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_refining_a_search_opens_the_advanced_page_filled_in(site, browser, size):
    from selenium.webdriver.support.ui import Select

    use_size(browser, size)
    browser.get(site + "/search/advanced/")
    wait_for(browser, ".advanced-form")
    browser.find_element("id", "id_all_words").send_keys("无锡")
    browser.find_element("id", "id_phrase").send_keys("集成电路")
    browser.find_element("id", "id_none_words").send_keys("疫情")
    Select(browser.find_element("id", "id_scope")).select_by_visible_text("只在正文中（不含标题、署名）")
    browser.find_element("id", "id_print_page").send_keys("1")
    Select(browser.find_element("id", "id_sort")).select_by_visible_text("最早在前")
    Select(browser.find_element("id", "id_mode")).select_by_visible_text("精确")
    browser.find_element("css selector", ".advanced-form button").click()
    wait_for(browser, ".search__count")
    results_url = browser.current_url
    asked = urllib.parse.parse_qs(urllib.parse.urlsplit(results_url).query)
    assert asked == {"q": ['正文:无锡 正文:"集成电路" -正文:疫情'], "print_page": ["1"], "sort": ["oldest"],
                     "mode": ["exact"]}
    api = json.loads(get(f"{site}/api/search/?{urllib.parse.urlsplit(results_url).query}")[0])
    assert api["count"] > 0 and f"找到 {api['count']} 篇文章" in browser.find_element("css selector", ".search__count").text

    link = browser.find_element("link text", "修改检索（高级检索）")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    wait_for(browser, ".advanced-form__refining")
    assert browser.find_element("tag name", "h1").text == "修改检索"
    value = lambda name: browser.find_element("id", f"id_{name}").get_attribute("value")  # noqa: E731
    assert (value("all_words"), value("phrase"), value("none_words"), value("any_words")) == ("无锡", "集成电路", "疫情", "")
    assert (value("scope"), value("print_page"), value("sort"), value("mode")) == ("正文", "1", "oldest", "exact")
    assert "正文:无锡" in browser.find_element("css selector", ".advanced-form__refining code").text
    fits_and_photograph(browser, f"{size}-advanced-refining")

    # Submitted unchanged it is the same search; a change keeps everything else.
    browser.find_element("css selector", ".advanced-form button").click()
    wait_for(browser, ".search__count")
    assert browser.current_url == results_url
    browser.find_element("link text", "修改检索（高级检索）").click()
    wait_for(browser, ".advanced-form__refining")
    Select(browser.find_element("id", "id_sort")).select_by_visible_text("最新在前")
    browser.find_element("css selector", ".advanced-form button").click()
    wait_for(browser, ".search__count")
    changed = urllib.parse.parse_qs(urllib.parse.urlsplit(browser.current_url).query)
    assert changed == {**asked, "sort": ["newest"]}


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_article_citations_and_copy_button(site, browser, size):
    use_size(browser, size)
    browser.get(site + "/search/?q=" + urllib.parse.quote("艾因"))
    wait_for(browser, ".result__headline a").click()
    cite = wait_for(browser, "#cite-gbt")
    assert "[N/OL]. 江南晚报, [2023-08-18](1)[" in cite.text and cite.text.endswith(browser.current_url + ".")
    assert browser.find_element("id", "cite-chicago").text.startswith("高美梅. “")
    assert "出版日期为推断" in browser.find_element("css selector", ".cite").text
    button = browser.find_element("css selector", "button[data-copy='cite-gbt']")
    assert button.is_displayed()  # the script ran (CSP 'self' let it)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    status = browser.find_element("css selector", ".copy-status")
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 10).until(lambda d: status.get_attribute("textContent"))
    assert status.get_attribute("textContent") in ("引文已复制到剪贴板", "无法直接复制，已选中引文，请按 Ctrl+C")
    fits_and_photograph(browser, f"{size}-citation")


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_trend_chart_with_its_table(site, browser, size):
    use_size(browser, size)
    browser.get(site + "/search/trend/?" + urllib.parse.urlencode([("q", "无锡"), ("q", "集成电路")]))
    chart = wait_for(browser, "svg.trend-chart")
    assert chart.size["width"] > 300 and len(chart.find_elements("css selector", "polyline")) == 2
    table = browser.find_element("css selector", ".trend__table")
    heads = [th.text for th in table.find_elements("css selector", "thead th")]
    assert heads == ["年份", "无锡", "集成电路"]
    years = [th.text for th in table.find_elements("css selector", "tbody th")]
    assert len(years) >= 10 and years == sorted(years)
    fits_and_photograph(browser, f"{size}-trend")
    table.find_element("link text", years[-1]).click()
    wait_for(browser, ".trend__table")
    assert f"{years[-1]}年各月" in browser.find_element("css selector", ".trend__table caption").text
    fits_and_photograph(browser, f"{size}-trend-months")


def test_exports_feeds_and_api_open_in_the_tools_people_use(site):
    query = urllib.parse.urlencode({"q": "无锡", "sort": "newest"})
    body, headers = get(f"{site}/search/export.ris?{query}")
    records = rispy.loads(body.decode("utf-8"))
    api = json.loads(get(f"{site}/api/search/?{query}")[0])
    assert len(records) == api["count"] and records[0]["title"] == api["results"][0]["headline"]
    library = bibtexparser.parse_string(get(f"{site}/search/export.bib?{query}")[0].decode("utf-8"))
    assert not library.failed_blocks and len(library.entries) == api["count"]
    body, headers = get(f"{site}/search/export.csv?{query}")
    assert body.startswith("\ufeff".encode()) and headers["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == api["count"] + 1

    feed = feedparser.parse(get(f"{site}/search/feed/?q=%E6%97%A0%E9%94%A1")[0])
    assert not feed.bozo and feed.version == "atom10" and len(feed.entries) == min(30, api["count"])
    assert feed.entries[0].link == api["results"][0]["url"]
    issues = feedparser.parse(get(f"{site}/issues/feed/")[0])
    assert not issues.bozo and issues.entries

    _, headers = get(f"{site}/api/search/?q=%E6%97%A0%E9%94%A1")
    assert headers["Access-Control-Allow-Origin"] == "*"
    empty = json.loads(get(f"{site}/api/search/?mode=exact&q=%E5%B8%B8%E5%B7%9E%E6%97%A0%E9%94%A1%E6%9D%AD%E5%B7%9E")[0])
    assert empty["facets"] == {"year": [], "reporter": [], "column": [], "paper": []}


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_related_articles_and_search_within_a_reporter(site, browser, size):
    from selenium.webdriver.common.keys import Keys

    use_size(browser, size)
    browser.get(site + "/search/?q=" + urllib.parse.quote("艾因"))
    wait_for(browser, ".result__headline a").click()
    related = wait_for(browser, ".related")
    assert "相关文章" in related.text and "高美梅的其他文章" in related.text
    assert len(related.find_elements("css selector", ".related__list a")) >= 3
    fits_and_photograph(browser, f"{size}-related")
    related.find_element("partial link text", "高美梅的全部文章").click()
    box = wait_for(browser, "#within-q")
    assert "在高美梅署名的文章中搜索" in browser.find_element("css selector", ".within-search label").text
    box.send_keys("无锡", Keys.ENTER)
    wait_for(browser, ".search__count")
    assert "记者：高美梅" in browser.find_element("css selector", ".search__active").text
    metas = [m.text for m in browser.find_elements("css selector", ".result__meta")]
    assert metas and all("高美梅" in m for m in metas)
    fits_and_photograph(browser, f"{size}-reporter-search")
