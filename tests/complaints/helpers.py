"""Small builders for complaint tests: real services, real images."""

import io
import struct
import zlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from cms.complaints import services
from cms.complaints.models import Complaint, ComplaintCategory

Status = Complaint.Status

VALID = {
    "kind": "pengaduan",
    "category": "jalan-jembatan",
    "description": "Jalan di depan balai desa berlubang besar sejak seminggu.",
    "location_text": "Desa Sukamaju RT 02/RW 01, depan balai desa",
    "reporter_name": "Siti Rahayu",
    "reporter_phone": "0812 3456 7890",
    "reporter_email": "siti.rahayu@contoh.id",
    "privacy": "public",
}
PERSONAL = ("Siti Rahayu", "3456 7890", "34567890", "siti.rahayu@contoh.id")


def category(slug="jalan-jembatan", site=None) -> ComplaintCategory:
    """Return the category of `site` (default: the default site's) with this slug."""
    if site is None:
        return ComplaintCategory.objects.get(site__is_default_site=True, slug=slug)
    return ComplaintCategory.objects.get(site=site, slug=slug)


def submit(**overrides) -> Complaint:
    """Store a complaint through the service, as the form would."""
    data = {key: value for key, value in VALID.items() if key != "category"}
    data.update(overrides)
    slug = data.pop("category", "jalan-jembatan")
    photo = data.pop("photo", None)
    key = data.pop("idempotency_key", None)
    site = data.pop("site", None)
    chosen = category(slug, site)
    complaint, _created = services.complaint_submit(
        site=chosen.site, data=data, category=chosen, photo=photo, idempotency_key=key
    )
    return complaint


def officer(username="petugas", email="petugas@kecamatan.id", **extra):
    user = get_user_model().objects.create_user(username, email, "x", **extra)
    user.groups.add(Group.objects.get(name="Petugas Pengaduan"))
    return user


def advance(complaint, *statuses, actor, **kwargs) -> Complaint:
    """Walk a complaint through `statuses` with valid extra data for each."""
    for status in statuses:
        extra = dict(kwargs)
        if status == Status.ASSIGNED:
            extra.setdefault("assigned_unit", "Seksi Pembangunan")
        if status == Status.REJECTED:
            extra.setdefault("note", "Bukan pengaduan pelayanan publik.")
        if status == Status.NOT_COMPETENT:
            extra.setdefault("referral", "SP4N-LAPOR! di lapor.go.id")
        complaint = services.complaint_change_status(
            complaint=complaint, to=status, officer=actor, **extra
        )
    return complaint


def jpeg_bytes(size=(2400, 1800), exif=None, color=(120, 90, 60)) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, color)
    if exif is not None:
        image.save(out, "JPEG", exif=exif)
    else:
        image.save(out, "JPEG")
    return out.getvalue()


def upload(name="foto.jpg", data=None, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else jpeg_bytes(), content_type)


def gps_exif():
    """Return EXIF with a GPS position, a camera model and an orientation tag."""
    exif = Image.Exif()
    exif[0x0110] = "Phone X"  # Model
    exif[0x0112] = 6  # Orientation: rotate 90
    gps = {1: "S", 2: (6.0, 12.0, 30.0), 3: "E", 4: (106.0, 49.0, 10.0)}
    exif[0x8825] = gps
    return exif


def png_zeros(width=7745, height=7745) -> bytes:
    """A real RGBA PNG of zero pixels (the hostile upload: 60 megapixels in about 230 KB).

    Written row by row through zlib, so making it costs the test no memory; Pillow reads it
    like any PNG (the tests check its header through Pillow).
    """

    def chunk(kind, data):
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    packer = zlib.compressobj(9)
    row = b"\x00" * (1 + width * 4)  # filter byte, then RGBA zeros
    body = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


def migrate_to(target: tuple[str, str]):
    """Migrate the test database to `target` (app, migration); return that state's apps, whose
    models are the ones a migration test may use there."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def migrate_to_latest(app: str = "complaints") -> None:
    """Migrate `app` forward again, where the rest of the suite expects it."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    migrate_to(max(MigrationExecutor(connection).loader.graph.leaf_nodes(app)))
