"""Who may act on a complaint: the tracking code reads, the reporter's reply code acts."""

import re
import uuid

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from cms.complaints import services
from cms.complaints.errors import NotTheReporter
from cms.complaints.models import Complaint
from cms.complaints.reply_codes import reply_code_matches
from tests.utils import count_queries, soup, text_of

from .helpers import VALID, advance, officer, submit

pytestmark = pytest.mark.django_db
Status = Complaint.Status
API = "/api/v1/complaints/"
REPLY_CODE = re.compile(r"^[34679ACDEFGHJKMNPQRTWXY]{5}-[34679ACDEFGHJKMNPQRTWXY]{5}$")


def snapshot(complaint):
    """What a stranger must not be able to change: status, SLA dates, history."""
    complaint = Complaint.objects.get(pk=complaint.pk)
    return (
        complaint.status,
        complaint.verify_due,
        complaint.respond_due,
        complaint.closed_at,
        complaint.resident_confirmed,
        complaint.reopen_count,
        list(complaint.events.values_list("kind", "message")),
    )


def finished():
    return advance(submit(), Status.VERIFIED, Status.DONE, actor=officer())


# --- The code itself ---


def test_each_complaint_gets_a_readable_reply_code_that_is_not_stored():
    complaint = submit()
    code = complaint.reply_code
    assert REPLY_CODE.match(code)
    assert code != submit().reply_code
    row = Complaint.objects.filter(pk=complaint.pk).values()[0]
    assert code not in str(row) and code.replace("-", "") not in str(row)
    assert reply_code_matches(complaint.tracking_code, complaint.reply_nonce, code.lower())
    assert reply_code_matches(
        complaint.tracking_code, complaint.reply_nonce, code.replace("-", " ")
    )


def test_the_service_refuses_a_stranger_and_changes_nothing():
    complaint = finished()
    before = snapshot(complaint)
    for proof in ("", "AAAAA-AAAAA", VALID["reporter_phone"]):
        with pytest.raises(NotTheReporter):
            services.complaint_resident_confirm(complaint=complaint, solved=False, proof=proof)
        with pytest.raises(NotTheReporter):
            services.complaint_resident_reply(complaint=complaint, message="Iseng.", proof=proof)
    assert snapshot(complaint) == before


def test_staff_reissue_makes_the_old_code_worthless():
    complaint = submit()
    old = complaint.reply_code
    new = services.complaint_reply_code_reissue(complaint=complaint, officer=officer())
    complaint.refresh_from_db()
    assert new != old and complaint.reply_code == new
    with pytest.raises(NotTheReporter):
        services.complaint_resident_reply(
            complaint=complaint, message="Dengan kode lama.", proof=old
        )
    services.complaint_resident_reply(complaint=complaint, message="Dengan kode baru.", proof=new)
    assert complaint.events.filter(kind="reply_code_issued", is_public=False).count() == 1


# --- Web: the tracking page ---


@pytest.mark.parametrize(
    ("action", "make"),
    [("reply", submit), ("solved", finished), ("not_solved", finished)],
)
def test_a_stranger_with_only_the_tracking_code_cannot_act_on_the_page(
    site_tree, client, action, make
):
    complaint = make()
    before = snapshot(complaint)
    url = f"/pengaduan/lacak/{complaint.tracking_code}/"
    for proof in ("", "AAAAA-AAAAA"):
        response = client.post(
            url, {"action": action, "message": "Tulisan orang lain.", "reply_secret": proof}
        )
        assert response.status_code == 403
        page = soup(response)
        error = text_of(page.find(id="action-error"))
        assert "kode balas" in error.lower()
        # What was typed is still there; the wrong reply code is not.
        assert "Tulisan orang lain." in [area.text for area in page.find_all("textarea")]
        assert all(
            field.get("value", "") == ""
            for field in page.find_all("input", attrs={"name": "reply_secret"})
        )
    assert snapshot(complaint) == before


def test_the_reporter_acts_with_the_reply_code_typed_in_any_spelling(site_tree, client):
    complaint = finished()
    url = f"/pengaduan/lacak/{complaint.tracking_code}/"
    typed = complaint.reply_code.lower().replace("-", " ")
    response = client.post(
        url, {"action": "not_solved", "message": "Belum.", "reply_secret": typed}
    )
    assert response.status_code == 302 and "terkirim=dibuka" in response["Location"]
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROGRESS and complaint.reopen_count == 1


@override_settings(COMPLAINT_TRACK_RATE=3)
def test_wrong_reply_codes_count_as_failed_guesses(site_tree, client):
    complaint = submit()
    url = f"/pengaduan/lacak/{complaint.tracking_code}/"
    answers = [
        client.post(url, {"action": "reply", "message": "Tebak.", "reply_secret": f"AAAAA-AAAA{c}"})
        for c in "ACDE"
    ]
    assert [answer.status_code for answer in answers] == [403, 403, 403, 429]
    assert int(answers[-1]["Retry-After"]) > 0
    assert "Tebak." in answers[-1].content.decode()  # the typed message is kept
    assert complaint.reply_code not in answers[-1].content.decode()
    response = client.post(
        url, {"action": "reply", "message": "Benar.", "reply_secret": complaint.reply_code}
    )
    assert response.status_code == 429
    # Blocked now: the right reply code waits too, and the page itself.
    assert client.get(url).status_code == 429
    assert not complaint.events.filter(kind="resident_reply").exists()


def test_the_form_asks_for_the_reply_code_in_every_action(site_tree, client):
    complaint = finished()
    page = soup(client.get(f"/pengaduan/lacak/{complaint.tracking_code}/"))
    forms = page.find_all("form", attrs={"method": "post"})
    assert forms
    for form in forms:
        field = form.find("input", attrs={"name": "reply_secret"})
        assert field and field.get("required") is not None and field.get("value", "") == ""
        assert page.find("label", attrs={"for": field["id"]})


def test_only_the_browser_that_sent_the_form_sees_the_reply_code(site_tree, client):
    form = dict(VALID, idempotency_key="form-key-reply-0001")
    response = client.post("/pengaduan/kirim/", form)
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    code = complaint.tracking_code
    # The cookie goes to the receipt only, then from there to the tracking page only: every
    # other page stays without a cookie (and cacheable).
    assert response.cookies["kode_balas"]["path"] == f"/pengaduan/terkirim/{code}/"
    assert response.cookies["kode_balas"]["httponly"]
    receipt = client.get(response["Location"])
    assert text_of(soup(receipt).find(id="reply-secret")) == complaint.reply_code
    assert "no-store" in receipt["Cache-Control"]
    assert receipt.cookies["kode_balas"]["path"] == f"/pengaduan/lacak/{code}/"
    tracked = client.get(f"/pengaduan/lacak/{code}/")
    track = soup(tracked)
    assert track.find("input", attrs={"name": "reply_secret"})["value"] == complaint.reply_code
    assert "private" in tracked["Cache-Control"] and "Cookie" in tracked["Vary"]

    stranger = Client()
    other = stranger.get(response["Location"])
    assert other.status_code == 200
    assert complaint.reply_code not in other.content.decode()
    assert complaint.tracking_code in other.content.decode()


def test_a_double_tap_of_the_form_hands_out_the_same_reply_code(site_tree, client):
    form = dict(VALID, idempotency_key="form-key-reply-0002")
    first = client.post("/pengaduan/kirim/", form)
    second = Client().post("/pengaduan/kirim/", form)
    assert first.cookies["kode_balas"].value == second.cookies["kode_balas"].value
    assert Complaint.objects.count() == 1


def test_old_complaints_act_with_the_phone_or_email_given(site_tree, client):
    complaint = submit()
    Complaint.objects.filter(pk=complaint.pk).update(reply_nonce=None)  # made before this change
    url = f"/pengaduan/lacak/{complaint.tracking_code}/"
    page = soup(client.get(url))
    assert page.find("input", attrs={"name": "reply_secret"})
    response = client.post(
        url, {"action": "reply", "message": "Dari nomor lain.", "reply_secret": "0899 0000 1111"}
    )
    assert response.status_code == 403
    response = client.post(
        url, {"action": "reply", "message": "Ini saya.", "reply_secret": "+62 812-3456-7890"}
    )
    assert response.status_code == 302
    response = client.post(
        url, {"action": "reply", "message": "Lewat email.", "reply_secret": "SITI.RAHAYU@contoh.id"}
    )
    assert response.status_code == 302
    assert complaint.events.filter(kind="resident_reply").count() == 2


def test_tracking_page_queries_do_not_grow_with_the_history(site_tree, client):
    staff = officer()
    complaint = submit()
    url = f"/pengaduan/lacak/{complaint.tracking_code}/"
    few = count_queries(client, url)
    for number in range(5):
        services.complaint_reply(complaint=complaint, officer=staff, message=f"Balasan {number}.")
    assert count_queries(client, url) == few
    # The site's settings, menus and the complaint with its timeline: 12 before reply codes
    # too; the reply code fields add none (the code is computed, not looked up).
    assert few <= 12


# --- Resident replies are rate limited ---


@override_settings(COMPLAINT_REPLY_RATE=3)
def test_replies_from_one_address_are_limited_and_the_text_is_kept(site_tree, client):
    first, second = submit(), submit()
    statuses = []
    for complaint in (first, first, second, second):
        statuses.append(
            client.post(
                f"/pengaduan/lacak/{complaint.tracking_code}/",
                {
                    "action": "reply",
                    "message": "Pesan ke sekian.",
                    "reply_secret": complaint.reply_code,
                },
            ).status_code
        )
    assert statuses == [302, 302, 302, 429]
    response = client.post(
        f"/pengaduan/lacak/{second.tracking_code}/",
        {"action": "reply", "message": "Masih ada lagi.", "reply_secret": second.reply_code},
    )
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    page = soup(response)
    assert "Terlalu banyak percobaan" in text_of(page.find(id="action-error"))
    assert page.find("textarea", attrs={"name": "message"}).text == "Masih ada lagi."
    assert page.find("input", attrs={"name": "reply_secret"})["value"] == second.reply_code


@override_settings(COMPLAINT_REPLY_RATE=2)
def test_replies_to_one_complaint_are_limited_whatever_the_address(site_tree):
    complaint = submit()
    url = f"/pengaduan/lacak/{complaint.tracking_code}/"
    statuses = [
        Client(REMOTE_ADDR=f"10.0.0.{number}")
        .post(
            url,
            {"action": "reply", "message": "Dari mana-mana.", "reply_secret": complaint.reply_code},
        )
        .status_code
        for number in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert complaint.events.filter(kind="resident_reply").count() == 2


# --- API ---


def test_creating_answer_carries_the_reply_code_and_a_repeat_the_same(client):
    key = str(uuid.uuid4())
    first = client.post(API, dict(VALID), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)
    again = client.post(API, dict(VALID), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == 201 and again.status_code == 200
    secret = first.json()["reply_secret"]
    assert REPLY_CODE.match(secret) and again.json()["reply_secret"] == secret
    tracked = client.get(f"{API}{first.json()['tracking_code']}/").json()
    assert secret not in str(tracked) and tracked["reply_proof"] == "reply_code"


@pytest.mark.parametrize(
    ("path", "body", "make"),
    [
        ("replies", {"message": "Tulisan orang lain."}, submit),
        ("confirmation", {"solved": True}, finished),
        ("confirmation", {"solved": False, "message": "Buka lagi."}, finished),
    ],
)
def test_a_stranger_with_only_the_code_gets_403_in_the_shared_shape(client, path, body, make):
    complaint = make()
    before = snapshot(complaint)
    url = f"{API}{complaint.tracking_code}/{path}/"
    for extra in ({}, {"reply_secret": "AAAAA-AAAAA"}, {"reply_secret": ""}):
        response = client.post(url, {**body, **extra}, content_type="application/json")
        assert response.status_code == 403
        answer = response.json()
        assert set(answer) == {"message", "errors"} and "reply_secret" in answer["errors"]
        assert "kode balas" in answer["message"].lower()
    assert snapshot(complaint) == before


def test_the_reporter_acts_through_the_api_with_the_reply_code(client):
    complaint = finished()
    url = f"{API}{complaint.tracking_code}/confirmation/"
    response = client.post(
        url,
        {"solved": False, "reply_secret": complaint.reply_code},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "diproses"


@override_settings(COMPLAINT_TRACK_RATE=2)
def test_api_wrong_reply_codes_count_as_failed_guesses(client):
    complaint = submit()
    url = f"{API}{complaint.tracking_code}/replies/"
    statuses = [
        client.post(
            url,
            {"message": "Tebak.", "reply_secret": "AAAAA-AAAAA"},
            content_type="application/json",
        ).status_code
        for _attempt in range(3)
    ]
    assert statuses == [403, 403, 429]
    assert client.get(f"{API}{complaint.tracking_code}/").status_code == 429


@override_settings(COMPLAINT_REPLY_RATE=2)
def test_api_replies_are_limited_per_address(client):
    complaint = submit()
    url = f"{API}{complaint.tracking_code}/replies/"
    body = {"message": "Pesan lagi.", "reply_secret": complaint.reply_code}
    statuses = [
        client.post(url, body, content_type="application/json").status_code for _ in range(3)
    ]
    assert statuses == [201, 201, 429]
    limited = client.post(url, body, content_type="application/json")
    assert limited.json()["message"] and int(limited["Retry-After"]) > 0
    assert complaint.events.filter(kind="resident_reply").count() == 2


# --- Staff re-issue it from the admin ---


@override_settings(COMPLAINT_MESSAGE_SENDER="cms.complaints.messaging.MemorySender")
def test_staff_issue_a_new_reply_code_shown_once_and_logged(
    officer_client, officer, mailoutbox, django_capture_on_commit_callbacks
):
    from cms.complaints.messaging import MemorySender
    from cms.security.models import PersonalDataAccess

    complaint = submit()
    old = complaint.reply_code
    url = reverse("complaints:inspect", args=[complaint.pk])
    page = soup(officer_client.get(url))
    assert page.select_one('form[data-action-form="reply_code"]')
    assert old not in str(page)

    mailoutbox.clear()
    MemorySender.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(url, {"action": "reply_code", "send": "1"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    complaint.refresh_from_db()
    new = complaint.reply_code
    assert new != old
    assert text_of(soup(response).select_one("[data-new-reply-code]")) == new
    assert PersonalDataAccess.objects.filter(
        action="reply_code", complaint=complaint, user=officer
    ).exists()
    assert [mail.to for mail in mailoutbox] == [["siti.rahayu@contoh.id"]]
    assert new in mailoutbox[0].body and new in MemorySender.outbox[-1][1]
    # Not shown again on the next visit; the old code no longer acts.
    assert new not in officer_client.get(url).content.decode()
    response = Client().post(
        f"/pengaduan/lacak/{complaint.tracking_code}/",
        {"action": "reply", "message": "Kode lama.", "reply_secret": old},
    )
    assert response.status_code == 403


def test_staff_who_may_only_read_cannot_issue_reply_codes(client, viewer):
    client.force_login(viewer)
    complaint = submit()
    old = complaint.reply_code
    url = reverse("complaints:inspect", args=[complaint.pk])
    response = client.post(url, {"action": "reply_code"})
    # Wagtail answers a refused admin action with a redirect to the dashboard.
    assert response.status_code in (302, 403) and response.get("Location") != url
    assert not soup(client.get(url)).select('form[data-action-form="reply_code"]')
    complaint.refresh_from_db()
    assert complaint.reply_code == old
