"""Personal data: its erasure (retention purge and erasure requests) and residents' requests to
see, correct or erase it (UU PDP)."""

import hmac
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..codes import tracking_code_normalize
from ..errors import ComplaintError
from ..hashing import lookup_hash
from ..models import Complaint, ComplaintEvent, DataRequest, phone_validator
from ..nik import nik_validate
from .complaints import PERSONAL_FIELDS
from .notifications import on_commit_enqueue

logger = logging.getLogger("cms.complaints.services")
Event = ComplaintEvent.Kind

# What erasing a complaint's personal data blanks: the reporter's details and their look-up
# hashes, the exact location. The complaint text, category, desa, dates and status stay, so
# statistics are unchanged.
ERASED = {
    "reporter_name": "",
    "reporter_name_hash": "",
    "reporter_phone": "",
    "reporter_phone_hash": "",
    "reporter_email": "",
    "reporter_nik": "",
    "reporter_nik_hash": "",
    "idempotency_fingerprint": "",  # a keyed hash of the details above among the rest
    # Where exactly: the resident's words and coordinates, also rounded (a complaint about
    # one's own house points at it). The desa from the staff's list stays for the figures.
    "location_text": "",
    "latitude": None,
    "longitude": None,
    "area_latitude": None,
    "area_longitude": None,
}
# What the resident wrote on their complaint after sending it (more information, the words
# given with "solved" or "not solved"): it may name them, their neighbours or their address.
# Staff replies, notes and the status timeline stay.
RESIDENT_MESSAGES = (Event.RESIDENT_REPLY, Event.RESIDENT_CONFIRM)


@transaction.atomic
def complaint_personal_data_erase(complaints: QuerySet[Complaint]) -> int:
    """Erase the reporter's personal data of `complaints`; return how many complaints.

    The one erasure used by the retention purge and by a resident's erasure request. What the
    resident wrote in their data requests and on the complaint afterwards (RESIDENT_MESSAGES:
    the lines stay in the history, empty) and the complaint's photo go too.
    """
    DataRequest.objects.filter(complaint__in=complaints.values("pk")).exclude(message="").update(
        message=""
    )
    ComplaintEvent.objects.filter(
        complaint__in=complaints.values("pk"), kind__in=RESIDENT_MESSAGES
    ).exclude(message="").update(message="")
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
    from ..tasks import notify_staff_data_request

    on_commit_enqueue(notify_staff_data_request, data_request.pk)
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
