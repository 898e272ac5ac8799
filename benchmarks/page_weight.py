"""Bytes and requests of six pages in a real Chromium, first and repeat visit, against budgets.

    .venv/bin/python benchmarks/page_weight.py [--detail] [page ...]

Starts a production-like server (gunicorn, production settings, DEBUG off, WhiteNoise, demo
content; benchmarks/prodlike.py) and opens each page in Debian's Chromium (/usr/bin/chromium,
or CHROMIUM_PATH) through Playwright, on a phone viewport (412 x 823, DPR 1.75, as Lighthouse's
Moto G Power). Bytes are what went over the network: the DevTools protocol's
`Network.loadingFinished` encodedDataLength (headers and compressed bodies), so anything served
from the browser cache counts as 0.

- first visit: a fresh browser profile opens the page and waits until the network is idle
  (images below the fold are lazy and not counted, as for a resident who does not scroll);
- worker: what the service worker downloads by itself on that first visit, once the page has
  loaded (its script, the precached app shell, the pages every installed app keeps, the first
  page's images), until it is active and quiet. The page's own DevTools session never sees
  these requests; they are counted from the worker's target (Playwright reports them on the
  browser context). The body of the worker's main script is not reported there (the browser
  fetches it before the target exists), so its size is taken from a GET with the browser's
  Accept-Encoding;
- repeat visit: the same profile opens the page again after visiting another page, with the
  worker in control: the page's bytes plus the worker's (its network-first fetch, a 304);
- LCP: the element of the Largest Contentful Paint; an image there must not be lazy;
- HTML: the page's body as the server sends it to a browser (brotli for cached pages, gzip
  for forms and other pages not kept).

Budgets (DESIGN.md): first visit at most 100 KB and 15 requests, HTML at most 14 KB
compressed, JavaScript at most 20 KB compressed, no third-party request, repeat visit at most
5 KB; the worker's download on a first visit at most 150 KB (the app shell budget, docs/pwa.md,
here with the kept pages too). A line that breaks one ends with its name; the script exits
non-zero then. --detail lists the worker's requests of the first page.
"""

import argparse
import contextlib
import os
import socket
import sys
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.prodlike import demo_urls, get, production_server  # noqa: E402

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
PAGES = ["home", "announcements", "announcement", "infographic", "guide", "complaint form"]
FIRST_KB, FIRST_REQUESTS, HTML_KB, JS_KB, REPEAT_KB = 100, 15, 14, 20, 5
WORKER_KB = 150  # the app shell budget (docs/pwa.md)
BROWSER_ENCODINGS = "gzip, deflate, br, zstd"  # what Chromium sends
QUIET_SECONDS = 1.5  # the worker is done when nothing of its own is in flight this long


class WireCounter:
    """A loopback relay in front of the server that counts every byte the server sends back.

    The browser talks to it instead of gunicorn, so it sees what neither DevTools session
    reports: the navigation preload the worker answers with, the worker's script, update
    checks. The total of a visit, whoever asked.
    """

    def __init__(self, upstream: str):
        parsed = urlparse(upstream)
        self.upstream = (parsed.hostname, parsed.port)
        self.count, self.lock = 0, threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _address = self.listener.accept()
                server = socket.create_connection(self.upstream)
            except OSError:
                if self.listener.fileno() < 0:
                    return
                continue
            threading.Thread(target=self._pump, args=(client, server, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, True), daemon=True).start()

    def _pump(self, source, target, counted):
        try:
            while data := source.recv(65536):
                if counted:
                    with self.lock:
                        self.count += len(data)
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)

    def take(self) -> int:
        """Return the bytes counted since the last call, and start again from 0."""
        with self.lock:
            count, self.count = self.count, 0
        return count

    def close(self):
        self.listener.close()


class NetworkLog:
    """Count requests and transferred bytes of one page through the DevTools protocol."""

    def __init__(self, context, page, host):
        self.host = host
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.requests, self.types, self.bytes = {}, {}, {}
        self.cdp.on("Network.requestWillBeSent", self._sent)
        self.cdp.on("Network.responseReceived", self._received)
        self.cdp.on("Network.loadingFinished", self._finished)

    def reset(self):
        self.requests, self.types, self.bytes = {}, {}, {}

    def _sent(self, event):
        url = event["request"]["url"]
        if not url.startswith("data:"):
            self.requests[event["requestId"]] = url

    def _received(self, event):
        self.types[event["requestId"]] = event["type"]

    def _finished(self, event):
        self.bytes[event["requestId"]] = event["encodedDataLength"]

    def summary(self) -> dict:
        total = sum(self.bytes.get(rid, 0) for rid in self.requests)
        script = sum(self.bytes.get(rid, 0) for rid, kind in self.types.items() if kind == "Script")
        third_party = [url for url in self.requests.values() if urlparse(url).netloc != self.host]
        return {
            "bytes": total,
            "requests": len(self.requests),
            "js": script,
            "third_party": third_party,
        }


class WorkerLog:
    """Count the service worker's own requests and their transferred bytes.

    Playwright reports them on the browser context (Chromium), with `service_worker` set;
    `sizes()` gives headers and the encoded body, whose sum is DevTools' encodedDataLength
    (0 when the browser cache answered).
    """

    def __init__(self, context):
        self.entries, self.pending, self.last_seen = [], set(), time.monotonic()
        context.on("request", self._request)
        context.on("requestfinished", self._finished)
        context.on("requestfailed", self._failed)

    def reset(self):
        self.entries = []

    @staticmethod
    def _ours(request) -> bool:
        return request.service_worker is not None and not request.url.startswith("data:")

    def _request(self, request):
        if self._ours(request):
            self.pending.add(request)
            self.last_seen = time.monotonic()

    def _finished(self, request):
        if not self._ours(request):
            return
        self.pending.discard(request)
        self.last_seen = time.monotonic()
        try:
            sizes = request.sizes()
            size = max(0, sizes["responseHeadersSize"] + sizes["responseBodySize"])
        except Exception:  # noqa: BLE001 (a request the browser dropped: nothing counted)
            size = 0
        self.entries.append((request.url, size))

    def _failed(self, request):
        if self._ours(request):
            self.pending.discard(request)
            self.entries.append((request.url, 0))

    def wait_until_quiet(self, page, timeout: float = 60.0) -> None:
        """Wait until the worker is active and has had nothing in flight for a moment."""
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.pending and time.monotonic() - self.last_seen > QUIET_SECONDS:
                return
            page.wait_for_timeout(200)

    def summary(self) -> dict:
        return {"bytes": sum(size for _url, size in self.entries), "requests": len(self.entries)}


LCP_SCRIPT = """() => new Promise((resolve) => {
  new PerformanceObserver((list) => {
    const entry = list.getEntries().at(-1);
    const el = entry && entry.element;
    resolve(el ? {tag: el.tagName.toLowerCase(), lazy: el.loading === "lazy"} : null);
  }).observe({type: "largest-contentful-paint", buffered: true});
  setTimeout(() => resolve(null), 2000);
})"""


def visit(page, url):
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")


def worker_script_bytes(base_url: str) -> int:
    """Return the bytes of /serviceworker.js as the browser gets it (compressed, with headers)."""
    request = urllib.request.Request(
        base_url + "/serviceworker.js", headers={"Accept-Encoding": BROWSER_ENCODINGS}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        headers = sum(len(f"{name}: {value}\r\n") for name, value in response.headers.items())
        return len(response.read()) + headers + len("HTTP/1.1 200 OK\r\n\r\n")


def measure(browser, wire, server_url, path, elsewhere) -> dict:
    base_url = wire.url
    context = browser.new_context(
        viewport={"width": 412, "height": 823}, device_scale_factor=1.75, locale="id-ID"
    )
    worker = WorkerLog(context)
    page = context.new_page()
    log = NetworkLog(context, page, urlparse(base_url).netloc)
    wire.take()
    visit(page, base_url + path)
    first = log.summary()
    first["lcp"] = page.evaluate(LCP_SCRIPT)
    worker.wait_until_quiet(page)
    first["wire"] = wire.take()
    # The main script's body is not reported (fetched before the worker's target exists).
    script = base_url + "/serviceworker.js"
    entries = [(url, size) for url, size in worker.entries if url != script]
    entries.insert(0, (script, worker_script_bytes(server_url)))
    precache = {
        "bytes": sum(size for _url, size in entries),
        "requests": len(entries),
        "entries": entries,
    }
    visit(page, base_url + elsewhere)
    worker.wait_until_quiet(page)
    log.reset()
    worker.reset()
    wire.take()
    visit(page, base_url + path)
    worker.wait_until_quiet(page)
    repeat = log.summary()
    repeat["wire"] = wire.take()
    repeat["requests"] += worker.summary()["requests"]
    repeat["entries"] = [
        (url, log.bytes.get(rid, 0), "page") for rid, url in log.requests.items()
    ] + [(url, size, "worker") for url, size in worker.entries]
    context.close()
    _status, packed = get(server_url + path, {"Accept-Encoding": BROWSER_ENCODINGS})
    return {"first": first, "worker": precache, "repeat": repeat, "html": len(packed)}


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--detail", action="store_true", help="list the worker's requests")
    parser.add_argument(
        "pages", nargs="*", metavar="page", help=f"any of {', '.join(PAGES)} (default: all six)"
    )
    args = parser.parse_args()
    unknown = [page for page in args.pages if page not in PAGES]
    if unknown:
        parser.error(f"unknown page: {', '.join(unknown)}")
    if not Path(CHROMIUM).exists():
        print(f"Chromium not found at {CHROMIUM}: nothing measured (apt-get install chromium).")
        return 0
    from playwright.sync_api import sync_playwright

    failures = 0
    with production_server(workers=2) as (server_url, _master):
        wire = WireCounter(server_url)
        urls = demo_urls(server_url)
        urls["complaint form"] = "/pengaduan/baru/"
        print(
            f"\n{'':<16}{'first visit, the page':^26}{'+ worker':^16}{'total':>8}"
            f"{'repeat':>12}\n"
            f"{'page':<16}{'KB':>9}{'req':>5}{'JS KB':>7}{'3rd':>5}{'KB':>11}{'req':>5}"
            f"{'KB':>8}{'KB':>8}{'req':>4}{'HTML KB':>9}  LCP  path / budget failures"
        )
        detail = None
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name in args.pages or PAGES:
                path = urls.get(name)
                if path is None or get(server_url + path)[0] != 200:
                    print(f"{name:<16}{'not available':>9}  {path or ''}")
                    continue
                elsewhere = "/cari/" if path != "/cari/" else "/"
                result = measure(browser, wire, server_url, path, elsewhere)
                first, worker, repeat = result["first"], result["worker"], result["repeat"]
                detail = detail or (name, worker, repeat)
                broken = []
                if first["bytes"] > FIRST_KB * 1024:
                    broken.append(f"first > {FIRST_KB} KB")
                if first["requests"] > FIRST_REQUESTS:
                    broken.append(f"first > {FIRST_REQUESTS} requests")
                if first["js"] > JS_KB * 1024:
                    broken.append(f"JS > {JS_KB} KB")
                if first["third_party"]:
                    broken.append(f"third-party: {first['third_party']}")
                if worker["bytes"] > WORKER_KB * 1024:
                    broken.append(f"worker > {WORKER_KB} KB")
                if repeat["wire"] > REPEAT_KB * 1024:
                    broken.append(f"repeat > {REPEAT_KB} KB")
                if result["html"] > HTML_KB * 1024:
                    broken.append(f"HTML > {HTML_KB} KB")
                lcp = first["lcp"] or {}
                if lcp.get("lazy"):
                    broken.append("the LCP image is lazy")
                failures += bool(broken)
                print(
                    f"{name:<16}{kb(first['bytes']):>9}{first['requests']:>5}{kb(first['js']):>7}"
                    f"{len(first['third_party']):>5}{kb(worker['bytes']):>11}"
                    f"{worker['requests']:>5}{kb(first['wire']):>8}"
                    f"{kb(repeat['wire']):>8}{repeat['requests']:>4}{kb(result['html']):>9}  "
                    f"{lcp.get('tag', '?'):<4} "
                    f"{path}" + (f"  FAIL: {', '.join(broken)}" if broken else "")
                )
            browser.close()
        wire.close()
    print(
        "\nthe page: its own requests (DevTools); + worker: what the service worker downloads by"
        "\nitself on that first visit (script, precached shell, kept pages, the page's images);"
        "\ntotal: every byte the server sent during the first visit incl. the worker precache,"
        "\ncounted on the wire; repeat: the same, counted on the wire (page, worker, preload)."
    )
    if detail and args.detail:
        name, worker, repeat = detail
        print(f"\nThe worker's requests on the first visit of {name}:")
        for url, size in worker["entries"]:
            print(f"{size:>8,} B  {urlparse(url).path}")
        print(f"\nThe repeat visit of {name} ({repeat['wire']:,} B on the wire):")
        for url, size, by in repeat["entries"]:
            print(f"{size:>8,} B  {by:<7}{urlparse(url).path}")
    print("\nWithin budget." if not failures else f"\n{failures} page(s) over budget.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
