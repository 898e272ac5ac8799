import re

import pytest

pytestmark = pytest.mark.browser

SECTIONS = ["pengumuman", "infografis", "panduan", "layanan", "kegiatan"]


def assert_clean(page, watcher):
    """The page is Indonesian, has no console errors, no outside requests, no image without alt."""
    assert page.locator("html").get_attribute("lang") == "id"
    assert watcher.console_errors == []
    assert watcher.outside_requests == []
    assert page.locator("img:not([alt])").count() == 0
    assert page.locator("h1").count() == 1


def test_resident_reads_every_section_on_a_phone(watched_page, demo_server):
    """From the home page a resident opens each section and its first item, with no errors."""
    page, watcher = watched_page
    page.goto(demo_server + "/")
    assert_clean(page, watcher)
    assert page.locator(".urgent-banner a").count() >= 1  # the demo's live emergency

    for section in SECTIONS:
        page.goto(f"{demo_server}/{section}/")
        assert_clean(page, watcher)
        first = page.locator(".card__title a").first
        title = first.inner_text()
        first.click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == title
        assert re.match(rf"{demo_server}/{section}/[\w-]+/$", page.url)
        assert_clean(page, watcher)


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(watched_page, demo_server):
    """The first Tab reaches the visible skip link; following it puts focus on <main>."""
    page, _ = watched_page
    page.goto(demo_server + "/panduan/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_search_finds_the_ktp_guide(watched_page, demo_server):
    """Typing a word into the search form lists matching content."""
    page, watcher = watched_page
    page.goto(demo_server + "/cari/")
    page.get_by_label(re.compile("cari", re.I)).fill("KTP")
    page.get_by_role("button", name=re.compile("cari", re.I)).click()
    page.wait_for_load_state()
    assert "q=KTP" in page.url
    assert page.locator(".results li").count() >= 1
    assert_clean(page, watcher)


def test_language_switch_opens_the_english_page(watched_page, demo_server):
    """The EN switch on the home page leads to the English home page."""
    page, watcher = watched_page
    page.goto(demo_server + "/")
    page.locator(".lang-switch a[hreflang=en]").click()
    page.wait_for_load_state()
    assert page.url == demo_server + "/en/"
    assert page.locator("html").get_attribute("lang") == "en"
    assert watcher.console_errors == []


def test_pages_work_without_javascript(browser, demo_server):
    """With JavaScript off, a guide still shows its numbered steps and the menu works."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(demo_server + "/panduan/")
    page.locator(".card__title a").first.click()
    page.wait_for_load_state()
    assert page.locator("ol.steps > li").count() >= 3
    page.locator(".site-nav a", has_text="Layanan").click()
    page.wait_for_load_state()
    assert page.url == demo_server + "/layanan/"
    context.close()


def test_video_loads_nothing_until_tapped(watched_page, demo_server):
    """A guide's video makes no outside request until the reader taps it; then it plays in place."""
    page, watcher = watched_page
    page.goto(demo_server + "/panduan/")
    for href in page.locator(".card__title a").evaluate_all("links => links.map(a => a.href)"):
        page.goto(href)
        if page.locator(".video[data-youtube]").count():
            break
    else:
        pytest.fail("the demo has no guide with a video")
    assert watcher.outside_requests == []
    page.locator(".video__link").click()
    frame = page.locator(".video iframe")
    assert "youtube-nocookie.com/embed/" in frame.get_attribute("src")
    page.wait_for_timeout(300)
    assert any("youtube-nocookie.com" in url for url in watcher.outside_requests)


def test_unknown_page_is_a_friendly_indonesian_404(watched_page, demo_server):
    """An unknown address answers 404 with an Indonesian page and a way back."""
    page, watcher = watched_page
    response = page.goto(demo_server + "/halaman-yang-tidak-ada/")
    assert response.status == 404
    assert "tidak ditemukan" in page.locator("h1").inner_text().lower()
    assert page.locator("main a[href='/']").count() == 1


PHONE_PAGES = ["/", "/pengumuman/", "/pengaduan/", "/pengaduan/baru/", "/transparansi/", "/cari/"]


@pytest.mark.parametrize("width", [360, 412])
def test_nothing_scrolls_sideways_and_card_images_fill_their_cards(browser, demo_server, width):
    """On the phones residents use, no page is wider than the screen and every card's image
    is as wide as its card (no strip of background beside it)."""
    context = browser.new_context(viewport={"width": width, "height": 740}, locale="id-ID")
    page = context.new_page()
    try:
        for path in PHONE_PAGES:
            page.goto(demo_server + path)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, f"{path} scrolls sideways by {overflow} px at {width} px"
        page.goto(demo_server + "/pengumuman/")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        gaps = page.evaluate(
            """() => [...document.querySelectorAll('.card')].filter(c => c.querySelector('img'))
                 .map(c => c.clientWidth - c.querySelector('img').getBoundingClientRect().width)"""
        )
        assert gaps and max(gaps) < 1, f"card images leave {max(gaps)} px at {width} px"
    finally:
        context.close()
