from axes.apps import AppConfig as AxesAppConfig
from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ArticlesConfig(AppConfig):
    default = True  # the app's config; AxesConfig below is django-axes'
    name = "articles"
    verbose_name = "文章档案"

    def ready(self):
        from .staff_groups import ensure_after_migrate

        # After every migrate and flush: the editor group exists whenever the database does.
        post_migrate.connect(ensure_after_migrate, sender=self, dispatch_uid="articles.editor_group")


class AxesConfig(AxesAppConfig):
    """django-axes (the staff login lock-out) as its entries are titled in the admin."""

    verbose_name = "登录保护"
