"""The restore drill (docs/scale-out.md, section 6): back a site up, restore it into an empty
database and empty buckets, and read pages, an image and a complaint back from the copy.

Real pieces throughout: PostgreSQL's pg_dump and pg_restore, a moto S3 server on loopback,
tools/backup.py as the operator runs it, and the app reading the restored copy in a process of
its own. PostgreSQL only (the database is dumped as it is committed; one test: a transactional
test empties the database afterwards).
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

from tests.complaints.helpers import jpeg_bytes, submit, upload
from tests.factories import HomePageFactory, ImageFactory, StandardPageFactory
from tests.object_store import ObjectStore

ROOT = Path(__file__).resolve().parents[2]

READ_BACK = """
import json
from wagtail.images.models import Image
from wagtail.models import Page
from cms.complaints.models import Complaint
complaint = Complaint.objects.get()
image = Image.objects.get()
with image.file.open("rb") as handle:
    image_bytes = len(handle.read())
with complaint.photo.open("rb") as handle:
    photo_bytes = len(handle.read())
print(json.dumps({
    "pages": sorted(Page.objects.live().filter(depth__gt=1).values_list("title", flat=True)),
    "image": [image.title, image_bytes],
    "complaint": [complaint.tracking_code, complaint.reporter_name, complaint.reporter_phone],
    "photo_bytes": photo_bytes,
}))
"""


def database_url(name: str) -> str:
    settings = connection.settings_dict
    auth = settings["USER"] + (f":{settings['PASSWORD']}" if settings["PASSWORD"] else "")
    return f"postgres://{auth}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{name}"


def run(args, **env):
    clean = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_M")}
    return subprocess.run(
        args, env={**clean, **env}, cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump needs PostgreSQL")
def test_a_backup_restores_into_an_empty_database_and_buckets(tmp_path):
    pytest.importorskip("moto")
    store = ObjectStore().start()
    target_db = f"scaleout_drill_{uuid.uuid4().hex[:8]}"
    try:
        store.create_buckets("live-media", "live-private")
        store.create_buckets("drill-media", "drill-private")
        with override_settings(STORAGES=store.storages("live-media", "live-private")):
            home = HomePageFactory(site_root=True, title="Beranda Drill")
            StandardPageFactory(parent=home, title="Profil Kecamatan")
            ImageFactory(title="Peta desa")
            complaint = submit(photo=upload(data=jpeg_bytes(size=(640, 480))))

        live = store.settings_env("live-media", "live-private")
        source = database_url(connection.settings_dict["NAME"])
        backup = run(
            [sys.executable, "tools/backup.py", "backup", str(tmp_path / "b")],
            DATABASE_URL=source,
            **live,
        )
        assert backup.returncode == 0, backup.stderr

        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", target_db], check=True)
        drill = {**store.settings_env("drill-media", "drill-private")}
        target = database_url(target_db)
        restore = run(
            [sys.executable, "tools/backup.py", "restore", str(tmp_path / "b")],
            DATABASE_URL=target,
            **drill,
        )
        assert restore.returncode == 0, restore.stderr
        # Never over a live site: a second restore into the same place is refused.
        again = run(
            [sys.executable, "tools/backup.py", "restore", str(tmp_path / "b")],
            DATABASE_URL=target,
            **drill,
        )
        assert again.returncode != 0 and "empty" in again.stderr

        read = run(
            [sys.executable, "manage.py", "shell", "-c", READ_BACK],
            DATABASE_URL=target,
            DJANGO_SETTINGS_MODULE="cms.settings.test",
            **drill,
        )
        assert read.returncode == 0, read.stderr
        found = json.loads(read.stdout.strip().splitlines()[-1])
        assert found["pages"] == ["Beranda Drill", "Profil Kecamatan"]
        assert found["image"][0] == "Peta desa" and found["image"][1] > 0
        # The reporter's details decrypt with the same keys; the photo is in the new bucket.
        assert found["complaint"] == [
            complaint.tracking_code,
            complaint.reporter_name,
            complaint.reporter_phone,
        ]
        stored = store.client().head_object(Bucket="live-private", Key=complaint.photo.name)
        assert found["photo_bytes"] == stored["ContentLength"] > 0
        assert store.keys("drill-private") == store.keys("live-private") == [complaint.photo.name]
    finally:
        store.stop()
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", target_db],
            check=False,
        )
