"""What a resident does to their own complaint: add to it, confirm it is solved or reopen it.

Each needs `proof` that the one acting is the reporter: the reply code (reply_codes.py), or, for
a complaint made before reply codes existed, the phone number or email the reporter gave. The
tracking code alone is public and only reads. A wrong proof raises NotTheReporter; the caller
counts it as a failed guess (cms.complaints.lookup).
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import sla
from ..errors import ComplaintError, NotTheReporter, TooManyReplies
from ..models import Complaint, ComplaintEvent
from ..reply_codes import reply_code_matches
from .data_requests import data_request_proof_matches
from .notifications import on_commit_enqueue

Status = Complaint.Status
Event = ComplaintEvent.Kind
REPLY_WINDOW = datetime.timedelta(hours=1)


def complaint_reporter_proof_matches(complaint: Complaint, proof: str) -> bool:
    """Return whether `proof` shows the reporter: the reply code, or for a complaint without
    one (made before reply codes existed) the phone number or email on file."""
    if complaint.reply_nonce:
        return reply_code_matches(complaint.tracking_code, complaint.reply_nonce, proof)
    return data_request_proof_matches(complaint, proof)


def complaint_reporter_check(complaint: Complaint, proof: str) -> None:
    """Raise NotTheReporter, with a message saying what to type, unless `proof` shows the
    reporter (the survey of a complaint asks the same as replying does)."""
    if complaint_reporter_proof_matches(complaint, proof):
        return
    if not (proof or "").strip():
        if complaint.reply_nonce:
            message = _(
                "Type your reply code (kode balas). It is on your receipt and in the message "
                "we sent you, next to the tracking code."
            )
        else:
            message = _("Type the phone number or email you gave with this complaint.")
    elif complaint.reply_nonce:
        message = _(
            "This reply code (kode balas) does not belong to this complaint. Check it on your "
            "receipt. Lost it? Ask the kecamatan for a new one."
        )
    else:
        message = _(
            "This phone number or email is not the one given with this complaint. Lost it? "
            "Ask the kecamatan for a reply code."
        )
    raise NotTheReporter(message)


def _check_reply_rate(complaint: Complaint, now) -> None:
    """Refuse a message once the complaint had COMPLAINT_REPLY_RATE of them in the last hour.

    Counted in the database, for the complaint whoever writes: each message mails the staff.
    """
    limit = settings.COMPLAINT_REPLY_RATE
    if limit <= 0:
        return
    recent = list(
        complaint.events.filter(kind=Event.RESIDENT_REPLY, created_at__gt=now - REPLY_WINDOW)
        .order_by("created_at")
        .values_list("created_at", flat=True)[:limit]
    )
    if len(recent) < limit:
        return
    wait = int((recent[0] + REPLY_WINDOW - now).total_seconds()) + 1
    raise TooManyReplies(
        _(
            "This complaint has received many messages in the last hour. Please wait "
            "%(minutes)d minutes and send it again: the officers read every message."
        )
        % {"minutes": max(1, round(wait / 60))},
        wait,
    )


@transaction.atomic
def complaint_resident_reply(
    *, complaint: Complaint, message: str, proof: str = ""
) -> ComplaintEvent:
    """Add information from the reporter to an open complaint and return it.

    Raise NotTheReporter for a wrong `proof`, TooManyReplies over the hourly limit of the
    complaint, ComplaintError if it is closed or the message empty or too long.
    """
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    complaint_reporter_check(complaint, proof)
    message = (message or "").strip()
    if complaint.is_closed:
        raise ComplaintError(
            _("This complaint is closed. If the problem is not solved, reopen it below."),
            "message",
        )
    if len(message) < 3:
        raise ComplaintError(_("Write your message first."), "message")
    if len(message) > 2000:
        raise ComplaintError(_("Keep the message under 2,000 characters."), "message")
    _check_reply_rate(complaint, timezone.now())
    # Visible to staff; not published, since residents may write personal details here.
    event = complaint.events.create(kind=Event.RESIDENT_REPLY, message=message, is_public=False)
    complaint.save(update_fields=["updated_at"])
    from ..tasks import notify_staff_resident_reply

    on_commit_enqueue(notify_staff_resident_reply, complaint.pk, event.pk)
    return event


def complaint_can_reopen(complaint: Complaint, now=None) -> bool:
    """Return whether the resident may still say "not solved" and reopen it."""
    if complaint.status != Status.DONE or complaint.closed_at is None:
        return False
    now = now or timezone.now()
    return (now - complaint.closed_at).days < settings.COMPLAINT_REOPEN_DAYS


@transaction.atomic
def complaint_resident_confirm(
    *, complaint: Complaint, solved: bool, message: str = "", proof: str = ""
):
    """Record the reporter's answer to "sudah selesai?"; "no" reopens it within the period.

    Raise NotTheReporter for a wrong `proof`, ComplaintError when it cannot be answered now.
    """
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    complaint_reporter_check(complaint, proof)
    message = (message or "").strip()[:2000]
    if complaint.status != Status.DONE:
        raise ComplaintError(_("Only a finished complaint can be confirmed."))
    if solved:
        if complaint.resident_confirmed is True:
            return complaint
        complaint.resident_confirmed = True
        complaint.save(update_fields=["resident_confirmed", "updated_at"])
        complaint.events.create(kind=Event.RESIDENT_CONFIRM, message=message, is_public=False)
        return complaint
    if not complaint_can_reopen(complaint):
        raise ComplaintError(
            _(
                "It is more than %(days)s days since this complaint was closed. "
                "Please send a new complaint and mention this tracking code."
            )
            % {"days": settings.COMPLAINT_REOPEN_DAYS}
        )
    now = timezone.now()
    previous = complaint.status
    complaint.status = Status.IN_PROGRESS
    complaint.closed_at = None
    complaint.resident_confirmed = False
    complaint.reopen_count += 1
    complaint.respond_due = sla.add_working_days(
        timezone.localdate(now), complaint.category.respond_days
    )
    complaint.save()
    complaint.events.create(
        kind=Event.REOPENED,
        old_status=previous,
        new_status=Status.IN_PROGRESS,
        is_public=True,
        created_at=now,
    )
    reason = None
    if message:
        reason = complaint.events.create(
            kind=Event.RESIDENT_REPLY, message=message, is_public=False
        )
    from ..tasks import notify_staff_resident_reply

    # The officer reads why it is not solved in the mail itself.
    on_commit_enqueue(
        notify_staff_resident_reply, complaint.pk, reason.pk if reason else None, True
    )
    return complaint
