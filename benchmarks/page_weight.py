"""Bytes and requests of six pages in a real Chromium, first and repeat visit, against budgets.

    .venv/bin/python benchmarks/page_weight.py

Starts a production-like server (gunicorn, production settings, DEBUG off, WhiteNoise, demo
content; benchmarks/prodlike.py) and opens each page in Debian's Chromium (/usr/bin/chromium,
or CHROMIUM_PATH) through Playwright, on a phone viewport (412 x 823, DPR 1.75, as Lighthouse's
Moto G Power). Bytes are what went over the network: the sum of the DevTools protocol's
`Network.loadingFinished` encodedDataLength (headers and compressed bodies), so anything served
from the browser cache counts as 0.

- first visit: a fresh browser profile opens the page and waits until the network is idle
  (images below the fold are lazy and not counted, as for a resident who does not scroll);
- repeat visit: the same profile opens the page again after visiting another page;
- LCP: the element of the Largest Contentful Paint; an image there must not be lazy;
- HTML: the compressed size (brotli, as sent over HTTPS; gzip over plain HTTP) of the page.

Budgets (DESIGN.md): first visit at most 100 KB and 15 requests, HTML at most 14 KB
compressed, JavaScript at most 20 KB compressed, no third-party request, repeat visit at most
5 KB. A line that breaks one ends with its name; the script exits non-zero then.
"""

import os
import sys
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


def measure(browser, base_url, path, elsewhere) -> dict:
    context = browser.new_context(
        viewport={"width": 412, "height": 823}, device_scale_factor=1.75, locale="id-ID"
    )
    page = context.new_page()
    log = NetworkLog(context, page, urlparse(base_url).netloc)
    visit(page, base_url + path)
    first = log.summary()
    first["lcp"] = page.evaluate(LCP_SCRIPT)
    visit(page, base_url + elsewhere)
    log.reset()
    visit(page, base_url + path)
    repeat = log.summary()
    context.close()
    _status, brotli_body = get(base_url + path, {"Accept-Encoding": "br"})
    return {"first": first, "repeat": repeat, "html": len(brotli_body)}


def kb(size: int) -> str:
    return f"{size / 1024:.1f}"


def main() -> int:
    if not Path(CHROMIUM).exists():
        print(f"Chromium not found at {CHROMIUM}: nothing measured (apt-get install chromium).")
        return 0
    from playwright.sync_api import sync_playwright

    failures = 0
    with production_server(workers=2) as (base_url, _master):
        urls = demo_urls(base_url)
        urls["complaint form"] = "/pengaduan/baru/"
        print(
            f"\n{'page':<16}{'first KB':>9}{'req':>5}{'JS KB':>7}{'3rd':>5}"
            f"{'repeat KB':>11}{'req':>5}{'HTML KB':>9}  LCP  path / budget failures"
        )
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name in PAGES:
                path = urls.get(name)
                if path is None or get(base_url + path)[0] != 200:
                    print(f"{name:<16}{'not available':>9}  {path or ''}")
                    continue
                elsewhere = "/cari/" if path != "/cari/" else "/"
                result = measure(browser, base_url, path, elsewhere)
                first, repeat = result["first"], result["repeat"]
                broken = []
                if first["bytes"] > FIRST_KB * 1024:
                    broken.append(f"first > {FIRST_KB} KB")
                if first["requests"] > FIRST_REQUESTS:
                    broken.append(f"first > {FIRST_REQUESTS} requests")
                if first["js"] > JS_KB * 1024:
                    broken.append(f"JS > {JS_KB} KB")
                if first["third_party"]:
                    broken.append(f"third-party: {first['third_party']}")
                if repeat["bytes"] > REPEAT_KB * 1024:
                    broken.append(f"repeat > {REPEAT_KB} KB")
                if result["html"] > HTML_KB * 1024:
                    broken.append(f"HTML > {HTML_KB} KB")
                lcp = first["lcp"] or {}
                if lcp.get("lazy"):
                    broken.append("the LCP image is lazy")
                failures += bool(broken)
                print(
                    f"{name:<16}{kb(first['bytes']):>9}{first['requests']:>5}{kb(first['js']):>7}"
                    f"{len(first['third_party']):>5}{kb(repeat['bytes']):>11}"
                    f"{repeat['requests']:>5}{kb(result['html']):>9}  {lcp.get('tag', '?'):<4} "
                    f"{path}" + (f"  FAIL: {', '.join(broken)}" if broken else "")
                )
            browser.close()
    print("\nWithin budget." if not failures else f"\n{failures} page(s) over budget.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
