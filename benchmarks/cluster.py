"""Two app servers behind nginx and Varnish on loopback: docs/scale-out.md, proven.

Starts, all on 127.0.0.1 and each under `timeout` so nothing outlives the run: PostgreSQL (the
machine's; a throwaway database), a Redis of its own, an S3 server (moto), two gunicorn nodes
(A, B) with production settings and a task worker each, nginx from Debian balancing over them
(deploy/nginx/layanan.conf's balancer) and Varnish from Debian in front
(deploy/varnish/layanan.vcl). Then:

1. throughput of a cached page through Varnish, through nginx to the two nodes, and one node;
2. an announcement with an image published on node A: how long until it is listed through
   Varnish and shown by node B, whether the purge reached Varnish (the next request a miss,
   the one after a hit) and whether its image comes from the object store;
3. complaints with photos through the balancer while node A is killed (SIGKILL) and, later,
   Redis is stopped for 10 s: acknowledged = stored, 0 duplicates, 0 lost; no 5xx on pages
   asked of the app meanwhile; a photo read by staff through node B's view.

    .venv/bin/python benchmarks/cluster.py                 # about 3 minutes
    .venv/bin/python benchmarks/cluster.py --seconds 20    # shorter load phase

Ports: the first free ones from 21200 (LAYANAN_PORT_FIRST). Needs nginx, varnishd, redis-server
and PostgreSQL (make deploy-deps installs the first two).
"""

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from complaints_load import jpeg, production_env  # noqa: E402
from faults import Tally, stored_keys, submitter, wait_listening, worker_pids  # noqa: E402

from tests.object_store import ObjectStore, free_port  # noqa: E402

HOST = "kecamatan.test"
LIFETIME = 1800  # seconds: every server stops by itself after this, whatever happens here
PUBLISH = """
import json, time
from tests.factories import AnnouncementPageFactory, ImageFactory
from pages.models import AnnouncementIndexPage
index = AnnouncementIndexPage.objects.get()
image = ImageFactory(title="Foto kerja bakti")
page = AnnouncementPageFactory(parent=index, title="TITLE", slug="SLUG", listing_image=image)
print(json.dumps({"at": time.time(), "url": page.url, "image": image.file.url}))
"""
SITE = """
from wagtail.models import Site
from tests.factories import HomePageFactory, AnnouncementIndexPageFactory
home = HomePageFactory(site_root=True, title="Beranda")
AnnouncementIndexPageFactory(parent=home, title="Pengumuman", slug="pengumuman")
Site.objects.update(hostname="SITEHOST", port=80)
"""
STAFF_PHOTO = """
import json
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from cms.complaints.models import Complaint
from tests.security_client import VerifiedClient
user = get_user_model().objects.create_user("petugas-bench", "p@kecamatan.test", "x")
user.groups.add(Group.objects.get(name="Petugas Pengaduan"))
client = VerifiedClient()
client.force_login(user)
complaint = Complaint.objects.exclude(photo="").order_by("?").first()
url = f"/pengaduan/foto/{complaint.tracking_code}/"
answer = client.get(url, HTTP_HOST="SITEHOST", secure=True)
body = b"".join(answer.streaming_content) if answer.status_code == 200 else b""
jpeg = body[:2] == b"\\xff\\xd8"
print(json.dumps({"status": answer.status_code, "bytes": len(body), "jpeg": jpeg}))
"""


def bounded(args: list[str]) -> list[str]:
    return ["timeout", "-s", "TERM", str(LIFETIME), *args]


def get(port: int, path: str, timeout: float = 10) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": HOST, "Accept-Encoding": "gzip"})
        answer = connection.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read()
    finally:
        connection.close()


def text(status_headers_body) -> str:
    import gzip

    _status, headers, body = status_headers_body
    if headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    return body.decode(errors="replace")


def throughput(port: int, path: str, seconds: float, threads: int = 4) -> float:
    """Requests per second for `path` on `port`, keep-alive connections, `threads` at once."""
    counts, stop = [0] * threads, time.monotonic() + seconds

    def run(slot):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < stop:
            connection.request("GET", path, headers={"Host": HOST, "Accept-Encoding": "gzip"})
            answer = connection.getresponse()
            answer.read()
            if answer.status == 200:
                counts[slot] += 1
        connection.close()

    workers = [threading.Thread(target=run, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(seconds + 30)
    return sum(counts) / seconds


def manage(env: dict, *args: str, check=True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=check,
        timeout=600,
    )


def shell(env: dict, script: str) -> dict:
    done = manage(env, "shell", "-c", script)
    return json.loads(done.stdout.strip().splitlines()[-1])


class Cluster:
    def __init__(self, work: Path, seconds: float):
        self.work, self.seconds = work, seconds
        self.processes: dict[str, subprocess.Popen] = {}
        self.ports: dict[str, int] = {}
        self.database = f"scaleout_cluster_{uuid.uuid4().hex[:8]}"
        self.store = None
        self.logs = []

    def port(self, name: str) -> int:
        self.ports[name] = free_port(avoid=set(self.ports.values()))
        return self.ports[name]

    def start(self, name: str, args: list[str], env=None) -> subprocess.Popen:
        log = open(self.work / f"{name}.log", "wb")  # noqa: SIM115 (closed in stop_all)
        self.logs.append(log)
        process = subprocess.Popen(
            bounded(args), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        self.processes[name] = process
        return process

    def redis(self) -> None:
        self.start(
            "redis",
            ["redis-server", "--port", str(self.ports["redis"]), "--bind", "127.0.0.1"]
            + ["--save", "", "--appendonly", "no"],
        )
        wait_listening(self.ports["redis"])

    def env(self) -> dict:
        env = production_env(self.work, f"postgres://postgres@127.0.0.1:5432/{self.database}")
        env.update(self.store.settings_env("media", "media-private"))
        env.update(
            DJANGO_APP_SERVERS="2",
            REDIS_URL=f"redis://127.0.0.1:{self.ports['redis']}/0",
            DJANGO_TASKS_BACKEND="django_tasks_db.DatabaseBackend",
            DJANGO_SHARED_CACHE_SECONDS="600",
            DJANGO_FRONT_CACHE_PURGE_URLS=f"http://127.0.0.1:{self.ports['varnish']}",
            DJANGO_ALLOWED_HOSTS=f"{HOST},127.0.0.1",
            DJANGO_STATIC_ROOT=str(self.work / "static"),
            DJANGO_NUM_PROXIES="2",
            DJANGO_COMPLAINT_SUBMIT_RATE="1000000",
            DJANGO_LOG_LEVEL="CRITICAL",
            DJANGO_DB_CONN_MAX_AGE="0",
        )
        return env

    def node(self, name: str, env: dict) -> None:
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        self.start(
            name,
            [gunicorn, "cms.wsgi", "-w", "2", "-b", f"127.0.0.1:{self.ports[name]}"]
            + ["--timeout", "60"],
            env,
        )
        self.start(
            f"{name}-tasks",
            [sys.executable, "manage.py", "db_worker", "--interval", "0.1"],
            env,
        )

    def nginx(self) -> None:
        site = (ROOT / "deploy" / "nginx" / "layanan.conf").read_text()
        balancer = site[site.index("upstream layanan_app") :]
        balancer = balancer[: balancer.index("# The public server")]
        balancer += site[site.index("# The balancer") :]
        balancer = balancer.replace("127.0.0.1:8000", f"127.0.0.1:{self.ports['a']}")
        balancer = balancer.replace("127.0.0.1:8001", f"127.0.0.1:{self.ports['b']}")
        balancer = balancer.replace("127.0.0.1:8080", f"127.0.0.1:{self.ports['nginx']}")
        balancer = balancer.replace("/var/log/nginx/", f"{self.work}/")
        balancer = balancer.replace(" layanan;", ";")  # the log format lives in the public part
        (self.work / "nginx.conf").write_text(
            f"daemon off;\nuser root;\nworker_processes 1;\npid {self.work}/nginx.pid;\n"
            f"error_log {self.work}/nginx-error.log;\nevents {{ worker_connections 256; }}\n"
            f"http {{\nclient_body_temp_path {self.work}/body;\n"
            f"proxy_temp_path {self.work}/proxy;\n"
            f"client_body_buffer_size 16m;\n{balancer}\n}}\n"
        )
        self.start("nginx", ["nginx", "-p", str(self.work), "-c", str(self.work / "nginx.conf")])
        wait_listening(self.ports["nginx"])

    def varnish(self) -> None:
        vcl = (ROOT / "deploy" / "varnish" / "layanan.vcl").read_text()
        vcl = vcl.replace('.port = "8080"', f'.port = "{self.ports["nginx"]}"')
        (self.work / "layanan.vcl").write_text(vcl)
        self.start(
            "varnish",
            ["varnishd", "-F", "-j", "none", "-n", str(self.work / "varnish")]
            + ["-a", f"127.0.0.1:{self.ports['varnish']}", "-f", str(self.work / "layanan.vcl")]
            + ["-s", "malloc,64m", "-p", "ban_lurker_sleep=0.1"],
        )
        wait_listening(self.ports["varnish"], 30)

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        for process in self.processes.values():
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
        for log in self.logs:
            log.close()
        if self.store is not None:
            self.store.stop()
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", self.database],
            check=False,
        )


def wait_for(check, seconds: float, step: float = 0.05):
    """Call `check` until it returns something true or `seconds` pass; return it and when."""
    deadline = time.monotonic() + seconds
    while True:
        found = check()
        if found or time.monotonic() > deadline:
            return found, time.time()
        time.sleep(step)


def warm(port: int, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if get(port, "/", timeout=30)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"127.0.0.1:{port} never answered the home page")


def publish_phase(cluster: Cluster, env: dict) -> dict:
    varnish, node_b = cluster.ports["varnish"], cluster.ports["b"]
    get(varnish, "/pengumuman/")
    before = get(varnish, "/pengumuman/")[1].get("x-front-cache")
    title = f"Kerja bakti {uuid.uuid4().hex[:6]}"
    slug = title.lower().replace(" ", "-")
    published = shell(env, PUBLISH.replace("TITLE", title).replace("SLUG", slug))
    seen = {}

    def listed():
        answer = get(varnish, "/pengumuman/")
        if title in text(answer):
            seen["first"] = answer[1].get("x-front-cache")
            return True
        return False

    _ok, via_varnish = wait_for(listed, 10)
    after = get(varnish, "/pengumuman/")[1].get("x-front-cache")
    _ok, via_b = wait_for(lambda: title in text(get(node_b, published["url"])), 10)
    page = text(get(varnish, published["url"]))
    images = re.findall(r'(?:src|srcset)="(http://127\.0\.0\.1:\d+/media/[^" ]+)', page)
    image_status = None
    if images:
        import urllib.request

        with urllib.request.urlopen(images[0], timeout=10) as answer:
            image_status = answer.status
    return {
        "cached before": before,
        "visible via Varnish": via_varnish - published["at"],
        "visible via node B": via_b - published["at"],
        "first answer after publish": seen.get("first"),
        "next answer": after,
        "image from object store": image_status,
        "image url": images[0] if images else None,
    }


def load_phase(cluster: Cluster, env: dict, seconds: float) -> dict:
    """Complaints through the balancer; node A killed at 1/4, Redis stopped 10 s at 1/2."""
    balancer = cluster.ports["nginx"]
    photos = [jpeg(seed) for seed in range(3)]
    tally = Tally()
    pages = {"asked": 0, "5xx": 0}
    stop = threading.Event()
    started = time.monotonic()
    deadline = started + seconds
    submitters = [
        threading.Thread(
            target=submitter, args=(n, balancer, deadline, deadline + 30, photos, tally, 0.5)
        )
        for n in range(4)
    ]

    def reader():
        while not stop.is_set():
            for path in ("/", "/pengumuman/", "/api/v2/pages/"):
                try:
                    status = get(balancer, path, timeout=20)[0]
                except OSError:
                    status = 599
                pages["asked"] += 1
                pages["5xx"] += status >= 500
            time.sleep(0.05)

    readers = [threading.Thread(target=reader)]
    for thread in [*submitters, *readers]:
        thread.start()
    time.sleep(seconds / 4)
    tally.phase = "node A killed"
    node_a = cluster.processes["a"]
    gunicorn_master = [pid for pid in worker_pids(node_a.pid)]  # `timeout` runs gunicorn
    for master in gunicorn_master:
        for pid in [*worker_pids(master), master]:
            os.kill(pid, signal.SIGKILL)
    cluster.processes["a-tasks"].kill()
    time.sleep(max(0, started + seconds / 2 - time.monotonic()))
    tally.phase = "Redis stopped 10 s"
    cluster.processes["redis"].terminate()
    cluster.processes["redis"].wait(10)
    time.sleep(10)
    cluster.redis()
    tally.phase = "Redis back"
    for thread in submitters:
        thread.join(seconds + 90)
    stop.set()
    for thread in readers:
        thread.join(30)

    rows = stored_keys(env)
    stored, acknowledged = set(rows), set(tally.acknowledged)
    return {
        "acknowledged": len(acknowledged),
        "stored": len(rows),
        "duplicates": len(rows)
        - len(stored)
        + sum(1 for codes in tally.acknowledged.values() if len(codes) > 1),
        "lost": len(acknowledged - stored),
        "never acknowledged": len(tally.abandoned),
        "errors, then retried": tally.errors,
        "page requests": pages["asked"],
        "page 5xx": pages["5xx"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=40, help="the load phase")
    parser.add_argument("--throughput-seconds", type=float, default=5)
    args = parser.parse_args()
    for tool in ("nginx", "varnishd", "redis-server", "createdb"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"{tool} is needed (make deploy-deps; apt-get install redis-server)")
    os.environ["PATH"] += ":/usr/sbin"

    work = Path(tempfile.mkdtemp(prefix="layanan-cluster-"))
    cluster = Cluster(work, args.seconds)
    figures = {}
    try:
        clock = time.monotonic()
        for name in ("redis", "a", "b", "nginx", "varnish"):
            cluster.port(name)
        cluster.store = ObjectStore(port=cluster.port("s3"), lifetime=LIFETIME).start()
        cluster.store.create_buckets("media", "media-private")
        cluster.redis()
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", cluster.database])
        env = cluster.env()
        manage(env, "migrate", "--no-input", "-v0")
        manage(env, "collectstatic", "--no-input", "-v0")
        manage(env, "shell", "-c", SITE.replace("SITEHOST", HOST))
        cluster.node("a", env)
        cluster.node("b", env)
        cluster.nginx()
        cluster.varnish()
        for port in (cluster.ports["a"], cluster.ports["b"]):
            wait_listening(port, 60)
            warm(port)
        figures["set-up seconds"] = round(time.monotonic() - clock)

        # 1. A cached page through Varnish, nginx and one node.
        for name in ("varnish", "nginx", "a"):
            get(cluster.ports[name], "/")
        hits = [get(cluster.ports["varnish"], "/")[1].get("x-front-cache") for _ in range(20)]
        figures["home page via Varnish: hits of 20"] = hits.count("hit")
        for name, label in (("varnish", "Varnish"), ("nginx", "nginx, 2 nodes"), ("a", "node A")):
            rate = throughput(cluster.ports[name], "/", args.throughput_seconds)
            figures[f"requests/s, cached home page, {label}"] = round(rate)

        # 2. Publish on A, seen everywhere.
        figures.update(publish_phase(cluster, env))

        # 3. Complaints while node A dies and Redis stops.
        figures.update(load_phase(cluster, env, args.seconds))
        b_env = dict(env)
        figures["staff photo via node B"] = shell(b_env, STAFF_PHOTO.replace("SITEHOST", HOST))
    finally:
        cluster.stop_all()
        shutil.rmtree(work, ignore_errors=True)
        for name, value in figures.items():
            if isinstance(value, float):
                value = f"{value:.2f} s"
            print(f"  {name:<42} {value}")
    ok = (
        figures.get("lost") == 0
        and figures.get("duplicates") == 0
        and figures.get("acknowledged") == figures.get("stored")
        and figures.get("page 5xx") == 0
        and figures.get("visible via Varnish", 99) < 2
        and figures.get("visible via node B", 99) < 2
        and figures.get("first answer after publish") == "miss"
        and figures.get("next answer") == "hit"
    )
    print("  RESULT", "OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
