"""Many phones' outboxes flushed at once after an outage: nothing lost, nothing duplicated.

Each simulated device holds complaints queued while the kecamatan's server was unreachable
(the outage: no server listening at all), a share of them with a photo already resized as the
phone does (1600 px, about 300 KB). The devices follow static/js/outbox.js's rules: one
Idempotency-Key per complaint, made on the device; retry on network errors, timeouts, 5xx and
429 with a growing, jittered wait; done only on a 2xx carrying a tracking code. When the outage
ends, gunicorn (production settings, 2 workers) starts on PostgreSQL (or SQLite with --sqlite),
behind a small TCP proxy that, like a weak cell, cuts a share of uploads half way and drops a
share of replies after the server stored the complaint. Prints submitted, stored, duplicates,
lost, devices holding a wrong code, and the time from the end of the outage to an empty outbox
on every device.

    .venv/bin/python benchmarks/outbox.py --devices 200 --per-device 2

Everything stops by itself; the database is dropped afterwards.
"""

import argparse
import contextlib
import http.client
import io
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from complaints_load import (  # noqa: E402
    bench_database,
    drop_bench_database,
    free_port,
    multipart,
    production_env,
)


def phone_photo(seed: int) -> bytes:
    """A 1600x1200 JPEG with detail, at most about 300 KB: what the page uploads."""
    from PIL import Image

    image = Image.effect_noise((1600, 1200), 12 + seed).convert("RGB")
    for quality in (80, 70, 60, 50, 40):
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality)
        if out.tell() <= 300 * 1024:
            break
    return out.getvalue()


class Proxy:
    """Forward 127.0.0.1:listen to the server, cutting uploads and dropping replies at random."""

    def __init__(self, upstream: int, cut: float, drop: float, seed: int = 1):
        self.upstream, self.cut, self.drop = upstream, cut, drop
        self.rng = random.Random(seed)
        self.lock = threading.Lock()
        self.counts = {"forwarded": 0, "cut": 0, "dropped": 0}
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(512)
        self.port = self.sock.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client):
        with self.lock:
            roll = self.rng.random()
        fate = "forwarded"
        if roll < self.cut + self.drop:
            fate = "cut" if roll < self.cut else "dropped"
        with self.lock:
            self.counts[fate] += 1
        try:
            server = socket.create_connection(("127.0.0.1", self.upstream))
        except OSError:
            client.close()
            return
        try:
            if fate == "cut":
                client.settimeout(30)
                sent = 0
                while sent < 4096:  # headers and the start of the body, then the line dies
                    data = client.recv(4096 - sent)
                    if not data:
                        break
                    server.sendall(data)
                    sent += len(data)
                return
            upload = threading.Thread(target=self._pipe, args=(client, server), daemon=True)
            upload.start()
            server.settimeout(120)
            while True:
                data = server.recv(65536)
                if not data:
                    break
                if fate == "dropped":
                    return  # the server answered (it stored it); the phone never hears it
                client.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (client, server):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    @staticmethod
    def _pipe(source, target):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    target.shutdown(socket.SHUT_WR)
                    return
                target.sendall(data)
        except OSError:
            return

    def close(self):
        self.sock.close()


class Device:
    """One phone's outbox, sent with outbox.js's rules."""

    def __init__(self, number, queued, base_wait, max_wait, timeout):
        self.number = number
        self.items = queued  # [{key, body, content_type}]
        self.codes: dict[str, str] = {}
        self.attempts = 0
        self.errors: dict[str, int] = {}
        self.rng = random.Random(number)
        self.base_wait, self.max_wait, self.timeout = base_wait, max_wait, timeout
        self.finished_at = None

    def wait(self, attempts, retry_after=None):
        wait = min(self.max_wait, self.base_wait * 2 ** max(0, attempts - 1))
        wait = wait / 2 + self.rng.random() * wait / 2
        if retry_after and retry_after.isdigit():
            wait = max(wait, min(float(retry_after), self.max_wait * 3))
        return wait

    def run(self, port, stop_at):
        failures = 0
        while self.items and time.monotonic() < stop_at:
            item = self.items[0]
            self.attempts += 1
            status, payload, retry_after = 0, b"", None
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=self.timeout)
                connection.request(
                    "POST",
                    "/api/v1/complaints/",
                    body=item["body"],
                    headers={
                        "Content-Type": item["content_type"],
                        "Idempotency-Key": item["key"],
                        "Accept": "application/json",
                        "Accept-Language": "id",
                        "Host": "127.0.0.1",
                        "X-Forwarded-Proto": "https",
                    },
                )
                response = connection.getresponse()
                status, payload = response.status, response.read()
                retry_after = response.getheader("Retry-After")
                connection.close()
            except (OSError, http.client.HTTPException):
                status = 0
            code = None
            if 200 <= status < 300:
                try:
                    code = json.loads(payload).get("tracking_code")
                except ValueError:
                    code = None
            if code:
                self.codes[item["key"]] = code
                self.items.pop(0)
                failures = 0
                continue
            if status in (400, 409, 413):
                self.errors[f"refused {status}"] = self.errors.get(f"refused {status}", 0) + 1
                self.items.pop(0)  # would go back to the resident; counted as lost below
                continue
            name = "network" if status == 0 else str(status)
            self.errors[name] = self.errors.get(name, 0) + 1
            failures += 1
            time.sleep(self.wait(failures, retry_after))
        self.finished_at = time.monotonic()


def queue(devices, per_device, photo_share, photos, base_wait, max_wait, timeout):
    rng = random.Random(7)
    made = []
    for number in range(devices):
        items = []
        for index in range(per_device):
            fields = {
                "category": rng.choice(["jalan-jembatan", "sampah-kebersihan", "lainnya"]),
                "description": f"Antrean ponsel {number}-{index}: saluran air tersumbat.",
                "location_text": "Desa Sukamaju",
                "privacy": "anonymous",
            }
            if rng.random() < photo_share:
                body, content_type = multipart(fields, photos[(number + index) % len(photos)])
            else:
                boundary = uuid.uuid4().hex
                body = (
                    b"".join(
                        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                        f"{value}\r\n".encode()
                        for name, value in fields.items()
                    )
                    + f"--{boundary}--\r\n".encode()
                )
                content_type = f"multipart/form-data; boundary={boundary}"
            items.append({"key": str(uuid.uuid4()), "body": body, "content_type": content_type})
        made.append(Device(number, items, base_wait, max_wait, timeout))
    return made


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--devices", type=int, default=200)
    parser.add_argument("--per-device", type=int, default=2)
    parser.add_argument("--photo-share", type=float, default=0.3)
    parser.add_argument("--outage", type=float, default=5, help="seconds with no server")
    parser.add_argument("--cut", type=float, default=0.05, help="share of uploads cut half way")
    parser.add_argument("--drop", type=float, default=0.05, help="share of replies lost")
    parser.add_argument("--base-wait", type=float, default=5, help="first retry wait, s")
    parser.add_argument("--max-wait", type=float, default=60, help="longest retry wait, s")
    parser.add_argument("--limit", type=float, default=900, help="give up after, s")
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="layanan-outbox-bench-"))
    database, database_url = bench_database(
        work, f"layanan_outbox_{os.getpid()}", sqlite=args.sqlite
    )
    env = production_env(work, database_url)
    python = sys.executable
    server = proxy = None
    try:
        subprocess.run(
            [python, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
        )
        photos = [phone_photo(seed) for seed in range(4)]
        devices = queue(
            args.devices,
            args.per_device,
            args.photo_share,
            photos,
            args.base_wait,
            args.max_wait,
            timeout=90,
        )
        submitted = sum(len(device.items) for device in devices)
        port = free_port()
        proxy = Proxy(port, args.cut, args.drop)
        stop_at = time.monotonic() + args.outage + args.limit
        threads = [
            threading.Thread(target=device.run, args=(proxy.port, stop_at), daemon=True)
            for device in devices
        ]
        for thread in threads:  # the outage: every first attempt finds no server
            thread.start()
        time.sleep(args.outage)
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
                "--backlog",
                "2048",
            ],
            cwd=ROOT,
            env=env,
        )
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        back = time.monotonic()
        for thread in threads:
            thread.join(max(1, stop_at - time.monotonic()))
        drained = max(device.finished_at or time.monotonic() for device in devices) - back

        keys = [key for device in devices for key in device.codes]
        count = subprocess.run(
            [
                python,
                "manage.py",
                "shell",
                "-c",
                "from cms.complaints.models import Complaint as C; import json; "
                "rows = list(C.objects.exclude(idempotency_key=None)"
                ".values_list('idempotency_key', 'tracking_code')); "
                "print(json.dumps(rows))",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        rows = json.loads(count.stdout.strip().splitlines()[-1])
        stored_codes = {}
        for key, code in rows:
            stored_codes.setdefault(key, []).append(code)
        all_keys = {
            key
            for device in devices
            for key in list(device.codes) + [item["key"] for item in device.items]
        }
        stored = len(rows)
        duplicates = stored - len(stored_codes)
        lost = len(all_keys - set(stored_codes)) + (submitted - len(all_keys))
        wrong = sum(
            1
            for device in devices
            for key, code in device.codes.items()
            if stored_codes.get(key) != [code]
        )
        errors: dict[str, int] = {}
        for device in devices:
            for name, n in device.errors.items():
                errors[name] = errors.get(name, 0) + n
        still_queued = sum(len(device.items) for device in devices)
        backend = "SQLite" if args.sqlite else "PostgreSQL"
        print(
            f"gunicorn 2 workers, {backend}; {args.devices} devices x {args.per_device} queued "
            f"complaints ({args.photo_share:.0%} with a 1600 px photo of about "
            f"{sum(map(len, photos)) // len(photos) // 1024} KB); outage {args.outage:.0f} s; "
            f"proxy cuts {args.cut:.0%} of uploads, drops {args.drop:.0%} of replies"
        )
        print(f"  submitted (queued on devices) : {submitted}")
        print(f"  stored on the server          : {stored}")
        print(f"  duplicates                    : {duplicates}")
        print(f"  lost                          : {lost} (still queued at the end: {still_queued})")
        print(f"  devices showing a wrong code  : {wrong}")
        print(f"  acknowledged on devices       : {len(keys)}")
        print(f"  attempts                      : {sum(d.attempts for d in devices)}")
        print(f"  proxy                         : {proxy.counts}")
        print(f"  failed attempts by kind       : {errors or 'none'}")
        print(f"  time to drain after the outage: {drained:.1f} s")
        ok = duplicates == 0 and lost == 0 and wrong == 0 and stored == submitted
        print("  RESULT                        :", "OK" if ok else "FAILED")
        return 0 if ok else 1
    finally:
        if proxy is not None:
            proxy.close()
        if server is not None:
            server.terminate()
            server.wait(10)
        drop_bench_database(database, sqlite=args.sqlite)


if __name__ == "__main__":
    sys.exit(main())
