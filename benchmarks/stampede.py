"""A hundred readers of a page the moment it is published: how many renders, how long they wait.

    REDIS_URL=redis://127.0.0.1:6379/<n> .venv/bin/python benchmarks/stampede.py \\
        [--readers 100] [--rounds 3] [--port N]

Starts the production-like site (benchmarks/prodlike.py) with Redis as the shared cache
(`REDIS_URL`, required: with local memory each worker keeps its own lock and its own content
version, and a publish made outside the workers would not reach them) under gunicorn with 2
workers of 8 threads each, so that up to 16 requests are inside Django at once. It serves an
announcement and the content API's announcement list once (renditions made), then, each
round, publishes a new revision of that announcement (`manage.py shell`: a real publish,
which moves the content version in Redis) and sends `--readers` GETs of the page and then of
the API list at the same moment (threads released together). It prints how many of them
rendered (`X-Page-Cache` / `X-Api-Cache`: `miss`, or `off` when not kept) and the latency.

It does it twice: with the render guard (cms/http_cache.py `RenderGuard`, the default wait of
3 s) and with `DJANGO_PAGE_CACHE_RENDER_WAIT_MS=0`, how the cache behaved before: every
request that misses renders. Goal (issue 14): one render per round, not a hundred.
Keys get a prefix of their own for each run, so nothing else in that Redis database is
touched (its keys expire with the page cache).
"""

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.prodlike import ROOT, demo_urls, get, gunicorn, prepared_site  # noqa: E402

HEADERS = {"Accept-Encoding": "br, gzip", "Accept": "text/html"}
API_HEADERS = {"Accept-Encoding": "br, gzip", "Accept": "application/json"}
API_LIST = "/api/v2/pages/?type=pages.AnnouncementPage&fields=*"
PUBLISH = """
from pages.models import AnnouncementPage
for page in AnnouncementPage.objects.live().filter(slug={slug!r}):  # and its translation
    page.save_revision().publish()
"""


def publish(env: dict, slug: str) -> None:
    command = [sys.executable, str(ROOT / "manage.py"), "shell", "-c", PUBLISH.format(slug=slug)]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"Publishing failed:\n{done.stdout}{done.stderr}")


def read_at_once(url: str, headers: dict, readers: int) -> list[tuple[str, float]]:
    """GET `url` from `readers` threads released together; return [(cache state, seconds)]."""
    barrier = threading.Barrier(readers)
    results = []

    def reader():
        request = urllib.request.Request(url, headers=headers)
        barrier.wait(30)
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()
                state = response.headers.get("X-Page-Cache") or response.headers.get(
                    "X-Api-Cache", "?"
                )
        except OSError as error:
            state = f"error {error}"
        results.append((state, time.perf_counter() - started))

    threads = [threading.Thread(target=reader) for _ in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def summary(results: list[tuple[str, float]]) -> str:
    states = [state for state, _seconds in results]
    renders = sum(state in ("miss", "off") for state in states)
    errors = sum(state.startswith("error") or state == "?" for state in states)
    times = sorted(seconds * 1000 for _state, seconds in results)
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    text = (
        f"{renders:>7} {states.count('hit'):>5} {statistics.median(times):>8.0f} "
        f"{p95:>8.0f} {times[-1]:>8.0f}"
    )
    return text + (f"  ({errors} errors)" if errors else "")


def run(env: dict, workdir: Path, wait_ms: int, args) -> None:
    env = {**env, "DJANGO_PAGE_CACHE_RENDER_WAIT_MS": str(wait_ms)}
    with gunicorn(env, workdir, workers=2, threads=8, port=args.port) as (base, _pid):
        page = demo_urls(base)["announcement"]
        slug = page.rstrip("/").rsplit("/", 1)[-1]
        for _ in range(3):
            get(base + page, HEADERS)
            get(base + API_LIST, API_HEADERS)
        label = f"render wait {wait_ms} ms" + (" (guard off)" if wait_ms == 0 else "")
        print(f"\n{label}: {args.readers} readers at once, just after a publish")
        print(f"{'round':<12} {'renders':>7} {'hits':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
        for number in range(1, args.rounds + 1):
            publish(env, slug)
            print(f"page {number:<7} {summary(read_at_once(base + page, HEADERS, args.readers))}")
            api = read_at_once(base + API_LIST, API_HEADERS, args.readers)
            print(f"API list {number:<3} {summary(api)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readers", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--port", type=int, default=None)
    args = parser.parse_args()
    if not os.environ.get("REDIS_URL"):
        sys.exit("Set REDIS_URL (a Redis database this run may use): the workers share it.")
    extra = {
        "REDIS_URL": os.environ["REDIS_URL"],
        "DJANGO_CACHE_PREFIX": f"stampede-{secrets.token_hex(4)}",
    }
    with prepared_site(extra) as (env, workdir):
        for wait_ms in (3000, 0):
            run(env, workdir, wait_ms, args)


if __name__ == "__main__":
    main()
