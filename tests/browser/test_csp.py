"""The strict Content-Security-Policy breaks nothing: zero violations on the main pages, the
API docs and the Wagtail admin (after a real two-factor sign-in, the policy enforced there
too, with the two additions of cms/security/admin_csp.py), in a real Chromium."""

import time

import pytest
from django_otp.oath import TOTP

from demo.security import DEMO_TOTP_KEY

pytestmark = pytest.mark.browser

PUBLIC = [
    "/",
    "/pengumuman/",
    "/layanan/",
    "/cari/?q=KTP",
    "/pengaduan/",
    "/pengaduan/baru/",
    "/pengaduan/lacak/",
    "/privasi/",
    "/privasi/permintaan/",
    "/offline/",
    "/pasang-aplikasi/",
    "/en/",
    "/api/docs/",
]
RECORD = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
  e => window.__csp.push(
    e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));
"""


@pytest.fixture
def csp_page(browser, demo_server):
    context = browser.new_context(locale="id-ID")
    context.add_init_script(RECORD)
    page = context.new_page()
    messages = []
    page.on(
        "console",
        lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None,
    )
    yield page, messages
    context.close()


def visit(page, url, header="content-security-policy"):
    response = page.goto(url)
    page.wait_for_load_state("networkidle")
    assert response.ok, (url, response.status)
    assert "script-src 'self'" in response.headers[header]
    return page.evaluate("window.__csp")


def test_no_csp_violation_on_public_pages_and_api_docs(csp_page, demo_server):
    page, messages = csp_page
    violations = {url: visit(page, demo_server + url) for url in PUBLIC}
    assert {url: v for url, v in violations.items() if v} == {}
    assert messages == []


def test_api_docs_render_under_the_policy(csp_page, demo_server):
    page, messages = csp_page
    visit(page, demo_server + "/api/docs/")
    page.wait_for_selector(".swagger-ui .info", timeout=15_000)
    assert messages == []


# Admin screens staff use, visited in this order after signing in ("{...}" filled in below).
ADMIN = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/{home}/",
    "/admin/pages/search/?q=KTP",
    "/admin/complaints/",
    "/admin/complaints/{complaint}/",
    "/admin/complaints/new/",
    "/admin/data-requests/",
    "/admin/snippets/",
    "/admin/snippets/pages/category/",
    "/admin/images/",
    "/admin/images/{image}/",
    "/admin/documents/",
    "/admin/settings/pages/kecamatansettings/",
    "/admin/users/",
    "/admin/2fa/staff/",
    "/admin/survei/",
    "/admin/survei/laporan/",
    "/admin/survei/poster/{service}/",
    "/admin/account/",
]
# Standalone printable pages (no Wagtail base template): their Print button.
PRINTABLE = ["/admin/survei/laporan/", "/admin/survei/poster/{service}/"]


USED_STEPS = [-1]  # the time steps whose codes this module has used


def sign_in(page, base_url):
    """Sign the demo editor in with password and a fresh TOTP code."""
    assert visit(page, base_url + "/admin/login/") == []
    page.fill("input[name=username]", "staf")
    page.fill("input[name=password]", "staf-demo-2026")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/2fa/verify/**")
    totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY))
    totp.time = time.time()
    if totp.t() <= USED_STEPS[-1]:  # django-otp accepts each code once: wait for a new one
        time.sleep(totp.step - totp.time % totp.step + 0.5)
        totp.time = time.time()
    USED_STEPS.append(totp.t())
    page.fill("input[name=token]", f"{totp.token():06d}")
    page.click("form.login-form button[type=submit]")
    page.wait_for_load_state()
    assert page.url == base_url + "/admin/", (page.url, page.locator("body").inner_text()[:600])


def first_id(page, base_url, api_query) -> int:
    response = page.request.get(f"{base_url}/api/v2/{api_query}")
    return response.json()["items"][0]["id"]


def test_admin_works_under_the_enforced_policy(csp_page, demo_server):
    """Staff sign in with two factors and use the admin's screens, modals and editors with
    the strict policy enforced: no violation, nothing blocked."""
    page, messages = csp_page
    sign_in(page, demo_server)
    ids = {
        "home": first_id(page, demo_server, "pages/?type=pages.HomePage&locale=id"),
        "image": first_id(page, demo_server, "images/"),
    }
    page.goto(demo_server + "/admin/complaints/")
    ids["complaint"] = page.evaluate(
        "[...document.querySelectorAll('main a')].map(a => a.pathname)"
        ".map(p => p.match(/^\\/admin\\/complaints\\/(\\d+)\\/$/)).find(m => m)[1]"
    )
    page.goto(demo_server + "/admin/survei/")
    ids["service"] = page.evaluate(
        "[...document.querySelectorAll('main a')].map(a => a.pathname)"
        ".map(p => p.match(/^\\/admin\\/survei\\/poster\\/([\\w-]+)\\/$/)).find(m => m)[1]"
    )
    violations = {}
    for url in ADMIN:
        url = url.format(**ids)
        violations[url] = visit(page, demo_server + url)
        assert page.locator("main").count() == 1, url
    assert {url: found for url, found in violations.items() if found} == {}
    assert messages == []

    # The survey report's and QR poster's Print button (a file's handler, no onclick="")
    # opens the print dialog; the poster's own stylesheet applies (A4, centred).
    for url in PRINTABLE:
        url = url.format(**ids)
        assert visit(page, demo_server + url) == []
        page.evaluate("() => { window.__printed = 0; window.print = () => window.__printed++; }")
        page.get_by_role("button", name="Cetak").click()
        assert page.evaluate("window.__printed") == 1, url
    poster = page.evaluate(
        "({align: getComputedStyle(document.body).textAlign,"
        " width: document.body.getBoundingClientRect().width,"
        " qr: document.querySelector('.qr svg').getBoundingClientRect().width,"
        " a4: [...document.styleSheets].some(s => [...s.cssRules].some("
        "   r => r instanceof CSSPageRule && r.style.size === 'a4'))})"
    )
    # 180 mm wide, centred; the QR code 120 mm; an @page rule for A4 (1 mm = 96/25.4 px).
    mm = 96 / 25.4
    width, qr = pytest.approx(180 * mm, abs=0.5), pytest.approx(120 * mm, abs=0.5)
    assert poster == {"align": "center", "width": width, "qr": qr, "a4": True}
    assert page.evaluate("window.__csp") == []
    assert messages == []


def test_page_editor_works_under_the_enforced_policy(csp_page, demo_server):
    """The page editor with its StreamField, rich-text editor (Draftail), an inline panel and
    the image chooser modal: every script runs, nothing is blocked."""
    page, messages = csp_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, demo_server)
    announcement = first_id(page, demo_server, "pages/?type=pages.AnnouncementPage&locale=id")
    assert visit(page, f"{demo_server}/admin/pages/{announcement}/edit/") == []

    # Rich text: Draftail mounts (a script, and <style> elements of its own) and takes typing.
    editor = page.locator(".Draftail-Editor [contenteditable=true]").first
    editor.wait_for(timeout=15_000)
    editor.click()
    page.keyboard.type(" Uji CSP.")
    assert "Uji CSP." in editor.inner_text()
    # Its <style> elements got the page's nonce from admin-style-nonce.js and apply.
    styles = page.evaluate(
        "[...document.querySelectorAll('style')].map(s => [Boolean(s.nonce), s.sheet !== null])"
    )
    assert styles and all(nonce and applied for nonce, applied in styles), styles

    # StreamField: the block picker opens and adds a block.
    blocks = page.locator("[data-streamfield-child]").count()
    page.locator("button.c-sf-add-button").first.click()
    page.locator(".w-combobox__option").first.click()
    page.wait_for_function(
        f"document.querySelectorAll('[data-streamfield-child]').length > {blocks}"
    )

    # Inline panel (attachments): "add" clones the empty form, its chooser starts up.
    forms = page.locator("#id_attachments-FORMS > *").count()
    page.locator("#id_attachments-ADD").click()
    page.wait_for_function(
        f"document.querySelectorAll('#id_attachments-FORMS > *').length > {forms}"
    )

    # Image chooser: "change" opens the modal; choosing an image fills the field.
    page.locator("#id_listing_image-chooser .w-dropdown__toggle").click()
    page.locator("[data-chooser-action-choose]:visible").first.click()
    choice = page.locator(".modal [data-chooser-modal-choice]").nth(1)
    choice.wait_for(timeout=15_000)
    title = choice.get_attribute("title")
    choice.click()
    page.locator(".modal").first.wait_for(state="hidden", timeout=15_000)
    assert page.locator("#id_listing_image-title").inner_text().strip() == title

    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__csp") == []
    assert messages == []
    assert errors == []

    # A <style> in markup (as injected HTML would be) has no nonce: refused, not applied.
    page.evaluate(
        "document.body.insertAdjacentHTML('beforeend',"
        " '<style id=lk-injected>body { display: none }</style>')"
    )
    page.wait_for_function("window.__csp.length > 0")
    assert page.evaluate("document.getElementById('lk-injected').sheet") is None
    assert page.evaluate("window.__csp")[0].startswith("style-src-elem")


def test_account_page_time_zones_raise_no_error(csp_page, demo_server):
    """Wagtail names each offered time zone in the browser: "localtime", in the default list of
    every zone the system knows, threw "RangeError: Invalid time zone specified"."""
    page, messages = csp_page
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, demo_server)
    assert visit(page, demo_server + "/admin/account/") == []
    values = page.eval_on_selector_all(
        "select[name=locale-current_time_zone] option", "os => os.map(o => o.value)"
    )
    assert set(values) - {""} == {"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"}
    assert errors == [] and messages == []


def test_sign_out_from_the_code_page(csp_page, demo_server):
    """ "Keluar" on the code page signs out (a POST; the GET link it was answered 405)."""
    page, messages = csp_page
    assert visit(page, demo_server + "/admin/login/") == []
    page.fill("input[name=username]", "staf")
    page.fill("input[name=password]", "staf-demo-2026")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/2fa/verify/**")
    page.get_by_role("button", name="Keluar").click()
    page.wait_for_load_state()
    assert "/admin/login/" in page.url, page.url
    page.goto(demo_server + "/admin/")
    assert "/admin/login/" in page.url, page.url
    assert page.evaluate("window.__csp") == [] and messages == []
