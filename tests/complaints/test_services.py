import datetime

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from cms.complaints import services
from cms.complaints.errors import ComplaintError, IdempotencyConflict
from cms.complaints.messaging import MemorySender
from cms.complaints.models import Complaint, ComplaintEvent
from cms.complaints.services import NEXT

from .helpers import advance, category, officer, submit

pytestmark = pytest.mark.django_db
Status = Complaint.Status

# The shortest valid path from RECEIVED to each status.
PATH = {
    Status.RECEIVED: [],
    Status.VERIFIED: [Status.VERIFIED],
    Status.ASSIGNED: [Status.VERIFIED, Status.ASSIGNED],
    Status.IN_PROGRESS: [Status.VERIFIED, Status.IN_PROGRESS],
    Status.DONE: [Status.VERIFIED, Status.DONE],
    Status.REJECTED: [Status.REJECTED],
    Status.NOT_COMPETENT: [Status.NOT_COMPETENT],
    Status.DUPLICATE: [Status.DUPLICATE],
}
PAIRS = [(old, new) for old in Status.values for new in Status.values]


@pytest.fixture
def staff():
    return officer()


def _at(status, staff, original=None):
    complaint = submit()
    kwargs = {}
    if status == Status.DUPLICATE:
        kwargs["duplicate_of"] = original or submit()
    return advance(complaint, *PATH[status], actor=staff, **kwargs)


@pytest.mark.parametrize(("old", "new"), PAIRS)
def test_every_transition_is_allowed_or_refused_by_the_table(staff, old, new):
    complaint = _at(old, staff)
    allowed = new in NEXT[old]
    if allowed:
        extra = {}
        if new == Status.DUPLICATE:
            extra["duplicate_of"] = submit()
        advance(complaint, new, actor=staff, **extra)
        complaint.refresh_from_db()
        assert complaint.status == new
        event = complaint.events.filter(kind=ComplaintEvent.Kind.STATUS).last()
        assert (event.old_status, event.new_status, event.actor) == (old, new, staff)
    else:
        with pytest.raises(ComplaintError):
            services.complaint_change_status(
                complaint=complaint,
                to=new,
                officer=staff,
                note="x",
                assigned_unit="Seksi",
                referral="lapor.go.id",
                duplicate_of=submit(),
            )
        complaint.refresh_from_db()
        assert complaint.status == old


def test_a_finished_complaint_stays_finished(staff):
    complaint = _at(Status.DONE, staff)
    with pytest.raises(ComplaintError):
        services.complaint_change_status(complaint=complaint, to=Status.RECEIVED, officer=staff)


@pytest.mark.parametrize(
    ("status", "field"),
    [
        (Status.ASSIGNED, "assigned_to"),
        (Status.NOT_COMPETENT, "referral"),
        (Status.DUPLICATE, "duplicate_of"),
        (Status.REJECTED, "note"),
    ],
)
def test_status_that_needs_more_says_what(staff, status, field):
    complaint = _at(Status.VERIFIED, staff) if status == Status.ASSIGNED else submit()
    with pytest.raises(ComplaintError) as raised:
        services.complaint_change_status(complaint=complaint, to=status, officer=staff)
    assert raised.value.field == field


def test_assigning_records_officer(staff):
    colleague = officer("lurah", "lurah@kecamatan.id")
    complaint = advance(submit(), Status.VERIFIED, actor=staff)
    services.complaint_change_status(
        complaint=complaint, to=Status.ASSIGNED, officer=staff, assigned_to=colleague
    )
    complaint.refresh_from_db()
    assert complaint.assigned_to == colleague


def test_duplicate_points_at_the_original_not_at_another_duplicate(staff):
    original = submit()
    first_copy = advance(submit(), Status.DUPLICATE, actor=staff, duplicate_of=original)
    second_copy = advance(submit(), Status.DUPLICATE, actor=staff, duplicate_of=first_copy)
    assert second_copy.duplicate_of == original


def test_verifying_publishes_public_and_anonymous_but_never_confidential(staff):
    public = advance(submit(privacy="public"), Status.VERIFIED, actor=staff)
    anonymous = advance(submit(privacy="anonymous"), Status.VERIFIED, actor=staff)
    confidential = advance(submit(privacy="confidential"), Status.VERIFIED, actor=staff)
    hidden = advance(submit(privacy="public"), Status.VERIFIED, actor=staff, publish=False)
    assert (public.is_public, anonymous.is_public) == (True, True)
    assert confidential.is_public is False
    assert hidden.is_public is False
    confidential = services.complaint_change_status(
        complaint=confidential, to=Status.IN_PROGRESS, officer=staff, publish=True
    )
    assert confidential.is_public is False


def test_due_dates_follow_the_category_in_working_days():
    jalan = category()
    jalan.verify_days, jalan.respond_days = 2, 10
    jalan.save()
    complaint = submit()
    today = timezone.localdate()
    assert complaint.verify_due > today
    assert complaint.respond_due > complaint.verify_due
    assert complaint.verify_due.weekday() < 5 and complaint.respond_due.weekday() < 5


def test_overdue_when_the_next_step_is_late(staff):
    complaint = submit()
    assert not complaint.is_overdue()
    assert complaint.is_overdue(today=complaint.verify_due + datetime.timedelta(days=1))
    complaint = advance(complaint, Status.VERIFIED, Status.DONE, actor=staff)
    assert not complaint.is_overdue(today=complaint.respond_due + datetime.timedelta(days=30))


def test_same_idempotency_key_returns_the_same_complaint():
    first = submit(idempotency_key="key-abcdefgh")
    second, created = services.complaint_submit(
        site=first.site,
        data={
            "kind": "pengaduan",
            "description": first.description,
            "location_text": first.location_text,
            "reporter_name": first.reporter_name,
            "reporter_phone": first.reporter_phone,
            "reporter_email": first.reporter_email,
            "privacy": first.privacy,
        },
        category=first.category,
        idempotency_key="key-abcdefgh",
    )
    assert (second.pk, created) == (first.pk, False)
    assert Complaint.objects.count() == 1


def test_key_reused_for_another_complaint_is_refused():
    submit(idempotency_key="key-abcdefgh")
    with pytest.raises(IdempotencyConflict):
        submit(idempotency_key="key-abcdefgh", description="Sesuatu yang sama sekali lain.")
    assert Complaint.objects.count() == 1


def test_requests_need_a_way_to_answer():
    with pytest.raises(ComplaintError) as raised:
        submit(kind="informasi", reporter_phone="", reporter_email="")
    assert raised.value.field == "reporter_phone"
    assert submit(kind="informasi", reporter_phone="", reporter_email="a@b.id").pk


def test_resident_can_add_information_only_while_open(staff):
    complaint = submit()
    services.complaint_resident_reply(
        complaint=complaint, proof=complaint.reply_code, message="Lubangnya makin besar."
    )
    assert complaint.events.filter(kind="resident_reply", is_public=False).count() == 1
    advance(complaint, Status.REJECTED, actor=staff)
    with pytest.raises(ComplaintError):
        services.complaint_resident_reply(
            complaint=complaint, proof=complaint.reply_code, message="Kenapa ditolak?"
        )


def test_resident_reopens_within_the_period_and_not_after(staff):
    complaint = advance(submit(), Status.VERIFIED, Status.DONE, actor=staff)
    complaint = services.complaint_resident_confirm(
        complaint=complaint, proof=complaint.reply_code, solved=False, message="Masih berlubang."
    )
    assert complaint.status == Status.IN_PROGRESS
    assert complaint.reopen_count == 1 and complaint.closed_at is None
    complaint = advance(complaint, Status.DONE, actor=staff)
    Complaint.objects.filter(pk=complaint.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=30)
    )
    complaint.refresh_from_db()
    with pytest.raises(ComplaintError):
        services.complaint_resident_confirm(
            complaint=complaint, proof=complaint.reply_code, solved=False
        )
    complaint = services.complaint_resident_confirm(
        complaint=complaint, proof=complaint.reply_code, solved=True
    )
    assert complaint.resident_confirmed is True and complaint.status == Status.DONE


@override_settings(
    COMPLAINT_NOTIFY_EMAILS=["kepala@kecamatan.id"],
    COMPLAINT_MESSAGE_SENDER="cms.complaints.messaging.MemorySender",
)
def test_notifications_go_to_staff_and_to_the_resident(django_capture_on_commit_callbacks):
    staff = officer(username="bsantoso", first_name="Budi", last_name="Santoso")
    MemorySender.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        complaint = submit()
    # Staff hear of it; the reporter gets the tracking code and reply code (mail and message).
    assert [set(message.to) for message in mail.outbox] == [
        {"kepala@kecamatan.id", "petugas@kecamatan.id"},
        {"siti.rahayu@contoh.id"},
    ]
    assert complaint.tracking_code in mail.outbox[0].subject
    assert complaint.reply_code in mail.outbox[1].body
    assert complaint.reply_code in MemorySender.outbox[-1][1]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        advance(complaint, Status.VERIFIED, actor=staff, note="Sudah kami cek.")
    assert [message.to for message in mail.outbox] == [["siti.rahayu@contoh.id"]]
    assert "Sudah kami cek." in mail.outbox[0].body
    # Never the officer (the resident's status words may say "petugas": no one's name).
    body = mail.outbox[0].body.lower()
    assert "bsantoso" not in body and "budi" not in body and "petugas@" not in body
    assert MemorySender.outbox[-1][0] == "6281234567890"
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_reply(
            complaint=complaint, officer=staff, message="Catatan internal", public=False
        )
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_resident_reply(
            complaint=complaint, proof=complaint.reply_code, message="Tambahan info."
        )
    assert [message.to for message in mail.outbox] == [
        ["kepala@kecamatan.id", "petugas@kecamatan.id"]
    ]


def test_closing_email_invites_the_resident_to_rate_the_service(
    django_capture_on_commit_callbacks,
):
    staff = officer()
    complaint = advance(submit(), Status.VERIFIED, actor=staff)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        advance(complaint, Status.DONE, actor=staff, note="Sudah diperbaiki.")
    body = mail.outbox[-1].body
    assert f"/survei/pengaduan/{complaint.tracking_code}/" in body
