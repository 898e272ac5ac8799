"""Print what the service worker precaches and how big it is (the budget is 150 KB).

    manage.py pwa_shell_size

Each file is fetched through the site itself, as the worker does at install: raw bytes (what
the cache stores) and gzip bytes (about what crosses the network).
"""

import gzip

from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from frontend.pwa_views import shell_urls

BUDGET = 150 * 1024


def shell_sizes() -> list[tuple[str, int, int]]:
    """Return [(url, raw bytes, gzip bytes)] for every precached URL; raise if one fails."""
    client = Client(SERVER_NAME="localhost")
    sizes = []
    for url in shell_urls():
        response = client.get(url)
        if response.status_code != 200:
            raise CommandError(f"{url} answered {response.status_code}")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        sizes.append((url, len(body), len(gzip.compress(body, 9))))
    return sizes


class Command(BaseCommand):
    help = "Print the precached app shell, file by file, with its total against the 150 KB budget."

    def handle(self, *args, **options):
        sizes = shell_sizes()
        for url, raw, packed in sizes:
            self.stdout.write(f"{raw:>8,} B  {packed:>7,} B gzip  {url}")
        raw = sum(size[1] for size in sizes)
        packed = sum(size[2] for size in sizes)
        self.stdout.write(
            f"{raw:>8,} B  {packed:>7,} B gzip  total ({raw / 1024:.1f} KB of {BUDGET // 1024} KB)"
        )
        if raw > BUDGET:
            raise CommandError("The precached shell is over its 150 KB budget.")
