"""Everything that writes complaints. Views, forms and serializers call these and nothing else.

The workflow follows SP4N-LAPOR!: verify and forward within 3 working days, answer within 5
more (reference/domain.md 3.3); categories may set other targets.
"""

import contextlib
import contextvars
import hashlib
import hmac
import json
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, validate_email
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cms.security.crypto import lookup_hash

from . import sla
from .codes import tracking_code_new, tracking_code_normalize
from .errors import ComplaintError, IdempotencyConflict
from .models import Complaint, ComplaintCategory, ComplaintEvent, DataRequest, phone_validator
from .nik import nik_validate
from .photos import photo_process

logger = logging.getLogger(__name__)

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
    "location_text",
    "latitude",
    "longitude",
    "privacy",
    "consent_contact",
    *PERSONAL_FIELDS,
)


def _fingerprint(data: dict, category: ComplaintCategory, photo) -> str:
    canonical = {field: str(data.get(field) or "") for field in SUBMIT_FIELDS}
    # The fingerprint is stored: a NIK enters it only through its keyed hash.
    canonical["reporter_nik"] = lookup_hash(canonical["reporter_nik"], "nik")
    canonical["category"] = category.slug
    canonical["photo"] = str(getattr(photo, "size", "") or "")
    # Keyed: the text beside it is stored in clear, so a plain hash would let anyone holding a
    # copy of the database try every phone number until one matches (encryption undone).
    return lookup_hash(json.dumps(canonical, sort_keys=True), "fingerprint")


_muted: contextvars.ContextVar[bool] = contextvars.ContextVar("notifications_muted", default=False)


@contextlib.contextmanager
def notifications_muted():
    """Send no notifications for what happens inside (demo data, imports of old complaints)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def _on_commit_enqueue(task, *args):
    """Enqueue a background task once the transaction holding its data has committed."""
    if _muted.get():
        return

    def enqueue():
        try:
            task.enqueue(*args)
        except Exception:  # a broken mail server must never undo or fail a complaint
            logger.exception("Could not enqueue %s", getattr(task, "name", task))

    transaction.on_commit(enqueue)


def complaint_submit(
    *,
    data: dict,
    category: ComplaintCategory,
    photo=None,
    idempotency_key: str | None = None,
    channel: str = Complaint.Channel.WEB,
    entered_by=None,
) -> tuple[Complaint, bool]:
    """Store a new complaint and return (complaint, True); or (existing, False) for a repeat.

    A repeat is a request with an `idempotency_key` already stored: it returns that complaint
    however many requests race with the same key (the database's unique constraint decides).
    Raise IdempotencyConflict if the key was used for a different complaint, ComplaintError
    (with `field`) for a rule the form cannot check alone, PhotoError for a bad photo.
    """
    data = {**data, "reporter_nik": complaint_nik_for(category, data.get("reporter_nik"))}
    if idempotency_key:
        existing = Complaint.objects.filter(idempotency_key=idempotency_key).first()
        if existing is not None:
            return _repeat(existing, data, category, photo)
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
        category=category,
        channel=channel,
        entered_by=entered_by,
        created_at=received,
        verify_due=sla.add_working_days(today, category.verify_days),
        respond_due=sla.add_working_days(today, category.verify_days + category.respond_days),
        idempotency_key=idempotency_key or None,
        idempotency_fingerprint=_fingerprint(data, category, photo) if idempotency_key else "",
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
                    from .tasks import notify_staff_new_complaint

                    _on_commit_enqueue(notify_staff_new_complaint, complaint.pk)
                return complaint, True
            except IntegrityError:
                complaint.pk = None
                if idempotency_key:
                    existing = Complaint.objects.filter(idempotency_key=idempotency_key).first()
                    if existing is not None:  # another request with this key won the race
                        if complaint.photo:
                            complaint.photo.delete(save=False)
                        return _repeat(existing, data, category, photo)
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


def _repeat(existing: Complaint, data, category, photo) -> tuple[Complaint, bool]:
    if existing.idempotency_fingerprint != _fingerprint(data, category, photo):
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
        from .tasks import notify_resident

        _on_commit_enqueue(notify_resident, complaint.pk, event.pk)
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
        from .tasks import notify_resident

        _on_commit_enqueue(notify_resident, complaint.pk, event.pk)
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
def complaint_resident_reply(*, complaint: Complaint, message: str) -> ComplaintEvent:
    """Add information from the resident to an open complaint; raise ComplaintError if closed."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
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
    # Visible to staff; not published, since residents may write personal details here.
    event = complaint.events.create(kind=Event.RESIDENT_REPLY, message=message, is_public=False)
    complaint.save(update_fields=["updated_at"])
    from .tasks import notify_staff_resident_reply

    _on_commit_enqueue(notify_staff_resident_reply, complaint.pk, event.pk)
    return event


def complaint_can_reopen(complaint: Complaint, now=None) -> bool:
    """Return whether the resident may still say "not solved" and reopen it."""
    if complaint.status != Status.DONE or complaint.closed_at is None:
        return False
    now = now or timezone.now()
    return (now - complaint.closed_at).days < settings.COMPLAINT_REOPEN_DAYS


@transaction.atomic
def complaint_resident_confirm(*, complaint: Complaint, solved: bool, message: str = ""):
    """Record the resident's answer to "sudah selesai?"; "no" reopens it within the period."""
    complaint = Complaint.objects.select_for_update().get(pk=complaint.pk)
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
    if message:
        complaint.events.create(kind=Event.RESIDENT_REPLY, message=message, is_public=False)
    from .tasks import notify_staff_resident_reply

    _on_commit_enqueue(notify_staff_resident_reply, complaint.pk, None)
    return complaint


# --- Personal data: erasure and residents' data requests (UU PDP) ---

# What erasing a complaint's personal data blanks: the reporter's details and their look-up
# hashes. The complaint text, category, dates and status stay, so statistics are unchanged.
ERASED = {
    "reporter_name": "",
    "reporter_phone": "",
    "reporter_phone_hash": "",
    "reporter_email": "",
    "reporter_nik": "",
    "reporter_nik_hash": "",
    "idempotency_fingerprint": "",  # a keyed hash of the details above among the rest
}


@transaction.atomic
def complaint_personal_data_erase(complaints: QuerySet[Complaint]) -> int:
    """Erase the reporter's personal data of `complaints`; return how many complaints.

    The one erasure used by the retention purge and by a resident's erasure request. What the
    resident wrote in their data requests and the complaint's photo go too.
    """
    DataRequest.objects.filter(complaint__in=complaints.values("pk")).exclude(message="").update(
        message=""
    )
    # The photo too: it may show the resident's home, face or house number. Its file goes once
    # the erasure is committed (a rolled-back erasure keeps it).
    photos = list(complaints.exclude(photo="").values_list("photo", flat=True))
    if photos:
        storage = Complaint._meta.get_field("photo").storage

        def delete_files():
            for name in photos:
                try:
                    storage.delete(name)
                except OSError:
                    logger.warning("Could not delete an erased complaint photo: %s", name)

        transaction.on_commit(delete_files)
    return complaints.update(**ERASED, photo="")


def data_request_proof_matches(complaint: Complaint | None, contact: str) -> bool:
    """Return whether `contact` is the phone number or email on file, compared in constant time.

    A phone is compared through its keyed hash (however it is written), an email through the
    decrypted value, case-insensitively. With no complaint the comparison still runs (against
    nothing), so an unknown code and a wrong proof differ only by the database look-up, which
    tells no more than the tracking page already does: whether a code exists.
    """
    contact = (contact or "").strip()
    if "@" in contact:
        on_file = (complaint.reporter_email if complaint else "") or ""
        given, stored = contact.lower().encode(), on_file.strip().lower().encode()
    else:
        given = lookup_hash(contact, "phone").encode()
        stored = ((complaint.reporter_phone_hash if complaint else "") or "").encode()
    same = hmac.compare_digest(given, stored)
    return bool(given) and bool(stored) and same


@transaction.atomic
def data_request_submit(*, code: str, contact: str, kind: str, message: str = ""):
    """Record a resident's data request and return it; None if the code and proof do not match.

    The caller shows the same answer for an unknown code and a wrong proof. The history of the
    complaint gets a staff-only line naming the kind of request, never its content.
    """
    normalized = tracking_code_normalize(code or "")
    complaint = Complaint.objects.filter(tracking_code=normalized).first() if normalized else None
    if not data_request_proof_matches(complaint, contact):
        return None
    if kind not in DataRequest.Kind.values:
        raise ComplaintError(_("Choose what you want us to do with your data."), field="kind")
    data_request = DataRequest.objects.create(
        complaint=complaint, kind=kind, message=(message or "").strip()[:2000]
    )
    _data_request_event(data_request, Event.DATA_REQUEST, None, data_request.get_kind_display)
    from .tasks import notify_staff_data_request

    _on_commit_enqueue(notify_staff_data_request, data_request.pk)
    return data_request


def _data_request_event(data_request, kind, officer, describe):
    """Log a step on the complaint's history: staff only, in the site's language, no data."""
    with translation.override(settings.LANGUAGE_CODE):
        message = _("Request no. %(number)s: %(what)s") % {
            "number": data_request.pk,
            "what": describe(),
        }
    return data_request.complaint.events.create(
        kind=kind, message=message, is_public=False, actor=officer
    )


def _open_request(data_request: DataRequest) -> DataRequest:
    locked = (
        DataRequest.objects.select_for_update().select_related("complaint").get(pk=data_request.pk)
    )
    if not locked.is_open:
        raise ComplaintError(_("This request is already closed."))
    return locked


def _close(data_request: DataRequest, officer, status: str, note: str) -> DataRequest:
    data_request.status = status
    data_request.handled_by = officer
    data_request.handled_at = timezone.now()
    data_request.staff_note = note
    data_request.save(update_fields=["status", "handled_by", "handled_at", "staff_note"])
    _data_request_event(
        data_request, Event.DATA_REQUEST_CLOSED, officer, data_request.get_status_display
    )
    return data_request


@transaction.atomic
def data_request_show(*, data_request: DataRequest, officer) -> DataRequest:
    """Log on the complaint's history that staff looked at the data to answer the request."""
    data_request = _open_request(data_request)
    _data_request_event(data_request, Event.DATA_SHOWN, officer, data_request.get_kind_display)
    return data_request


def _checked(*validators):
    def check(value):
        for validator in validators:
            validator(value)
        return value

    return check


CORRECTION_CHECKS = {
    "reporter_name": _checked(MaxLengthValidator(100)),
    "reporter_phone": _checked(phone_validator),
    "reporter_email": _checked(validate_email),
    "reporter_nik": nik_validate,
}


@transaction.atomic
def data_request_correct(*, data_request: DataRequest, officer, changes: dict, note: str = ""):
    """Apply a correction request: set the changed personal fields, close the request as done.

    `changes` maps reporter_name, reporter_phone, reporter_email and reporter_nik to their new
    values (a NIK only when the category asks for one or one is on file). Raise ComplaintError
    for a request that is not a correction or not open, or for an implausible NIK.
    """
    data_request = _open_request(data_request)
    if data_request.kind != DataRequest.Kind.CORRECTION:
        raise ComplaintError(_("Only a correction request changes the data."))
    complaint = Complaint.objects.select_for_update().get(pk=data_request.complaint_id)
    changed = []
    for field in PERSONAL_FIELDS:
        if field not in changes:
            continue
        value = " ".join((changes[field] or "").split())
        if value:
            try:
                value = CORRECTION_CHECKS[field](value)
            except ValidationError as error:
                raise ComplaintError(error.messages[0], field=field) from None
        if value != (getattr(complaint, field) or ""):
            setattr(complaint, field, value)
            changed.append(field)
    if changed:
        complaint.save(update_fields=[*changed, "updated_at"])

    def describe():
        labels = [str(Complaint._meta.get_field(field).verbose_name) for field in changed]
        return ", ".join(labels) if labels else _("nothing changed")

    _data_request_event(data_request, Event.DATA_CORRECTED, officer, describe)
    return _close(data_request, officer, DataRequest.Status.DONE, note)


@transaction.atomic
def data_request_erase(*, data_request: DataRequest, officer, note: str = "") -> DataRequest:
    """Apply an erasure request with the retention purge's erasure; close it as done."""
    data_request = _open_request(data_request)
    if data_request.kind != DataRequest.Kind.ERASURE:
        raise ComplaintError(_("Only an erasure request erases the data."))
    complaint_personal_data_erase(Complaint.objects.filter(pk=data_request.complaint_id))
    _data_request_event(data_request, Event.DATA_ERASED, officer, data_request.get_kind_display)
    data_request.message = ""
    return _close(data_request, officer, DataRequest.Status.DONE, note)


@transaction.atomic
def data_request_close(*, data_request: DataRequest, officer, status: str, note: str = ""):
    """Close a request as done (answered) or rejected (with the reason); raise ComplaintError."""
    data_request = _open_request(data_request)
    note = (note or "").strip()
    if status not in (DataRequest.Status.DONE, DataRequest.Status.REJECTED):
        raise ComplaintError(_("Choose done or rejected."), field="status")
    if status == DataRequest.Status.REJECTED and not note:
        raise ComplaintError(
            _("Give the reason for rejecting it (e.g. an exception of UU PDP article 15)."),
            field="note",
        )
    return _close(data_request, officer, status, note)
