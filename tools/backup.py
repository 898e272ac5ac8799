"""Back up and restore a Layanan Kecamatan site: PostgreSQL plus object storage or media folders.

    python tools/backup.py backup  FOLDER    # FOLDER must not exist yet
    python tools/backup.py restore FOLDER    # into an empty database and empty buckets/folders

Reads the app's environment (/etc/layanan/env; docs/configuration.md): DATABASE_URL (PostgreSQL:
pg_dump and pg_restore of the same major version must be on PATH), and either the
DJANGO_MEDIA_S3_* variables (both buckets, through boto3) or DJANGO_MEDIA_ROOT and
DJANGO_PRIVATE_MEDIA_ROOT. A backup folder holds `database.dump` (pg_dump's custom format),
`public/` and `private/` (every object or file, by its key) and `manifest.json` (what was
copied, for the restore to check). Complaint photos and the reporters' encrypted details are in
it: keep it where personal data may be (docs/privacy.md). The keys that decrypt them
(DJANGO_PERSONAL_DATA_KEYS) are not in it: keep the environment file apart.

Restoring refuses a database that already has tables or a bucket/folder that is not empty, so a
drill can never overwrite the live site. docs/scale-out.md, section 6;
tests/cms/test_restore_drill.py runs the drill.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

MANIFEST = "manifest.json"
DUMP = "database.dump"


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def database_url() -> str:
    url = env("DATABASE_URL")
    if urlsplit(url).scheme not in ("postgres", "postgresql", "pgsql"):
        sys.exit("DATABASE_URL must name the PostgreSQL database (SQLite: copy db.sqlite3).")
    return url.replace("pgsql://", "postgresql://", 1)


class Buckets:
    """The two upload stores: S3 buckets when DJANGO_MEDIA_S3_BUCKET is set, else folders."""

    def __init__(self):
        self.s3 = bool(env("DJANGO_MEDIA_S3_BUCKET"))
        if self.s3:
            import boto3

            self.client = boto3.client(
                "s3",
                endpoint_url=env("DJANGO_MEDIA_S3_ENDPOINT_URL") or None,
                region_name=env("DJANGO_MEDIA_S3_REGION") or None,
                aws_access_key_id=env("DJANGO_MEDIA_S3_ACCESS_KEY_ID") or None,
                aws_secret_access_key=env("DJANGO_MEDIA_S3_SECRET_ACCESS_KEY") or None,
            )
            self.places = {
                "public": env("DJANGO_MEDIA_S3_BUCKET"),
                "private": env("DJANGO_MEDIA_S3_PRIVATE_BUCKET"),
            }
        else:
            self.places = {
                "public": env("DJANGO_MEDIA_ROOT", "media"),
                "private": env("DJANGO_PRIVATE_MEDIA_ROOT", "private-media"),
            }

    def keys(self, place: str) -> list[str]:
        where = self.places[place]
        if self.s3:
            pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=where)
            return sorted(item["Key"] for page in pages for item in page.get("Contents", []))
        root = Path(where)
        if not root.exists():
            return []
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())

    def download(self, place: str, key: str, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.s3:
            self.client.download_file(self.places[place], key, str(target))
        else:
            shutil.copy2(Path(self.places[place]) / key, target)

    def upload(self, place: str, key: str, source: Path) -> None:
        if self.s3:
            extra = {"ContentType": content_type(key)}
            extra["CacheControl"] = (
                "private, no-store" if place == "private" else "public, max-age=31536000, immutable"
            )
            self.client.upload_file(str(source), self.places[place], key, ExtraArgs=extra)
        else:
            target = Path(self.places[place]) / key
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def content_type(key: str) -> str:
    import mimetypes

    return mimetypes.guess_type(key)[0] or "application/octet-stream"


def backup(folder: Path) -> dict:
    folder.mkdir(parents=True)  # never into an existing folder
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={folder / DUMP}", database_url()],
        check=True,
    )
    stores = Buckets()
    manifest = {"database": DUMP, "objects": {}}
    for place in stores.places:
        keys = stores.keys(place)
        for key in keys:
            stores.download(place, key, folder / place / key)
        manifest["objects"][place] = keys
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1))
    return manifest


def database_is_empty(url: str) -> bool:
    query = "select count(*) from pg_tables where schemaname = 'public'"
    result = subprocess.run(
        ["psql", "-XAtq", "-c", query, url], check=True, capture_output=True, text=True
    )
    return result.stdout.strip() == "0"


def restore(folder: Path) -> dict:
    manifest = json.loads((folder / MANIFEST).read_text())
    url = database_url()
    if not database_is_empty(url):
        sys.exit("The database has tables already: restore into an empty one.")
    stores = Buckets()
    for place in stores.places:
        if stores.keys(place):
            sys.exit(f"The {place} store ({stores.places[place]}) is not empty.")
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={url}", str(folder / DUMP)],
        check=True,
    )
    for place, keys in manifest["objects"].items():
        for key in keys:
            stores.upload(place, key, folder / place / key)
        restored = set(stores.keys(place))
        if not set(keys) <= restored:
            sys.exit(f"{place}: {len(set(keys) - restored)} objects did not come back.")
    return manifest


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("backup", "restore"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    action, folder = argv[1], Path(argv[2])
    manifest = (backup if action == "backup" else restore)(folder)
    counts = ", ".join(f"{len(keys)} {place}" for place, keys in manifest["objects"].items())
    print(f"{action}: database and {counts} objects, {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
