"""Residents' personal data requests (UU PDP): the public form and their handling by staff."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from cms.complaints import services
from cms.complaints.hashing import lookup_hash
from cms.complaints.models import Complaint, ComplaintCategory, ComplaintEvent, DataRequest
from cms.security.models import PersonalDataAccess
from pages.models import KecamatanSettings
from tests.utils import main_text, soup, text_of

from .helpers import PERSONAL, VALID, submit, upload

pytestmark = pytest.mark.django_db

URL = "/privasi/permintaan/"
NIK = "3201011507900001"
MESSAGE = "Nama saya salah ketik, yang benar Siti Rahayuningsih."
Kind = DataRequest.Kind
Event = ComplaintEvent.Kind


def ask(client, complaint=None, **overrides):
    data = {
        "tracking_code": complaint.tracking_code if complaint else "",
        "contact": VALID["reporter_phone"],
        "kind": Kind.CORRECTION,
        "message": MESSAGE,
    }
    data.update(overrides)
    return client.post(URL, data)


def problems(response) -> str:
    return text_of(soup(response).find(id="form-errors"))


def secrets(complaint) -> tuple[str, ...]:
    """Everything personal about the complaint's reporter, as stored or typed."""
    return (*PERSONAL, "0812 3456 7890", NIK, MESSAGE, "Rahayuningsih")


# --- The resident's side ---


def test_form_page_works_without_an_account_and_is_linked(client):
    page = client.get(URL)
    assert page.status_code == 200 and not page.cookies
    names = {node.get("name") for node in soup(page).find_all(["input", "textarea"])}
    assert {"tracking_code", "contact", "kind", "message"} <= names
    kinds = [node["value"] for node in soup(page).find_all("input", attrs={"name": "kind"})]
    assert kinds == ["akses", "koreksi", "hapus"]
    assert "no-store" in page["Cache-Control"]
    assert URL in client.get("/privasi/").content.decode()
    assert client.get("/en/privasi/permintaan/").status_code == 200


def test_tracking_page_links_to_the_form_with_the_code(site_tree, client):
    complaint = submit()
    page = client.get(f"/pengaduan/lacak/{complaint.tracking_code}/")
    link = f"{URL}?kode={complaint.tracking_code}"
    assert link in page.content.decode()
    prefilled = soup(client.get(link)).find("input", attrs={"name": "tracking_code"})
    assert prefilled["value"] == complaint.tracking_code


def test_a_request_proven_with_the_phone_however_written_is_recorded(client):
    complaint = submit()
    response = ask(client, complaint, contact="+62 812-3456-7890", kind=Kind.ERASURE)
    assert response.status_code == 302 and response["Location"] == f"{URL}?terkirim=1"
    recorded = DataRequest.objects.get()
    assert (recorded.complaint, recorded.kind, recorded.status) == (complaint, "hapus", "terbuka")
    assert recorded.message == MESSAGE
    assert recorded.due_at == recorded.created_at + datetime.timedelta(hours=72)
    thanks = client.get(response["Location"])
    assert "tercatat" in main_text(thanks) and "72 jam" in main_text(thanks)


def test_a_request_proven_with_the_email_in_any_case_is_recorded(client):
    complaint = submit()
    response = ask(client, complaint, contact="Siti.Rahayu@Contoh.ID", kind=Kind.ACCESS)
    assert response.status_code == 302
    assert DataRequest.objects.get().kind == "akses"


def test_the_message_is_encrypted_at_rest(client):
    ask(client, submit())
    with connection.cursor() as cursor:
        cursor.execute("SELECT message FROM complaints_datarequest")
        stored = cursor.fetchone()[0]
    assert stored.startswith("gAAAAA") and "Rahayu" not in stored


def test_the_history_says_a_request_came_without_saying_what_it_holds(client):
    complaint = submit()
    ask(client, complaint)
    event = complaint.events.get(kind=Event.DATA_REQUEST)
    assert not event.is_public
    assert "Perbaiki data saya" in event.message
    for secret in secrets(complaint):
        assert secret not in event.message
    track = client.get(f"/api/v1/complaints/{complaint.tracking_code}/").json()
    assert [entry["kind"] for entry in track["timeline"]] == ["created"]


def test_wrong_code_and_wrong_proof_get_the_same_neutral_answer(client):
    complaint = submit()
    other = submit(reporter_phone="0813 9999 0000", reporter_email="lain@contoh.id")
    unknown_code = ask(client, None, tracking_code="KCM-2222-3333")
    wrong_phone = ask(client, complaint, contact="0813 9999 0000")  # someone else's number
    wrong_email = ask(client, other, contact="siti.rahayu@contoh.id")
    malformed = ask(client, None, tracking_code="bukan kode")
    answers = {problems(r) for r in (unknown_code, wrong_phone, wrong_email, malformed)}
    assert {r.status_code for r in (unknown_code, wrong_phone, wrong_email, malformed)} == {400}
    assert len(answers) == 1
    assert "tidak dapat mencocokkan" in answers.pop()
    assert not DataRequest.objects.exists()


def test_a_complaint_without_contact_details_cannot_be_claimed(client):
    anonymous = submit(reporter_name="", reporter_phone="", reporter_email="")
    response = ask(client, anonymous, contact="")
    assert response.status_code == 400  # the contact is required
    response = ask(client, anonymous, contact="0812 0000 0000")
    assert "kantor kecamatan" in problems(response)
    assert not DataRequest.objects.exists()


def test_missing_fields_are_named_in_indonesian(client):
    response = client.post(URL, {"tracking_code": "", "contact": "", "kind": ""})
    assert response.status_code == 400
    text = problems(response)
    assert "kode lacak" in text and "nomor ponsel atau email" in text and "Pilih" in text


def test_the_honeypot_refuses_bots(client):
    response = ask(client, submit(), website="http://spam.example")
    assert response.status_code == 400 and not DataRequest.objects.exists()


@override_settings(DATA_REQUEST_RATE=2)
def test_guessing_is_rate_limited_and_mistakes_in_filling_in_are_not_counted(client):
    complaint = submit()
    for _ in range(3):
        assert client.post(URL, {"kind": "akses"}).status_code == 400  # not counted
    assert ask(client, None, tracking_code="KCM-2222-3333").status_code == 400
    assert ask(client, complaint, contact="0813 0000 0000").status_code == 400
    blocked = ask(client, complaint)  # even the right proof now waits
    assert blocked.status_code == 429
    assert int(blocked["Retry-After"]) > 0
    assert "Terlalu banyak" in main_text(blocked)
    assert not DataRequest.objects.exists()


# --- Staff: who sees requests ---


@pytest.fixture
def member(django_user_model):
    def make(group):
        user = django_user_model.objects.create_user(group.lower().replace(" ", "-"), password="x")
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


def data_request(kind=Kind.CORRECTION, complaint=None, **extra) -> DataRequest:
    complaint = complaint or submit()
    recorded = services.data_request_submit(
        code=complaint.tracking_code, contact=complaint.reporter_phone, kind=kind, message=MESSAGE
    )
    if extra:
        DataRequest.objects.filter(pk=recorded.pk).update(**extra)
        recorded.refresh_from_db()
    return recorded


def detail_url(recorded) -> str:
    return reverse("data-requests:inspect", args=[recorded.pk])


INDEX = "/admin/data-requests/"


def test_content_editors_and_plain_viewers_never_see_requests(client, member, viewer):
    recorded = data_request()
    for user in (member("Editor Konten"), viewer):
        client.force_login(user)
        for url in (INDEX, detail_url(recorded)):
            response = client.get(url)
            assert response.status_code in (302, 403), (user, url)
            assert MESSAGE not in response.content.decode()
        assert client.post(detail_url(recorded), {"action": "show"}).status_code in (302, 403)
        assert INDEX not in client.get("/admin/").content.decode()
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.parametrize("group", ["Petugas Pengaduan", "Admin"])
def test_staff_with_the_personal_data_permission_see_the_list_with_open_count(
    client, member, group
):
    data_request()
    data_request(Kind.ACCESS)
    data_request(Kind.ERASURE, status="selesai")
    client.force_login(member(group))
    home = client.get("/admin/")
    assert INDEX in home.content.decode()
    # The sidebar menu is drawn by script from JSON in the page.
    assert "Permintaan data pribadi (2)" in home.content.decode()
    listing = client.get(INDEX)
    assert listing.status_code == 200
    assert MESSAGE not in listing.content.decode()  # the list shows no content


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INDEX).status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow_with_requests(officer_client, officer):
    data_request()
    officer_client.get(INDEX)  # warm per-process caches
    one = _list_queries(officer_client)
    for number in range(19):
        recorded = data_request(Kind.ACCESS)
        if number % 2:
            services.data_request_close(data_request=recorded, officer=officer, status="selesai")
    twenty = _list_queries(officer_client)
    assert twenty == one
    assert one <= 25


def test_overdue_requests_are_flagged_in_the_list(officer_client):
    late = data_request(created_at=timezone.now() - datetime.timedelta(hours=73))
    data_request(Kind.ACCESS)
    page = soup(officer_client.get(INDEX))
    rows = page.find_all("tr")
    flagged = [row for row in rows if row.find(class_="data-request-overdue")]
    assert len(flagged) == 1 and late.complaint.tracking_code in text_of(flagged[0])


# --- Staff: handling each kind ---


def test_detail_shows_the_request_and_deadline_but_the_data_only_on_purpose(officer_client):
    recorded = data_request()
    page = officer_client.get(detail_url(recorded))
    assert page.status_code == 200
    text = text_of(page)
    assert MESSAGE in text and recorded.complaint.tracking_code in text
    assert "3 x 24 jam" in text
    assert "0812 3456 7890" not in text
    assert not PersonalDataAccess.objects.exists()


def test_detail_names_other_complaints_with_the_same_phone(officer_client):
    """A request is about the person: staff see the person's other complaints (by hash)."""
    first = submit(description="Lampu jalan di gang mawar mati sejak minggu lalu.")
    other_person = submit(reporter_phone="0813 1111 2222", reporter_email="")
    recorded = data_request(Kind.ERASURE)  # same phone as `first`, written the same way
    page = officer_client.get(detail_url(recorded))
    notice = soup(page).select_one("[data-same-person]")
    assert notice is not None
    assert first.tracking_code in notice.get_text()
    assert other_person.tracking_code not in notice.get_text()
    assert recorded.complaint.tracking_code not in notice.get_text()

    alone = data_request(complaint=other_person)
    assert soup(officer_client.get(detail_url(alone))).select_one("[data-same-person]") is None


def test_access_shows_the_data_logs_it_and_is_closed_as_done(officer_client, officer):
    ComplaintCategory.objects.filter(slug="adminduk").update(requires_nik=True)
    complaint = submit(category="adminduk", reporter_nik=NIK)
    recorded = data_request(Kind.ACCESS, complaint=complaint)
    shown = officer_client.post(detail_url(recorded), {"action": "show"})
    assert shown.status_code == 200 and "no-store" in shown["Cache-Control"]
    data = text_of(soup(shown).find(attrs={"data-shown-data": True}))
    assert "Siti Rahayu" in data and "0812 3456 7890" in data and NIK in data
    entry = PersonalDataAccess.objects.get(action="request")
    assert (entry.user, entry.complaint) == (officer, complaint)
    assert complaint.events.filter(kind=Event.DATA_SHOWN, actor=officer).exists()

    closed = officer_client.post(
        detail_url(recorded), {"action": "close", "close-status": "selesai", "close-note": ""}
    )
    assert closed.status_code == 302
    recorded.refresh_from_db()
    assert (recorded.status, recorded.handled_by) == ("selesai", officer)
    assert recorded.handled_at is not None
    assert complaint.events.filter(kind=Event.DATA_REQUEST_CLOSED).exists()


def test_correction_changes_the_fields_and_logs_which_not_what(officer_client, officer):
    recorded = data_request(Kind.CORRECTION)
    complaint = recorded.complaint
    shown = officer_client.post(detail_url(recorded), {"action": "show"})
    form = soup(shown).find("form", attrs={"data-action-form": "correct"})
    assert form.find("input", attrs={"name": "correct-reporter_phone"})["value"] == "0812 3456 7890"
    assert form.find("input", attrs={"name": "correct-reporter_nik"}) is None  # none on file

    response = officer_client.post(
        detail_url(recorded),
        {
            "action": "correct",
            "correct-reporter_name": "Siti Rahayuningsih",
            "correct-reporter_phone": "0813 7777 8888",
            "correct-reporter_email": "siti.rahayu@contoh.id",
        },
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.reporter_name == "Siti Rahayuningsih"
    assert complaint.reporter_phone_hash == lookup_hash("0813 7777 8888")
    recorded.refresh_from_db()
    assert recorded.status == "selesai" and recorded.handled_by == officer
    event = complaint.events.get(kind=Event.DATA_CORRECTED)
    assert "nama pelapor" in event.message and "telepon / WhatsApp" in event.message
    assert "email" not in event.message  # unchanged
    for secret in (*secrets(complaint), "0813 7777 8888", "Rahayuningsih"):
        assert secret not in event.message


def test_a_correction_with_an_implausible_nik_is_refused_and_changes_nothing(officer_client):
    ComplaintCategory.objects.filter(slug="adminduk").update(requires_nik=True)
    complaint = submit(category="adminduk", reporter_nik=NIK)
    recorded = data_request(Kind.CORRECTION, complaint=complaint)
    response = officer_client.post(
        detail_url(recorded),
        {
            "action": "correct",
            "correct-reporter_name": "Siti",
            "correct-reporter_phone": "0812 3456 7890",
            "correct-reporter_nik": "3201011513900001",
        },
    )
    assert response.status_code == 400
    assert "tanggal lahir" in text_of(response)
    complaint.refresh_from_db()
    assert (complaint.reporter_name, complaint.reporter_nik) == ("Siti Rahayu", NIK)
    recorded.refresh_from_db()
    assert recorded.is_open


def test_erasure_uses_the_purge_and_closes_the_request(officer_client, officer):
    ComplaintCategory.objects.filter(slug="adminduk").update(requires_nik=True)
    complaint = submit(category="adminduk", reporter_nik=NIK)
    recorded = data_request(Kind.ERASURE, complaint=complaint)
    unconfirmed = officer_client.post(detail_url(recorded), {"action": "erase"})
    assert unconfirmed.status_code == 400
    assert "Centang" in text_of(unconfirmed)
    complaint.refresh_from_db()
    assert complaint.reporter_name == "Siti Rahayu"

    done = officer_client.post(detail_url(recorded), {"action": "erase", "erase-confirm": "on"})
    assert done.status_code == 302
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reporter_name, reporter_name_hash, reporter_phone, reporter_phone_hash, "
            "reporter_email, reporter_nik, reporter_nik_hash FROM complaints_complaint "
            "WHERE id = %s",
            [complaint.pk],
        )
        assert cursor.fetchone() == ("",) * 7
        cursor.execute("SELECT message FROM complaints_datarequest WHERE id = %s", [recorded.pk])
        assert cursor.fetchone() == ("",)
    complaint.refresh_from_db()
    assert complaint.description == VALID["description"]  # the complaint stays
    recorded.refresh_from_db()
    assert recorded.status == "selesai" and recorded.handled_by == officer
    kinds = list(complaint.events.values_list("kind", flat=True))
    assert kinds[-2:] == [Event.DATA_ERASED, Event.DATA_REQUEST_CLOSED]


def test_erasure_is_the_same_as_the_retention_purge():
    by_request, by_purge = submit(), submit()
    services.data_request_erase(
        data_request=data_request(Kind.ERASURE, complaint=by_request), officer=None
    )
    services.complaint_personal_data_erase(Complaint.objects.filter(pk=by_purge.pk))
    fields = list(services.ERASED)
    assert list(Complaint.objects.filter(pk=by_request.pk).values(*fields)) == list(
        Complaint.objects.filter(pk=by_purge.pk).values(*fields)
    )


def test_erasure_clears_the_residents_own_messages_and_keeps_staff_ones(officer):
    complaint = submit()
    services.complaint_resident_reply(
        complaint=complaint, proof=complaint.reply_code, message="Rumah saya nomor 12, Bu Siti."
    )
    services.complaint_reply(complaint=complaint, officer=officer, message="Petugas datang besok.")
    services.complaint_change_status(complaint=complaint, to="diverifikasi", officer=officer)
    services.data_request_erase(
        data_request=data_request(Kind.ERASURE, complaint=complaint), officer=officer
    )
    messages = dict(complaint.events.values_list("kind", "message"))
    assert messages[Event.RESIDENT_REPLY] == ""  # the line stays, its words go
    assert messages[Event.REPLY] == "Petugas datang besok."
    assert complaint.events.filter(kind=Event.STATUS, new_status="diverifikasi").exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT message FROM complaints_complaintevent WHERE complaint_id = %s", [complaint.pk]
        )
        assert not any("nomor 12" in row[0] for row in cursor.fetchall())


def test_rejecting_needs_a_reason(officer_client):
    recorded = data_request(Kind.ERASURE)
    refused = officer_client.post(
        detail_url(recorded), {"action": "close", "close-status": "ditolak", "close-note": ""}
    )
    assert refused.status_code == 400 and "pasal 15" in text_of(refused)
    done = officer_client.post(
        detail_url(recorded),
        {
            "action": "close",
            "close-status": "ditolak",
            "close-note": "Masih diperiksa Inspektorat.",
        },
    )
    assert done.status_code == 302
    recorded.refresh_from_db()
    assert (recorded.status, recorded.staff_note) == ("ditolak", "Masih diperiksa Inspektorat.")
    event = recorded.complaint.events.get(kind=Event.DATA_REQUEST_CLOSED)
    assert "Ditolak" in event.message and "Inspektorat" not in event.message


def test_a_closed_request_cannot_be_handled_again(officer_client, officer):
    recorded = data_request(Kind.ERASURE)
    services.data_request_close(
        data_request=recorded, officer=officer, status="ditolak", note="Pasal 15."
    )
    response = officer_client.post(detail_url(recorded), {"action": "erase", "erase-confirm": "on"})
    assert response.status_code == 302
    recorded.complaint.refresh_from_db()
    assert recorded.complaint.reporter_name == "Siti Rahayu"
    page = officer_client.post(detail_url(recorded), {"action": "show"})
    assert "0812 3456 7890" not in page.content.decode()


def test_the_complaint_page_lists_its_data_requests(officer_client):
    recorded = data_request(Kind.ACCESS)
    page = officer_client.get(reverse("complaints:inspect", args=[recorded.complaint.pk]))
    links = soup(page).find(attrs={"data-complaint-data-requests": True})
    assert detail_url(recorded) in str(links)


def test_no_history_entry_of_a_handled_request_holds_personal_data(officer_client, officer):
    for kind in Kind.values:
        recorded = data_request(kind)
        officer_client.post(detail_url(recorded), {"action": "show"})
    correction = DataRequest.objects.get(kind=Kind.CORRECTION)
    officer_client.post(
        detail_url(correction),
        {
            "action": "correct",
            "correct-reporter_name": "Siti Rahayuningsih",
            "correct-reporter_phone": "0812 3456 7890",
        },
    )
    messages = " ".join(ComplaintEvent.objects.values_list("message", flat=True))
    for secret in (*secrets(None), "Rahayuningsih"):
        assert secret not in messages


def test_a_new_request_is_mailed_to_who_handles_it_and_the_dpo(
    site_tree, member, mailoutbox, django_capture_on_commit_callbacks
):
    """The 3 x 24 hours run from the request: who may handle it (and the data protection
    officer) hear of it at once, with nothing personal in the mail."""
    site_settings = KecamatanSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.dpo_email = "ppdp@kecamatan.example.go.id"
    site_settings.save()
    officer, admin, editor = (
        member("Petugas Pengaduan"),
        member("Admin"),
        member("Editor Konten"),
    )
    for user in (officer, admin, editor):
        user.email = f"{user.username}@kecamatan.example.go.id"
        user.save()
    complaint = submit()

    with django_capture_on_commit_callbacks(execute=True):
        recorded = data_request(kind=Kind.ERASURE, complaint=complaint)

    [mail] = mailoutbox
    assert mail.to == ["ppdp@kecamatan.example.go.id", officer.email, admin.email]
    assert f"no. {recorded.pk}" in mail.subject and "Hapus" in mail.subject
    assert detail_url(recorded) in mail.body
    due = timezone.localtime(recorded.due_at).strftime("%d-%m-%Y %H:%M")
    assert f"{due} WIB" in mail.body  # staff may have set another zone for themselves
    for secret in secrets(complaint):
        assert secret not in mail.subject + mail.body


def test_a_wrong_proof_mails_nobody(
    site_tree, member, mailoutbox, django_capture_on_commit_callbacks
):
    officer = member("Petugas Pengaduan")
    officer.email = "petugas@kecamatan.example.go.id"
    officer.save()
    complaint = submit()
    with django_capture_on_commit_callbacks(execute=True):
        refused = services.data_request_submit(
            code=complaint.tracking_code, contact="0899 0000 0000", kind=Kind.ACCESS
        )
    assert refused is None
    assert mailoutbox == []


def test_erasure_deletes_the_photo_file_once_committed(django_capture_on_commit_callbacks):
    """A photo may show the resident's home or face: erasing their data deletes it too."""
    complaint = submit(photo=upload())
    storage = Complaint._meta.get_field("photo").storage
    name = complaint.photo.name
    assert name and storage.exists(name)
    other = submit(photo=upload(), description="Lampu jalan di gang mawar mati sejak kemarin.")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.complaint_personal_data_erase(Complaint.objects.filter(pk=complaint.pk))
    complaint.refresh_from_db()
    assert not complaint.photo
    assert storage.exists(name)  # not before the erasure is committed
    for callback in callbacks:
        callback()
    assert not storage.exists(name)
    other.refresh_from_db()
    assert other.photo and storage.exists(other.photo.name)
