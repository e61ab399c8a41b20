"""Create the staff account `admin` on first run, with a random password kept in a 0600
file under DATA_DIR. Run on every start (make run); once the account exists it changes
nothing, so a password set later through the admin or `changepassword` is kept.
"""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from newsarchive.private_files import replace_private_file

USERNAME = "admin"


class Command(BaseCommand):
    help = "Create the superuser 'admin' with a random password if it does not exist yet."

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        password_file = settings.DATA_DIR / "admin-password.txt"
        User = get_user_model()

        if User.objects.filter(username=USERNAME).exists():
            if verbosity >= 1:
                if password_file.exists():
                    self.stdout.write(
                        f"管理员账号 {USERNAME} 已存在，未作改动；初始密码见 {password_file}"
                    )
                else:
                    self.stdout.write(
                        f"管理员账号 {USERNAME} 已存在，未作改动"
                        f"（可用 manage.py changepassword {USERNAME} 重设密码）"
                    )
            return

        password = secrets.token_urlsafe(16)
        # A file left over from an earlier database is replaced. If writing it fails the
        # user is rolled back, so there is never an admin whose password nobody knows.
        with transaction.atomic():
            User.objects.create_superuser(username=USERNAME, email="", password=password)
            replace_private_file(password_file, password + "\n")
        self.stdout.write(f"管理员账号 {USERNAME} 的密码已写入 {password_file}")
