"""Complaint submissions under load while the servers behind them fail: nothing lost or doubled.

Starts a Redis of its own and gunicorn (production settings, 2 workers, Redis as the cache,
PostgreSQL, or SQLite with --sqlite), both on 127.0.0.1 only, then submitter threads post
complaints (JSON, a share multipart with a photo) each with its own Idempotency-Key, and
retry with the same key on any error or cut connection, as the phone's outbox does. During
the run, one fault after the other, each followed by a quiet stretch:

1. one gunicorn worker is killed (SIGKILL, in the middle of whatever it was doing);
2. gunicorn reloads (SIGHUP to the master: every worker replaced);
3. Redis stops, and starts again (empty) a stretch later.

At the end it compares what the server acknowledged with what the database holds:
acknowledged, stored, duplicates (one key stored twice), lost (acknowledged, not stored).
The goal is acknowledged = stored, 0 duplicates, 0 lost. The per-client limit stays on (set
high: every thread comes from 127.0.0.1), so its counting runs through the Redis outage too.

    .venv/bin/python benchmarks/faults.py --seconds 75 --submitters 6

Bounded in time (--seconds, plus at most --grace for retries) and stops everything it started;
the database is dropped afterwards. Ports: gunicorn on the first free of --port..--port+9,
Redis on --redis-port.
"""

import argparse
import http.client
import json
import os
import random
import shutil
import signal
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
    complaint_body,
    drop_bench_database,
    jpeg,
    post,
    production_env,
)

FAULTS = ["worker killed", "gunicorn reloaded (HUP)", "Redis stopped", "Redis started again"]


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def wait_listening(port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not listening(port):
        if time.monotonic() > deadline:
            raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")
        time.sleep(0.05)


def first_free(port: int, count: int = 10) -> int:
    for candidate in range(port, port + count):
        if not listening(candidate):
            return candidate
    raise RuntimeError(f"no free port in {port}..{port + count - 1}")


class Redis:
    """A redis-server of our own on 127.0.0.1 (no persistence), stopped and started on demand."""

    def __init__(self, port: int):
        self.port, self.process = port, None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
        wait_listening(self.port)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


def worker_pids(master: int) -> list[int]:
    """Return the gunicorn workers of `master` (its children), from /proc."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:
            children.append(int(stat.parent.name))
    return sorted(children)


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.phase = "before faults"
        self.acknowledged: dict[str, set] = {}  # key -> tracking codes answered for it
        self.abandoned: set[str] = set()  # keys never acknowledged before the end
        self.errors: dict[str, dict[str, int]] = {}  # phase -> {status or "network": n}
        self.answers: dict[str, int] = {}  # phase -> acknowledgements
        self.slowest: dict[str, float] = {}  # phase -> longest wait from first send to answer

    def error(self, kind: str):
        with self.lock:
            per_phase = self.errors.setdefault(self.phase, {})
            per_phase[kind] = per_phase.get(kind, 0) + 1

    def ack(self, key: str, code: str, waited: float):
        with self.lock:
            self.acknowledged.setdefault(key, set()).add(code)
            self.answers[self.phase] = self.answers.get(self.phase, 0) + 1
            self.slowest[self.phase] = max(self.slowest.get(self.phase, 0), waited)


def submitter(number, port, deadline, hard_deadline, photos, tally, photo_share):
    """Post complaints until `deadline`; retry each with its key until acknowledged."""
    rng = random.Random(number)
    while time.monotonic() < deadline:
        key = str(uuid.uuid4())
        body, content_type = complaint_body(
            rng, number, photos, photo_share, f"Uji gangguan {number}: lampu jalan mati"
        )
        pause, first_sent = 0.1, time.monotonic()
        while True:
            try:
                status, payload = post(port, body, content_type, key, timeout=20)
            except (OSError, http.client.HTTPException):
                tally.error("network")
            else:
                if status in (200, 201):
                    code = json.loads(payload)["tracking_code"]
                    tally.ack(key, code, time.monotonic() - first_sent)
                    break
                tally.error(str(status))
            if time.monotonic() > hard_deadline:
                with tally.lock:
                    tally.abandoned.add(key)
                break
            time.sleep(pause)
            pause = min(pause * 2, 2)


def warm_up(port: int, seconds: float = 60) -> None:
    """Wait until both workers answer (a first request loads the whole application)."""
    deadline = time.monotonic() + seconds
    answered = 0
    while answered < 4 and time.monotonic() < deadline:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request(
                "GET",
                "/api/v1/complaint-categories/",
                headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"},
            )
            answered += connection.getresponse().status == 200
        except (OSError, http.client.HTTPException):
            time.sleep(0.2)
        finally:
            connection.close()


def stored_keys(env: dict) -> list[str]:
    """Return the Idempotency-Key of every stored complaint (one entry per row)."""
    script = (
        "import json; from cms.complaints.models import Complaint as C; "
        "print(json.dumps(list(C.objects.values_list('idempotency_key', flat=True))))"
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_faults(master, redis, tally, seconds, stop):
    """Make the faults at even steps of the run, naming the phase for the tally."""
    step = seconds / (len(FAULTS) + 1)
    for fault in FAULTS:
        if stop.wait(step):
            return
        with tally.lock:
            tally.phase = fault
        if fault == "worker killed":
            workers = worker_pids(master.pid)
            if workers:  # one worker of ours, by its process id
                os.kill(workers[0], signal.SIGKILL)
        elif fault.startswith("gunicorn reloaded"):
            master.send_signal(signal.SIGHUP)
        elif fault == "Redis stopped":
            redis.stop()
        elif fault == "Redis started again":
            redis.start()
        print(f"  {time.strftime('%H:%M:%S')}  {fault}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=75)
    parser.add_argument("--grace", type=float, default=30, help="longest retry after the end")
    parser.add_argument("--submitters", type=int, default=6)
    parser.add_argument("--photo-share", type=float, default=0.2)
    parser.add_argument("--port", type=int, default=8140)
    parser.add_argument("--redis-port", type=int, default=6391)
    parser.add_argument("--sqlite", action="store_true", help="SQLite instead of PostgreSQL")
    args = parser.parse_args()
    if shutil.which("redis-server") is None:
        sys.exit("redis-server is needed (apt install redis-server)")
    if listening(args.redis_port):
        sys.exit(f"something already listens on 127.0.0.1:{args.redis_port}")

    work = Path(tempfile.mkdtemp(prefix="layanan-faults-bench-"))
    database, database_url = bench_database(
        work, f"layanan_faults_{uuid.uuid4().hex[:8]}", sqlite=args.sqlite
    )
    env = production_env(work, database_url)
    env.update(
        REDIS_URL=f"redis://127.0.0.1:{args.redis_port}/4",
        DJANGO_COMPLAINT_SUBMIT_RATE="1000000",
        DJANGO_LOG_LEVEL="CRITICAL",  # the outage warnings would drown the figures
    )
    redis, server, stop = Redis(args.redis_port), None, threading.Event()
    log = open(work / "gunicorn.log", "wb")  # noqa: SIM115 (closed below)
    try:
        redis.start()
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        port = first_free(args.port)
        server = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "cms.wsgi", "-w", "2"]
            + ["-b", f"127.0.0.1:{port}", "--timeout", "60", "--graceful-timeout", "20"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_listening(port, 60)
        warm_up(port)
        photos = [jpeg(seed) for seed in range(3)]
        tally = Tally()
        started = time.monotonic()
        deadline = started + args.seconds
        threads = [
            threading.Thread(
                target=submitter,
                args=(n, port, deadline, deadline + args.grace, photos, tally, args.photo_share),
            )
            for n in range(args.submitters)
        ]
        faults = threading.Thread(
            target=run_faults, args=(server, redis, tally, args.seconds, stop)
        )
        for thread in [*threads, faults]:
            thread.start()
        for thread in threads:
            thread.join(args.seconds + args.grace + 60)
        stop.set()
        faults.join(30)
        elapsed = time.monotonic() - started

        rows = stored_keys(env)
        stored = set(rows)
        acknowledged = set(tally.acknowledged)
        duplicates = len(rows) - len(stored)
        split = sum(1 for codes in tally.acknowledged.values() if len(codes) > 1)
        lost = acknowledged - stored
        backend = "SQLite" if args.sqlite else "PostgreSQL"
        print(
            f"gunicorn 2 workers, {backend}, Redis cache, {args.submitters} submitters, "
            f"{elapsed:.0f} s, {args.photo_share:.0%} with a photo"
        )
        print(f"  {'phase':<26} {'acknowledged':>12} {'longest wait':>12}  errors (then retried)")
        for phase in ["before faults", *FAULTS]:
            errors = tally.errors.get(phase) or "none"
            slowest = f"{tally.slowest.get(phase, 0):.1f} s"
            print(f"  {phase:<26} {tally.answers.get(phase, 0):>12} {slowest:>12}  {errors}")
        print(f"  acknowledged            : {len(acknowledged)}")
        print(f"  stored                  : {len(rows)}")
        print(f"  duplicates              : {duplicates} (keys answered with 2 codes: {split})")
        print(f"  lost                    : {len(lost)}")
        print(
            f"  never acknowledged      : {len(tally.abandoned)} "
            f"(stored anyway: {len(tally.abandoned & stored)})"
        )
        ok = not lost and duplicates == 0 and split == 0 and len(stored) == len(acknowledged)
        ok = ok and not (stored - acknowledged)
        print("  RESULT                  :", "OK" if ok else "FAILED (lost or duplicated)")
        return 0 if ok else 1
    finally:
        stop.set()
        if server is not None:
            server.terminate()
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                server.kill()
        redis.stop()
        log.close()
        drop_bench_database(database, sqlite=args.sqlite)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
