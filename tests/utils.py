"""Helpers to read responses the way a resident's browser would."""

from bs4 import BeautifulSoup
from django.db import connection
from django.template.defaultfilters import date as date_filter
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation


def soup(response) -> BeautifulSoup:
    """Return the parsed HTML of a response."""
    return BeautifulSoup(response.content, "html.parser")


def text_of(node) -> str:
    """Return the visible text of a response or an element, whitespace collapsed."""
    if not hasattr(node, "get_text"):
        node = soup(node)
    return " ".join(node.get_text(" ").split())


def main_text(response) -> str:
    """Return the visible text of the page's <main>."""
    return text_of(soup(response).find("main"))


def main_links(response) -> list[str]:
    """Return the href of every link inside <main>, in document order."""
    return [a["href"] for a in soup(response).find("main").find_all("a", href=True)]


def shown(value, fmt: str, language: str = "id") -> str:
    """Return `value` formatted as the templates show it: local time, `language` month names."""
    if hasattr(value, "tzinfo"):
        value = timezone.localtime(value)
    with translation.override(language):
        return date_filter(value, fmt)


def label(text, language: str = "id") -> str:
    """Return a lazy translatable string as residents read it in `language`."""
    with translation.override(language):
        return str(text)


def count_queries(client, url: str) -> int:
    """Return how many queries a warm GET of `url` issues, after a first GET made renditions.

    The cache is cleared between the two, so nothing the cache hides (renditions, site
    root paths) masks a query per item.
    """
    from django.core.cache import cache

    assert client.get(url).status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


def qr_texts(image) -> list[str]:
    """Return what every QR code in `image` (a Pillow image) says, read by a real decoder."""
    import zxingcpp

    return [
        result.text
        for result in zxingcpp.read_barcodes(image.convert("L"))
        if result.format == zxingcpp.BarcodeFormat.QRCode
    ]


def at_once(send, count: int = 8) -> list:
    """Call `send()` from `count` threads released together (a barrier), each on its own
    database connection, closed afterwards; return what the calls returned, in finishing order.
    For races the database must decide (PostgreSQL's real concurrent sessions)."""
    import threading

    from django.db import connections

    barrier = threading.Barrier(count)
    results = []

    def worker():
        try:
            barrier.wait()
            results.append(send())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results
