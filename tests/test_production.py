"""Production settings as a browser, a crawler, a cache and an operator see them: security
headers and CSP, robots and caching policy by URL, and `check --deploy` with DEBUG off."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article, Issue

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

# What `check --deploy` still reports when the site is served over plain HTTP: each of
# these can only be satisfied by TLS in front of the site (README, "Production settings").
TLS_ONLY_WARNINGS = {"security.W004", "security.W008", "security.W012", "security.W016"}


@pytest.fixture
def archive(db):
    call_command("ingest", str(SEEDS), stdout=StringIO(), stderr=StringIO())
    return {"issue": Issue.objects.order_by("date_issued").first(), "article": Article.objects.order_by("pk").first()}


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def test_pages_carry_a_csp_that_forbids_inline_script_and_other_origins(client, archive):
    response = client.get("/")
    assert response.status_code == 200
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/", "/admin/login/"])
def test_security_headers_on_public_and_staff_pages(client, archive, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "Content-Security-Policy" in response


def test_rendered_pages_hold_no_inline_script_or_style(client, archive):
    """The CSP would block them, so a page that has one is broken for readers."""
    for url in ["/", archive["issue"].get_absolute_url(), archive["article"].get_absolute_url(), "/admin/login/"]:
        html = client.get(url).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, f"inline script on {url}: {tag}"
        assert "<style" not in html, f"inline style element on {url}"


@pytest.mark.parametrize("url", ["/search/?q=无锡", "/api/search/?q=无锡", "/search/"])
def test_search_pages_tell_crawlers_not_to_index_them(client, archive, url):
    response = client.get(url)
    assert response["X-Robots-Tag"] == "noindex"


def test_robots_txt_keeps_crawlers_out_of_search(client, archive):
    response = client.get("/robots.txt")
    if response.status_code == 404:
        pytest.xfail("robots.txt comes with the browsing pages (issue 3)")
    assert response.status_code == 200
    lines = [line.strip() for line in response.content.decode().splitlines()]
    assert "Disallow: /search/" in lines


def test_issue_and_article_pages_are_revalidated_on_every_visit(client, archive):
    """A correction must reach a reader at once: caches keep the pages only to revalidate."""
    for url in [archive["issue"].get_absolute_url(), archive["article"].get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 200
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"public", "no-cache"} <= cache_control and "max-age=300" not in cache_control, url
        assert "Cookie" in response["Vary"]
        etag = response["ETag"]
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304, url
        assert again.content == b""


def test_staff_views_of_public_pages_are_not_publicly_cached(client, archive, django_user_model):
    staff = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    client.force_login(staff)
    response = client.get(archive["article"].get_absolute_url())
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")
    assert {"private", "no-cache"} <= {part.strip() for part in response["Cache-Control"].split(",")}


def test_missing_pages_and_admin_are_not_publicly_cached(client, archive):
    assert "public" not in client.get("/articles/999999/").get("Cache-Control", "")
    assert "public" not in client.get("/admin/login/").get("Cache-Control", "")


def deploy_check_codes(manage, env) -> set[str]:
    result = manage("check", "--deploy", env=env, check=False)
    return set(re.findall(r"\((security\.[WE]\d+)\)", result.stdout + result.stderr)), result


def test_deploy_check_with_debug_off_leaves_only_what_tls_must_satisfy(manage):
    codes, result = deploy_check_codes(manage, {"DJANGO_DEBUG": None})
    assert result.returncode == 0, result.stderr
    assert codes == TLS_ONLY_WARNINGS


def test_deploy_check_behind_https_proxy_is_clean(manage):
    env = {"DJANGO_SECURE_HTTPS": "1", "DJANGO_HSTS_INCLUDE_SUBDOMAINS": "1", "DJANGO_HSTS_PRELOAD": "1"}
    codes, result = deploy_check_codes(manage, env)
    assert result.returncode == 0, result.stderr
    assert codes == set()
    assert "no issues" in result.stdout


def test_https_mode_marks_cookies_secure_and_sends_hsts(manage):
    printed = manage.python(
        "from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)",
        env={"DJANGO_SECURE_HTTPS": "1"},
    )
    assert printed.split() == ["True", "True", "True", str(60 * 60 * 24 * 365)]
    printed = manage.python(
        "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    )
    assert printed.split() == ["False", "0"]


def test_allowed_hosts_come_from_the_environment(manage):
    printed = manage.python(
        "from django.conf import settings; print(settings.DEBUG, settings.ALLOWED_HOSTS)",
        env={"DJANGO_ALLOWED_HOSTS": "archive.example.cn, www.archive.example.cn"},
    )
    assert printed.strip() == "False ['archive.example.cn', 'www.archive.example.cn']"


@pytest.mark.django_db
def test_suite_runs_on_the_database_named_by_database_url():
    """`make test-postgres` must really exercise PostgreSQL, not fall back to SQLite."""
    import os

    from django.db import connection

    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected
    assert Issue.objects.count() == 0  # and the test database is usable
