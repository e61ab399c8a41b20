"""The "editor" group: archive editors may correct articles, bylines, reporters, issues, pages
and local words (and see their history), but not manage users or groups."""

from django.db import migrations

GROUP = "editor"
PERMISSIONS = {
    "article": ("view", "change", "delete"),
    "byline": ("view", "add", "change", "delete"),
    "person": ("view", "change"),
    "issue": ("view", "change"),
    "page": ("view", "change"),
    "localword": ("view", "add", "change", "delete"),
}


def create_editor_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran (post_migrate); create them
    # now so the group gets them on a fresh database too.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    codenames = [f"{action}_{model}" for model, actions in PERMISSIONS.items() for action in actions]
    group.permissions.add(*Permission.objects.filter(content_type__app_label="articles", codename__in=codenames))


def remove_editor_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_article_version_localword"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editor_group, remove_editor_group)]
