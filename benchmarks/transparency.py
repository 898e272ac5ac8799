"""Benchmark the transparency dashboard and its CSV with 100,000 complaints and 50,000 survey
responses on PostgreSQL.

    .venv/bin/python benchmarks/transparency.py [--complaints 100000] [--responses 50000]
                                                [--repeat 30] [--keep]

Creates a fresh PostgreSQL database (postgres@127.0.0.1:5432, as `make ci` uses), migrates it,
loads the demo kecamatan (pages, services, categories), then seeds complaints and responses
with bulk_create, spread over the last 24 months with realistic statuses and dates. It prints,
for /transparansi/ (the current year, and one month) and /api/v1/transparency.csv:
- database queries per request with the figures cache empty, and the database's own time
  for them (EXPLAIN ANALYZE's execution time, the least of 5 runs of each query: on a shared
  machine it moves far less with the load than the wall-clock figures);
- latency in-process (Django test client, DEBUG off), median and p95 over --repeat requests,
  cold (figures cache cleared before every request: the full computation) and warm (served
  from the cache, as after any first visit).
The database is dropped at the end unless --keep. Figures go in docs/performance.md.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse():
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--responses", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--database", help="measure an existing database kept by --keep")
    return parser.parse_args()


def setup_database(existing: str | None = None) -> str:
    name = existing or f"layanan_bench_transparency_{os.getpid()}"
    if not existing:
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_MEDIA_ROOT", f"/tmp/{name}-media")
    os.environ.setdefault("DJANGO_PRIVATE_MEDIA_ROOT", f"/tmp/{name}-private")
    return name


LOCATIONS = [
    "Desa {desa} RT {rt:02d}/RW {rw:02d}, dekat masjid",
    "Desa {desa} RT {rt:02d}/RW {rw:02d}",
    "Kelurahan {desa}, Jalan Melati No. {rt}",
    "Jalan poros desa {desa} depan SD",
    "depan pasar",
    "",
]
DESA = ["Sukamaju", "Mekarjaya", "Sukasari", "Cibeureum", "Margahayu", "Karangmulya",
        "Sindangsari", "Tanjungwangi"]  # fmt: skip


def seed(complaints: int, responses: int) -> float:
    import datetime

    from django.utils import timezone

    from cms.complaints.models import Complaint, ComplaintCategory
    from cms.surveys.figures_cache import figures_changed
    from cms.surveys.models import SurveyResponse
    from cms.surveys.selectors import survey_services

    Status = Complaint.Status
    rng = random.Random(14_2017)
    now = timezone.now()
    categories = list(ComplaintCategory.objects.filter(site__is_default_site=True))
    started = time.perf_counter()
    batch = []
    statuses = [
        (Status.DONE, 55), (Status.IN_PROGRESS, 15), (Status.RECEIVED, 8), (Status.VERIFIED, 5),
        (Status.ASSIGNED, 5), (Status.REJECTED, 7), (Status.NOT_COMPETENT, 3),
        (Status.DUPLICATE, 2),
    ]  # fmt: skip
    names, weights = zip(*statuses, strict=True)
    for index in range(complaints):
        created = now - datetime.timedelta(minutes=rng.randrange(0, 730 * 24 * 60))
        status = rng.choices(names, weights)[0]
        verified = (
            None
            if status == Status.RECEIVED
            else created + datetime.timedelta(hours=rng.randrange(1, 24 * 6))
        )
        closed = (
            verified + datetime.timedelta(hours=rng.randrange(2, 24 * 20))
            if status in Complaint.CLOSED and verified
            else None
        )
        day = timezone.localdate(created)
        batch.append(
            Complaint(
                tracking_code=f"BEN-{index:09d}",
                category=(category := rng.choice(categories)),
                site_id=category.site_id,
                description="Keluhan contoh untuk pengukuran kinerja dasbor.",
                location_text=rng.choice(LOCATIONS).format(
                    desa=rng.choice(DESA), rt=rng.randrange(1, 15), rw=rng.randrange(1, 8)
                ),
                status=status,
                created_at=created,
                verified_at=verified,
                closed_at=closed,
                verify_due=day + datetime.timedelta(days=3),
                respond_due=day + datetime.timedelta(days=10),
            )
        )
        if len(batch) == 5000:
            Complaint.objects.bulk_create(batch)
            batch = []
    Complaint.objects.bulk_create(batch)
    services = list(survey_services())
    batch = []
    for _index in range(responses):
        base = rng.choice((2, 3, 3, 3, 4))
        scores = [min(4, max(1, base + rng.choice((-1, 0, 0, 0, 1)))) for _ in range(9)]
        batch.append(
            SurveyResponse(
                service=rng.choice(services),
                channel=rng.choice(SurveyResponse.Channel.values),
                submitted_at=now - datetime.timedelta(minutes=rng.randrange(0, 730 * 24 * 60)),
                **{f"u{number}": score for number, score in enumerate(scores, start=1)},
            )
        )
        if len(batch) == 5000:
            SurveyResponse.objects.bulk_create(batch)
            batch = []
    SurveyResponse.objects.bulk_create(batch)
    figures_changed()  # bulk_create sends no signals
    return time.perf_counter() - started


def measure(client, url: str, repeat: int, cold: bool) -> list[float]:
    from django.core.cache import cache

    from cms.surveys.figures_cache import figures_changed

    timings = []
    client.get(url)  # warm-up: connections, templates, in-process caches
    for _ in range(repeat):
        if cold:
            figures_changed()
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    del cache
    return timings


def queries(client, url: str) -> tuple[int, float]:
    """Return the queries of a cold request and their database time in ms (see above)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cms.surveys.figures_cache import figures_changed

    figures_changed()
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    total = 0.0
    with connection.cursor() as cursor:
        for query in context.captured_queries:
            runs = []
            for _ in range(5):
                cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + query["sql"])
                plan = cursor.fetchone()[0]
                plan = json.loads(plan) if isinstance(plan, str) else plan
                runs.append(plan[0]["Execution Time"])
            total += min(runs)
    return len(context.captured_queries), total


def main():
    args = parse()
    name = setup_database(args.database)
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.utils import timezone

        if not args.database:
            call_command("migrate", verbosity=0)
            started = time.perf_counter()
            call_command("load_demo", verbosity=0)
            print(f"demo content loaded in {time.perf_counter() - started:.0f} s")
            seconds = seed(args.complaints, args.responses)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            print(
                f"seeded {args.complaints:,} complaints and {args.responses:,} survey responses "
                f"with bulk_create in {seconds:.1f} s"
            )
        from cms.complaints.models import Complaint
        from cms.surveys.models import SurveyResponse

        print(
            f"{Complaint.objects.count():,} complaints, {SurveyResponse.objects.count():,} "
            f"survey responses, PostgreSQL {connection.pg_version // 10000}"
        )
        client = Client(HTTP_HOST="127.0.0.1")
        today = timezone.localdate()
        month = f"{today.year}-{today.month:02d}"
        urls = [
            "/transparansi/",
            f"/transparansi/?periode={month}",
            "/api/v1/transparency.csv",
            "/api/v1/transparency/",
            "/api/v1/ikm/",
        ]
        print(f"\n{'url':44} {'queries':>7} {'db time':>7} {'cold median':>11} {'cold p95':>9} "
              f"{'warm median':>11} {'warm p95':>9}  (ms)")  # fmt: skip
        for url in urls:
            count, database = queries(client, url)
            cold = measure(client, url, args.repeat, cold=True)
            warm = measure(client, url, args.repeat, cold=False)
            print(
                f"{url:44} {count:7d} {database:7.1f} {statistics.median(cold):11.1f} "
                f"{p95(cold):9.1f} {statistics.median(warm):11.1f} {p95(warm):9.1f}"
            )
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep and not args.database:
            subprocess.run(
                ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", name], check=False
            )
        else:
            print(f"kept database {name}")


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


if __name__ == "__main__":
    main()
