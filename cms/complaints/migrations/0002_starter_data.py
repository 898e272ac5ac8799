"""Starter data a kecamatan edits in the admin: categories, holidays, the officers' group."""

import datetime

from django.db import migrations

CATEGORIES = [
    # slug, Indonesian, English
    ("jalan-jembatan", "Jalan dan jembatan", "Roads and bridges"),
    ("penerangan-jalan", "Penerangan jalan", "Street lighting"),
    ("sampah-kebersihan", "Sampah dan kebersihan", "Waste and cleanliness"),
    ("air-drainase", "Air bersih dan drainase", "Water and drainage"),
    ("adminduk", "Administrasi kependudukan (KTP, KK, akta)", "Civil registration (ID, family card)"),
    ("layanan-kantor", "Pelayanan kantor kecamatan", "Service at the kecamatan office"),
    ("bantuan-sosial", "Bantuan sosial", "Social assistance"),
    ("ketertiban", "Keamanan dan ketertiban", "Public order and safety"),
    ("kesehatan", "Kesehatan dan posyandu", "Health and posyandu"),
    ("pendidikan", "Pendidikan", "Education"),
    ("dana-desa", "Dana desa dan pembangunan desa", "Village funds and development"),
]

# Public holidays and collective leave (cuti bersama) for 2026 as set by the joint decree of
# three ministers (SKB 3 Menteri) for 2026, and the fixed-date holidays of 2027. Staff check and
# complete the list every year in the admin (Pengaduan > Hari libur); docs/complaints.md.
HOLIDAYS = [
    ("2026-01-01", "Tahun Baru 2026 Masehi"),
    ("2026-01-16", "Isra Mikraj Nabi Muhammad SAW"),
    ("2026-02-16", "Cuti bersama Tahun Baru Imlek"),
    ("2026-02-17", "Tahun Baru Imlek 2577 Kongzili"),
    ("2026-03-18", "Cuti bersama Hari Suci Nyepi"),
    ("2026-03-19", "Hari Suci Nyepi (Tahun Baru Saka 1948)"),
    ("2026-03-20", "Cuti bersama Idul Fitri 1447 H"),
    ("2026-03-21", "Idul Fitri 1447 H"),
    ("2026-03-22", "Idul Fitri 1447 H"),
    ("2026-03-23", "Cuti bersama Idul Fitri 1447 H"),
    ("2026-03-24", "Cuti bersama Idul Fitri 1447 H"),
    ("2026-04-03", "Wafat Yesus Kristus"),
    ("2026-04-05", "Kebangkitan Yesus Kristus (Paskah)"),
    ("2026-05-01", "Hari Buruh Internasional"),
    ("2026-05-14", "Kenaikan Yesus Kristus"),
    ("2026-05-15", "Cuti bersama Kenaikan Yesus Kristus"),
    ("2026-05-27", "Idul Adha 1447 H"),
    ("2026-05-28", "Cuti bersama Idul Adha 1447 H"),
    ("2026-05-31", "Hari Raya Waisak 2570 BE"),
    ("2026-06-01", "Hari Lahir Pancasila"),
    ("2026-06-16", "Tahun Baru Islam 1448 H"),
    ("2026-08-17", "Hari Kemerdekaan Republik Indonesia"),
    ("2026-08-25", "Maulid Nabi Muhammad SAW"),
    ("2026-12-24", "Cuti bersama Hari Raya Natal"),
    ("2026-12-25", "Hari Raya Natal"),
    ("2027-01-01", "Tahun Baru 2027 Masehi"),
    ("2027-05-01", "Hari Buruh Internasional"),
    ("2027-06-01", "Hari Lahir Pancasila"),
    ("2027-08-17", "Hari Kemerdekaan Republik Indonesia"),
    ("2027-12-25", "Hari Raya Natal"),
]

STAFF_GROUP = "Petugas Pengaduan"
STAFF_PERMISSIONS = [
    ("complaints", "complaint", ["view", "change", "add"]),
    ("complaints", "complaintevent", ["view", "add"]),
    ("complaints", "replytemplate", ["view", "add", "change", "delete"]),
    ("complaints", "complaintcategory", ["view"]),
    ("complaints", "holiday", ["view"]),
]


def forwards(apps, schema_editor):
    Category = apps.get_model("complaints", "ComplaintCategory")
    Holiday = apps.get_model("complaints", "Holiday")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")

    for order, (slug, name, name_en) in enumerate(CATEGORIES):
        Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en, "sort_order": order}
        )
    Category.objects.get_or_create(
        slug="lainnya", defaults={"name": "Lainnya", "name_en": "Other", "is_other": True}
    )
    for day, name in HOLIDAYS:
        Holiday.objects.get_or_create(
            date=datetime.date.fromisoformat(day), defaults={"name": name}
        )

    group, _ = Group.objects.get_or_create(name=STAFF_GROUP)
    # Permissions are created after migrations; make sure ours exist now.
    for app_label, model, actions in STAFF_PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in actions:
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            group.permissions.add(permission)
    complaint_type = ContentType.objects.get(app_label="complaints", model="complaint")
    personal, _ = Permission.objects.get_or_create(
        content_type=complaint_type,
        codename="view_personal_data",
        defaults={"name": "Can see reporters' personal data"},
    )
    group.permissions.add(personal)
    admin_type, _ = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    group.permissions.add(access_admin)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=STAFF_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
