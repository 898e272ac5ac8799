"""A real server with the demo kecamatan, and Debian's Chromium driven by Playwright.

The server is the one `make run` starts (dev settings, runserver) on its own SQLite file,
so these tests see the site exactly as a newcomer does.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    """Without Chromium, browser tests skip locally but fail in CI (REQUIRE_BROWSER=1)."""
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError(f"Chromium not found at {CHROMIUM}; run `make browser-deps`.")
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM}")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


# Filled by `demo_server`: where its SQLite database lives (tests count stored complaints there).
DEMO = {}


def free_port() -> int:
    """Return a free port: any, or one of TEST_PORT_RANGE ("21500-21599") on a shared machine."""
    first, _dash, last = os.environ.get("TEST_PORT_RANGE", "0-0").partition("-")
    for port in range(int(first), int(last or first) + 1):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"No free port in TEST_PORT_RANGE={os.environ['TEST_PORT_RANGE']}")


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """Return the base URL of a dev server serving the demo content; stop it afterwards."""
    workdir = tmp_path_factory.mktemp("demo-server")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(workdir / "media"),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(workdir / "private-media"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_DEBUG": "false",  # the real error pages, as in production
        # Every browser test submits from 127.0.0.1: the per-address hourly limit would end them.
        "DJANGO_COMPLAINT_SUBMIT_RATE": "0",
        "DJANGO_SURVEY_SUBMIT_RATE": "0",
    }
    DEMO["database"] = workdir / "db.sqlite3"
    DEMO["env"] = env  # for `manage.py shell` steps a test takes as staff (demo_manage)
    env.pop("REDIS_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--no-input", "-v", "0"], ["load_demo"]):
        subprocess.run(manage + command, env=env, cwd=ROOT, check=True, capture_output=True)
    port = free_port()
    log = open(workdir / "server.log", "wb")  # noqa: SIM115 (closed below)
    server = subprocess.Popen(
        manage + ["runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"{base_url}/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                log.close()
                raise RuntimeError((workdir / "server.log").read_text()) from None
            time.sleep(0.2)
    yield base_url
    server.terminate()
    try:
        server.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()
    shutil.rmtree(workdir / "media", ignore_errors=True)


def demo_manage(*command: str) -> str:
    """Run a management command against the demo server's database; return its output."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *command],
        env=DEMO["env"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageWatcher:
    """Record console errors and every request that leaves the demo server."""

    def __init__(self, page, base_url):
        self.page = page
        self.host = urlparse(base_url).netloc
        self.console_errors = []
        self.outside_requests = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(str(error)))
        # Nothing outside this machine is reachable; record and refuse such requests.
        page.route("**/*", self._route)

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text)

    def _route(self, route):
        url = route.request.url
        if urlparse(url).netloc != self.host and not url.startswith("data:"):
            self.outside_requests.append(url)
            route.abort()
        else:
            route.continue_()


@pytest.fixture
def watched_page(browser, demo_server):
    """Return (page, watcher) on a phone-sized viewport, in a fresh context."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID")
    page = context.new_page()
    watcher = PageWatcher(page, demo_server)
    yield page, watcher
    context.close()
