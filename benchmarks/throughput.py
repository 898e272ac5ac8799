"""Requests per second for cached pages, and worker memory, on a production-like server.

    .venv/bin/python benchmarks/throughput.py [--duration 10] [--connections 16]

Starts gunicorn (2 sync workers, production settings, demo content; benchmarks/prodlike.py),
serves every page type and the API a few times (so each worker has rendered and cached them),
then runs wrk against the home page and an announcement over loopback, and prints requests/s,
latency and each worker's resident memory. Needs wrk (`apt-get install wrk`); without it the
script says so and exits without measuring. Budgets (DESIGN.md): at least 500 requests/s for
each cached page with 2 workers, under 250 MB resident per worker.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.prodlike import demo_urls, get, production_server, rss_mb, worker_pids  # noqa: E402

MIN_RPS = 500
MAX_RSS_MB = 250
BROWSER_HEADERS = {"Accept-Encoding": "br, gzip", "Accept": "text/html"}


def warm_everything(base_url: str, urls: dict[str, str]) -> None:
    """Serve every page type, search, a 404, English and the API, a few times each."""
    paths = [
        *urls.values(),
        "/cari/?q=ktp",
        "/tidak-ada/",
        "/en/",
        "/api/v2/pages/?limit=20",
        "/api/v2/pages/?type=pages.AnnouncementPage&fields=*&limit=20",
        "/api/v2/images/",
        "/api/v2/documents/",
        "/api/schema/",
    ]
    status, body = get(base_url + "/api/v2/pages/?limit=1")
    match = re.search(rb'"id":\s*(\d+)', body)
    if match:
        paths.append(f"/api/v2/pages/{match.group(1).decode()}/")
    for _ in range(4):  # gunicorn spreads requests: each worker sees each path
        for path in paths:
            get(base_url + path, BROWSER_HEADERS)


def run_wrk(url: str, duration: int, connections: int) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    for name, value in BROWSER_HEADERS.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    figures = {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))}
    for label in ("50%", "99%"):
        figures[label] = re.search(rf"{label}\s+([\d.]+\w+)", output).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    figures["non_2xx"] = int(errors.group(1)) if errors else 0
    socket_errors = re.search(r"Socket errors: (.+)", output)
    figures["socket_errors"] = socket_errors.group(1) if socket_errors else "none"
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: nothing measured. Install it with `apt-get install wrk`.")
        return 0
    print(f"Load average before: {os.getloadavg()[0]:.2f} (2 cores, shared with other work)")
    failures = []
    with production_server(workers=2) as (base_url, master):
        urls = demo_urls(base_url)
        warm_everything(base_url, urls)
        targets = {"home": urls["home"], "announcement": urls.get("announcement")}
        print(
            f"\nwrk, 2 threads, {args.connections} connections, {args.duration}s per page, "
            "Accept-Encoding: br, gzip"
        )
        print(f"{'page':<14} {'path':<48} {'req/s':>8} {'p50':>8} {'p99':>8}  errors")
        for name, path in targets.items():
            if path is None:
                failures.append(f"no {name} found in the demo")
                continue
            status, _ = get(base_url + path)
            figures = run_wrk(base_url + path, args.duration, args.connections)
            flag = "" if figures["rps"] >= MIN_RPS else f"  FAIL (< {MIN_RPS})"
            print(
                f"{name:<14} {path:<48} {figures['rps']:>8.0f} {figures['50%']:>8} "
                f"{figures['99%']:>8}  non-2xx {figures['non_2xx']}, socket "
                f"{figures['socket_errors']}{flag}"
            )
            if flag or status != 200 or figures["non_2xx"]:
                failures.append(f"{name}: {figures['rps']:.0f} req/s, status {status}")
        warm_everything(base_url, urls)
        print("\nWorker resident memory after every page type, the API and the runs above:")
        for pid in worker_pids(master):
            rss = rss_mb(pid)
            flag = "" if rss < MAX_RSS_MB else f"  FAIL (>= {MAX_RSS_MB} MB)"
            print(f"  worker {pid}: {rss:.0f} MB{flag}")
            if flag:
                failures.append(f"worker {pid} uses {rss:.0f} MB")
    print(f"Load average after: {os.getloadavg()[0]:.2f}")
    if failures:
        print("\nBudget failures: " + "; ".join(failures))
        return 1
    print("\nWithin budget.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
