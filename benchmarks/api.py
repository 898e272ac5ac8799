"""Benchmark the content API: queries per request, in-process latency, gunicorn throughput.

    .venv/bin/python benchmarks/api.py [--pages 2000] [--requests 2000] [--threads 16]

Seeds at least --pages pages across every content type into its own SQLite file
(/tmp/layanan-api-bench.sqlite3, reused on later runs) or into DATABASE_URL when it is set,
then prints, for the list and detail endpoints:
- database queries per request (warm, the cache cleared first so it hides nothing);
- median and p95 latency in-process (Django test client, no network);
- requests per second over loopback against gunicorn with 2 workers, from a bounded pool of
  Python threads using http.client on 127.0.0.1 (a fixed number of requests; it stops).
Needs the dev dependencies (factory-boy) for seeding. Figures go in docs/performance.md.
"""

import argparse
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DB = "/tmp/layanan-api-bench.sqlite3"
os.environ.setdefault("DATABASE_URL", f"sqlite:///{BENCH_DB}")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
os.environ.setdefault("DJANGO_MEDIA_ROOT", "/tmp/layanan-api-bench-media")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402

from benchmarks.queries import request_queries  # noqa: E402
from pages.models import AnnouncementPage  # noqa: E402

KINDS = 5  # announcements, events, guides, services, infographics


def seed(pages: int) -> None:
    """Make the home page, its lists and `pages` content pages, unless they exist already."""
    from tests import factories as f

    if Page.objects.filter(depth__gt=3).count() >= pages:
        return
    site = Site.objects.get(is_default_site=True)
    if not isinstance(site.root_page.specific, f.HomePage):
        f.HomePageFactory(site_root=True, publish=False, live=True)
    home = Site.objects.get(is_default_site=True).root_page.specific
    indexes = [
        f.default_index(f.AnnouncementIndexPage, f.AnnouncementIndexPageFactory),
        f.default_index(f.EventIndexPage, f.EventIndexPageFactory),
        f.default_index(f.GuideIndexPage, f.GuideIndexPageFactory),
        f.default_index(f.ServiceIndexPage, f.ServiceIndexPageFactory),
        f.default_index(f.InfographicIndexPage, f.InfographicIndexPageFactory),
    ]
    assert home
    images = [f.ImageFactory(width=1200, height=630) for _ in range(40)]
    categories = [f.CategoryFactory(slug=f"kategori-{n}") for n in range(8)]
    page_factories = [
        f.AnnouncementPageFactory,
        f.EventPageFactory,
        f.GuidePageFactory,
        f.ServicePageFactory,
        f.InfographicPageFactory,
    ]
    started = time.perf_counter()
    for n in range(pages):
        kind = n % KINDS
        extra = {"image": images[n % len(images)]} if kind == 4 else {}
        page_factories[kind](
            parent=indexes[kind],
            publish=False,
            live=True,
            listing_image=images[n % len(images)],
            category=categories[n % len(categories)],
            **extra,
        )
        if n % 500 == 499:
            print(f"  seeded {n + 1} pages ({time.perf_counter() - started:.0f} s)", flush=True)


def in_process(url: str, runs: int) -> tuple[int, float, float]:
    """Return (queries, median ms, p95 ms) for GET `url` in this process."""
    client = Client(HTTP_HOST="127.0.0.1")
    queries = request_queries(client, url)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code in (200, 304)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    return queries, statistics.median(timings), p95


def load(port: int, url: str, total: int, threads: int, headers=None) -> float:
    """Return requests/s for `total` GETs of `url` from `threads` loopback connections."""
    remaining = iter(range(total))
    lock = threading.Lock()
    errors = []

    def worker():
        connection_ = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if next(remaining, None) is None:
                    break
            connection_.request("GET", url, headers=headers or {})
            response = connection_.getresponse()
            response.read()
            if response.status not in (200, 304):
                errors.append(response.status)
        connection_.close()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    elapsed = time.perf_counter() - started
    assert not errors, f"{len(errors)} failed requests, e.g. {errors[:3]}"
    return total / elapsed


def serve(port: int) -> subprocess.Popen:
    """Start gunicorn with 2 workers on 127.0.0.1:`port` and wait until it answers."""
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "cms.wsgi",
            "--workers=2",
            f"--bind=127.0.0.1:{port}",
            "--log-level=warning",
        ],
        cwd=ROOT,
        env=os.environ.copy(),
    )
    for _ in range(100):
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            probe.request("GET", "/healthz")
            if probe.getresponse().status == 200:
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--runs", type=int, default=200, help="in-process GETs per endpoint")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    seed(args.pages)
    total = Page.objects.filter(depth__gt=3).count()
    detail = AnnouncementPage.objects.live().order_by("-pk").first()
    endpoints = {
        "list: announcements, 20, all list fields": (
            "/api/v2/pages/?type=pages.AnnouncementPage&fields=*&limit=20"
        ),
        "list: every page type, 20": "/api/v2/pages/?limit=20",
        "list: upcoming events, 20": "/api/v2/pages/?type=pages.EventPage&upcoming=true&limit=20",
        "detail: one announcement": f"/api/v2/pages/{detail.pk}/",
    }
    database = f"{connection.vendor} ({connection.settings_dict['NAME']})"
    print(f"\n{total} content pages, database {database}")
    print(f"{'endpoint':45} {'queries':>7} {'median ms':>10} {'p95 ms':>8}")
    for name, url in endpoints.items():
        queries, median, p95 = in_process(url, args.runs)
        print(f"{name:45} {queries:7d} {median:10.1f} {p95:8.1f}")

    process = serve(args.port)
    try:
        print(
            f"\ngunicorn, 2 workers, {args.threads} threads x http.client, "
            f"{args.requests} requests each, 127.0.0.1"
        )
        for name, url in endpoints.items():
            load(args.port, url, 50, args.threads)  # warm both workers
            rps = load(args.port, url, args.requests, args.threads)
            print(f"{name:45} {rps:8.0f} requests/s")
        probe = http.client.HTTPConnection("127.0.0.1", args.port)
        probe.request("GET", endpoints["list: announcements, 20, all list fields"])
        response = probe.getresponse()
        response.read()
        etag = response.headers["ETag"]
        rps = load(
            args.port,
            endpoints["list: announcements, 20, all list fields"],
            args.requests,
            args.threads,
            headers={"If-None-Match": etag},
        )
        print(f"{'list: announcements, conditional (304)':45} {rps:8.0f} requests/s")
    finally:
        process.terminate()
        process.wait(timeout=30)


if __name__ == "__main__":
    main()
