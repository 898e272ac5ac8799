"""Complaints from their arrival to their closing: submit, change status, reply, redact.

The workflow follows SP4N-LAPOR!: verify and forward within 3 working days, answer within 5
more (reference/domain.md 3.3); categories may set other targets.
"""

import hashlib
import json

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import sla
from ..codes import tracking_code_new
from ..errors import ComplaintError, IdempotencyConflict
from ..hashing import lookup_hash
from ..models import Complaint, ComplaintCategory, ComplaintEvent
from ..nik import nik_validate
from ..photos import photo_process
from ..reply_codes import reply_nonce_new
from .notifications import on_commit_enqueue

Status = Complaint.Status
Event = ComplaintEvent.Kind

# The one table of allowed status changes. Closing states are final except DONE, which the
# resident (or staff) can reopen into IN_PROGRESS.
NEXT: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset(
        {Status.VERIFIED, Status.REJECTED, Status.NOT_COMPETENT, Status.DUPLICATE}
    ),
    Status.VERIFIED: frozenset(
        {
            Status.ASSIGNED,
            Status.IN_PROGRESS,
            Status.DONE,
            Status.REJECTED,
            Status.NOT_COMPETENT,
            Status.DUPLICATE,
        }
    ),
    Status.ASSIGNED: frozenset(
        {Status.IN_PROGRESS, Status.DONE, Status.NOT_COMPETENT, Status.DUPLICATE}
    ),
    Status.IN_PROGRESS: frozenset({Status.ASSIGNED, Status.DONE, Status.NOT_COMPETENT}),
    Status.DONE: frozenset({Status.IN_PROGRESS}),
    Status.REJECTED: frozenset(),
    Status.NOT_COMPETENT: frozenset(),
    Status.DUPLICATE: frozenset(),
}

# Kinds that need a way to reach the resident: an answer to a request has to be delivered.
CONTACT_REQUIRED = frozenset({Complaint.Kind.INFORMATION, Complaint.Kind.REQUEST})

PERSONAL_FIELDS = ("reporter_name", "reporter_phone", "reporter_email", "reporter_nik")
SUBMIT_FIELDS = (
    "kind",
    "description",
    "desa",
    "location_text",
    "latitude",
    "longitude",
    "privacy",
    "consent_contact",
    *PERSONAL_FIELDS,
)


def _fingerprint(data: dict, category: ComplaintCategory, photo) -> str:
    canonical = {field: str(data.get(field) or "") for field in SUBMIT_FIELDS if field != "desa"}
    if data.get("desa") is not None:  # absent when none: keys stored before keep their value
        canonical["desa"] = data["desa"].slug
    # The fingerprint is stored: a NIK enters it only through its keyed hash.
    canonical["reporter_nik"] = lookup_hash(canonical["reporter_nik"], "nik")
    canonical["category"] = category.slug
    canonical["photo"] = str(getattr(photo, "size", "") or "")
    # Keyed: the text beside it is stored in clear, so a plain hash would let anyone holding a
    # copy of the database try every phone number until one matches (encryption undone).
    return lookup_hash(json.dumps(canonical, sort_keys=True), "fingerprint")


def complaint_submit(
    *,
    site,
    data: dict,
    category: ComplaintCategory,
    photo=None,
    idempotency_key: str | None = None,
    channel: str = Complaint.Channel.WEB,
    entered_by=None,
) -> tuple[Complaint, bool]:
    """Store a new complaint of `site` (the kecamatan whose host received it) and return
    (complaint, True); or (existing, False) for a repeat.

    A repeat is a request with an `idempotency_key` already stored: it returns that complaint
    however many requests race with the same key (the database's unique constraint decides).
    Raise IdempotencyConflict if the key was used for a different complaint (or on another
    site), ComplaintError (with `field`) for a rule the form cannot check alone or a category of
    another site, PhotoError for a bad photo.
    """
    if site is None or category.site_id != site.pk:
        raise ComplaintError(
            _("This topic does not exist. Choose one from the list."), field="category"
        )
    data = {**data, "reporter_nik": complaint_nik_for(category, data.get("reporter_nik"))}
    if idempotency_key:
        existing = Complaint.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return _repeat(existing, data, category, photo, site)
    if data.get("kind") in CONTACT_REQUIRED and not (
        data.get("reporter_phone") or data.get("reporter_email")
    ):
        raise ComplaintError(
            _("Give a phone number or an email address so that we can send you the answer."),
            field="reporter_phone",
        )
    if (data.get("latitude") is None) != (data.get("longitude") is None):
        raise ComplaintError(_("Give both latitude and longitude, or neither."), field="latitude")

    clean_photo = photo_process(photo) if photo else None
    received = timezone.now()
    today = timezone.localdate(received)
    complaint = Complaint(
        site=site,
        category=category,
        channel=channel,
        entered_by=entered_by,
        created_at=received,
        verify_due=sla.add_working_days(today, category.verify_days),
        respond_due=sla.add_working_days(today, category.verify_days + category.respond_days),
        idempotency_key=idempotency_key or None,
        idempotency_fingerprint=_fingerprint(data, category, photo) if idempotency_key else "",
        reply_nonce=reply_nonce_new(),
        **{field: data.get(field) for field in SUBMIT_FIELDS if data.get(field) is not None},
    )
    if clean_photo is not None:
        # Saved before the row; removed again below if the row never comes to be.
        complaint.photo.save(clean_photo.name, clean_photo, save=False)
    try:
        for _attempt in range(5):
            complaint.tracking_code = tracking_code_new()
            try:
                with transaction.atomic():
                    complaint.save(force_insert=True)
                    ComplaintEvent.objects.create(
                        complaint=complaint,
                        kind=Event.CREATED,
                        new_status=Status.RECEIVED,
                        is_public=True,
                        actor=entered_by,
                        created_at=received,
                    )
                    from ..tasks import notify_resident_received, notify_staff_new_complaint

                    on_commit_enqueue(notify_staff_new_complaint, complaint.pk)
                    if complaint.reporter_email or complaint.reporter_phone:
                        on_commit_enqueue(notify_resident_received, complaint.pk)
                return complaint, True
            except IntegrityError:
                complaint.pk = None
                if idempotency_key:
                    existing = Complaint.objects.filter(idempotency_key=idempotency_key).first()
                    if existing is not None:  # another request with this key won the race
                        if complaint.photo:
                            complaint.photo.delete(save=False)
                        return _repeat(existing, data, category, photo, site)
                # Otherwise the random tracking code collided: draw another.
        raise ComplaintError(_("Could not create a tracking code. Please try again."))
    except BaseException:
        if complaint.photo and complaint.pk is None:
            complaint.photo.delete(save=False)
        raise


def complaint_nik_for(category: ComplaintCategory, raw: str | None) -> str:
    """Return the normalised NIK to store: "" unless the category asks for one.

    Raise ComplaintError (field `reporter_nik`) when the category needs it and it is missing
    or not plausible. A NIK sent for another category is dropped, never stored.
    """
    if not category.requires_nik:
        return ""
    if not (raw or "").strip():
        raise ComplaintError(
            _("This topic needs your NIK (the 16-digit number on your KTP or family card)."),
            field="reporter_nik",
        )
    try:
        return nik_validate(raw)
    except ValidationError as error:
        raise ComplaintError(error.messages[0], field="reporter_nik") from None


def complaint_is_repeat(existing: Complaint, data: dict, cleaned: dict) -> bool:
    """Return whether `data` is the same complaint as `existing` (same key, same content)."""
    return existing.idempotency_fingerprint == _fingerprint(
        data, cleaned["category"], cleaned.get("photo")
    )


def complaint_derived_key(key: str, data: dict, cleaned: dict) -> str:
    """Return a new idempotency key for other content sent with an already used key."""
    fingerprint = _fingerprint(data, cleaned["category"], cleaned.get("photo"))
    return hashlib.sha256(f"{key}:{fingerprint}".encode()).hexdigest()[:40]


def _repeat(existing: Complaint, data, category, photo, site) -> tuple[Complaint, bool]:
    # The same content sent to another kecamatan is not a repeat: never its complaint.
    if existing.site_id != site.pk or existing.idempotency_fingerprint != _fingerprint(
        data, category, photo
    ):
        raise IdempotencyConflict(
            _(
                "This Idempotency-Key was already used for a different complaint. "
                "Use a new key for a new complaint."
            )
        )
    return existing, False


@transaction.atomic
def complaint_change_status(
    *,
    complaint: Complaint,
    to: str,
    officer,
    note: str = "",
    public: bool = True,
    assigned_to=None,
    assigned_unit: str = "",
    duplicate_of: Complaint | None = None,
    referral: str = "",
    publish: bool | None = None,
) -> Complaint:
    """Move the complaint to `to` and log it; raise ComplaintError if not allowed.

    `publish` decides, on verification, whether a public or anonymous complaint appears in the
    public list (default: yes); a confidential one never does.
    """
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if to not in NEXT.get(complaint.status, ()):
        raise ComplaintError(
            _("A complaint that is %(old)s cannot become %(new)s.")
            % {
                "old": Status(complaint.status).label.lower(),
                "new": Status(to).label.lower() if to in Status.values else to,
            },
            field="status",
        )
    note = (note or "").strip()
    now = timezone.now()
    if to == Status.ASSIGNED:
        if assigned_to is None and not assigned_unit.strip():
            raise ComplaintError(_("Choose the officer or unit to assign it to."), "assigned_to")
        complaint.assigned_to = assigned_to
        complaint.assigned_unit = assigned_unit.strip()
    if to == Status.NOT_COMPETENT:
        if not referral.strip():
            raise ComplaintError(
                _("Tell the resident where to go instead, e.g. SP4N-LAPOR! (lapor.go.id)."),
                "referral",
            )
        complaint.referral = referral.strip()
    if to == Status.DUPLICATE:
        if duplicate_of is None or duplicate_of.pk == complaint.pk:
            raise ComplaintError(_("Choose the original complaint."), "duplicate_of")
        if duplicate_of.status == Status.DUPLICATE:
            duplicate_of = duplicate_of.duplicate_of or duplicate_of
        complaint.duplicate_of = duplicate_of
    if to == Status.REJECTED and not note:
        raise ComplaintError(_("Give the reason for rejecting it."), "note")

    if complaint.status == Status.RECEIVED and to != Status.RECEIVED:
        complaint.verified_at = now
        # The answer is due respond_days after verification, never earlier than first promised.
        due = sla.add_working_days(timezone.localdate(now), complaint.category.respond_days)
        complaint.respond_due = max(due, complaint.respond_due)
        if publish is None:
            publish = to == Status.VERIFIED or to == Status.ASSIGNED
        complaint.is_public = bool(publish) and complaint.privacy != Complaint.Privacy.CONFIDENTIAL
    elif publish is not None:
        complaint.is_public = bool(publish) and complaint.privacy != Complaint.Privacy.CONFIDENTIAL
    if to in Complaint.CLOSED:
        complaint.closed_at = now
        # A fresh "sudah selesai?" for every closing, also after the resident reopened it.
        complaint.resident_confirmed = None
    elif complaint.status in Complaint.CLOSED:  # reopened by staff
        complaint.closed_at = None
        complaint.resident_confirmed = None
        complaint.respond_due = sla.add_working_days(
            timezone.localdate(now), complaint.category.respond_days
        )

    previous, complaint.status = complaint.status, to
    # resident_confirmed is a yes/no/unknown answer: None is valid, though blank=False.
    complaint.full_clean(
        exclude=["photo", "tracking_code", "idempotency_key", "resident_confirmed"]
    )
    complaint.save()
    event = complaint.events.create(
        kind=Event.STATUS,
        old_status=previous,
        new_status=to,
        message=note,
        is_public=public,
        actor=officer,
        created_at=now,
    )
    if public:
        from ..tasks import notify_resident

        on_commit_enqueue(notify_resident, complaint.pk, event.pk)
    return complaint


@transaction.atomic
def complaint_reply(*, complaint: Complaint, officer, message: str, public: bool = True):
    """Add a staff reply (public, signed as the kecamatan) or an internal note (public=False)."""
    message = (message or "").strip()
    if not message:
        raise ComplaintError(_("Write the reply first."), "message")
    event = complaint.events.create(
        kind=Event.REPLY if public else Event.NOTE,
        message=message,
        is_public=public,
        actor=officer,
    )
    Complaint.objects.filter(pk=complaint.pk).update(updated_at=timezone.now())
    if public:
        from ..tasks import notify_resident

        on_commit_enqueue(notify_resident, complaint.pk, event.pk)
    return event


@transaction.atomic
def complaint_redact(
    *, complaint: Complaint, officer, public_description: str, photo_hidden: bool
) -> Complaint:
    """Set what the public sees of the description and photo; the original stays for staff."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    complaint.public_description = (public_description or "").strip()
    complaint.photo_hidden = photo_hidden
    complaint.save(update_fields=["public_description", "photo_hidden", "updated_at"])
    complaint.events.create(kind=Event.REDACTED, is_public=False, actor=officer)
    return complaint


@transaction.atomic
def complaint_reply_code_reissue(*, complaint: Complaint, officer) -> str:
    """Give the complaint a new reply code and return it; the old one stops working at once.

    For a reporter who lost theirs (or whose complaint predates reply codes). Logged on the
    complaint's history for staff only; the code itself is never stored.
    """
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
    complaint.reply_nonce = reply_nonce_new()
    complaint.save(update_fields=["reply_nonce", "updated_at"])
    complaint.events.create(kind=Event.REPLY_CODE_ISSUED, is_public=False, actor=officer)
    return complaint.reply_code


def complaint_reply_code_send(*, complaint: Complaint) -> None:
    """Send the complaint's current reply code to the reporter's email and phone (after commit)."""
    from ..tasks import notify_resident_received

    on_commit_enqueue(notify_resident_received, complaint.pk)
