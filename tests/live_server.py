"""Real gunicorn for the tests that need the site as `make run` serves it.

One way to prepare a data dir (``manage_py``) and to start, wait for and stop gunicorn with
``gunicorn.conf.py`` (``gunicorn_serving``), shared by the browser, fault, hostile and live
admin tests. Each suite keeps its own port range so suites never take each other's ports.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

needs_chromium = pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason=f"browser tests need {CHROMIUM} and {CHROMEDRIVER} "
    "(Debian packages chromium and chromium-driver; `make test` installs them as root)",
)


def free_port(preferred: range) -> int:
    """A free loopback port: one of ``preferred`` if any is free (so a run never takes a port
    another local service expects), else any."""
    for port in [*preferred, 0]:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError("no free port")


def server_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """This environment without the test run's Django settings, on ``data_dir``, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "DATABASE_URL"}
    env["NEWSARCHIVE_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def manage_py(env: dict[str, str], *steps: list[str], timeout: float = 300) -> None:
    """Run each ``manage.py`` command of ``steps`` in turn; fail the test with its output if one
    fails."""
    for args in steps:
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env,
                                capture_output=True, text=True, timeout=timeout)
        assert result.returncode == 0, f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"


@contextmanager
def gunicorn_serving(env: dict[str, str], log_path: Path, *, startup: float = 60):
    """gunicorn started as `make run` starts it, on ``env``'s PORT, its output in ``log_path``;
    yields the base URL once ``/`` answers 200, and stops it (SIGTERM, then graceful) after."""
    base_url = f"http://127.0.0.1:{env['PORT']}"
    log = open(log_path, "w")
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
                              cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + startup
        while True:
            # Only once OUR gunicorn says it listens: another test run on this machine may have
            # taken the port between free_port() and now, and its server must not pass for ours.
            log.flush()
            if f"Listening at: {base_url}" in log_path.read_text(errors="replace"):
                try:
                    with urllib.request.urlopen(base_url + "/", timeout=5) as response:
                        if response.status == 200:
                            break
                except (urllib.error.URLError, ConnectionError, OSError):
                    pass
            if server.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail(f"gunicorn did not serve {base_url}:\n{log_path.read_text()}")
            time.sleep(0.2)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=40)  # gunicorn.conf.py's graceful_timeout is 30 s
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


@contextmanager
def seeded_site(data_dir: Path, ports: range, setup: str | None = None):
    """The seed pages ingested into ``data_dir`` (static files collected), then ``setup`` (a
    ``manage.py shell`` script; its last printed line, if any, is read as JSON) run, and the site
    served by gunicorn on one of ``ports``: yields ``(base_url, setup's JSON or None)``."""
    env = server_env(data_dir, PORT=str(free_port(ports)), WEB_CONCURRENCY="2")
    manage_py(env, ["migrate", "--noinput", "-v0"], ["ingest", "seeds/", "-v0"], ["collectstatic", "--noinput", "-v0"])
    found = None
    if setup:
        result = subprocess.run([sys.executable, "manage.py", "shell", "--no-imports", "-c", setup], cwd=BASE_DIR,
                                env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stderr
        lines = result.stdout.strip().splitlines()
        found = json.loads(lines[-1]) if lines else None
    with gunicorn_serving(env, data_dir / "gunicorn.log") as base_url:
        yield base_url, found


@contextmanager
def headless_chromium(profile_dir: Path):
    """Debian's Chromium, headless and in Chinese, with its profile in ``profile_dir``; quit after."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile_dir}", "--lang=zh-CN",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(executable_path=str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()


def open_page(driver, url: str) -> None:
    """Load ``url`` in the browser and wait until the document is complete."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(url)
    WebDriverWait(driver, 30).until(lambda d: d.execute_script("return document.readyState") == "complete")


def screenshot(driver, name: str, *, max_height: int = 5000) -> None:
    """Save the whole page (up to ``max_height`` px tall) as ``<data dir>/screenshots/<name>.png``
    (var/screenshots/ by default), for people to look at."""
    import base64

    data_dir = os.environ.get("NEWSARCHIVE_DATA_DIR")
    folder = Path(data_dir) / "screenshots" if data_dir else BASE_DIR / "var" / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], max_height), "scale": 1},
    })
    (folder / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))


def admin_log_in(driver, base_url: str, username: str, password: str, *, width: int, height: int) -> None:
    """A fresh browser session at ``width`` x ``height`` (a phone below 768 px), logged in to
    the admin through its login form."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    driver.delete_all_cookies()
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 768})
    open_page(driver, base_url + "/admin/login/?next=/admin/")
    driver.find_element(By.ID, "id_username").send_keys(username)
    driver.find_element(By.ID, "id_password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "#login-form [type=submit]").click()
    WebDriverWait(driver, 30).until(ec.url_to_be(base_url + "/admin/"))
