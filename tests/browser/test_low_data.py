"""Low-data mode in a real browser: no image is downloaded until the resident taps it."""

import pytest

pytestmark = pytest.mark.browser


class ImageRequests:
    def __init__(self, page):
        self.urls = []
        page.on("request", self._request)

    def _request(self, request):
        if request.resource_type == "image" or "/media/" in request.url:
            self.urls.append(request.url)


def open_first_item(page, base_url, index):
    page.goto(base_url + index)
    href = page.locator(".card__title a").first.get_attribute("href")
    page.goto(base_url + href)


def scroll_through(page):
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(500)
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(300)


def test_save_data_loads_no_image_until_tapped(browser, demo_server):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, extra_http_headers={"Save-Data": "on"}
    )
    page = context.new_page()
    images = ImageRequests(page)

    for index in ("/", "/pengumuman/", "/infografis/", "/panduan/"):
        page.goto(demo_server + index)
        scroll_through(page)
    open_first_item(page, demo_server, "/pengumuman/")
    scroll_through(page)
    assert images.urls == []
    assert page.locator("html[data-save-data]").count() == 1
    placeholder = page.locator(".hero .lowdata__load")
    assert placeholder.inner_text().startswith("Gambar ")
    assert placeholder.inner_text().endswith("KB – ketuk untuk memuat")

    placeholder.click()

    hero = page.locator(".hero img")
    hero.wait_for()
    page.wait_for_function("document.querySelector('.hero img').complete")
    assert page.evaluate("document.querySelector('.hero img').naturalWidth") > 0
    assert len(images.urls) == 1  # only the tapped image, in one format
    assert page.locator(".hero .lowdata__load").count() == 0
    context.close()


def test_the_footer_switch_holds_images_until_tapped(browser, demo_server):
    """Switched on in the footer (the browser sends no Save-Data): remembered, images wait.

    Without Save-Data the server has rendered the images, so what the browser fetched before
    site.js ran (the header logo, the first screen's cards) may already be loading; every image
    not yet fetched is held behind a placeholder, and scrolling loads nothing more. A service
    worker that relays the switch as Save-Data (docs/performance.md) closes that gap.
    """
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(demo_server + "/panduan/")
    switch = page.locator("[data-lowdata-switch] button")
    assert switch.get_attribute("aria-pressed") == "false"

    switch.click()

    assert switch.get_attribute("aria-pressed") == "true"
    assert page.evaluate("localStorage.getItem('layanan-low-data')") == "1"
    images = ImageRequests(page)
    page.goto(demo_server + "/pengumuman/")
    page.wait_for_load_state("networkidle")
    before_scrolling = list(images.urls)
    scroll_through(page)
    assert images.urls == before_scrolling
    assert page.locator("[data-lowdata-switch] button").get_attribute("aria-pressed") == "true"
    held = page.locator(".lowdata--off .lowdata__load")
    assert held.count() >= 3
    assert held.last.inner_text().endswith("KB – ketuk untuk memuat")

    held.last.click()

    page.wait_for_timeout(500)
    assert len(images.urls) == len(before_scrolling) + 1

    page.locator("[data-lowdata-switch] button").click()  # off again: every image shows
    assert page.locator(".lowdata--off").count() == 0
    assert page.evaluate("localStorage.getItem('layanan-low-data')") == "0"
    context.close()
