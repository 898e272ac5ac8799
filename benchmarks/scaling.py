"""How the content API and the list pages cost with 10, 1,000 and 10,000 announcements.

    .venv/bin/python benchmarks/scaling.py [--sizes 10,1000,10000] [--runs 20]

Builds a throwaway site in an in-memory SQLite database (test settings), then grows the
announcement list to each size and prints, for the API list (20 with every field), the API
detail of the newest, the announcement list page (its first and its last page) and the home
page (which shows the latest announcements):

- queries of one request with the cache cleared first (nothing hidden by it);
- median and p95 time of `--runs` uncached requests (the cache cleared before each: the
  render a reader pays after a publish), and the median of cached ones (hits);
- the peak of Python memory allocated during one uncached request (tracemalloc) and the
  process's resident memory after the size is measured.

The first ten announcements are made with the factories (images, a category); the rest are
copies of the first, written in bulk (the page tree's rows and the announcement rows), since
making 10,000 pages through Wagtail one by one would take most of an hour. Goal (issue 14):
queries constant, time and memory flat from 10 to 10,000.
"""

import argparse
import os
import statistics
import sys
import time
import tracemalloc
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
API_LIST = "/api/v2/pages/?type=pages.AnnouncementPage&fields=*&limit=20"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")


def add_copies(index, template, count: int) -> None:
    """Add `count` live copies of the announcement `template` under `index`, in bulk."""
    from django.db import connection
    from wagtail.models import Page

    from pages.models import AnnouncementPage

    base = Page.objects.get(pk=template.pk)
    index = Page.objects.get(pk=index.pk)
    fields = [f.attname for f in Page._meta.concrete_fields if f.attname != "id"]
    first_step = index.numchild + 1
    pages = []
    for step in range(first_step, first_step + count):
        page = Page(**{name: getattr(base, name) for name in fields})
        page.slug = f"salinan-{step}"
        page.title = page.draft_title = f"{base.title} ({step})"
        page.path = Page._get_path(index.path, index.depth + 1, step)
        page.url_path = f"{index.url_path}{page.slug}/"
        page.translation_key = uuid.uuid4()
        page.numchild = 0
        pages.append(page)
    created = Page.objects.bulk_create(pages, batch_size=500)
    table = AnnouncementPage._meta.db_table
    columns = [f.column for f in AnnouncementPage._meta.local_concrete_fields]
    copied = ", ".join(connection.ops.quote_name(c) for c in columns[1:])
    sql = (
        f"INSERT INTO {table} ({connection.ops.quote_name(columns[0])}, {copied}) "
        f"SELECT %s, {copied} FROM {table} WHERE {connection.ops.quote_name(columns[0])} = %s"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [(page.pk, template.pk) for page in created])
    Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)


def measure(client, url: str, runs: int) -> dict:
    from django.core.cache import cache

    from benchmarks.queries import request_queries

    queries = request_queries(client, url)
    uncached = []
    for _ in range(runs):
        cache.clear()
        started = time.perf_counter()
        client.get(url)
        uncached.append((time.perf_counter() - started) * 1000)
    hits = []
    for _ in range(runs):
        started = time.perf_counter()
        client.get(url)
        hits.append((time.perf_counter() - started) * 1000)
    cache.clear()
    tracemalloc.start()
    client.get(url)
    _size, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    uncached.sort()
    return {
        "queries": queries,
        "median": statistics.median(uncached),
        "p95": uncached[max(0, int(len(uncached) * 0.95) - 1)],
        "hit": statistics.median(hits),
        "peak_kb": peak / 1024,
    }


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,1000,10000")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)

    from pages.models import AnnouncementPage
    from tests import factories as f

    home = f.default_home()
    index = f.default_index(f.AnnouncementIndexPage, f.AnnouncementIndexPageFactory)
    image = f.ImageFactory(width=1200, height=630)
    category = f.CategoryFactory(slug="kesehatan")
    made = 0
    for _ in range(min(10, sizes[0])):
        f.AnnouncementPageFactory(parent=index, listing_image=image, category=category)
        made += 1
    template = AnnouncementPage.objects.live().order_by("pk").first()
    client = Client()
    print(
        f"{'announcements':>13} {'target':<22} {'queries':>7} {'median ms':>9} {'p95 ms':>7} "
        f"{'hit ms':>7} {'peak KB':>8}"
    )
    for size in sizes:
        if size > made:
            add_copies(index, template, size - made)
            made = size
        index.refresh_from_db()
        newest = AnnouncementPage.objects.live().order_by("-pk").first()
        last_page = (size + 9) // 10
        targets = {
            "API list (20, fields=*)": API_LIST,
            "API detail": f"/api/v2/pages/{newest.pk}/",
            "list page, first": index.url,
            "list page, last": f"{index.url}?halaman={last_page}",
            "home page": home.url,
        }
        for name, url in targets.items():
            figures = measure(client, url, args.runs)
            print(
                f"{size:>13,} {name:<22} {figures['queries']:>7} {figures['median']:>9.1f} "
                f"{figures['p95']:>7.1f} {figures['hit']:>7.2f} {figures['peak_kb']:>8.0f}"
            )
        print(f"{'':>13} resident memory of this process: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
