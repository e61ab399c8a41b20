"""Using the staff admin as a browser would, through Django's test client: read a form's
values from the page, change some, post them back (CSRF enforced), and log in through the
login form. Shared by the admin tests and the tests of what admin actions do to public pages."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import Client

PASSWORD = "a-long-test-password-42"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


class FormReader(HTMLParser):
    """The values a browser would submit for one <form> (by id), as a dict of lists."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.fields: dict[str, list[str]] = {}
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._option_value: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
            return
        if not self.inside or "name" not in a and tag != "option":
            return
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.setdefault(a["name"], []).append(a.get("value", "on" if kind in ("checkbox", "radio") else ""))
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields.setdefault(a["name"], []).append("")
        elif tag == "select":
            self._select, self._select_first, self._select_chosen = a["name"], None, False
        elif tag == "option" and self._select:
            value = a.get("value", "")
            if self._select_first is None:
                self._select_first = value
            if "selected" in a:
                self.fields.setdefault(self._select, []).append(value)
                self._select_chosen = True

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            if not self._select_chosen and self._select_first is not None:
                self.fields.setdefault(self._select, []).append(self._select_first)
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            # A browser drops one newline right after <textarea>.
            current = self.fields[self._textarea][-1]
            if not current and data.startswith("\n"):
                data = data[1:]
            self.fields[self._textarea][-1] = current + data


def read_form(html: str, form_id: str) -> dict[str, list[str]]:
    reader = FormReader(form_id)
    reader.feed(html)
    assert reader.fields, f"no form #{form_id} in the page"
    return reader.fields


def submit(client: Client, url: str, form_id: str, changes: dict | None = None, extra: dict | None = None):
    """GET ``url``, fill in the form as a browser would, change some fields and POST it."""
    page = client.get(url)
    assert page.status_code == 200, page.content[:500]
    data = read_form(page.content.decode(), form_id)
    for name, value in (changes or {}).items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value if isinstance(value, list) else [value]
    data.update(extra or {})
    return client.post(url, data)


def log_in(username: str, password: str = PASSWORD) -> Client:
    client = Client(enforce_csrf_checks=True)
    response = submit(client, "/admin/login/?next=/admin/", "login-form",
                      {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client




def editor_logged_in(username: str = "meili") -> Client:
    """A new staff member of the 编辑 (editor) group, logged in through the login form."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="editor"))
    return log_in(username)


def ingest_seed_copy(folder: Path) -> str:
    """The seed pages copied into ``folder`` and ingested from there (so a test can change a
    file and ingest it again); returns the command's output."""
    shutil.copytree(SEEDS, folder)
    out = StringIO()
    call_command("ingest", str(folder), stdout=out, stderr=StringIO())
    return out.getvalue()
