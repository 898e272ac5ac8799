"""Load test of complaint submission: concurrent residents with photos, retries, no loss.

Starts gunicorn (production settings, 2 workers) on 127.0.0.1 against a fresh PostgreSQL
database (or SQLite with --sqlite), then N submitter threads post complaints for a bounded
time: multipart with a real JPEG photo for a share of them, JSON for the rest, each with its
own Idempotency-Key. Like a phone on a bad network, every submitter resends some
submissions with the same key after getting an answer, and retries on errors and timeouts.
At the end it prints submissions per second, p50/p95 latency, and compares what the server
acknowledged with what the database holds: stored must equal acknowledged, duplicates zero.

    .venv/bin/python benchmarks/complaints_load.py --seconds 20 --submitters 8

Everything stops by itself; the database is dropped afterwards.
"""

import argparse
import http.client
import io
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def jpeg(seed: int) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (2000, 1500), (seed * 37 % 255, 120, 80))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def multipart(fields: dict, photo: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        header = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(f"{header}{value}\r\n".encode())
    parts.append(
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; '
            'filename="foto.jpg"\r\nContent-Type: image/jpeg\r\n\r\n'
        ).encode()
        + photo
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies: list[float] = []
        self.acknowledged: dict[str, str] = {}  # idempotency key -> tracking code
        self.codes_per_key: dict[str, set] = {}
        self.errors: dict[str, int] = {}
        self.resends = 0

    def error(self, kind: str):
        with self.lock:
            self.errors[kind] = self.errors.get(kind, 0) + 1


def post(port, body, content_type, key, timeout=30):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(
            "POST",
            "/api/v1/complaints/",
            body=body,
            headers={
                "Content-Type": content_type,
                "Idempotency-Key": key,
                "Host": "127.0.0.1",
                "X-Forwarded-Proto": "https",
            },
        )
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def complaint_body(rng, number, photos, photo_share, description):
    """Return (body, content type) of one complaint: JSON, or multipart with a photo."""
    fields = {
        "category": rng.choice(["jalan-jembatan", "sampah-kebersihan", "lainnya"]),
        "description": f"{description} (RT {rng.randint(1, 20)}).",
        "location_text": "Desa Sukamaju",
        "privacy": "anonymous",
    }
    if rng.random() < photo_share:
        return multipart(fields, photos[number % len(photos)])
    return json.dumps(fields).encode(), "application/json"


def submitter(number, port, deadline, photos, stats, photo_share, resend_share):
    rng = random.Random(number)
    while time.monotonic() < deadline:
        key = str(uuid.uuid4())
        body, content_type = complaint_body(
            rng, number, photos, photo_share, f"Uji beban {number}: jalan berlubang"
        )
        sends = 2 if rng.random() < resend_share else 1
        sent = 0
        attempts = 0
        while sent < sends and attempts < 10:
            attempts += 1
            started = time.monotonic()
            try:
                status, payload = post(port, body, content_type, key)
            except (OSError, http.client.HTTPException):
                stats.error("network")
                time.sleep(0.2)
                continue
            elapsed = time.monotonic() - started
            if status in (200, 201):
                code = json.loads(payload)["tracking_code"]
                with stats.lock:
                    stats.latencies.append(elapsed)
                    stats.acknowledged[key] = code
                    stats.codes_per_key.setdefault(key, set()).add(code)
                    if sent:
                        stats.resends += 1
                sent += 1
            else:
                stats.error(str(status))
                time.sleep(0.2)


def bench_database(work: Path, name: str, *, sqlite: bool) -> tuple[str, str]:
    """Create the benchmark's throwaway database; return its name and DATABASE_URL."""
    if sqlite:
        return name, f"sqlite:///{work / 'bench.sqlite3'}"
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    return name, f"postgres://postgres@127.0.0.1:5432/{name}"


def drop_bench_database(name: str, *, sqlite: bool) -> None:
    if not sqlite:
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=False
        )


def production_env(work: Path, database_url: str) -> dict:
    """Return the environment of a throwaway production server (fresh keys, no rate limit)."""
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        DJANGO_SECRET_KEY=uuid.uuid4().hex * 2,
        DJANGO_PERSONAL_DATA_KEYS=Fernet.generate_key().decode(),
        DJANGO_PERSONAL_DATA_HASH_KEY=uuid.uuid4().hex,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=database_url,
        DJANGO_MEDIA_ROOT=str(work / "media"),
        DJANGO_PRIVATE_MEDIA_ROOT=str(work / "private"),
        DJANGO_COMPLAINT_SUBMIT_RATE="0",
        DJANGO_LOG_LEVEL="ERROR",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--submitters", type=int, default=8)
    parser.add_argument("--photo-share", type=float, default=0.5)
    parser.add_argument("--resend-share", type=float, default=0.1)
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="layanan-complaints-bench-"))
    database, database_url = bench_database(
        work, f"layanan_bench_{os.getpid()}", sqlite=args.sqlite
    )
    env = production_env(work, database_url)
    python = sys.executable
    server = None
    try:
        subprocess.run(
            [python, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
        )
        port = free_port()
        server = subprocess.Popen(
            [
                str(Path(python).parent / "gunicorn"),
                "cms.wsgi",
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{port}",
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=env,
        )
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        photos = [jpeg(seed) for seed in range(4)]
        stats = Stats()
        deadline = time.monotonic() + args.seconds
        started = time.monotonic()
        threads = [
            threading.Thread(
                target=submitter,
                args=(n, port, deadline, photos, stats, args.photo_share, args.resend_share),
            )
            for n in range(args.submitters)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(args.seconds + 120)
        elapsed = time.monotonic() - started

        count = subprocess.run(
            [
                python,
                "manage.py",
                "shell",
                "-c",
                "from cms.complaints.models import Complaint as C; import json; "
                "print(json.dumps({'stored': C.objects.exclude(idempotency_key=None).count(), "
                "'keys': C.objects.values('idempotency_key').distinct().count(), "
                "'photos': C.objects.exclude(photo='').count()}))",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        stored = json.loads(count.stdout.strip().splitlines()[-1])
        latencies = sorted(stats.latencies)
        duplicates = stored["stored"] - stored["keys"]
        split_keys = sum(1 for codes in stats.codes_per_key.values() if len(codes) > 1)
        acknowledged = len(stats.acknowledged)
        backend = "SQLite" if args.sqlite else "PostgreSQL"
        print(
            f"gunicorn 2 workers, {backend}, {args.submitters} submitters, {args.seconds:.0f} s, "
            f"{args.photo_share:.0%} with a 2000x1500 JPEG photo, {args.resend_share:.0%} resent"
        )
        print(f"  acknowledged complaints : {acknowledged}")
        print(f"  stored complaints       : {stored['stored']} ({stored['photos']} with photo)")
        print(
            f"  duplicates              : {duplicates} (keys answered with 2 codes: {split_keys})"
        )
        print(f"  resends answered        : {stats.resends}")
        print(f"  submissions per second  : {acknowledged / elapsed:.1f}")
        if latencies:
            p95 = latencies[int(len(latencies) * 0.95) - 1]
            print(
                f"  latency p50 / p95       : {statistics.median(latencies) * 1000:.0f} ms / "
                f"{p95 * 1000:.0f} ms"
            )
        print(f"  non-2xx / network errors: {stats.errors or 'none'}")
        ok = stored["stored"] == acknowledged and duplicates == 0 and split_keys == 0
        print("  RESULT                  :", "OK" if ok else "FAILED (lost or duplicated)")
        return 0 if ok else 1
    finally:
        if server is not None:
            server.terminate()
            server.wait(10)
        drop_bench_database(database, sqlite=args.sqlite)


if __name__ == "__main__":
    sys.exit(main())
