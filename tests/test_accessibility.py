"""Accessibility: axe-core 4.4 (bundled with axe-core-python, no network) in a real headless
Chromium on every kind of page a reader or an editor opens, at 390 px and 1,280 px: no serious
or critical violation, which includes text contrast below 4.5:1 (axe's color-contrast rule).

To check a new page, add its path to ``PUBLIC_PAGES`` (or ``STAFF_PAGES`` for the admin); the
site behind it is the seeds, searchable, with one corrected article and one corrected issue
date so the notices readers see after a correction are checked too. Screenshots of each page
go to $NEWSARCHIVE_DATA_DIR/screenshots (default var/screenshots) as a11y-<size>-<name>.png.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.parse
from pathlib import Path

import pytest
from axe_core_python.selenium import Axe
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from live_server import free_port, gunicorn_serving, manage_py, needs_chromium, server_env

BASE_DIR = Path(__file__).resolve().parent.parent
PORTS = range(8140, 8145)  # this suite's own ports; any free port after them
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}
STAFF_PASSWORD = "a11y-staff-password-2024"
BLOCKING_IMPACTS = {"serious", "critical"}

pytestmark = needs_chromium

# (name, path): {article}, {issue}, {reporter} and {deleted} are filled in from the site's data.
PUBLIC_PAGES = [
    ("home", "/"),
    ("calendar", "/issues/"),
    ("year", "/issues/2023/"),
    ("month", "/issues/2023/08/"),
    ("issue", "/issues/2023-08-18/"),
    ("issue-corrected-date", "/issues/2023-06-10/"),
    ("page", "/issues/2023-08-18/pages/1/"),
    ("no-issue-that-day", "/issues/2023-08-12/"),
    ("article-corrected", "/articles/{article}/"),
    ("reporters", "/reporters/"),
    ("reporter", "/reporters/{reporter}/"),
    ("columns", "/columns/"),
    ("column", "/columns/要闻快览/"),
    ("search", "/search/?q=无锡"),
    ("search-no-results", "/search/?q=没有这样的词语"),
    ("advanced-search", "/search/advanced/"),
    # 修改检索: the advanced page filled in from a search, with the notice that it is
    ("advanced-search-refining", '/search/advanced/?q=正文:无锡 "民企 对接" 园林 OR 地铁 -疫情&year=2023&sort=newest&mode=exact'),
    ("advanced-search-refining-lossy", "/search/advanced/?q=标题:无锡 苏州 园林 OR 梅园 地铁 OR 太湖"),
    ("trend", "/search/trend/?q=无锡&q=集成电路"),
    ("trend-months", "/search/trend/?q=无锡&q=集成电路&year=2023"),
    ("not-found", "/nowhere/"),
    ("article-deleted", "/articles/{deleted}/"),
]
STAFF_PAGES = [
    ("staff-article", "/articles/{article}/"),  # with 编辑
    ("admin-article-change", "/admin/articles/article/{article}/change/"),
    ("admin-article-history", "/admin/articles/article/{article}/history/"),
    ("admin-issue-change", "/admin/articles/issue/{issue}/change/"),
    ("admin-issue-history", "/admin/articles/issue/{issue}/history/"),
    ("admin-person-history", "/admin/articles/person/{reporter}/history/"),
    ("admin-person-change", "/admin/articles/person/{reporter}/change/"),
    ("admin-article-list", "/admin/articles/article/"),
]

# Run in `manage.py shell` once the seeds are in: an editor's corrections, made through the
# curation services as the admin makes them; prints the ids the page list needs.
SETUP = f"""
import datetime as dt, json
from django.contrib.auth.models import User
from articles import curation
from articles.models import Article, Issue, Person
staff = User.objects.create_superuser("a11y", password="{STAFF_PASSWORD}")
article = Article.objects.get(headline__startswith="无锡代表团访问阿联酋艾因市")
curation.article_correct(article=article, changes={{"headline": "无锡代表团访问艾因市 庆祝友好交流五周年"}}, user=staff)
issue = curation.issue_confirm_date(issue=Issue.objects.get(date_issued="2023-06-09"), date=dt.date(2023, 6, 10), user=staff)
gone = Article.objects.get(headline__startswith="我市与阿斯利康")
curation.article_delete(article=gone, user=staff)
print(json.dumps({{"article": article.pk, "issue": issue.pk, "reporter": Person.objects.get(name="高美梅").pk,
                  "deleted": gone.pk}}))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """(base URL, ids for the page list) of the seeded, indexed, corrected archive on gunicorn."""
    data_dir = tmp_path_factory.mktemp("a11y-site")
    env = server_env(data_dir, PORT=str(free_port(PORTS)), WEB_CONCURRENCY="2")
    manage_py(env, ["migrate", "--noinput", "-v0"], ["ingest", "seeds/", "-v0"])
    ids = json.loads(_manage_output(env, ["shell", "--no-imports", "-c", SETUP]).strip().splitlines()[-1])
    manage_py(env, ["ensure_search_index"], ["collectstatic", "--noinput", "-v0"])
    with gunicorn_serving(env, data_dir / "gunicorn.log") as base_url:
        yield base_url, ids


def _manage_output(env, args) -> str:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result.stdout


def screenshot_dir() -> Path:
    data_dir = os.environ.get("NEWSARCHIVE_DATA_DIR")
    folder = Path(data_dir) / "screenshots" if data_dir else BASE_DIR / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def use_size(driver, size: str) -> None:
    width, height = SIZES[size]
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})


def photograph(driver, name: str) -> None:
    content = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": content["width"], "height": min(content["height"], 6000), "scale": 1},
    })
    (screenshot_dir() / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))


def blocking_violations(driver) -> list[str]:
    """axe-core's serious and critical violations on the page now open, one line each."""
    results = Axe().run(driver)
    found = []
    for violation in results["violations"]:
        if violation["impact"] not in BLOCKING_IMPACTS:
            continue
        for node in violation["nodes"]:
            detail = " ".join(node.get("failureSummary", "").split())
            found.append(f"{violation['id']} ({violation['impact']}): {node['target']} {node['html'][:120]} — {detail[:300]}")
    return found


def check_page(driver, base_url: str, size: str, name: str, path: str) -> None:
    driver.get(base_url + urllib.parse.quote(path, safe="/?=&"))
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")
    assert driver.find_element("css selector", "h1").text, f"{name}: no h1"
    scroll_width, inner_width = driver.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]")
    photograph(driver, f"a11y-{size}-{name}")
    problems = blocking_violations(driver)
    assert not problems, f"{name} at {size}, {len(problems)} problems:\n" + "\n".join(problems[:12])
    if not name.startswith("admin-"):  # Django's admin tables may scroll inside themselves
        assert scroll_width <= inner_width, f"{name} scrolls sideways at {size}: {scroll_width} > {inner_width}"


def log_in(driver, base_url: str) -> None:
    driver.get(base_url + "/admin/login/?next=/admin/")
    driver.find_element("id", "id_username").send_keys("a11y")
    driver.find_element("id", "id_password").send_keys(STAFF_PASSWORD)
    driver.find_element("css selector", "#login-form [type=submit]").click()
    WebDriverWait(driver, 30).until(ec.url_to_be(base_url + "/admin/"))


@pytest.mark.parametrize("size", SIZES)
def test_public_pages_have_no_serious_accessibility_violations(site, browser, size):
    base_url, ids = site
    browser.delete_all_cookies()
    use_size(browser, size)
    for name, path in PUBLIC_PAGES:
        check_page(browser, base_url, size, name, path.format(**ids))


@pytest.mark.parametrize("size", SIZES)
def test_staff_pages_and_the_admin_forms_have_no_serious_accessibility_violations(site, browser, size):
    base_url, ids = site
    use_size(browser, size)
    log_in(browser, base_url)
    for name, path in STAFF_PAGES:
        check_page(browser, base_url, size, name, path.format(**ids))
    browser.delete_all_cookies()


def test_the_check_finds_low_contrast_text(site, browser):
    """The axe run is real: grey text like the old empty calendar days (2.25:1) is reported."""
    base_url, _ = site
    use_size(browser, "desktop")
    browser.get(base_url + "/issues/")
    browser.execute_script(
        "const p = document.createElement('p'); p.textContent = '对比度太低的文字';"
        "p.style.color = '#b0aa9c'; p.style.background = '#fdfcf8'; document.querySelector('main').append(p)"
    )
    problems = blocking_violations(browser)
    assert any(line.startswith("color-contrast") and "对比度太低的文字" in line for line in problems), problems
