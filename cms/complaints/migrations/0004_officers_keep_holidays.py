"""Complaint officers keep the holiday list (the staff guide asks them to), and get starter replies."""

from django.db import migrations

REPLIES = [
    (
        "Sudah diterima dan diteruskan",
        "Terima kasih atas laporan Anda. Laporan sudah kami periksa dan kami teruskan kepada unit "
        "yang berwenang. Kami akan mengabarkan perkembangannya melalui halaman lacak pengaduan.",
    ),
    (
        "Sedang ditindaklanjuti",
        "Petugas kami sudah meninjau lokasi dan penanganan sedang berjalan. Perkiraan selesai: "
        "[isi tanggal].",
    ),
    (
        "Selesai ditangani",
        "Masalah yang Anda laporkan sudah selesai ditangani. Jika ternyata belum selesai, "
        "silakan buka kembali pengaduan ini dari halaman lacak dalam 14 hari.",
    ),
    (
        "Bukan wewenang kecamatan",
        "Hal ini di luar wewenang kecamatan. Silakan sampaikan kepada instansi yang berwenang "
        "atau melalui SP4N-LAPOR! di www.lapor.go.id (SMS 1708).",
    ),
]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReplyTemplate = apps.get_model("complaints", "ReplyTemplate")
    group = Group.objects.filter(name="Petugas Pengaduan").first()
    if group is not None:
        content_type, _ = ContentType.objects.get_or_create(app_label="complaints", model="holiday")
        for action in ("add", "change", "delete"):
            permission, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_holiday",
                defaults={"name": f"Can {action} holiday"},
            )
            group.permissions.add(permission)
    if not ReplyTemplate.objects.exists():
        for title, text in REPLIES:
            ReplyTemplate.objects.create(title=title, text=text)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0003_resident_confirmed_blank")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
