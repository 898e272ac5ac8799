"""A keyed hash of the reporter's name beside the encrypted name, so staff who may see personal
data find a reporter's complaints by typing the whole name (docs/privacy.md)."""

from django.db import migrations, models


def hash_existing_names(apps, schema_editor):
    """Fill the hash for complaints stored before it existed (the name decrypts on read)."""
    from cms.complaints.hashing import lookup_hash

    Complaint = apps.get_model("complaints", "Complaint")
    changed = []
    for complaint in Complaint.objects.only("pk", "reporter_name").iterator():
        if not complaint.reporter_name:
            continue
        complaint.reporter_name_hash = lookup_hash(complaint.reporter_name, "name")
        changed.append(complaint)
    Complaint.objects.bulk_update(changed, ["reporter_name_hash"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0009_location_encrypted")]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="reporter_name_hash",
            field=models.CharField(blank=True, db_index=True, editable=False, max_length=64),
        ),
        migrations.RunPython(hash_existing_names, migrations.RunPython.noop),
    ]
