"""The installable app in a real Chromium: install checks, the worker, offline reading, saving.

Contexts here set no request routes: Playwright's interception makes Chromium bypass service
workers, which is exactly what these tests must not do. Outside requests are recorded instead.
"""

import io
import json
import re
import urllib.request
from urllib.parse import urlparse

import pytest
from PIL import Image

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tools.pwa_screenshot import screenshot

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "locale": "id-ID"}
INFOGRAPHIC = "/infografis/alur-layanan-paten/"


def controlled(page):
    """Wait until the worker is active and controls `page`; return its shell cache's name."""
    page.evaluate("navigator.serviceWorker.ready")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    return page.wait_for_function(
        "caches.keys().then(names => names.find(n => n.startsWith('lk-shell-')))"
    ).json_value()


def cache_urls(page, name):
    return page.evaluate(
        "name => caches.open(name).then(c => c.keys()).then(keys => keys.map(k => k.url))", name
    )


def watch(page, base_url):
    """Return lists collecting console errors and requests to any other host."""
    errors, outside = [], []
    host = urlparse(base_url).netloc
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Requests cut short by the next navigation (net::ERR_ABORTED) are not failures.
    page.on(
        "requestfailed",
        lambda r: (
            errors.append(f"{r.method} {r.url} {r.failure}")
            if "ERR_ABORTED" not in (r.failure or "")
            else None
        ),
    )
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if urlparse(r.url).netloc not in (host, "") and not r.url.startswith("data:")
            else None
        ),
    )
    return errors, outside


@pytest.fixture
def context(browser):
    # Playwright's string predicates (wait_for_function) run through eval, which the site's
    # CSP forbids; the policy itself is tested in test_csp.py.
    context = browser.new_context(bypass_csp=True, **PHONE)
    yield context
    context.close()


def test_chromium_reports_no_installability_errors(browser, tmp_path, demo_server):
    """Chromium finds the manifest, its icons and the worker good enough to install the app."""
    # A persistent profile: Chromium never installs from an incognito one, as new_context is.
    # Started from the session's Playwright: a second sync_playwright() cannot run beside it.
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS, **PHONE
    )
    try:
        page = context.pages[0]
        page.goto(demo_server + "/")
        controlled(page)
        cdp = context.new_cdp_session(page)

        assert cdp.send("Page.getInstallabilityErrors") == {"installabilityErrors": []}
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["url"] == demo_server + "/manifest.json"
        assert manifest["errors"] == []
        assert cdp.send("Page.getAppId") == {"appId": demo_server + "/", "recommendedId": "/"}
    finally:
        context.close()


def test_manifest_icons_and_screenshot_are_real_pngs(context, demo_server):
    """Every icon and screenshot the manifest names is a PNG of exactly its stated size."""
    page = context.new_page()
    page.goto(demo_server + "/")
    href = page.locator("link[rel=manifest]").get_attribute("href")
    manifest = page.request.get(demo_server + href).json()

    assert manifest["id"] == "/" and manifest["scope"] == "/" and manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["name"] != manifest["short_name"]
    purposes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= purposes
    assert [shot["form_factor"] for shot in manifest["screenshots"]] == ["narrow"]
    images = manifest["icons"] + manifest["screenshots"]
    images += [icon for shortcut in manifest["shortcuts"] for icon in shortcut["icons"]]
    for item in images:
        response = page.request.get(demo_server + item["src"])
        assert response.ok, item["src"]
        image = Image.open(io.BytesIO(response.body()))
        assert image.format == "PNG"
        assert "{}x{}".format(*image.size) == item["sizes"]
    width, height = Image.open(
        io.BytesIO(page.request.get(demo_server + manifest["screenshots"][0]["src"]).body())
    ).size
    assert height / width <= 2.3  # Chromium ignores a narrower screenshot


def test_the_screenshot_tool_photographs_the_size_the_manifest_states(
    browser, demo_server, tmp_path
):
    """tools/pwa_screenshot.py (what `manage.py pwa_images --screenshot` did) still works."""
    with urllib.request.urlopen(demo_server + "/manifest.json", timeout=30) as response:
        sizes = json.load(response)["screenshots"][0]["sizes"]

    shot = screenshot(browser, demo_server + "/", tmp_path / "shot.png")

    with Image.open(shot) as image:
        assert image.format == "PNG" and image.mode == "P"  # 256 colours, like the icons
        assert "{}x{}".format(*image.size) == sizes == "540x1170"


def test_pages_read_open_offline_and_others_show_the_offline_page(context, demo_server):
    """After a first visit, the home page, the announcements, the complaint form and what was
    read open offline."""
    page = context.new_page()
    errors, outside = watch(page, demo_server)
    page.goto(demo_server + INFOGRAPHIC)  # the first page ever: read before the worker ran
    controlled(page)
    page.goto(demo_server + "/pengumuman/")
    article = page.locator(".card__title a").first
    article_title = article.inner_text()
    article.click()
    page.wait_for_load_state()
    article_url = page.url
    page.wait_for_function(
        "url => caches.open('lk-pages-1').then(c => c.match(url)).then(Boolean)", arg=article_url
    )

    context.set_offline(True)
    for url, heading in [
        (demo_server + "/", None),
        (demo_server + "/pengumuman/", "Pengumuman"),
        (article_url, article_title),
        (demo_server + INFOGRAPHIC, "Alur layanan PATEN"),
        # Kept at install though never opened, and private (its own idempotency key).
        (demo_server + "/pengaduan/baru/", "Kirim pengaduan atau permohonan"),
    ]:
        response = page.goto(url)
        assert response.status == 200, url
        assert page.locator("[data-saved-list]").count() == 0, f"{url} gave the offline page"
        if heading:
            assert page.locator("h1").inner_text() == heading

    response = page.goto(demo_server + "/kegiatan/")  # never opened
    assert response.status == 200
    assert page.locator("h1").inner_text() == "Tidak ada sambungan internet"
    read = page.locator("[data-read-list] a")
    read.first.wait_for()
    titles = read.all_inner_texts()
    assert article_title in titles and "Pengumuman" in titles
    assert page.locator("[data-read-list] a", has_text=article_title).get_attribute("href") == (
        article_url
    )
    assert errors == [] and outside == []


def test_a_page_from_a_kept_copy_says_the_reader_is_offline(context, demo_server):
    """Any page the worker answers from its cache with the network down says so at the top;
    the same page from the network, and the offline page itself, do not."""
    page = context.new_page()
    errors, outside = watch(page, demo_server)
    page.goto(demo_server + "/")
    controlled(page)
    page.goto(demo_server + "/panduan/")
    page.wait_for_function(
        "u => caches.open('lk-pages-1').then(c => c.match(u)).then(Boolean)",
        arg=demo_server + "/panduan/",
    )
    page.goto(demo_server + "/")
    assert page.locator(".copy-note").count() == 0

    context.set_offline(True)
    for path, heading in (("/panduan/", "Panduan"), ("/", None)):
        page.goto(demo_server + path)
        note = page.locator(".copy-note")
        note.wait_for()
        assert note.inner_text() == "Tidak ada sinyal — menampilkan salinan tersimpan."
        assert note.get_attribute("role") == "status"
        if heading:
            assert page.locator("h1").inner_text() == heading
    for path in ("/kegiatan/", "/offline/"):  # never opened, and the offline page by its address
        page.goto(demo_server + path)
        assert page.locator("h1").inner_text() == "Tidak ada sambungan internet"
        page.wait_for_timeout(300)
        assert page.locator(".copy-note").count() == 0, path

    context.set_offline(False)
    page.goto(demo_server + "/panduan/")
    page.wait_for_timeout(300)
    assert page.locator(".copy-note").count() == 0
    assert errors == [] and outside == []


def test_save_for_offline_shows_the_size_then_saves_and_removes(context, demo_server):
    """An infographic is saved with its image, listed offline, readable offline, then removed."""
    page = context.new_page()
    errors, outside = watch(page, demo_server)
    page.goto(demo_server + INFOGRAPHIC)
    controlled(page)
    page.reload()  # now under the worker, as on any later visit
    box = page.locator("[data-save-offline]")
    box.wait_for()
    size = page.locator("[data-size]")
    page.wait_for_function("document.querySelector('[data-size]').textContent !== '…'")
    assert re.fullmatch(r"\d+ KB", size.inner_text())
    shown = page.evaluate("document.querySelector('.infographic img').currentSrc")
    # The size is what saving downloads: the page as it travels (compressed) and its image.
    page_bytes, image_bytes, unpacked = page.evaluate(
        """async image => {
            const head = url => fetch(url, {method: 'HEAD'})
                .then(r => Number(r.headers.get('Content-Length')));
            const full = await fetch(location.href, {cache: 'no-store'}).then(r => r.blob());
            return [await head(location.href), await head(image), full.size];
        }""",
        shown,
    )
    assert 0 < page_bytes < unpacked / 2  # brotli: the unpacked page would overstate it
    assert size.inner_text() == f"{max(1, round((page_bytes + image_bytes) / 1024))} KB"

    page.get_by_role("button", name="Simpan untuk dibaca tanpa sinyal").click()
    page.locator("[data-state=done]").wait_for()
    assert "Tersimpan di ponsel ini" in page.locator("[data-state=done]").inner_text()
    assert sorted(cache_urls(page, "lk-saved-1")) == sorted([demo_server + INFOGRAPHIC, shown])

    # Offline, with the ordinary caches emptied: only the saved copy can answer.
    page.evaluate("Promise.all(['lk-pages-1', 'lk-images-1'].map(n => caches.delete(n)))")
    context.set_offline(True)
    page.goto(demo_server + INFOGRAPHIC)
    assert page.locator("h1").inner_text() == "Alur layanan PATEN"
    image = page.locator(".infographic img")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 1", arg=image.element_handle()
    )
    assert image.evaluate("img => img.currentSrc") == shown

    page.goto(demo_server + "/kegiatan/")
    saved = page.locator("[data-saved-list] li")
    saved.first.wait_for()
    assert saved.count() == 1 and "Alur layanan PATEN" in saved.inner_text()
    saved.get_by_role("button").click()
    page.wait_for_function("!document.querySelector('[data-saved-list] li')")
    assert cache_urls(page, "lk-saved-1") == []
    assert page.locator("[data-saved-list] + [data-empty]").is_visible()
    assert errors == [] and outside == []


def test_a_new_version_replaces_the_shell_and_deletes_old_caches(context, demo_server):
    """A changed worker installs, deletes earlier versions' caches and keeps pages read."""
    page = context.new_page()
    page.goto(demo_server + "/healthz")  # same origin, no worker yet
    page.evaluate(
        "Promise.all(['lk-shell-0ld', 'lk-pages-0', 'other-app'].map(n => caches.open(n)))"
    )
    page.goto(demo_server + "/")
    first = controlled(page)
    page.wait_for_function("caches.keys().then(names => !names.includes('lk-shell-0ld'))")
    names = page.evaluate("caches.keys()")
    assert "lk-pages-0" not in names and "other-app" in names  # only our own old caches go
    version = first.removeprefix("lk-shell-")

    # Bump: serve the same worker with another version, as a deploy that changed the shell does.
    def bumped(route):
        response = route.fetch()
        body = response.text().replace(f'"version":"{version}"', '"version":"bumped00000"')
        route.fulfill(response=response, body=body)

    context.route("**/serviceworker.js", bumped)
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    page.wait_for_function("caches.keys().then(names => names.includes('lk-shell-bumped00000'))")
    page.wait_for_function(f"caches.keys().then(names => !names.includes('{first}'))")
    context.unroute("**/serviceworker.js")
    assert demo_server + "/" in cache_urls(page, "lk-pages-1")
    # The open page keeps working under the new worker.
    page.locator(".site-nav a", has_text="Pengumuman").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Pengumuman"


def test_worker_never_keeps_staff_pages(context, demo_server):
    """The admin sign-in page is not cached, so it never shows offline."""
    page = context.new_page()
    page.goto(demo_server + "/")
    controlled(page)
    page.goto(demo_server + "/admin/login/")
    page.goto(demo_server + "/pengumuman/")
    page.wait_for_function(
        "u => caches.open('lk-pages-1').then(c => c.match(u)).then(Boolean)",
        arg=demo_server + "/pengumuman/",
    )
    assert not [url for url in cache_urls(page, "lk-pages-1") if "/admin/" in url]


def test_install_banner_prompts_and_remembers_dismissal(context, demo_server):
    """Where the browser offers installation, our banner asks once; "Nanti saja" is remembered."""
    page = context.new_page()
    page.goto(demo_server + "/")
    fire = """() => {
        const event = new Event('beforeinstallprompt', {cancelable: true});
        event.prompt = () => { window.prompted = true; };
        event.userChoice = Promise.resolve({outcome: 'accepted'});
        window.dispatchEvent(event);
    }"""
    page.evaluate(fire)
    banner = page.locator(".install-banner")
    assert banner.is_visible()
    assert banner.locator("[data-install-help]").count() == 0
    banner.get_by_role("button", name="Pasang aplikasi").click()
    assert page.evaluate("window.prompted") is True
    banner.wait_for(state="detached")

    page.reload()
    page.evaluate(fire)
    page.get_by_role("button", name="Nanti saja").click()
    assert banner.count() == 0
    page.reload()
    page.evaluate(fire)
    assert banner.count() == 0


def test_iphone_gets_a_link_to_the_illustrated_help(browser, demo_server):
    """Safari has no install prompt: iPhone readers get a link to the Indonesian help page."""
    iphone = (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
    )
    context = browser.new_context(user_agent=iphone, **PHONE)
    page = context.new_page()
    page.goto(demo_server + "/")
    help_link = page.locator(".install-banner a", has_text="Cara memasang di iPhone")
    help_link.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Pasang aplikasi"
    assert page.locator("#iphone + ol.steps > li svg").count() == 3
    assert "Tambah ke Layar Utama" in page.locator("main").inner_text()
    # The help page itself offers no banner pointing at itself (the page script has run).
    page.wait_for_function("document.readyState === 'complete'")
    assert page.locator(".install-banner").count() == 0
    page.goto(demo_server + "/pengumuman/")
    page.locator(".install-banner").wait_for()
    context.close()


def test_without_javascript_there_is_no_save_button(browser, demo_server):
    """Saving needs a worker, so without JavaScript the button stays hidden."""
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(demo_server + INFOGRAPHIC)
    assert page.locator("[data-save-offline]").count() == 1
    assert not page.locator("[data-save-offline]").is_visible()
    assert page.locator(".infographic img").is_visible()
    context.close()
