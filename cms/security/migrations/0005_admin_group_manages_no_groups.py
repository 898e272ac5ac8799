"""The Admin group loses its permissions on groups: only superusers manage groups
(cms.security.users.SuperuserOnlyPolicy; docs/privacy.md, Roles). Given back on reversal."""

from django.db import migrations

ACTIONS = ["add", "change", "delete", "view"]


def _group_permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(
        content_type__app_label="auth", codename__in=[f"{a}_group" for a in ACTIONS]
    )


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    admin = Group.objects.filter(name="Admin").first()
    if admin is not None:
        admin.permissions.remove(*_group_permissions(apps))


def backwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    admin = Group.objects.filter(name="Admin").first()
    if admin is not None:
        admin.permissions.add(*_group_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [("security", "0004_access_log_nik_and_requests")]
    operations = [migrations.RunPython(forwards, backwards)]
