"""The "editor" group: archive editors may correct articles, bylines, reporters, issues, pages
and local words (and see their history), but not manage users or groups.

``editor_group_ensure`` creates it. Migration 0003 calls it (with the migration's historical
models), and so does a ``post_migrate`` handler (``articles.apps``): ``manage.py flush`` (and a
test database emptied that way) deletes every row, the group too, then sends ``post_migrate``,
so the group is back whenever the database is usable, not only after the first migrate.
"""

from __future__ import annotations

GROUP = "editor"
PERMISSIONS = {
    "article": ("view", "change", "delete"),
    "byline": ("view", "add", "change", "delete"),
    "person": ("view", "change"),
    "issue": ("view", "change"),
    "page": ("view", "change"),
    "localword": ("view", "add", "change", "delete"),
    "paper": ("view", "change"),
    "delivery": ("view",),
    "deliveryfile": ("view", "change"),
}


MODELS_ADDED_LATER = ("paper", "delivery", "deliveryfile")


def editor_group_ensure(*, apps=None, using: str = "default"):
    """Create the editor group with its permissions if there is none; return it.

    An existing group is left as it is: a superuser may have changed its permissions on
    purpose. ``apps`` is a migration's historical app registry (default: the live models).
    """
    if apps is None:
        from django.apps import apps
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, created = Group.objects.using(using).get_or_create(name=GROUP)
    if created:
        codenames = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]
        group.permissions.add(
            *Permission.objects.using(using).filter(content_type__app_label="articles", codename__in=codenames)
        )
    else:
        # Models added after the group was made (papers, deliveries): their permissions, once,
        # while the group has none of that model's (a superuser's own choices stay).
        for model in MODELS_ADDED_LATER:
            perms = Permission.objects.using(using).filter(content_type__app_label="articles", content_type__model=model)
            if not group.permissions.filter(pk__in=perms.values("pk")).exists():
                group.permissions.add(*perms.filter(codename__in=[f"{a}_{model}" for a in PERMISSIONS[model]]))
    return group


def ensure_after_migrate(sender, app_config=None, using="default", apps=None, **kwargs):
    """``post_migrate`` receiver (after auth's, which creates the permissions it needs)."""
    editor_group_ensure(apps=apps, using=using)
