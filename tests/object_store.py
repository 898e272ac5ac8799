"""A real S3-compatible server on loopback for tests, the restore drill and benchmarks/cluster.py.

moto in server mode (`python -m moto.server`) speaks the S3 protocol over HTTP as AWS does;
boto3 and django-storages talk to it exactly as to a provider's object storage. It runs under
`timeout`, so it stops by itself if whoever started it dies, and listens on 127.0.0.1 only.
"""

import contextlib
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

# Ports this project's test servers may use (docs/testing.md); the first free one is taken.
PORTS = range(
    int(os.environ.get("TEST_SERVER_PORT_FIRST", "21200")),
    int(os.environ.get("TEST_SERVER_PORT_LAST", "21399")) + 1,
)
ACCESS_KEY = "test-access-key"
SECRET_KEY = "test-secret-key"
REGION = "us-east-1"
POLICY = Path(__file__).resolve().parent.parent / "deploy" / "s3-public-bucket-policy.json"
LIFETIME = 900  # seconds at most, whatever happens to the test run


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def free_port(avoid=()) -> int:
    for port in PORTS:
        if port in avoid:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {PORTS.start}..{PORTS.stop - 1}")


class ObjectStore:
    """A moto S3 server of our own; `settings_env()` is what the app reads (docs/scale-out.md)."""

    def __init__(self, port: int | None = None, lifetime: int = LIFETIME):
        self.port = port or free_port()
        self.lifetime = lifetime
        self.process = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "ObjectStore":
        self.process = subprocess.Popen(
            ["timeout", str(self.lifetime), sys.executable, "-m", "moto.server"]
            + ["-H", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while not listening(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"moto did not start on 127.0.0.1:{self.port}")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.process.wait(10)
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(5)
            self.process = None

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
        )

    def create_buckets(self, public: str, private: str) -> None:
        """Make both buckets as docs/scale-out.md says: anyone may read the public bucket's
        images (deploy/s3-public-bucket-policy.json), nothing else without credentials."""
        client = self.client()
        client.create_bucket(Bucket=public)
        client.create_bucket(Bucket=private)
        policy = POLICY.read_text().replace("MEDIA_BUCKET", public)
        client.put_bucket_policy(Bucket=public, Policy=policy)

    def keys(self, bucket: str) -> list[str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=bucket)
        return sorted(item["Key"] for page in pages for item in page.get("Contents", []))

    def settings_env(self, bucket: str, private_bucket: str) -> dict[str, str]:
        """Return the DJANGO_MEDIA_S3_* variables for these buckets on this server."""
        return {
            "DJANGO_MEDIA_S3_BUCKET": bucket,
            "DJANGO_MEDIA_S3_PRIVATE_BUCKET": private_bucket,
            "DJANGO_MEDIA_S3_ENDPOINT_URL": self.endpoint,
            "DJANGO_MEDIA_S3_REGION": REGION,
            "DJANGO_MEDIA_S3_ACCESS_KEY_ID": ACCESS_KEY,
            "DJANGO_MEDIA_S3_SECRET_ACCESS_KEY": SECRET_KEY,
            "DJANGO_MEDIA_S3_ADDRESSING_STYLE": "path",
            "DJANGO_MEDIA_S3_PUBLIC_URL": f"{self.endpoint}/{bucket}",
        }

    def storages(self, bucket: str, private_bucket: str) -> dict:
        """Return STORAGES as cms/settings/base.py makes them from `settings_env()`."""
        from unittest import mock

        from cms.settings.base import s3_storages

        with mock.patch.dict(os.environ, self.settings_env(bucket, private_bucket)):
            made = s3_storages()
        return {
            "default": made["default"],
            "private": made["private"],
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
