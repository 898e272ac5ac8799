"""Benchmark the push fan-out: one Darurat announcement to 1,000 and 10,000 subscriptions.

    .venv/bin/python benchmarks/push_fanout.py [--sizes 1000,10000] [--connections 16]
                                               [--db-name NAME] [--keep]

Creates a fresh PostgreSQL database (postgres@127.0.0.1:5432), migrates it, starts the local
fake push service (npm web-push-testing, tools/fake_push_service.js: it checks each VAPID
signature and decrypts each payload, as a real push service and phone would) and, for each
size, subscribes that many fake phones to `darurat`, then runs the worker's task for one
Darurat announcement (cms/push/tasks.py, push_broadcast_send) in this process. It prints
sends per second, the time until the last push was accepted, this process's memory
(resident set before, after, and its peak), the CPU time the worker and the fake service
spent (on a shared machine sends per CPU-second moves far less with the load than the
wall-clock figure), and checks the fake service accepted every push.
Goal (../shared/DESIGN.md): 10,000 phones within 60 s, memory flat. Figures: docs/push.md.
Needs node and `make node-deps`. The database is dropped at the end unless --keep.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--db-name", default=f"layanan_bench_push_{os.getpid()}")
    parser.add_argument("--keep", action="store_true")
    return parser.parse_args()


def rss_mb() -> float:
    with open("/proc/self/statm") as file:
        pages = int(file.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def cpu_seconds(pid: int | None = None) -> float:
    """Return the CPU time (user + system) used so far by this process or by `pid`."""
    if pid is None:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return usage.ru_utime + usage.ru_stime
    with open(f"/proc/{pid}/stat") as file:
        fields = file.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    args = parse()
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", args.db_name], check=True)
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{args.db_name}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ["DJANGO_DEBUG"] = "false"
    os.environ.setdefault("DJANGO_LOG_LEVEL", "WARNING")
    os.environ["DJANGO_PUSH_CONNECTIONS"] = str(args.connections)
    try:
        run(args)
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", args.db_name])


def run(args):
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from wagtail.models import Site

    from cms.push.models import Broadcast, Subscription, Topic
    from cms.push.services import endpoint_hash
    from cms.push.tasks import push_broadcast_send
    from cms.push.vapid import vapid_public_key
    from pages.models import AnnouncementIndexPage, AnnouncementPage
    from tools.fake_push_service import FakePushService

    site = Site.objects.get(is_default_site=True)
    index = site.root_page.add_child(
        instance=AnnouncementIndexPage(title="Pengumuman", summary="Pengumuman kecamatan.")
    )
    print(f"connections {args.connections}, batch {os.environ.get('DJANGO_PUSH_BATCH', 500)}")
    for size in [int(n) for n in args.sizes.split(",")]:
        fake = FakePushService(lifetime=1800)
        try:
            keys = [vapid_public_key()] * size
            with ThreadPoolExecutor(8) as pool:
                phones = list(pool.map(fake.subscribe, keys))
            Subscription.objects.all().delete()
            made = Subscription.objects.bulk_create(
                [
                    Subscription(
                        site=site,
                        endpoint=phone["endpoint"],
                        endpoint_hash=endpoint_hash(phone["endpoint"]),
                        p256dh=phone["keys"]["p256dh"],
                        auth=phone["keys"]["auth"],
                        language="id",
                    )
                    for phone in phones
                ],
                batch_size=1000,
            )
            Topic.objects.bulk_create(
                [Topic(subscription=s, name="darurat") for s in made], batch_size=1000
            )
            page = index.add_child(
                instance=AnnouncementPage(
                    title=f"Banjir {size}",
                    summary="Warga di bantaran sungai diminta mengungsi ke balai desa.",
                    urgency="darurat",
                )
            )
            broadcast = Broadcast.objects.create(page=page, urgency="darurat")
            before = rss_mb()
            cpu_before, fake_cpu_before = cpu_seconds(), cpu_seconds(fake.process.pid)
            start = time.perf_counter()
            result = push_broadcast_send.call(broadcast.pk)
            elapsed = time.perf_counter() - start
            cpu = cpu_seconds() - cpu_before
            fake_cpu = cpu_seconds(fake.process.pid) - fake_cpu_before
            accepted = fake.accepted()
            print(
                f"{size:>6} subscriptions: {result['sent']} sent, {result['failed']} failed "
                f"in {elapsed:.1f} s ({result['sent'] / elapsed:.0f} sends/s); fake service "
                f"accepted {accepted}; memory {before:.0f} MB before, {rss_mb():.0f} MB "
                f"after, peak {peak_mb():.0f} MB; CPU: worker {cpu:.1f} s "
                f"({result['sent'] / cpu:.0f} sends per CPU-second), fake service "
                f"{fake_cpu:.1f} s; load average {os.getloadavg()[0]:.1f}"
            )
            assert accepted == size == result["sent"], "not every push arrived"
        finally:
            fake.stop()


if __name__ == "__main__":
    main()
