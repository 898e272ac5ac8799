"""The survey in the outbox (issue #9) in a real Chromium against the demo server.

With JavaScript on, the survey form keeps the answers in the phone's outbox (IndexedDB, beside
the complaints) with a key made on the phone, then sends them to POST /api/v1/surveys/ until
the server has them. Every case counts the stored responses in the demo server's own database,
by a marker written in the suggestion. Faults come from Playwright, as in test_outbox.py.
"""

import json
import sqlite3
import time
import urllib.request
import uuid

import pytest

from tests.browser.conftest import DEMO, demo_manage
from tests.browser.test_outbox import summary_links
from tests.browser.test_pwa import controlled

pytestmark = pytest.mark.browser

# bypass_csp: Playwright's string predicates (wait_for_function) run through eval.
PHONE = {"viewport": {"width": 360, "height": 740}, "locale": "id-ID", "bypass_csp": True}
SERVICE = "legalisasi-dokumen"
API = "**/api/v1/surveys/"
SUGGESTION = "Saran untuk pelayanan yang lebih baik (tidak wajib)"


def stored(text):
    """Return (channel, complaint id, u1..u9) of stored responses whose suggestion has `text`."""
    with sqlite3.connect(DEMO["database"]) as db:
        return db.execute(
            "SELECT channel, complaint_id, u1, u2, u3, u4, u5, u6, u7, u8, u9 "
            "FROM surveys_surveyresponse WHERE suggestion LIKE ?",
            [f"%{text}%"],
        ).fetchall()


def responses_about(code):
    with sqlite3.connect(DEMO["database"]) as db:
        return db.execute(
            "SELECT r.suggestion FROM surveys_surveyresponse r "
            "JOIN complaints_complaint c ON c.id = r.complaint_id WHERE c.tracking_code = ?",
            [code],
        ).fetchall()


def marker():
    return f"uji-{uuid.uuid4().hex[:10]}"


def answer(page, text, choice=3):
    for number in range(1, 10):
        page.locator(f"#field-u{number} .scale__option").nth(choice).click()
    page.get_by_label(SUGGESTION).fill(f"Ruang tunggu kurang kursi ({text}).")


def send(page):
    page.get_by_role("button", name="Kirim jawaban").click()


def row(page, state):
    locator = page.locator(f"[data-survey-outbox] li[data-state={state}]")
    locator.first.wait_for(timeout=30000)
    return locator.first


def wait_stored(page, text, timeout=30):
    deadline = time.monotonic() + timeout
    while not stored(text) and time.monotonic() < deadline:
        page.wait_for_timeout(200)  # not time.sleep: route handlers run while Playwright waits
    return stored(text)


def closed_complaint() -> tuple[str, str]:
    """Return the tracking code and reply code of a new complaint that staff have finished."""
    key = uuid.uuid4().hex
    request = urllib.request.Request(
        f"{DEMO['base_url']}/api/v1/complaints/",
        data=json.dumps(
            {
                "kind": "pengaduan",
                "category": "penerangan-jalan",
                "description": f"Lampu jalan di gang kami mati sejak minggu lalu ({key}).",
                "location_text": "Desa Sukamaju",
                "privacy": "anonymous",
            }
        ).encode(),
        headers={"Content-Type": "application/json", "Idempotency-Key": key},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        created = json.load(response)
    code, secret = created["tracking_code"], created["reply_secret"]
    demo_manage(
        "shell",
        "-c",
        "from cms.complaints import services; from demo.complaints import demo_officer; "
        "from cms.complaints.models import Complaint; "
        f"c = Complaint.objects.get(tracking_code={code!r}); officer = demo_officer(); "
        "c = services.complaint_change_status(complaint=c, to='diverifikasi', officer=officer); "
        "services.complaint_change_status(complaint=c, to='selesai', officer=officer, "
        "note='Lampu sudah diganti.')",
    )
    return code, secret


@pytest.fixture
def context(browser, demo_server):
    DEMO["base_url"] = demo_server
    context = browser.new_context(**PHONE)
    yield context
    context.close()


def test_survey_page_opens_offline_and_a_response_sent_offline_arrives_once(context, demo_server):
    """Read once, the survey opens with the network off; the answers wait on the phone, saying
    so, and are stored once when the signal returns."""
    page = context.new_page()
    url = f"{demo_server}/survei/{SERVICE}/?dari=layanan"
    page.goto(url)
    controlled(page)
    page.wait_for_function(f"caches.open('lk-pages-1').then(c => c.match({url!r})).then(Boolean)")
    context.set_offline(True)
    page.goto(url)  # from the worker's copy
    assert page.locator(".survey-element").count() == 9

    text = marker()
    answer(page, text)
    send(page)
    queued = row(page, "queued")
    assert "Menunggu sinyal (ditulis" in queued.inner_text()
    assert "Legalisasi dokumen" in queued.inner_text()
    assert not page.locator("#field-u1 input").nth(3).is_checked()  # the form is free again
    page.wait_for_timeout(1000)
    assert stored(text) == []

    context.set_offline(False)
    assert "Terkirim. Terima kasih!" in row(page, "sent").inner_text()
    assert stored(text) == [("layanan", None, 4, 4, 4, 4, 4, 4, 4, 4, 4)]


def test_reply_lost_after_storing_does_not_count_twice(context, demo_server):
    replies = []

    def lose_first_reply(route):
        response = route.fetch()  # the server really gets it and stores it
        replies.append(response.status)
        if len(replies) == 1:
            route.abort("connectionreset")
        else:
            route.fulfill(response=response)

    context.route(API, lose_first_reply)
    page = context.new_page()
    page.goto(f"{demo_server}/survei/{SERVICE}/")
    text = marker()
    answer(page, text, choice=2)
    send(page)
    deadline = time.monotonic() + 30
    while not replies and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    assert replies[0] == 201
    assert len(stored(text)) == 1  # stored, though the phone does not know it yet
    # (the phone shows it queued until the retry, 2.5 to 5 s later: too short a window to
    # wait for on a loaded machine, so only the outcome is checked)

    row(page, "sent")
    assert replies[:2] == [201, 200]  # the retry was answered with the first response
    page.wait_for_timeout(500)
    assert stored(text) == [("loket", None, 3, 3, 3, 3, 3, 3, 3, 3, 3)]  # the QR poster's URL


def test_a_busy_server_is_not_called_a_lost_signal(context, demo_server):
    """A 503 with Retry-After keeps the answers queued, saying the server (not the signal) is
    busy and when it is tried again; "Coba sekarang" sends them once it answers again."""
    context.route(
        API,
        lambda route: route.fulfill(
            status=503,
            content_type="application/json",
            headers={"Retry-After": "120"},
            body='{"message": "busy", "errors": {}}',
        ),
    )
    page = context.new_page()
    page.goto(f"{demo_server}/survei/{SERVICE}/")
    # A worker that activates later asks for a Background Sync, which sends everything waiting:
    # after the unroute below it would send the answers before "Coba sekarang" is pressed.
    controlled(page)
    text = marker()
    answer(page, text)
    send(page)
    page.get_by_text("Layanan kami sedang sibuk; dicoba lagi").wait_for(timeout=30000)
    assert stored(text) == []

    context.unroute(API)
    # The list is redrawn whenever the outbox changes or its timer ticks, so on a loaded
    # machine the button may never stay still long enough for a pointer click: fire its click.
    row(page, "queued").get_by_role("button", name="Coba sekarang").dispatch_event("click")
    assert "(dikirim" in row(page, "sent").inner_text()
    assert len(stored(text)) == 1


def test_closed_complaint_is_rated_once_from_the_phone(context, demo_server):
    """Two answers kept offline about one closed complaint: the first is stored, the second is
    refused with the server's message, and the complaint's survey then says it is rated."""
    code, secret = closed_complaint()
    url = f"{demo_server}/survei/pengaduan/{code}/"
    first, second = context.new_page(), context.new_page()
    # As the reporter's message links it: the reply code after the #, filled into the form by
    # the page's script and then dropped from the address.
    first.goto(f"{url}#kode={secret}")
    second.goto(f"{url}#kode={secret}")
    for page in (first, second):
        page.wait_for_function(
            f"document.querySelector('input[name=reply_secret]').value === {secret!r}"
        )
        assert "kode=" not in page.url
    controlled(first)
    context.set_offline(True)
    texts = [marker(), marker()]
    for page, text in zip((first, second), texts, strict=True):
        answer(page, text)
    send(first)
    row(first, "queued")
    # Kept on the phone: every tab's form for this complaint goes away (rated once)...
    second.locator("form[data-complaint]").wait_for(state="hidden")
    # ...but a tab that submitted at the same moment still gets its answers kept.
    second.evaluate("document.querySelector('form[data-complaint]').requestSubmit()")
    row(second, "queued")
    # Both kept (each row reads queued or, while an attempt fails offline, sending).
    second.wait_for_function(
        "document.querySelectorAll('[data-survey-outbox] li[data-state=queued],"
        " [data-survey-outbox] li[data-state=sending]').length === 2"
    )
    assert responses_about(code) == []

    context.set_offline(False)
    row(first, "sent")
    refused = row(first, "refused")
    assert "sudah dinilai" in refused.inner_text()
    assert len(responses_about(code)) == 1
    [(channel, complaint_id, *_scores)] = stored(texts[0]) or stored(texts[1])
    assert channel == "pengaduan" and complaint_id

    first.goto(url)
    assert first.locator("h1").inner_text() == "Sudah dinilai"


def test_refused_answers_come_back_to_the_form_intact(context, demo_server):
    """A 400 (here a suggestion over 1,000 characters, set past the field's limit) brings the
    answers back into the form with the server's message, linked from the list above the form;
    corrected, they are sent once."""
    page = context.new_page()
    page.goto(f"{demo_server}/survei/{SERVICE}/")
    text = marker()
    answer(page, text, choice=1)
    page.locator("#field-u5 .scale__option").nth(3).click()
    page.get_by_label(SUGGESTION).evaluate(
        "(field, text) => { field.removeAttribute('maxlength'); "
        "field.value = text + ' ' + 'x'.repeat(1100); }",
        text,
    )
    send(page)
    error = page.locator("#field-suggestion .error")
    error.wait_for(timeout=30000)
    assert "1000" in error.inner_text()
    # Listed above the form too, as a link that takes the focus to the field.
    assert summary_links(page) == {f"{SUGGESTION}: {error.inner_text()}": "#id_suggestion"}
    # The list row says what to correct, not only "please correct it" (issue 16).
    assert error.inner_text() in row(page, "invalid").inner_text()
    assert page.locator("#field-u5 input").nth(3).is_checked()
    assert page.locator("#field-u1 input").nth(1).is_checked()
    assert page.get_by_label(SUGGESTION).input_value().startswith(text)
    assert stored(text) == []

    page.get_by_label(SUGGESTION).fill(f"Antrean lama ({text}).")
    send(page)
    page.wait_for_url("**/survei/terima-kasih/")
    assert stored(text) == [("loket", None, 2, 2, 2, 2, 4, 2, 2, 2, 2)]
    page.goto(f"{demo_server}/survei/{SERVICE}/")
    row(page, "sent")
    assert page.locator("[data-survey-outbox] li[data-state=invalid]").count() == 0


def test_without_javascript_the_survey_still_posts(browser, demo_server):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    try:
        page = context.new_page()
        page.goto(f"{demo_server}/survei/{SERVICE}/?dari=layanan")
        text = marker()
        answer(page, text)
        send(page)
        page.wait_for_url("**/survei/terima-kasih/")
        assert stored(text) == [("layanan", None, 4, 4, 4, 4, 4, 4, 4, 4, 4)]
    finally:
        context.close()


def test_a_wrong_reply_code_comes_back_to_the_form_and_is_not_sent_again(context, demo_server):
    """The API's 403 (not the reporter) is final: the answers come back to be corrected, not
    resent in a loop that would count each try as a failed guess of the code."""
    code, _secret = closed_complaint()
    page = context.new_page()
    page.goto(f"{demo_server}/survei/pengaduan/{code}/#kode=AAAAA-AAAAA")
    text = marker()
    answer(page, text)
    send(page)
    refused = row(page, "invalid")
    assert "kode balas" in refused.inner_text().lower()
    assert responses_about(code) == []
