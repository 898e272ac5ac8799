"""A complaint's page in the admin: everything staff know, its history, and the actions."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.complaints.models import Complaint, ComplaintEvent
from tests.factories import ComplaintFactory, ReplyTemplateFactory
from tests.utils import soup, text_of

pytestmark = pytest.mark.django_db

Status = Complaint.Status
Event = ComplaintEvent.Kind


def detail_url(complaint) -> str:
    return reverse("complaints:inspect", args=[complaint.pk])


def post(client, complaint, action, **fields):
    data = {"action": action, **{f"{action}-{name}": value for name, value in fields.items()}}
    return client.post(detail_url(complaint), data)


def field_errors(response, action, field) -> str:
    """Return the error text shown next to one field of one action form."""
    form = soup(response).select_one(f'form[data-action-form="{action}"]')
    field_input = form.find(attrs={"name": f"{action}-{field}"})
    wrapper = field_input.find_parent(class_="w-field__wrapper")
    return text_of(wrapper.select_one(".w-field__errors"))


def test_detail_shows_the_whole_history_with_who_and_when(officer_client, officer):
    complaint = ComplaintFactory()
    complaint.events.create(kind=Event.CREATED, new_status=Status.RECEIVED, is_public=True)
    complaint.events.create(kind=Event.NOTE, message="Cek dulu ke lokasi.", actor=officer)
    complaint.events.create(kind=Event.RESIDENT_REPLY, message="Lampunya di tiang kedua.")

    response = officer_client.get(detail_url(complaint))

    assert response.status_code == 200
    history = soup(response).select_one("[data-complaint-history]")
    rows = history.select("tbody tr")
    assert [row["data-event-kind"] for row in rows] == ["created", "note", "resident_reply"]
    note = text_of(rows[1])
    assert "Cek dulu ke lokasi." in note and "Budi" in note
    assert complaint.description in text_of(response)


def test_detail_shows_personal_data_to_officers(officer_client):
    complaint = ComplaintFactory(reporter_name="Siti Aminah", reporter_phone="0812 3456 7890")

    section = soup(officer_client.get(detail_url(complaint))).select_one("[data-personal-data]")

    assert "Siti Aminah" in text_of(section)
    assert "0812 3456 7890" in text_of(section)


def test_detail_hides_personal_data_without_the_permission(client, viewer):
    complaint = ComplaintFactory(
        reporter_name="Siti Aminah", reporter_phone="0812 3456 7890", reporter_email="s@c.id"
    )
    client.force_login(viewer)

    response = client.get(detail_url(complaint))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Siti Aminah" not in html
    assert "0812 3456 7890" not in html
    assert "s@c.id" not in html
    assert "disembunyikan" in text_of(soup(response).select_one("[data-personal-data]"))


def test_a_reader_without_change_permission_gets_no_action_forms_and_cannot_post(client, viewer):
    complaint = ComplaintFactory()
    client.force_login(viewer)

    assert soup(client.get(detail_url(complaint))).select("form[data-action-form]") == []
    response = post(client, complaint, "status", status=Status.VERIFIED)

    assert response.status_code == 302  # Wagtail's "permission denied" back to the dashboard
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED


def test_status_form_offers_only_the_allowed_next_statuses(officer_client):
    complaint = ComplaintFactory(status=Status.VERIFIED)

    form = soup(officer_client.get(detail_url(complaint))).select_one(
        'form[data-action-form="status"]'
    )

    offered = {option["value"] for option in form.select('select[name="status-status"] option')}
    offered.discard("")
    assert offered == {
        Status.ASSIGNED,
        Status.IN_PROGRESS,
        Status.DONE,
        Status.REJECTED,
        Status.NOT_COMPETENT,
        Status.DUPLICATE,
    }


def test_verifying_publishes_and_records_who(
    officer_client, officer, django_capture_on_commit_callbacks
):
    complaint = ComplaintFactory(privacy=Complaint.Privacy.ANONYMOUS)

    with django_capture_on_commit_callbacks(execute=False):
        response = post(
            officer_client,
            complaint,
            "status",
            status=Status.VERIFIED,
            note="Sudah dicek.",
            audience="public",
            publish="on",
        )

    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.VERIFIED
    assert complaint.is_public
    event = complaint.events.get(kind=Event.STATUS)
    assert (event.actor, event.message, event.is_public) == (officer, "Sudah dicek.", True)


def test_verifying_without_publish_keeps_it_out_of_the_public_list(officer_client):
    complaint = ComplaintFactory(privacy=Complaint.Privacy.PUBLIC)

    post(officer_client, complaint, "status", status=Status.VERIFIED, audience="public")

    complaint.refresh_from_db()
    assert complaint.status == Status.VERIFIED
    assert not complaint.is_public


def test_a_disallowed_transition_is_refused_with_a_message_next_to_the_field(officer_client):
    complaint = ComplaintFactory(status=Status.REJECTED)

    response = post(officer_client, complaint, "status", status=Status.DONE, audience="public")

    assert response.status_code == 400
    complaint.refresh_from_db()
    assert complaint.status == Status.REJECTED
    assert complaint.events.count() == 0
    # A closed complaint has no status form; a stale one posted anyway still gets an answer.
    assert "tidak dapat" in text_of(response) or "cannot" in text_of(response)


def test_a_stale_status_form_gets_the_services_message_next_to_the_field(officer_client):
    complaint = ComplaintFactory(status=Status.VERIFIED)

    response = post(officer_client, complaint, "status", status=Status.VERIFIED, audience="public")

    assert response.status_code == 400
    assert field_errors(response, "status", "status")
    complaint.refresh_from_db()
    assert complaint.status == Status.VERIFIED


def test_assigning_needs_an_officer_or_unit(officer_client, officer):
    complaint = ComplaintFactory(status=Status.VERIFIED)

    refused = post(officer_client, complaint, "status", status=Status.ASSIGNED, audience="public")
    assert refused.status_code == 400
    assert field_errors(refused, "status", "assigned_to")

    done = post(
        officer_client,
        complaint,
        "status",
        status=Status.ASSIGNED,
        assigned_to=officer.pk,
        audience="public",
    )
    assert done.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.assigned_to) == (Status.ASSIGNED, officer)


def test_who_reads_a_status_change_is_chosen_each_time(
    officer_client, django_capture_on_commit_callbacks
):
    complaint = ComplaintFactory(status=Status.VERIFIED, reporter_email="siti@contoh.id")
    form = soup(officer_client.get(detail_url(complaint))).select_one(
        'form[data-action-form="status"]'
    )
    choices = form.select('input[name="status-audience"]')
    assert {choice["value"] for choice in choices} == {"public", "internal"}
    assert not any(choice.has_attr("checked") for choice in choices)

    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            officer_client,
            complaint,
            "status",
            status=Status.ASSIGNED,
            assigned_unit="Seksi PMD",
            note="Teruskan ke Pak Dedi, nomor 0812...",
        )

    assert response.status_code == 400
    assert field_errors(response, "status", "audience")
    assert complaint.events.count() == 0
    assert mail.outbox == []


def test_assigning_to_a_unit_only(officer_client):
    complaint = ComplaintFactory(status=Status.VERIFIED)

    post(
        officer_client,
        complaint,
        "status",
        status=Status.ASSIGNED,
        assigned_unit="Seksi PMD",
        audience="internal",
    )

    complaint.refresh_from_db()
    assert complaint.assigned_unit == "Seksi PMD"
    assert not complaint.events.get().is_public  # "staff only" chosen


def test_not_our_authority_needs_a_referral(officer_client):
    complaint = ComplaintFactory()

    refused = post(
        officer_client, complaint, "status", status=Status.NOT_COMPETENT, audience="internal"
    )
    assert field_errors(refused, "status", "referral")

    post(
        officer_client,
        complaint,
        "status",
        status=Status.NOT_COMPETENT,
        referral="lapor.go.id",
        audience="internal",
    )
    complaint.refresh_from_db()
    assert (complaint.status, complaint.referral) == (Status.NOT_COMPETENT, "lapor.go.id")


def test_duplicate_links_the_original_by_tracking_code_however_typed(officer_client):
    original = ComplaintFactory()
    complaint = ComplaintFactory()

    unknown = post(
        officer_client,
        complaint,
        "status",
        status=Status.DUPLICATE,
        duplicate_of="xyz",
        audience="internal",
    )
    assert field_errors(unknown, "status", "duplicate_of")
    missing = post(
        officer_client, complaint, "status", status=Status.DUPLICATE, audience="internal"
    )
    assert field_errors(missing, "status", "duplicate_of")

    typed = original.tracking_code.lower().replace("-", " ")
    post(
        officer_client,
        complaint,
        "status",
        status=Status.DUPLICATE,
        duplicate_of=typed,
        audience="internal",
    )

    complaint.refresh_from_db()
    assert (complaint.status, complaint.duplicate_of) == (Status.DUPLICATE, original)


def test_rejecting_needs_a_reason(officer_client):
    complaint = ComplaintFactory()

    refused = post(officer_client, complaint, "status", status=Status.REJECTED, audience="internal")
    assert field_errors(refused, "status", "note")

    post(
        officer_client,
        complaint,
        "status",
        status=Status.REJECTED,
        note="Laporan iseng.",
        audience="internal",
    )
    complaint.refresh_from_db()
    assert complaint.status == Status.REJECTED


def test_reply_from_a_template_is_public_and_emails_the_resident(
    officer_client, officer, django_capture_on_commit_callbacks, settings
):
    template = ReplyTemplateFactory(text="Terima kasih, lampu akan diganti pekan ini.")
    complaint = ComplaintFactory(status=Status.VERIFIED, reporter_email="siti@contoh.id")

    page = officer_client.get(detail_url(complaint), {"template": template.pk})
    textarea = soup(page).select_one('textarea[name="reply-message"]')
    assert text_of(textarea) == template.text

    with django_capture_on_commit_callbacks(execute=True):
        response = post(
            officer_client,
            complaint,
            "reply",
            template=template.pk,
            message=template.text + " Salam.",
        )

    assert response.status_code == 302
    event = complaint.events.get()
    assert (event.kind, event.is_public, event.actor) == (Event.REPLY, True, officer)
    assert event.message.endswith("Salam.")
    assert [message.to for message in mail.outbox] == [["siti@contoh.id"]]


def test_reply_without_text_uses_the_chosen_template(officer_client):
    template = ReplyTemplateFactory()
    complaint = ComplaintFactory()

    post(officer_client, complaint, "reply", template=template.pk, message="")

    assert complaint.events.get().message == template.text


@pytest.mark.parametrize("typed", ["", "Perkiraan selesai: [isi tanggal]. Hubungi [nama petugas]."])
def test_a_reply_with_a_placeholder_left_is_refused_naming_it(officer_client, typed):
    template = ReplyTemplateFactory(
        text="Perkiraan selesai: [isi tanggal]. Hubungi [nama petugas]."
    )
    complaint = ComplaintFactory(reporter_email="siti@contoh.id")

    response = post(officer_client, complaint, "reply", template=template.pk, message=typed)

    assert response.status_code == 400
    error = field_errors(response, "reply", "message")
    assert "[isi tanggal], [nama petugas]" in error
    assert complaint.events.count() == 0
    assert mail.outbox == []


def test_a_filled_in_template_is_sent(officer_client):
    complaint = ComplaintFactory()

    response = post(officer_client, complaint, "reply", message="Perkiraan selesai: 12 Mei.")

    assert response.status_code == 302
    assert complaint.events.get().message == "Perkiraan selesai: 12 Mei."


def test_empty_reply_is_refused_next_to_the_field(officer_client):
    complaint = ComplaintFactory()

    response = post(officer_client, complaint, "reply", message="   ")

    assert response.status_code == 400
    assert field_errors(response, "reply", "message")
    assert complaint.events.count() == 0


def test_internal_note_stays_internal(officer_client, officer, django_capture_on_commit_callbacks):
    complaint = ComplaintFactory(reporter_email="siti@contoh.id")

    with django_capture_on_commit_callbacks(execute=True):
        post(officer_client, complaint, "note", message="Pelapor pernah lapor hal serupa.")

    event = complaint.events.get()
    assert (event.kind, event.is_public, event.actor) == (Event.NOTE, False, officer)
    assert mail.outbox == []


def test_redact_sets_the_public_description_and_hides_the_photo(officer_client, officer):
    complaint = ComplaintFactory(description="Rumah Pak Joko no. 12 kebanjiran tiap hujan.")

    response = post(
        officer_client,
        complaint,
        "redact",
        public_description="Sebuah rumah kebanjiran tiap hujan.",
        photo_hidden="on",
    )

    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.public_description == "Sebuah rumah kebanjiran tiap hujan."
    assert complaint.photo_hidden
    assert complaint.description.startswith("Rumah Pak Joko")
    assert complaint.events.get().actor == officer


def test_unknown_action_changes_nothing(officer_client):
    complaint = ComplaintFactory()

    response = officer_client.post(detail_url(complaint), {"action": "delete"})

    assert response.status_code == 302
    assert Complaint.objects.filter(pk=complaint.pk).exists()


def test_detail_shows_the_photo_through_the_private_photo_view(officer_client, settings):
    complaint = ComplaintFactory(photo="complaints/2026/01/abc.jpg")

    response = officer_client.get(detail_url(complaint))

    image = soup(response).select_one("section img")
    assert image["src"] == reverse("complaint-photo", args=[complaint.tracking_code])


def test_detail_query_count_does_not_grow_with_history(officer_client, officer):
    complaint = ComplaintFactory()
    complaint.events.create(kind=Event.NOTE, message="satu", actor=officer)
    officer_client.get(detail_url(complaint))

    with CaptureQueriesContext(connection) as few:
        officer_client.get(detail_url(complaint))
    for number in range(20):
        complaint.events.create(kind=Event.NOTE, message=str(number), actor=officer)
    with CaptureQueriesContext(connection) as many:
        officer_client.get(detail_url(complaint))

    assert len(many) == len(few)
