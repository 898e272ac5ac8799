"""POST requests.{fmt}: a service request becomes a complaint through the same form and
service as /api/v1/complaints/ and the site's own form (validation, NIK, photo, idempotency).

GeoReport v2 names map onto ours: `service_code` is the category, `address_string` the
location text (staff only), `lat`/`long` the coordinates, `first_name` + `last_name` the
reporter's name, `email` and `phone` their contact, `attribute[nik]`, `attribute[privacy]`,
`attribute[kind]` and `attribute[desa]` (or `address_id`) the rest; a photo comes as the
multipart file `media`. `media_url` is never fetched: the server loads nothing from addresses
a client names (it could point inside our network).
"""

import hashlib
import logging

from django.utils.translation import gettext as _

from cms.complaints import services
from cms.complaints.errors import ComplaintError, IdempotencyConflict
from cms.complaints.forms import ComplaintSubmitForm, idempotency_key_clean, request_body_complete
from cms.complaints.models import Complaint
from cms.complaints.ratelimit import rate_limit_hit
from cms.complaints.sites import complaint_site

from . import formats
from .base import unknown_service
from .keys import api_key_find, api_key_used
from .models import ApiKey

logger = logging.getLogger(__name__)

# Our field -> the Open311 parameter a client sent it as (for error descriptions).
PARAMETERS = {
    "category": "service_code",
    "description": "description",
    "location_text": "address_string",
    "latitude": "lat",
    "longitude": "long",
    "reporter_name": "first_name",
    "reporter_phone": "phone",
    "reporter_email": "email",
    "reporter_nik": "attribute[nik]",
    "privacy": "attribute[privacy]",
    "kind": "attribute[kind]",
    "desa": "attribute[desa]",
    "photo": "media",
}


def client_idempotency_key(key: ApiKey, raw: str) -> str:
    """Return the stored idempotency key for a client's own: one client's keys never meet
    another's (two clients may well both count from 1)."""
    return "o311-" + hashlib.sha256(f"{key.pk}:{raw}".encode()).hexdigest()[:40]


def token_complaint(key: ApiKey, token: str, site) -> Complaint | None:
    """Return the complaint `key`'s client sent to `site` with Idempotency-Key `token`, or
    None."""
    try:
        raw = idempotency_key_clean(token)
    except ValueError:
        return None
    if raw is None:
        return None
    stored = Complaint.objects.filter(site=site) if site is not None else Complaint.objects.none()
    return stored.filter(idempotency_key=client_idempotency_key(key, raw)).first()


def _form_data(data) -> dict:
    first, last = (data.get("first_name") or "").strip(), (data.get("last_name") or "").strip()
    return {
        "category": data.get("service_code") or "",
        "description": data.get("description") or "",
        "location_text": data.get("address_string") or "",
        "latitude": data.get("lat") or "",
        "longitude": data.get("long") or "",
        "reporter_name": f"{first} {last}".strip(),
        "reporter_phone": data.get("phone") or "",
        "reporter_email": data.get("email") or "",
        "reporter_nik": data.get("attribute[nik]") or "",
        "privacy": data.get("attribute[privacy]") or Complaint.Privacy.ANONYMOUS,
        "kind": data.get("attribute[kind]") or Complaint.Kind.COMPLAINT,
        "desa": data.get("attribute[desa]") or data.get("address_id") or "",
    }


# The parameters a service request has once: a second copy is refused, not silently dropped
# (a client that sends two service_codes has a bug its developer should hear about).
SINGLE = (
    "api_key",
    "service_code",
    "description",
    "lat",
    "long",
    "address_string",
    "address_id",
    "email",
    "first_name",
    "last_name",
    "phone",
    "media_url",
)


def _repeated(data) -> list[str]:
    """Return the single-valued parameters `data` holds more than once, in SINGLE's order."""
    if not hasattr(data, "getlist"):  # a JSON body cannot repeat a key
        return []
    attributes = sorted(name for name in data if name.startswith("attribute["))
    return [name for name in (*SINGLE, *attributes) if len(data.getlist(name)) > 1]


def _described(form) -> list[str]:
    """Return one description per error, naming the Open311 parameter. A coordinate that is no
    number gets words for a client's developer, not the form's words for a resident's phone."""
    unreadable = _("a decimal degree (WGS84) is expected, e.g. -6.914744.")
    return [
        f"{PARAMETERS.get(name, name)}: "
        + (unreadable if error.code == "invalid" and name in ("latitude", "longitude") else message)
        for name, errors in form.errors.as_data().items()
        for error in errors
        for message in error.messages
    ]


def submit(view, request):
    """Return the answer to a POST requests.{fmt} (view: the calling Open311View)."""
    data = request.data
    repeated = _repeated(data)
    if repeated:
        return view.refuse(
            400,
            *(
                _("%(name)s was sent more than once: send each parameter once.") % {"name": name}
                for name in repeated
            ),
        )
    key = api_key_find(data.get("api_key"))
    if key is None:
        return view.refuse(403, _("Invalid api_key received: cannot create the service request."))
    api_key_used(key, submitted=False)
    try:
        raw_key = idempotency_key_clean(request.headers.get("Idempotency-Key"))
    except ValueError:
        return view.refuse(
            400, _("The Idempotency-Key header must be 8 to 64 letters, digits, - or _.")
        )
    if not request_body_complete(request):
        return view.refuse(400, _("The upload was interrupted. Send it again."))
    if not (data.get("service_code") or "").strip():
        return view.refuse(400, _("service_code is required: see services for the list."))
    form_data = _form_data(data)
    if not (
        (form_data["latitude"] and form_data["longitude"])
        or form_data["location_text"].strip()
        or form_data["desa"]
    ):
        return view.refuse(
            400, _("A location is required: lat and long, address_string or address_id.")
        )
    media = request.FILES.get("media")
    site = complaint_site(request)  # the kecamatan whose host was reached, never the client's
    form = ComplaintSubmitForm(data=form_data, files={"photo": media} if media else None, site=site)
    if not form.is_valid():
        if "category" in form.errors:
            return view.refuse(404, unknown_service(form_data["category"]))
        return view.refuse(400, *_described(form))
    stored_key = client_idempotency_key(key, raw_key) if raw_key else None
    repeat = (
        stored_key is not None
        and Complaint.objects.filter(site=site, idempotency_key=stored_key).exists()
    )
    if not repeat:  # a retry of something stored is answered even over the limit
        wait = rate_limit_hit(
            "open311-submit", request, key.hourly_limit, 3600, client=f"open311-key:{key.pk}"
        )
        if wait:
            logger.warning(
                "open311 key over its limit: client=%r prefix=%s", key.client_name, key.prefix
            )
            return view.refuse(
                429,
                _("This API key sent too many service requests. Try again in %(minutes)d minutes.")
                % {"minutes": max(1, round(wait / 60))},
                headers={"Retry-After": str(wait)},
            )
    try:
        complaint, created = services.complaint_submit(
            site=site,
            data=form.service_data(),
            category=form.cleaned_data["category"],
            photo=form.cleaned_data.get("photo"),
            idempotency_key=stored_key,
            channel=Complaint.Channel.API,
        )
    except IdempotencyConflict as error:
        return view.refuse(409, error.message)
    except ComplaintError as error:
        return view.refuse(400, f"{PARAMETERS.get(error.field, error.field)}: {error.message}")
    if created:
        api_key_used(key, submitted=True)
    logger.info(
        "open311 submit: client=%r prefix=%s request=%s created=%s",
        key.client_name,
        key.prefix,
        complaint.tracking_code,
        created,
    )
    item = {
        "service_request_id": complaint.tracking_code,
        "service_notice": _notice(complaint, bool(data.get("media_url"))),
        "account_id": None,
    }
    return formats.reply(view.fmt, "service_requests", [item], status=201 if created else 200)


def _notice(complaint: Complaint, media_url: bool) -> str:
    notice = _(
        "Received. The kecamatan verifies it by %(date)s; follow it with its "
        "service_request_id %(code)s."
    ) % {"date": complaint.verify_due.isoformat(), "code": complaint.tracking_code}
    if media_url:
        notice += " " + _("media_url was not fetched: send the photo itself as the file media.")
    return notice
