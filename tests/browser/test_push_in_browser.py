"""Web Push in Chromium: the notifications page, the receipt's "tell me", the worker's handlers.

Headless Chromium cannot reach a real push service, so the browser's PushManager is stubbed in
the page (the subscription it hands out is a fixed one); everything after it is real: the
permission, the API call, the subscription stored by the demo server and removed again. The
worker's `push` and `notificationclick` handlers get events dispatched inside the worker.
"""

import json
import re

import pytest

from tests.browser.conftest import demo_manage
from tests.browser.test_pwa import PHONE, controlled

pytestmark = pytest.mark.browser

ENDPOINT = "https://push.example.net/send/browser-test"
STUB = (
    """
(() => {
  const keys = {
    p256dh: "BHCfD7a08Vtdv8Zk57ci0wNmKfEQWdaZYroJz-zhJmTPlp27z-f8Qrx9qsocAONgZ3p0W7pnfQQhd" +
      "CvTfcSwyRo",
    auth: "R5YDxQHc2BVDKtChCuSFtw",
  };
  // The browser keeps its subscription across page loads: so does the stub, for this tab.
  let current = null;
  const make = () => ({
    endpoint: "ENDPOINT",
    toJSON() { return {endpoint: this.endpoint, expirationTime: null, keys}; },
    unsubscribe() {
      current = null;
      sessionStorage.removeItem("stub-subscribed");
      return Promise.resolve(true);
    },
  });
  window.subscribeCalls = [];
  PushManager.prototype.subscribe = function (options) {
    window.subscribeCalls.push(options.applicationServerKey.length);
    current = make();
    sessionStorage.setItem("stub-subscribed", "1");
    return Promise.resolve(current);
  };
  PushManager.prototype.getSubscription = function () {
    if (!current && sessionStorage.getItem("stub-subscribed")) current = make();
    return Promise.resolve(current);
  };
})();
"""
).replace("ENDPOINT", ENDPOINT)


def stored_topics() -> list:
    out = demo_manage(
        "shell",
        "-c",
        "import json; from cms.push.models import Topic; "
        "print(json.dumps(sorted(Topic.objects.values_list('name', flat=True))))",
    )
    return json.loads(out.strip().splitlines()[-1])


@pytest.fixture
def context(browser, demo_server):
    context = browser.new_context(bypass_csp=True, **PHONE)
    context.grant_permissions(["notifications"], origin=demo_server)
    context.add_init_script(STUB)
    yield context
    context.close()


def test_settings_page_subscribes_and_unsubscribes(context, demo_server):
    page = context.new_page()
    page.goto(demo_server + "/notifikasi/")
    controlled(page)
    form = page.locator("form[data-push]")
    assert form.is_visible()
    assert page.locator("[data-push-off]").is_hidden()  # nothing asked before a tap

    page.get_by_label("Kegiatan, sehari sebelum dimulai").check()
    page.get_by_role("button", name="Aktifkan notifikasi").click()

    status = page.locator("form [data-push-status]")
    status.filter(has_text="Tersimpan").wait_for()
    assert page.evaluate("window.subscribeCalls") == [65]  # the server's VAPID key, decoded
    assert stored_topics() == ["darurat", "events"]

    page.reload()
    page.locator("[data-push-off]").wait_for()  # known subscribed: the choices shown again
    assert page.get_by_label("Kegiatan, sehari sebelum dimulai").is_checked()
    page.get_by_role("button", name="Matikan notifikasi").click()
    status.filter(has_text="Notifikasi mati").wait_for()
    assert stored_topics() == []


def test_a_save_that_failed_does_not_change_what_the_page_shows(context, demo_server):
    """Offline, a changed choice is "not saved": back online, the page shows what the server
    holds, not the choice that never reached it."""
    page = context.new_page()
    page.goto(demo_server + "/notifikasi/")
    controlled(page)
    page.get_by_label("Kegiatan, sehari sebelum dimulai").check()
    page.get_by_role("button", name="Aktifkan notifikasi").click()
    status = page.locator("form [data-push-status]")
    status.filter(has_text="Tersimpan").wait_for()

    context.route(
        "**/api/v1/push/subscriptions/", lambda route: route.abort("internetdisconnected")
    )
    page.get_by_label("Kegiatan, sehari sebelum dimulai").uncheck()
    page.get_by_role("button", name="Aktifkan notifikasi").click()
    status.filter(has_text="Pilihan Anda belum tersimpan").wait_for()
    context.unroute("**/api/v1/push/subscriptions/")

    page.reload()
    page.locator("[data-push-off]").wait_for()
    assert page.get_by_label("Kegiatan, sehari sebelum dimulai").is_checked()
    assert stored_topics() == ["darurat", "events"]
    page.get_by_role("button", name="Matikan notifikasi").click()
    status.filter(has_text="Notifikasi mati").wait_for()


def test_browser_without_push_gets_an_explanation(browser, demo_server):
    context = browser.new_context(**PHONE)
    context.add_init_script("delete window.PushManager;")
    page = context.new_page()
    page.goto(demo_server + "/notifikasi/")
    page.locator("[data-push-unsupported]").wait_for()
    assert page.locator("form[data-push]").is_hidden()
    assert "iOS 16.4" in page.locator("[data-push-unsupported]").inner_text()
    context.close()


DISPATCH_PUSH = """
async (message) => {
  const waits = [];
  const event = new PushEvent("push", {data: JSON.stringify(message)});
  // A script-made event has no waitUntil of its own to honour: collect what the handler waits on.
  Object.defineProperty(event, "waitUntil", {value: (p) => waits.push(p)});
  self.dispatchEvent(event);
  await Promise.all(waits);
  const shown = await self.registration.getNotifications();
  const cache = await caches.open("lk-pages-1");
  const kept = await cache.match(new URL(message.url, location.href).href);
  return {
    notifications: shown.map(n => ({title: n.title, body: n.body, tag: n.tag,
                                    url: n.data.url, requireInteraction: n.requireInteraction})),
    kept: Boolean(kept),
  };
}
"""

DISPATCH_CLICK = """
async () => {
  const opened = [];
  // A script-made click may not open or focus windows: record what the handler asks instead.
  self.clients.openWindow = (url) => { opened.push(url); return Promise.resolve(null); };
  WindowClient.prototype.focus = function () {
    opened.push("focus " + this.url);
    return Promise.resolve(this);
  };
  const [notification] = await self.registration.getNotifications();
  const waits = [];
  const event = new NotificationEvent("notificationclick", {notification});
  Object.defineProperty(event, "waitUntil", {value: (p) => waits.push(p)});
  self.dispatchEvent(event);
  await Promise.all(waits);
  return {opened, left: (await self.registration.getNotifications()).length};
}
"""


def test_worker_shows_the_push_keeps_its_page_and_opens_it(context, demo_server):
    page = context.new_page()
    page.goto(demo_server + "/")
    controlled(page)
    [worker] = context.service_workers

    result = worker.evaluate(
        DISPATCH_PUSH,
        {
            "title": "Darurat: Banjir",
            "body": "Mengungsi ke balai desa.",
            "url": demo_server + "/pengumuman/",
            "tag": "pengumuman-1",
            "urgent": True,
        },
    )

    assert result["notifications"] == [
        {
            "title": "Darurat: Banjir",
            "body": "Mengungsi ke balai desa.",
            "tag": "pengumuman-1",
            "url": demo_server + "/pengumuman/",
            "requireInteraction": True,
        }
    ]
    assert result["kept"]  # fetched when the push came: it opens even without signal
    click = worker.evaluate(DISPATCH_CLICK)
    assert click == {"opened": [demo_server + "/pengumuman/"], "left": 0}


def test_worker_never_opens_another_site(context, demo_server):
    page = context.new_page()
    page.goto(demo_server + "/")
    controlled(page)
    [worker] = context.service_workers

    worker.evaluate(
        DISPATCH_PUSH.replace("const kept = await", "const kept = null; //"),
        {"title": "Hadiah!", "body": "", "url": "https://evil.example/", "tag": "x"},
    )
    click = worker.evaluate(DISPATCH_CLICK)

    assert click["opened"] == [f"focus {demo_server}/"]  # the site's own home page, open already


def test_the_receipt_offers_to_follow_the_complaint_just_sent(context, demo_server):
    """Sent through the phone's outbox (the form's usual way with JavaScript), the receipt has
    no reply code from the server: the "tell me" box must still show, and follow the complaint
    with the code the outbox kept (a fresh-eyes walk found the box never shown)."""
    page = context.new_page()
    page.goto(demo_server + "/pengaduan/baru/")
    controlled(page)
    page.get_by_label("Topik").select_option("jalan-jembatan")
    page.get_by_label("Jelaskan masalah atau permohonan Anda").fill(
        "Lampu jalan di depan balai desa mati sejak seminggu, jalan gelap sekali malam hari."
    )
    page.get_by_role("button", name="Kirim", exact=True).click()
    page.wait_for_url(re.compile(r".*/pengaduan/terkirim/KCM-[0-9A-Z-]+/$"))
    code = page.locator("#tracking-code").inner_text().strip()
    page.wait_for_function("document.getElementById('reply-secret').textContent.trim() !== ''")

    box = page.locator("[data-push-complaint]")
    assert box.is_visible()
    box.get_by_role("button", name="Beri tahu saya jika ada kabar").click()
    box.locator("[data-push-status]").filter(has_text="Selesai").wait_for()
    assert f"complaint:{code}" in stored_topics()


def test_a_browser_without_a_push_service_is_not_told_it_is_offline(browser, demo_server):
    """A private window (Chromium refuses push there) or a phone without a push service gets
    the real reason, not "no connection"."""
    context = browser.new_context(bypass_csp=True, **PHONE)
    context.grant_permissions(["notifications"], origin=demo_server)
    context.add_init_script(
        "PushManager.prototype.getSubscription = () => Promise.resolve(null);"
        "PushManager.prototype.subscribe = () => Promise.reject("
        "new DOMException('Registration failed - push service not available', 'AbortError'));"
    )
    page = context.new_page()
    page.goto(demo_server + "/notifikasi/")
    controlled(page)
    page.get_by_role("button", name="Aktifkan notifikasi").click()
    status = page.locator("form [data-push-status]")
    status.filter(has_text="tidak dapat menerima notifikasi").wait_for()
    assert "koneksi" not in status.inner_text()
    context.close()


COUNT_ASKS = """
window.permissionAsks = 0;
const ask = Notification.requestPermission.bind(Notification);
Notification.requestPermission = () => { window.permissionAsks += 1; return ask(); };
"""


def unsubscribe(page):
    page.evaluate(
        """() => fetch("/api/v1/push/subscriptions/", {method: "DELETE",
             headers: {"Content-Type": "application/json"},
             body: JSON.stringify({endpoint: "ENDPOINT"})})""".replace("ENDPOINT", ENDPOINT)
    )


def test_home_offers_emergency_warnings_from_a_tap_on_a_return_visit(context, demo_server):
    context.add_init_script(COUNT_ASKS)
    page = context.new_page()
    page.goto(demo_server + "/")
    controlled(page)
    offer = page.locator(".hero-text [data-push-offer]")
    assert offer.is_hidden()  # a first visit is asked nothing, not even offered

    page.reload()
    offer.wait_for()
    assert page.evaluate("[window.permissionAsks, window.subscribeCalls]") == [0, []]
    offer.get_by_role("button", name="Aktifkan peringatan darurat").click()
    offer.locator("[data-push-status]").filter(has_text="Selesai").wait_for()

    assert page.evaluate("window.permissionAsks") == 1
    assert "darurat" in stored_topics()
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.evaluate("navigator.serviceWorker.ready")
    assert offer.is_hidden()  # on already: nothing more to offer
    unsubscribe(page)


def test_home_offer_put_away_stays_away(context, demo_server):
    page = context.new_page()
    page.goto(demo_server + "/")
    controlled(page)
    page.reload()
    offer = page.locator("[data-push-offer]")
    offer.wait_for()

    offer.get_by_role("button", name="Nanti saja").click()
    assert offer.is_hidden()
    page.reload()
    page.evaluate("navigator.serviceWorker.ready")
    assert offer.is_hidden()
    assert page.evaluate("window.subscribeCalls") == []


def test_install_help_offers_warnings_and_hides_them_without_push(browser, context, demo_server):
    page = context.new_page()
    page.goto(demo_server + "/pasang-aplikasi/")
    offer = page.locator("[data-push-offer]")
    offer.wait_for()  # reached on purpose: offered from the first visit, still only from a tap
    assert page.evaluate("window.subscribeCalls") == []

    without = browser.new_context(**PHONE)
    without.add_init_script("delete window.PushManager;")
    for path in ("/pasang-aplikasi/", "/"):
        other = without.new_page()
        other.goto(demo_server + path)
        controlled(other)
        other.reload()
        other.evaluate("navigator.serviceWorker.ready")
        assert other.locator("[data-push-offer]").is_hidden()
    without.close()
