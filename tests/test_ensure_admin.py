"""`manage.py ensure_admin`, run by `make run` on every start: the first run creates the
superuser `admin` with a random password in a private file; later runs change nothing."""

import stat

CHECK_ADMIN = """
import os
from django.contrib.auth import get_user_model
user = get_user_model().objects.get(username="admin")
print(user.is_superuser, user.is_staff, user.check_password(os.environ["ADMIN_PASSWORD"]))
print(user.password)
"""


def test_first_run_creates_admin_with_private_password_file(manage):
    manage("migrate", "--noinput")

    result = manage("ensure_admin")

    password_file = manage.data_dir / "admin-password.txt"
    assert f"管理员账号 admin 的密码已写入 {password_file.resolve()}" in result.stdout
    assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
    password = password_file.read_text().strip()
    assert len(password) >= 16

    checked = manage.python(CHECK_ADMIN, env={"ADMIN_PASSWORD": password})
    assert checked.splitlines()[0] == "True True True"


def test_second_run_keeps_the_password(manage):
    manage("migrate", "--noinput")
    manage("ensure_admin")
    password_file = manage.data_dir / "admin-password.txt"
    password = password_file.read_text().strip()
    before = manage.python(CHECK_ADMIN, env={"ADMIN_PASSWORD": password})

    result = manage("ensure_admin")

    assert "已存在" in result.stdout
    assert str(password_file.resolve()) in result.stdout
    assert password_file.read_text().strip() == password
    after = manage.python(CHECK_ADMIN, env={"ADMIN_PASSWORD": password})
    assert after == before  # same password hash: nothing was reset


def test_each_data_dir_gets_its_own_random_password(manage, tmp_path):
    manage("migrate", "--noinput")
    manage("ensure_admin")
    first = (manage.data_dir / "admin-password.txt").read_text()

    other = tmp_path / "other"
    manage("migrate", "--noinput", env={"NEWSARCHIVE_DATA_DIR": str(other)})
    manage("ensure_admin", env={"NEWSARCHIVE_DATA_DIR": str(other)})

    assert (other / "admin-password.txt").read_text() != first
