"""Settings as a deployment sees them: state under NEWSARCHIVE_DATA_DIR, and a secret key
that is generated once, private to its owner, and overridable from the environment."""

import os
import stat
import subprocess
import sys
from pathlib import Path

from newsarchive.private_files import create_private_file

BASE_DIR = Path(__file__).resolve().parent.parent
PRINT_SECRET_KEY = "from django.conf import settings; print(settings.SECRET_KEY)"


def test_first_start_creates_private_secret_key_and_reuses_it(manage):
    manage("check")

    key_file = manage.data_dir / "secret_key"
    assert key_file.is_file()
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text().strip()
    assert len(key) >= 50

    manage("check")
    assert key_file.read_text().strip() == key
    assert manage.python(PRINT_SECRET_KEY).strip() == key


def test_django_secret_key_from_environment_wins(manage):
    manage("check")
    stored = (manage.data_dir / "secret_key").read_text().strip()

    env_key = "from-env-" + "x" * 50

    assert manage.python(PRINT_SECRET_KEY, env={"DJANGO_SECRET_KEY": env_key}).strip() == env_key
    assert (manage.data_dir / "secret_key").read_text().strip() == stored


def test_secret_key_file_is_not_written_when_key_comes_from_environment(manage):
    manage("check", env={"DJANGO_SECRET_KEY": "from-env-" + "y" * 50})

    assert not (manage.data_dir / "secret_key").exists()


def test_processes_starting_together_agree_on_one_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env["NEWSARCHIVE_DATA_DIR"] = str(tmp_path)
    code = "from newsarchive import settings; print(settings.SECRET_KEY)"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", code], cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(8)
    ]
    keys = {process.communicate(timeout=60)[0].strip() for process in processes}

    assert [process.returncode for process in processes] == [0] * 8
    assert keys == {(tmp_path / "secret_key").read_text().strip()}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret_key"]


def test_database_and_static_files_live_under_data_dir(manage):
    printed = manage.python(
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['NAME']); print(settings.STATIC_ROOT); "
        "print(settings.SEARCH_INDEX_DIR)"
    )

    data_dir = manage.data_dir.resolve()
    assert printed.split() == [
        str(data_dir / "db.sqlite3"),
        str(data_dir / "static"),
        str(data_dir / "whoosh_index"),
    ]


def test_sqlite_connections_use_wal(manage):
    printed = manage.python(
        "from django.db import connection; c = connection.cursor(); "
        "print(c.execute('PRAGMA journal_mode').fetchone()[0])"
    )

    assert printed.strip() == "wal"


def test_create_private_file_never_overwrites(tmp_path):
    target = tmp_path / "secret"

    assert create_private_file(target, "first") is True
    assert create_private_file(target, "second") is False

    assert target.read_text() == "first"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["secret"]  # no temp files left behind
