from django.db import migrations


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="security", model="personaldataaccess"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_personaldataaccess",
        defaults={"name": "Can view personal data access"},
    )
    Group.objects.get_or_create(name="Admin")[0].permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("security", "0002_access_log")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
