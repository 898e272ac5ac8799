"""A production-like server for the benchmarks: gunicorn, production settings, demo content.

`production_server()` prepares a throwaway site in a temporary folder (SQLite unless
DATABASE_URL is set, the demo content from `load_demo` run with benchmarks/demo_settings.py,
`collectstatic` into it), starts gunicorn with production settings (DEBUG off, WhiteNoise with
hashed, compressed static files, a random secret key) on a free loopback port, and stops it
afterwards.

Uploaded images are served the way docs/production.md has nginx serve them (`/media/images/`
and `/media/original_images/` with `expires 7d`), by the small WSGI wrapper at the end of
this file, so a browser sees the same headers it would in production.
"""

import contextlib
import mimetypes
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
MEDIA_MAX_AGE = 7 * 24 * 3600  # nginx `expires 7d`
mimetypes.add_type("image/avif", ".avif")
mimetypes.add_type("image/webp", ".webp")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(workdir: Path) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_PERSONAL_DATA_KEYS": Fernet.generate_key().decode(),
        "DJANGO_PERSONAL_DATA_HASH_KEY": secrets.token_urlsafe(32),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",  # plain HTTP on loopback, as behind nginx
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_STATIC_ROOT": str(workdir / "static"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_BASE_URL": "http://127.0.0.1",
    }
    env.setdefault("DATABASE_URL", f"sqlite:///{workdir / 'db.sqlite3'}")
    env.pop("DJANGO_DEBUG", None)
    return env


def prepare(env: dict) -> None:
    manage = [sys.executable, str(ROOT / "manage.py")]
    # Production settings install no demo app: load_demo alone runs with them plus the demo,
    # into a throwaway database, so its refusal of production-like settings is overridden.
    with_demo = {**env, "DJANGO_SETTINGS_MODULE": "benchmarks.demo_settings"}
    for command, command_env in (
        (["migrate", "--no-input", "-v", "0"], env),
        (["load_demo", "--unsafe-create-staff-with-published-passwords"], with_demo),
        (["collectstatic", "--no-input", "-v", "0"], env),
    ):
        subprocess.run(manage + command, env=command_env, cwd=ROOT, check=True, capture_output=True)


def get(url: str, headers: dict | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@contextlib.contextmanager
def production_server(
    workers: int = 2, port: int | None = None, threads: int = 1, extra_env: dict | None = None
):
    """Yield (base_url, gunicorn master pid); everything is removed afterwards.

    `port` on 127.0.0.1, else a free one; `threads` above 1 runs gunicorn's threaded workers;
    `extra_env` is added to the production environment (REDIS_URL, a setting).
    """
    with (
        prepared_site(extra_env) as (env, workdir),
        gunicorn(env, workdir, workers=workers, port=port, threads=threads) as served,
    ):
        yield served


@contextlib.contextmanager
def prepared_site(extra_env: dict | None = None):
    """Yield (environment, folder) of a throwaway production-like site, removed afterwards."""
    workdir = Path(tempfile.mkdtemp(prefix="layanan-bench-"))
    env = {**production_env(workdir), **(extra_env or {})}
    try:
        print(f"Preparing a production-like site in {workdir} (migrate, load_demo, collectstatic)")
        prepare(env)
        yield env, workdir
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


@contextlib.contextmanager
def gunicorn(env: dict, workdir: Path, workers: int = 2, port: int | None = None, threads: int = 1):
    """Serve the site prepared in `workdir`; yield (base_url, master pid), then stop it."""
    port = port or free_port()
    log = open(workdir / "gunicorn.log", "wb")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "benchmarks.prodlike:application",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(f"{base_url}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError((workdir / "gunicorn.log").read_text())
            time.sleep(0.3)
        yield base_url, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def worker_pids(master_pid: int) -> list[int]:
    """Return the pids of the gunicorn workers (children of the master)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master_pid:
            pids.append(int(stat.parent.name))
    return sorted(pids)


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def demo_urls(base_url: str) -> dict[str, str]:
    """Return {name: path} for one page of every type in the demo, found by following links."""
    urls = {"home": "/"}
    sections = {
        "announcements": ("/pengumuman/", "announcement"),
        "infographics": ("/infografis/", "infographic"),
        "guides": ("/panduan/", "guide"),
        "services": ("/layanan/", "service"),
        "events": ("/kegiatan/", "event"),
    }
    for index_name, (path, detail_name) in sections.items():
        urls[index_name] = path
        status, body = get(base_url + path)
        if status != 200:
            continue
        match = re.search(rf'class="card__title"><a href="({re.escape(path)}[^"]+)"', body.decode())
        if match:
            urls[detail_name] = match.group(1)
    urls["search"] = "/cari/"
    return urls


# -- the WSGI application gunicorn runs --------------------------------------------------


def _media_app(django_app, media_root: Path):
    public = ("/media/images/", "/media/original_images/")

    def application(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if not path.startswith("/media/"):
            return django_app(environ, start_response)
        target = (media_root / path[len("/media/") :]).resolve()
        if not path.startswith(public) or media_root not in target.parents or not target.is_file():
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"Not found"]
        body = target.read_bytes()
        start_response(
            "200 OK",
            [
                (
                    "Content-Type",
                    mimetypes.guess_type(target.name)[0] or "application/octet-stream",
                ),
                ("Content-Length", str(len(body))),
                ("Cache-Control", f"max-age={MEDIA_MAX_AGE}"),
            ],
        )
        return [body] if environ.get("REQUEST_METHOD") != "HEAD" else [b""]

    return application


def _load_application():
    if "gunicorn" not in sys.argv[0]:
        return None
    from django.conf import settings

    from cms.wsgi import application as django_app

    return _media_app(django_app, Path(settings.MEDIA_ROOT).resolve())


application = _load_application()
