"""Requests per second of cached pages and the content API, against this stack's own ceiling.

    .venv/bin/python benchmarks/throughput.py [--duration 10] [--connections 16] [--port N]

Starts gunicorn (2 sync workers, production settings, demo content; benchmarks/prodlike.py)
and, beside it, the ceiling: a bare Django view answering a constant 4 KB with two
middlewares (benchmarks/ceiling.py, also 2 workers). Serves every page type and the API a few
times (so each worker has rendered and cached them), then runs wrk over loopback against the
home page, an announcement, the same announcement as a link shared on social
media (`?utm_source=whatsapp&fbclid=...`) and with a parameter no page reads (served
uncached), the content API's announcement list, that list again as a conditional GET
(`If-None-Match`, a 304). The ceiling is measured again right before each target, and each
figure is printed as a share of that run (the load of a shared machine moves within a
minute), with requests/s, latency and, at the end, each worker's resident memory.
Needs wrk (`apt-get install wrk`); without it the script says so and exits without measuring.

Budgets (DESIGN.md, issue 14): at least 500 requests/s for each cached page with 2 workers;
the API list at least 50% of the ceiling, its 304 at least as fast; under 250 MB resident per
worker.
"""

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.prodlike import (  # noqa: E402
    ROOT,
    VENV_BIN,
    demo_urls,
    free_port,
    get,
    production_server,
    rss_mb,
    worker_pids,
)

MIN_RPS = 500
MIN_API_SHARE = 0.5  # of the ceiling
MAX_RSS_MB = 250
BROWSER_HEADERS = {"Accept-Encoding": "br, gzip", "Accept": "text/html"}
API_HEADERS = {"Accept-Encoding": "br, gzip", "Accept": "application/json"}
API_LIST = "/api/v2/pages/?type=pages.AnnouncementPage&fields=*"
SHARED_LINK = "utm_source=whatsapp&utm_medium=social&fbclid=IwAR0benchmark"


def warm_everything(base_url: str, urls: dict[str, str]) -> None:
    """Serve every page type, search, a 404, English and the API, a few times each."""
    paths = [
        *urls.values(),
        "/cari/?q=ktp",
        "/tidak-ada/",
        "/en/",
        "/api/v2/pages/?limit=20",
        "/api/v2/pages/?type=pages.AnnouncementPage&fields=*&limit=20",
        API_LIST,
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
            headers = API_HEADERS if path.startswith("/api/") else BROWSER_HEADERS
            get(base_url + path, headers)


@contextlib.contextmanager
def ceiling_server(port: int):
    """Run benchmarks/ceiling.py under gunicorn (2 workers) on 127.0.0.1:`port`."""
    server = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "benchmarks.ceiling:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if get(base_url + "/")[0] == 200:
                    break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the ceiling server did not start")
            time.sleep(0.2)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def head_value(url: str, headers: dict, name: str) -> str:
    """Return one header of a GET of `url` (the ETag to send back, what the cache did)."""
    import urllib.request

    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.headers.get(name, "")
    except urllib.error.HTTPError as error:  # a 304 comes as one
        return error.headers.get(name, "")


def run_wrk(url: str, duration: int, connections: int, headers: dict) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency"]
    for name, value in headers.items():
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
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per target")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--port", type=int, default=0, help="the site's port (the ceiling's is the next one)"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: nothing measured. Install it with `apt-get install wrk`.")
        return 0
    print(f"Load average before: {os.getloadavg()[0]:.2f} (2 cores, shared with other work)")
    failures = []
    site_port = args.port or free_port()
    ceiling_port = args.port + 1 if args.port else free_port()
    with (
        production_server(workers=2, port=site_port) as (base_url, master),
        ceiling_server(ceiling_port) as ceiling_url,
    ):
        urls = demo_urls(base_url)
        warm_everything(base_url, urls)
        api_etag = head_value(base_url + API_LIST, API_HEADERS, "ETag")
        announcement = urls.get("announcement")
        targets = [
            ("home", base_url, urls["home"], BROWSER_HEADERS),
            ("announcement", base_url, announcement, BROWSER_HEADERS),
            (
                "shared link",
                base_url,
                announcement and f"{announcement}?{SHARED_LINK}",
                BROWSER_HEADERS,
            ),
            (
                "unknown param",
                base_url,
                announcement and f"{announcement}?lihat=semua",
                BROWSER_HEADERS,
            ),
            ("API list", base_url, API_LIST, API_HEADERS),
            ("API list 304", base_url, API_LIST, {**API_HEADERS, "If-None-Match": api_etag}),
        ]
        print(
            f"\nwrk, 2 threads, {args.connections} connections, {args.duration}s per target, "
            "Accept-Encoding: br, gzip"
        )
        print(
            f"{'target':<13} {'path':<58} {'req/s':>7} {'ceiling':>7} {'share':>6} {'p50':>8} "
            f"{'p99':>8}  cache, errors"
        )
        rows = []
        for name, server, path, headers in targets:
            if path is None:
                failures.append(f"no {name} found in the demo")
                continue
            status, _ = get(server + path, headers)
            cache_state = head_value(server + path, headers, "X-Page-Cache") or head_value(
                server + path, headers, "X-Api-Cache"
            )
            # The ceiling right before each target: the share compares two runs made under
            # the same load, which on a shared machine moves within a minute.
            ceiling = run_wrk(ceiling_url + "/", args.duration, args.connections, BROWSER_HEADERS)
            figures = run_wrk(server + path, args.duration, args.connections, headers)
            rows.append((name, path, figures, cache_state, status, ceiling["rps"]))
        shares = {row[0]: row[2]["rps"] / row[5] for row in rows}
        for name, path, figures, cache_state, status, ceiling in rows:
            share = shares[name]
            flag = ""
            if name in ("home", "announcement") and figures["rps"] < MIN_RPS:
                flag = f"  FAIL (< {MIN_RPS})"
            if name == "API list" and share < MIN_API_SHARE:
                flag = f"  FAIL (< {MIN_API_SHARE:.0%} of the ceiling)"
            if name == "API list 304" and share < shares.get("API list", 0):
                flag = "  FAIL (slower than the full answer)"
            shown = path if len(path) <= 58 else path[:57] + "…"
            print(
                f"{name:<13} {shown:<58} {figures['rps']:>7.0f} {ceiling:>7.0f} {share:>6.1%} "
                f"{figures['50%']:>8} {figures['99%']:>8}  {cache_state or '-'}, "
                f"non-2xx {figures['non_2xx']}, socket {figures['socket_errors']}{flag}"
            )
            if flag or status not in (200, 304) or figures["non_2xx"]:
                failures.append(f"{name}: {figures['rps']:.0f} req/s, status {status}{flag}")
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
