"""The complaint outbox's fault matrix (issue #6) in a real Chromium against the demo server.

Every case ends with exactly one stored complaint per submission (counted in the demo server's
own database by the text written) and its tracking code shown on the phone. Faults come from
Playwright: `set_offline`, and routes on POST /api/v1/complaints/ that abort, answer 500/503, or
let the request reach the server and then drop its reply. The page sends these posts itself
(the worker lets non-navigation POSTs through), so routes see them.
"""

import io
import re
import sqlite3
import time
import uuid
from urllib.parse import urlparse

import pytest
from PIL import Image

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, DEMO, free_port
from tests.browser.relay import Relay
from tests.browser.test_pwa import controlled

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "locale": "id-ID"}
FORM = "/pengaduan/baru/"
MINE = "/pengaduan/saya/"
API = "**/api/v1/complaints/"
CODE = re.compile(r"KCM-[0-9A-Z]{4}-[0-9A-Z]{4}")


def stored(text):
    """Return the tracking codes of complaints whose description contains `text`."""
    with sqlite3.connect(DEMO["database"]) as db:
        rows = db.execute(
            "SELECT tracking_code FROM complaints_complaint WHERE description LIKE ?",
            [f"%{text}%"],
        ).fetchall()
    return [row[0] for row in rows]


def stored_photo(code):
    with sqlite3.connect(DEMO["database"]) as db:
        return db.execute(
            "SELECT photo FROM complaints_complaint WHERE tracking_code = ?", [code]
        ).fetchone()[0]


def marker():
    return f"uji-{uuid.uuid4().hex[:10]}"


def fill(page, text):
    page.get_by_label("Topik").select_option("jalan-jembatan")
    page.get_by_label("Jelaskan masalah atau permohonan Anda").fill(
        f"Jalan desa berlubang besar dekat sekolah ({text})."
    )


def send(page):
    page.get_by_role("button", name="Kirim", exact=True).click()


def items(page):
    """Return the outbox as the page sees it (without photos)."""
    return page.evaluate(
        """LKOutbox.all().then(items => items.map(item => ({key: item.key, state: item.state,
           code: item.code || null, photo: item.photo ? item.photo.size : 0,
           description: (item.fields || []).filter(p => p[0] === 'description').map(p => p[1])[0]
           || null})))"""
    )


def queued_row(page):
    row = page.locator("[data-outbox-list] li[data-state=queued]")
    row.first.wait_for()
    assert row.first.locator(".outbox__status").inner_text().startswith("Menunggu sinyal (ditulis")
    return row


def shows_code(page, text, timeout=30000):
    """Wait until the phone lists the one stored complaint's code; return that code."""
    deadline = time.monotonic() + timeout / 1000
    while not stored(text) and time.monotonic() < deadline:
        page.wait_for_timeout(200)  # not time.sleep: route handlers run while Playwright waits
    codes = stored(text)
    assert len(codes) == 1, (codes, items(page))
    link = page.locator("[data-outbox-list] a", has_text=codes[0])
    link.wait_for(timeout=timeout)
    assert link.get_attribute("href").endswith(f"/pengaduan/lacak/{codes[0]}/")
    return codes[0]


@pytest.fixture
def relay(demo_server):
    """The demo server behind a relay the test can cut (a loss of signal no worker escapes)."""
    address = urlparse(demo_server)
    relay = Relay((address.hostname, address.port), free_port())
    relay.up()
    yield relay
    relay.down()


def lose_signal(context, relay):
    """Offline as a phone is: the browser says so and nothing reaches the server."""
    relay.down()
    context.set_offline(True)


@pytest.fixture
def context(browser):
    context = browser.new_context(**PHONE)
    yield context
    context.close()


def test_sent_online_it_goes_to_the_receipt_once(context, demo_server):
    """With signal, the form keeps, sends and opens the receipt; the code is listed afterwards."""
    page = context.new_page()
    page.goto(demo_server + FORM)
    text = marker()
    fill(page, text)
    send(page)
    page.wait_for_url(re.compile(r".*/pengaduan/terkirim/KCM-.*"))
    code = CODE.search(page.locator(".tracking-code").inner_text()).group(0)
    assert stored(text) == [code]
    with sqlite3.connect(DEMO["database"]) as db:
        [(channel,)] = db.execute(
            "SELECT channel FROM complaints_complaint WHERE tracking_code = ?", [code]
        ).fetchall()
    assert channel == "web"  # through the API, but from this site's own form
    page.goto(demo_server + MINE)
    page.locator("[data-outbox-list] a", has_text=code).wait_for()


def test_the_receipt_opens_when_another_sender_holds_the_outbox(context, demo_server):
    """The worker's background sync (registered on submit) or another tab may hold the outbox's
    lock when the form sends: the page's own send then leaves the entry to that sender. Its
    receipt must still open once the entry is sent (CI once saw the form stay put: the worker
    had won the race). Here a lock held for a second stands in for the other sender."""
    page = context.new_page()
    page.goto(demo_server + FORM)
    page.evaluate(
        """() => { navigator.locks.request("lk-outbox", () =>
             new Promise(resolve => setTimeout(resolve, 1000))); }"""
    )
    text = marker()
    fill(page, text)
    send(page)
    page.wait_for_url(re.compile(r".*/pengaduan/terkirim/KCM-.*"), timeout=20000)
    code = CODE.search(page.locator(".tracking-code").inner_text()).group(0)
    assert stored(text) == [code]


def test_the_phone_keeps_the_reply_code_and_fills_it_in_to_act(context, browser, demo_server):
    """The outbox keeps the reply code beside the tracking code: the receipt shows it, "my
    complaints" lists it, the tracking page's forms are filled with it and the reporter's
    message is taken. Another browser opening the same receipt sees no reply code."""
    page = context.new_page()
    page.goto(demo_server + FORM)
    text = marker()
    fill(page, text)
    send(page)
    page.wait_for_url(re.compile(r".*/pengaduan/terkirim/KCM-.*"))
    [code] = stored(text)
    secret = page.locator("#reply-secret")
    secret.wait_for()
    reply_code = secret.inner_text().strip()
    assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", reply_code)
    assert [
        item["secret"] for item in page.evaluate("LKOutbox.all()") if item.get("code") == code
    ] == [reply_code]
    page.goto(demo_server + MINE)
    page.locator("[data-outbox-list] .outbox__secret", has_text=reply_code).wait_for()

    page.goto(demo_server + f"/pengaduan/lacak/{code}/")
    field = page.locator("#reply-secret-reply")
    page.wait_for_function("document.querySelector('#reply-secret-reply').value !== ''")
    assert field.input_value() == reply_code
    page.locator("#reply-message").fill("Tambahan dari pelapor di ponselnya.")
    page.get_by_role("button", name="Kirim pesan").click()
    page.wait_for_url(re.compile(r".*terkirim=balasan"))

    stranger = browser.new_context(**PHONE)
    try:
        other = stranger.new_page()
        other.goto(demo_server + f"/pengaduan/terkirim/{code}/")
        assert code in other.content() and reply_code not in other.content()
        other.goto(demo_server + f"/pengaduan/lacak/{code}/")
        other.wait_for_timeout(500)
        assert other.locator("#reply-secret-reply").input_value() == ""
    finally:
        stranger.close()


# 1. offline when submitting, online later (app still open)
def test_offline_submit_is_sent_when_the_signal_returns(context, relay):
    page = context.new_page()
    page.goto(relay.url + FORM)
    controlled(page)
    lose_signal(context, relay)
    text = marker()
    fill(page, text)
    send(page)
    queued_row(page)
    assert page.get_by_label("Jelaskan masalah atau permohonan Anda").input_value() == ""
    page.wait_for_timeout(1000)
    assert stored(text) == []

    relay.up()
    context.set_offline(False)
    shows_code(page, text)
    assert page.locator("[data-outbox-list] li[data-state=queued]").count() == 0


# 2. offline when submitting, page closed, reopened online later
def test_offline_submit_survives_closing_the_browser(browser, relay, tmp_path):
    profile = str(tmp_path / "profile")

    def launch():
        return browser.browser_type.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, **PHONE
        )

    context = launch()
    page = context.pages[0]
    page.goto(relay.url + FORM)
    controlled(page)
    lose_signal(context, relay)
    text = marker()
    fill(page, text)
    send(page)
    queued_row(page)
    context.close()  # the whole browser, not just the tab
    assert stored(text) == []

    relay.up()
    context = launch()
    try:
        page = context.pages[0]
        page.goto(relay.url + MINE)
        code = shows_code(page, text)
        assert page.locator("h1").inner_text() == "Pengaduan saya"
        page.locator("[data-outbox-list] a", has_text=code).click()
        page.wait_for_url(f"**/pengaduan/lacak/{code}/")
    finally:
        context.close()


# 3. connection cut in the middle of the upload
def test_upload_cut_off_is_sent_again(context, demo_server, tmp_path):
    calls = []
    seen_queued = []

    def cut_first(route):
        calls.append(route.request.headers.get("idempotency-key"))
        # The server never gets the whole request: the first time, and again until the test
        # has seen the phone say so (a retry comes 2.5 to 5 s later, a short window to catch
        # on a loaded machine).
        if len(calls) == 1 or not seen_queued:
            route.abort("connectionreset")
        else:
            route.continue_()

    page = context.new_page()
    context.route(API, cut_first)
    page.goto(demo_server + FORM)
    # A worker activating later asks for a Background Sync that sends at once: let it settle.
    controlled(page)
    text = marker()
    fill(page, text)
    page.get_by_label("Foto (tidak wajib)").set_input_files(str(photo(tmp_path, 3000, 2000)))
    send(page)
    queued_row(page)
    seen_queued.append(True)
    code = shows_code(page, text, timeout=60000)
    assert len(calls) >= 2 and len(set(calls)) == 1, calls  # the same key every time
    assert stored_photo(code)


# 4. server answers 500, then 503, then succeeds
def test_server_errors_keep_it_queued_until_it_is_stored(context, demo_server):
    answers = []

    def flaky(route):
        answers.append(len(answers))
        if len(answers) == 1:
            route.fulfill(status=500, content_type="text/html", body="<h1>Server Error</h1>")
        elif len(answers) == 2:
            route.fulfill(
                status=503,
                content_type="application/json",
                headers={"Retry-After": "1"},
                body='{"message": "busy", "errors": {}}',
            )
        else:
            route.continue_()

    page = context.new_page()
    context.route(API, flaky)
    page.goto(demo_server + FORM)
    controlled(page)  # no Background Sync from a worker activating mid-test
    text = marker()
    fill(page, text)
    send(page)
    # The server answered: the row says so and when it tries again, not "waiting for signal".
    # (the row first reads "menunggu sinyal": it is written before the first attempt)
    busy = page.locator(
        "[data-outbox-list] li[data-state=queued] .outbox__status",
        has_text="Layanan kami sedang sibuk; dicoba lagi",
    )
    busy.first.wait_for()
    shows_code(page, text, timeout=45000)
    assert len(answers) == 3


# 5. the server stored the complaint but the reply was lost
def test_reply_lost_after_storing_does_not_duplicate(context, demo_server):
    replies = []

    def lose_first_reply(route):
        response = route.fetch()  # the server really gets it and stores it
        replies.append(response.status)
        if len(replies) == 1:
            route.abort("connectionreset")
        else:
            route.fulfill(response=response)

    page = context.new_page()
    context.route(API, lose_first_reply)
    page.goto(demo_server + FORM)
    text = marker()
    fill(page, text)
    send(page)
    # The row can read "menunggu sinyal" before the first attempt ends (it is written first),
    # so wait for the route to have seen the server's answer before counting.
    deadline = time.monotonic() + 30
    while not replies and time.monotonic() < deadline:
        page.wait_for_timeout(100)  # not time.sleep: the route handler runs while Playwright waits
    assert replies[0] == 201
    assert len(stored(text)) == 1  # stored, though the phone does not know it yet
    # (queued until the retry 2.5 to 5 s later: too short a window to wait for reliably on a
    # loaded machine; the other cases check the queued row)
    shows_code(page, text)
    assert replies[:2] == [201, 200]  # the retry was answered with the first complaint


# 6a. double tap on submit
def test_double_tap_sends_one(context, demo_server):
    page = context.new_page()
    page.goto(demo_server + FORM)
    text = marker()
    fill(page, text)
    page.evaluate(
        """() => { const form = document.querySelector('[data-complaint-form]');
                   const button = form.querySelector('[data-submit]');
                   button.click(); button.click(); form.requestSubmit(); }"""
    )
    page.wait_for_url(re.compile(r".*/pengaduan/terkirim/KCM-.*"))
    code = CODE.search(page.locator(".tracking-code").inner_text()).group(0)
    page.wait_for_timeout(1000)
    assert stored(text) == [code]


# 6b. the same form in two tabs: each submission once, both tabs sending the outbox at once
def test_two_tabs_sending_the_same_outbox_store_each_once(context, demo_server):
    first, second = context.new_page(), context.new_page()
    first.goto(demo_server + FORM)
    second.goto(demo_server + FORM)
    controlled(first)
    context.set_offline(True)
    texts = [marker(), marker()]
    for page, text in zip((first, second), texts, strict=True):
        fill(page, text)
        send(page)
        queued_row(page)
    assert len(items(first)) == 2 and len(items(second)) == 2

    context.set_offline(False)  # both tabs (and the worker) flush at the same moment
    for text in texts:
        code = shows_code(first, text)
        second.locator("[data-outbox-list] a", has_text=code).wait_for()


# 7. a new service worker version activated while the outbox holds items
def test_new_worker_version_keeps_queued_items(context, demo_server):
    page = context.new_page()
    page.goto(demo_server + FORM)
    version = controlled(page).removeprefix("lk-shell-")

    def blocked(route):
        route.abort("internetdisconnected")

    context.route(API, blocked)
    text = marker()
    fill(page, text)
    send(page)
    queued_row(page)
    key = items(page)[0]["key"]

    def bumped(route):
        response = route.fetch()
        body = response.text().replace(f'"version":"{version}"', '"version":"bumped0outbox"')
        route.fulfill(response=response, body=body)

    context.route("**/serviceworker.js", bumped)
    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    page.wait_for_function(
        "caches.keys().then(names => names.includes('lk-shell-bumped0outbox') "
        f"&& !names.includes('lk-shell-{version}'))"
    )
    kept = [item for item in items(page) if item["key"] == key]
    assert kept and kept[0]["description"] and text in kept[0]["description"]
    assert stored(text) == []

    context.unroute(API)
    shows_code(page, text)


# 8. a photo shared into the app while offline
def test_photo_shared_offline_is_attached_resized_and_sent(context, demo_server, tmp_path):
    page = context.new_page()
    page.goto(demo_server + "/")
    controlled(page)
    page.wait_for_function(
        "caches.open('lk-pages-1').then(c => c.match(location.origin + '/pengaduan/baru/'))"
        ".then(Boolean)"
    )
    context.set_offline(True)
    # What Chromium does for the manifest's share_target: a multipart POST navigation.
    page.evaluate(
        """async () => {
          const canvas = new OffscreenCanvas(4000, 3000);
          const g = canvas.getContext('2d');
          for (let i = 0; i < 400; i++) {  // noisy, so it does not compress to nothing
            g.fillStyle = `hsl(${i * 37 % 360}, 60%, ${30 + i % 40}%)`;
            g.fillRect((i * 97) % 4000, (i * 61) % 3000, 300, 200);
          }
          const blob = await canvas.convertToBlob({type: 'image/jpeg', quality: 0.95});
          const form = document.createElement('form');
          form.method = 'post'; form.action = '/pengaduan/baru/';
          form.enctype = 'multipart/form-data';
          const input = document.createElement('input');
          input.type = 'file'; input.name = 'photo';
          const files = new DataTransfer();
          files.items.add(new File([blob], 'IMG_2041.jpg', {type: 'image/jpeg'}));
          input.files = files.files;
          form.appendChild(input);
          document.body.appendChild(form);
          form.submit();
        }"""
    )
    page.wait_for_url("**/pengaduan/baru/")
    page.get_by_text("Foto yang dibagikan sudah terlampir.").wait_for()
    assert page.evaluate("document.querySelector('input[name=photo]').files.length") == 1

    text = marker()
    fill(page, text)
    send(page)
    queued_row(page)
    queued = [item for item in items(page) if item["description"] and text in item["description"]]
    assert 0 < queued[0]["photo"] <= 300 * 1024
    side = page.evaluate(
        """LKOutbox.all().then(items => createImageBitmap(items.find(i => i.photo).photo))
           .then(b => Math.max(b.width, b.height))"""
    )
    assert side == 1600

    context.set_offline(False)
    code = shows_code(page, text)
    assert stored_photo(code)


def summary_links(page):
    """Return {link text: href} of the refused item's summary, checking that each link moves
    the focus to its field (as the server's own summary of a plain post does)."""
    links = page.locator("[data-outbox-errors] li a")
    found = {}
    for index in range(links.count()):
        link = links.nth(index)
        href = link.get_attribute("href")
        link.click()
        assert page.evaluate("document.activeElement.id") == href.removeprefix("#")
        found[link.inner_text()] = href
    return found


def test_refused_complaint_comes_back_to_the_form_with_its_text(context, demo_server):
    """A 400 after queueing: the text returns to the form with the server's messages, each
    under its field and listed above the form as a link to the field."""
    page = context.new_page()
    page.goto(demo_server + FORM)
    controlled(page)
    context.set_offline(True)
    text = marker()
    page.get_by_label("Topik").select_option("lainnya")
    page.get_by_label("Jelaskan masalah atau permohonan Anda").fill("Rusak")
    page.get_by_label("Nama Anda").fill(f"Wati {text}")
    # A kind the server does not know: a second refused field, a radio group.
    page.locator("#id_kind_0").evaluate("radio => { radio.value = 'salah'; radio.checked = true; }")
    send(page)
    queued_row(page)
    context.set_offline(False)
    page.locator("#id_description_error").wait_for(timeout=15000)
    assert page.locator("#id_description_error").inner_text().startswith("Tulis sedikit")
    summary = page.locator("[data-outbox-errors]")
    assert page.evaluate("document.activeElement.hasAttribute('data-outbox-errors')")
    kind_error = page.locator("#id_kind_error").inner_text()
    links = summary_links(page)
    description = next(link for link in links if link.startswith("Jelaskan"))
    assert description.startswith("Jelaskan masalah atau permohonan Anda: Tulis sedikit")
    assert links == {
        description: "#id_description",
        f"Apa yang ingin Anda sampaikan?: {kind_error}": "#id_kind_0",
    }
    assert "(wajib)" not in summary.inner_text()
    assert page.get_by_label("Jelaskan masalah atau permohonan Anda").input_value() == "Rusak"
    assert page.get_by_label("Nama Anda").input_value() == f"Wati {text}"
    assert page.locator("[data-outbox-note]").inner_text() == ""  # no "kept, sent soon" beside it

    page.get_by_label("Jelaskan masalah atau permohonan Anda").fill(f"Lampu jalan mati ({text}).")
    page.locator("#id_kind_1").check()  # the altered first kind would be refused again
    send(page)
    page.wait_for_url(re.compile(r".*/pengaduan/terkirim/KCM-.*"))
    assert len(stored(text)) == 1
    assert [item for item in items_on(context, demo_server) if item["state"] == "invalid"] == []


def test_a_refused_complaint_can_be_corrected_offline(context, demo_server):
    """ "Perbaiki" on the phone's list opens the saved form with the text, without signal."""
    page = context.new_page()
    page.goto(demo_server + "/")
    controlled(page)
    page.wait_for_function(
        "caches.open('lk-pages-1').then(c => c.match(location.origin + '/pengaduan/baru/'))"
        ".then(Boolean)"
    )
    page.goto(demo_server + MINE)  # read once, so it is kept
    page.wait_for_function("window.LKOutbox")
    text = marker()
    page.evaluate(
        """(text) => LKOutbox.save({key: 'fix-' + text, state: 'invalid', createdAt: Date.now(),
             attempts: 1, nextAttempt: 0, lang: 'id', photo: null, message: 'Periksa isian.',
             errors: {description: ['Tulis sedikit lebih lengkap.']},
             fields: [['category', 'lainnya'], ['description', 'Rusak ' + text]]})""",
        text,
    )
    context.set_offline(True)
    page.reload()
    page.get_by_role("button", name="Perbaiki").click()
    page.wait_for_url(f"**/pengaduan/baru/?perbaiki=fix-{text}")
    description = page.get_by_label("Jelaskan masalah atau permohonan Anda")
    page.wait_for_function(
        "(text) => document.querySelector('textarea[name=description]').value.endsWith(text)",
        arg=text,
    )
    assert description.input_value() == f"Rusak {text}"
    assert page.locator("#id_description_error").inner_text() == "Tulis sedikit lebih lengkap."


def test_a_shared_photo_can_be_let_go(context, demo_server):
    """A shared photo is not attached to every later complaint: "Lepas foto" drops it."""
    page = context.new_page()
    page.goto(demo_server + "/")
    controlled(page)
    page.evaluate(
        """async () => {
          const canvas = new OffscreenCanvas(800, 600);
          canvas.getContext('2d').fillRect(0, 0, 400, 300);
          const blob = await canvas.convertToBlob({type: 'image/jpeg'});
          const form = document.createElement('form');
          form.method = 'post'; form.action = '/pengaduan/baru/';
          form.enctype = 'multipart/form-data';
          const input = document.createElement('input');
          input.type = 'file'; input.name = 'photo';
          const files = new DataTransfer();
          files.items.add(new File([blob], 'a.jpg', {type: 'image/jpeg'}));
          input.files = files.files;
          form.appendChild(input);
          document.body.appendChild(form);
          form.submit();
        }"""
    )
    page.wait_for_url("**/pengaduan/baru/")
    page.get_by_text("Foto yang dibagikan sudah terlampir.").wait_for()
    page.get_by_role("button", name="Lepas foto").click()
    assert page.evaluate("document.querySelector('input[name=photo]').files.length") == 0
    page.reload()
    page.wait_for_function("window.LKOutbox")
    page.wait_for_timeout(500)  # takeShared has run
    assert page.evaluate("document.querySelector('input[name=photo]').files.length") == 0
    assert page.evaluate("LKOutbox.takeShared()") is None


def items_on(context, demo_server):
    page = context.new_page()
    page.goto(demo_server + MINE)
    page.wait_for_function("window.LKOutbox")
    return items(page)


def test_old_items_are_never_dropped_but_the_resident_is_asked(context, demo_server):
    page = context.new_page()
    page.goto(demo_server + MINE)
    page.wait_for_function("window.LKOutbox")
    text = marker()
    eight_days = 8 * 24 * 3600 * 1000
    page.evaluate(
        """([text, age]) => LKOutbox.save({key: 'old-' + text, state: 'queued',
             createdAt: Date.now() - age, attempts: 0, nextAttempt: 0, lang: 'id', photo: null,
             fields: [['category', 'jalan-jembatan'],
                      ['description', 'Gorong-gorong tersumbat sejak lama (' + text + ').']]})""",
        [text, eight_days],
    )
    page.reload()
    row = page.locator("[data-outbox-list] li", has_text=text)
    row.wait_for()
    assert "belum terkirim" in row.inner_text()
    page.wait_for_timeout(6000)  # the page-load flush and a timer tick: not sent on its own
    assert stored(text) == []

    row.get_by_role("button", name="Kirim sekarang").click()
    shows_code(page, text)


def test_without_javascript_the_form_still_sends(browser, demo_server):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    try:
        page = context.new_page()
        page.goto(demo_server + FORM)
        text = marker()
        fill(page, text)
        send(page)
        page.wait_for_url(re.compile(r".*/pengaduan/terkirim/KCM-.*"))
        code = CODE.search(page.locator(".tracking-code").inner_text()).group(0)
        assert stored(text) == [code]
    finally:
        context.close()


def test_without_javascript_back_then_send_again_stores_one(browser, demo_server):
    """Back from the receipt shows the form the resident sent, with its key (the post went to
    another address, so the browser kept its copy); sending it again gives the same receipt.
    A second resident sending the very same words from their own phone is a second complaint."""
    codes = []
    for _resident in range(2):
        context = browser.new_context(java_script_enabled=False, **PHONE)
        try:
            page = context.new_page()
            page.goto(demo_server + FORM)
            text = codes[0][1] if codes else marker()
            fill(page, text)
            send(page)
            page.wait_for_url(re.compile(r".*/pengaduan/terkirim/KCM-.*"))
            first = CODE.search(page.locator(".tracking-code").inner_text()).group(0)
            page.go_back()
            page.wait_for_url(re.compile(r".*/pengaduan/baru/$"))
            if not page.get_by_label("Jelaskan masalah atau permohonan Anda").input_value():
                fill(page, text)  # a browser that does not restore typed text: type it again
            send(page)
            page.wait_for_url(re.compile(r".*/pengaduan/terkirim/KCM-.*"))
            again = CODE.search(page.locator(".tracking-code").inner_text()).group(0)
            assert again == first
            codes.append((first, text))
        finally:
            context.close()
    text = codes[0][1]
    assert sorted(stored(text)) == sorted(code for code, _text in codes)
    assert codes[0][0] != codes[1][0]


def photo(tmp_path, width, height):
    path = tmp_path / "jalan.jpg"
    image = Image.effect_noise((width, height), 60).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    path.write_bytes(out.getvalue())
    return path


def test_background_sync_sends_with_no_page_open(context, demo_server):
    """The worker's `sync` event sends the outbox by itself once every page is closed.

    Chromium fires `sync` when the operating system reports a network again, which emulated
    offline mode does not do; DevTools' ServiceWorker.dispatchSyncEvent fires the same event.
    """
    page = context.new_page()
    page.goto(demo_server + FORM)
    controlled(page)
    context.route(API, lambda route: route.abort("internetdisconnected"))
    text = marker()
    fill(page, text)
    send(page)
    queued_row(page)
    page.close()
    context.unroute(API)

    blank = context.new_page()  # about:blank: none of our scripts run
    cdp = context.new_cdp_session(blank)
    registrations = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    blank.wait_for_timeout(500)
    registration = next(r for r in registrations if r["scopeURL"] == demo_server + "/")
    cdp.send(
        "ServiceWorker.dispatchSyncEvent",
        {
            "origin": demo_server,
            "registrationId": registration["registrationId"],
            "tag": "lk-outbox",
            "lastChance": False,
        },
    )
    deadline = time.monotonic() + 20
    while not stored(text) and time.monotonic() < deadline:
        blank.wait_for_timeout(200)
    assert len(stored(text)) == 1

    page = context.new_page()
    page.goto(demo_server + MINE)
    shows_code(page, text)
