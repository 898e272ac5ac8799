"""The Nu Html Checker (the W3C's validator) finds 0 errors on every page of the demo site.

The demo server is crawled from its home pages (both languages) and the resident's service
pages, following its own links; every HTML answer is saved and the checker reads them all in
one run (one Java start). vnu-jar comes from npm, pinned in package-lock.json; Java from Debian
(`make java-deps`). Without them this test skips locally and fails in CI (REQUIRE_BROWSER=1).
"""

import json
import os
import shutil
import subprocess
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

pytestmark = pytest.mark.browser

VNU = (
    Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
)
START = [
    "/",
    "/en/",
    "/cari/?q=ktp",
    "/tidak-ada-halaman-ini/",
    "/pengaduan/baru/",
    "/pengaduan/lacak/",
    "/pengaduan/saya/",
    "/pengaduan/",
    "/transparansi/",
    "/privasi/",
    "/privasi/permintaan/",
    "/pasang-aplikasi/",
    "/offline/",
]
# Not pages of the public site, or not HTML.
SKIP = ("/admin/", "/django-admin/", "/api/", "/open311/", "/media/", "/static/", "/documents/")
MAX_PAGES = 800


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def fetch(url: str) -> tuple[int, str, str]:
    """Return (status, content type, body) of a GET; error pages are pages too."""
    request = urllib.request.Request(url, headers={"Accept": "text/html"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get_content_type(), error.read().decode()


def crawl(base_url: str) -> dict[str, str]:
    """Return {path: html} for every page reachable on the demo host from START.

    Query strings are dropped (a list's page 2 is the same template as page 1), except on
    the start pages themselves.
    """
    host = urlsplit(base_url).netloc
    seen, pages, todo = set(START), {}, list(START)
    with ThreadPoolExecutor(max_workers=4) as pool:
        while todo and len(pages) < MAX_PAGES:
            batch, todo = todo, []
            for path, (status, kind, body) in zip(
                batch, pool.map(lambda path: fetch(base_url + path), batch), strict=True
            ):
                assert status < 500, f"{path} answered {status}"
                if kind != "text/html":
                    continue
                pages[path] = body
                parser = Links()
                parser.feed(body)
                for href in parser.hrefs:
                    link = urlsplit(urljoin(base_url + path, href))
                    if link.scheme not in ("http", "https") or link.netloc != host:
                        continue
                    if link.path.startswith(SKIP) or link.path in seen:
                        continue
                    seen.add(link.path)
                    todo.append(link.path)
    return pages


def nu_errors(pages: dict[str, str], workdir: Path) -> list[str]:
    """Run the Nu Html Checker once over every page; return its errors as "path:line: text"."""
    names = {}
    for number, (path, html) in enumerate(sorted(pages.items())):
        name = workdir / f"page-{number:04d}.html"
        name.write_text(html)
        names[name.name] = path
    done = subprocess.run(
        ["java", "-Xss8m", "-jar", str(VNU), "--errors-only", "--format", "json", str(workdir)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(done.stderr)["messages"]
    return [
        f"{names.get(Path(urlsplit(message.get('url', '')).path).name, message.get('url'))}:"
        f"{message.get('lastLine', '?')}: "
        f"{message['message']} ({message.get('extract', '').strip()[:80]!r})"
        for message in messages
        if message["type"] in ("error", "non-document-error")
    ]


@pytest.fixture(scope="module")
def nu_checker():
    missing = [
        what
        for what, there in (("vnu-jar", VNU.exists()), ("java", shutil.which("java")))
        if not there
    ]
    if missing:
        message = f"{' and '.join(missing)} not installed; run `make node-deps java-deps`."
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)


def test_every_page_of_the_demo_site_is_valid_html(nu_checker, demo_server, tmp_path):
    pages = crawl(demo_server)
    # The crawl reached every kind of page, not just the home page.
    assert len(pages) > 100
    assert any(path.startswith("/pengaduan/lacak/") and path.count("/") == 4 for path in pages)
    assert any(path.startswith("/en/") and path != "/en/" for path in pages)

    assert nu_errors(pages, tmp_path) == []
