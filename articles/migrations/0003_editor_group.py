"""The "editor" group (``articles.staff_groups``): archive editors may correct articles, bylines,
reporters, issues, pages and local words (and see their history), but not manage users or groups."""

from django.db import migrations

from articles.staff_groups import GROUP, editor_group_ensure


def create_editor_group(apps, schema_editor):
    # Permissions are normally created after all migrations ran (post_migrate); create them
    # now so the group gets them on a fresh database too.
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    editor_group_ensure(apps=apps, using=schema_editor.connection.alias)


def remove_editor_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_article_version_localword"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editor_group, remove_editor_group)]
