"""Wagtail's default workflow and its task are named after the group in English ("Moderators
approval"): the Indonesian admin then offers "Ajukan untuk Moderators approval". Rename them,
unless staff already gave them a name of their own."""

from django.db import migrations

OLD, NEW = "Moderators approval", "Persetujuan moderator"


def rename(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=OLD).update(name=NEW)
    apps.get_model("wagtailcore", "Task").objects.filter(name=OLD).update(name=NEW)


def rename_back(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=NEW).update(name=OLD)
    apps.get_model("wagtailcore", "Task").objects.filter(name=NEW).update(name=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0004_search_synonyms"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
