"""GeoReport v2 under /open311/v2/: discovery, services, service definitions, service
requests (read here, submitted in submit.py) and tokens. http://wiki.open311.org/GeoReport_v2/

Reading needs no key and shows the public view only, whatever key is sent: no confidential
complaint, no reporter's contact data, NIK, name or exact position.
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema

from cms.complaints import selectors
from cms.complaints.codes import tracking_code_normalize
from cms.complaints.lookup import complaint_lookup
from cms.complaints.models import Complaint
from cms.complaints.sites import complaint_site
from pages.models import KecamatanSettings

from . import formats, schema
from .base import Open311View, jurisdiction_of, unknown_service
from .keys import api_key_find
from .projection import request_item, service_item
from .submit import submit, token_complaint

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this face last changed what it offers (discovery's `changeset`).
CHANGESET = datetime.datetime(2026, 12, 7, tzinfo=datetime.UTC)
MAX_DAYS = 90  # the spec's longest start_date..end_date span, and the default window
PAGE_SIZE, MAX_PAGE_SIZE = 100, 1000


def agency(request) -> str:
    """The kecamatan whose host answers: its complaints are the ones served (docs/regency.md)."""
    site = complaint_site(request)
    return (KecamatanSettings.for_site(site) if site else KecamatanSettings()).name


class DiscoveryApi(Open311View):
    @extend_schema(
        summary="Open311 discovery",
        parameters=[schema.FORMAT],
        responses={200: schema.DISCOVERY},
        tags=schema.TAGS,
    )
    def get(self, request, fmt):
        kecamatan = KecamatanSettings.for_request(request)
        changeset = formats.w3c(CHANGESET)
        url = request.build_absolute_uri(reverse("open311-root"))
        data = {
            "changeset": changeset,
            "contact": ", ".join(part for part in (kecamatan.email, kecamatan.phone) if part)
            or kecamatan.name,
            "key_service": _(
                "Ask the kecamatan office for an API key (the contact above): staff make one "
                "per client in the admin."
            ),
            "jurisdiction_id": jurisdiction_of(request),
            "endpoints": [
                {
                    "specification": SPECIFICATION,
                    "url": url,
                    "changeset": changeset,
                    "type": "production" if not settings.DEBUG else "test",
                    "formats": ["text/xml", "application/json"],
                }
            ],
        }
        return formats.reply(fmt, "discovery", data)


def _group(category) -> str:
    if category.requires_nik:
        return _("Civil registration")
    return _("Complaints and requests")


class ServiceListApi(Open311View):
    @extend_schema(
        summary="Open311 services (complaint categories)",
        parameters=[schema.FORMAT, schema.JURISDICTION],
        responses={200: schema.SERVICE, 404: schema.errors("Unknown jurisdiction_id.")},
        tags=schema.TAGS,
    )
    def get(self, request, fmt):
        refusal = self.jurisdiction_refusal(request, request.query_params)
        if refusal:
            return refusal
        categories = selectors.complaint_categories(complaint_site(request))
        items = [service_item(category, _group(category)) for category in categories]
        return formats.reply(fmt, "services", items)


def _choice_values(choices) -> list[dict]:
    return [{"key": key, "name": str(name)} for key, name in choices]


def service_attributes(category) -> list[dict]:
    """Return the attributes a client may (or must) send for `category`."""
    attributes = [
        {
            "variable": True,
            "code": "privacy",
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": _("One of the keys; anonymous when absent."),
            "order": 1,
            "description": _(
                "Who may see the complaint: public (with the reporter's name), anonymous "
                "(public without the name) or confidential (never public)."
            ),
            "values": _choice_values(Complaint.Privacy.choices),
        },
        {
            "variable": True,
            "code": "kind",
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": _("One of the keys; a complaint when absent."),
            "order": 2,
            "description": _(
                "What is sent. A request for information or a service request needs an email "
                "or a phone number, to send the answer to."
            ),
            "values": _choice_values(Complaint.Kind.choices),
        },
        {
            "variable": True,
            "code": "desa",
            "datatype": "singlevaluelist",
            "required": False,
            "datatype_description": _("One of the keys, or absent when not known."),
            "order": 3,
            "description": _("The village (desa/kelurahan) where it is. Also taken as address_id."),
            "values": [
                {"key": desa.slug, "name": desa.display_name}
                for desa in selectors.complaint_desa_choices()
            ],
        },
    ]
    if category.requires_nik:
        attributes.append(
            {
                "variable": True,
                "code": "nik",
                "datatype": "string",
                "required": True,
                "datatype_description": _("16 digits; spaces and dots are ignored."),
                "order": 4,
                "description": _(
                    "The resident's NIK (national ID number on the KTP or family card). "
                    "Stored encrypted, never shown in any answer."
                ),
                "values": [],
            }
        )
    return attributes


class ServiceDefinitionApi(Open311View):
    @extend_schema(
        summary="Open311 service definition",
        parameters=[schema.FORMAT, schema.JURISDICTION],
        responses={200: schema.DEFINITION, 404: schema.errors("Unknown service_code.")},
        tags=schema.TAGS,
    )
    def get(self, request, service_code, fmt):
        refusal = self.jurisdiction_refusal(request, request.query_params)
        if refusal:
            return refusal
        site = complaint_site(request)
        category = selectors.complaint_categories(site).filter(slug=service_code).first()
        if category is None:
            return self.refuse(404, unknown_service(service_code))
        data = {"service_code": category.slug, "attributes": service_attributes(category)}
        return formats.reply(fmt, "service_definition", data)


def _split(raw: str | None) -> list[str]:
    return [part.strip() for part in (raw or "").split(",") if part.strip()]


class BadParameter(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


def _when(params, name: str) -> datetime.datetime | None:
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = parse_datetime(raw)
    except ValueError:
        value = None
    if value is None or timezone.is_naive(value):
        raise BadParameter(
            400,
            _("%(name)s must be a W3C date and time with its zone, e.g. 2026-12-01T00:00:00+07:00.")
            % {"name": name},
        )
    return value


def _positive(params, name: str, default: int, most: int) -> int:
    raw = (params.get(name) or "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise BadParameter(
            400, _("%(name)s must be a whole number of at least 1.") % {"name": name}
        )
    return min(int(raw), most)


def feed_filters(params, site) -> dict:
    """Return the selector's filters from the spec's query (service codes of `site`); raise
    BadParameter."""
    codes = _split(params.get("service_request_id"))
    if codes:  # "overrides all other arguments"
        return {"codes": [tracking_code_normalize(code) or code[:20] for code in codes[:100]]}
    categories = _split(params.get("service_code"))
    known = set(selectors.complaint_categories(site).values_list("slug", flat=True))
    unknown = [code for code in categories if code not in known]
    if unknown:
        raise BadParameter(404, unknown_service(unknown[0]))
    statuses = set(_split(params.get("status")))
    if statuses - {"open", "closed"}:
        raise BadParameter(400, _("status must be open, closed or both (comma-separated)."))
    start, end = _when(params, "start_date"), _when(params, "end_date")
    span = datetime.timedelta(days=MAX_DAYS)
    if start is None and end is None:
        end = timezone.now()
    if start is None:
        start = end - span
    if end is None:
        end = start + span
    if end < start:
        raise BadParameter(400, _("end_date must not be before start_date."))
    if end - start > span:
        raise BadParameter(400, _("start_date and end_date may be at most 90 days apart."))
    return {
        "categories": categories,
        "closed": None if len(statuses) != 1 else statuses == {"closed"},
        "since": start,
        "until": end,
    }


class RequestsApi(Open311View):
    @extend_schema(
        summary="Open311 service requests (public complaints)",
        description="Verified public and anonymous complaints, newest first; never a "
        "confidential one. `page` and `page_size` (default 100, at most 1000) are the "
        "paging extension most servers implement.",
        parameters=[
            schema.FORMAT,
            schema.JURISDICTION,
            OpenApiParameter("service_request_id", str, description="Comma-separated codes."),
            OpenApiParameter("service_code", str, description="Comma-separated."),
            OpenApiParameter("start_date", str, description="W3C date-time with zone."),
            OpenApiParameter("end_date", str, description="At most 90 days after start_date."),
            OpenApiParameter("status", str, description="open, closed or open,closed."),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses={
            200: schema.SERVICE_REQUEST,
            400: schema.errors("A parameter is not valid."),
            404: schema.errors("Unknown service_code or jurisdiction_id."),
        },
        tags=schema.TAGS,
    )
    def get(self, request, fmt):
        params = request.query_params
        refusal = self.jurisdiction_refusal(request, params)
        if refusal:
            return refusal
        try:
            site = complaint_site(request)
            filters = feed_filters(params, site)
            page = _positive(params, "page", 1, 100_000)
            size = _positive(params, "page_size", PAGE_SIZE, MAX_PAGE_SIZE)
        except BadParameter as error:
            return self.refuse(error.status, error.message)
        window = slice((page - 1) * size, page * size)
        complaints = selectors.complaint_public_feed(site=site, **filters)[window]
        name = agency(request)
        items = [
            request_item(request, selectors.complaint_public_view(complaint), name)
            for complaint in complaints
        ]
        return formats.reply(fmt, "service_requests", items)

    @extend_schema(
        summary="Open311: submit a service request (a complaint)",
        description="Form-encoded, or multipart with a photo as `media`. Needs `api_key`. "
        "Validated and stored by the same service as /api/v1/complaints/.",
        parameters=[schema.FORMAT, schema.JURISDICTION, schema.IDEMPOTENCY_KEY],
        request={
            "application/x-www-form-urlencoded": schema.SUBMIT,
            "multipart/form-data": schema.SUBMIT,
        },
        responses={
            201: schema.CREATED,
            200: schema.CREATED,
            400: schema.errors("A field is missing or not valid."),
            403: schema.errors("Missing, unknown or revoked api_key."),
            404: schema.errors("Unknown service_code or jurisdiction_id."),
            409: schema.errors("The Idempotency-Key was used for another request."),
            429: schema.errors("Over the key's hourly limit (Retry-After)."),
        },
        tags=schema.TAGS,
    )
    def post(self, request, fmt):
        refusal = self.jurisdiction_refusal(request, request.data)
        if refusal:
            return refusal
        return submit(self, request)


class RequestDetailApi(Open311View):
    @extend_schema(
        summary="Open311: one service request",
        description="A complaint not yet public (waiting for verification) shows its status "
        "and dates only; a confidential one is a 404.",
        parameters=[schema.FORMAT, schema.JURISDICTION],
        responses={
            200: schema.SERVICE_REQUEST,
            404: schema.errors("No public complaint has this code."),
            429: schema.errors("Too many unknown codes from this client (Retry-After)."),
        },
        tags=schema.TAGS,
    )
    def get(self, request, service_request_id, fmt):
        refusal = self.jurisdiction_refusal(request, request.query_params)
        if refusal:
            return refusal
        found = complaint_lookup(request, service_request_id)
        if found.wait:
            return self.refuse(
                429,
                _("Too many unknown codes from your connection. Try again later."),
                headers={"Retry-After": str(found.wait)},
            )
        complaint = found.complaint
        if complaint is None or complaint.privacy == Complaint.Privacy.CONFIDENTIAL:
            return self.refuse(404, _("No service request has this id."))
        item = request_item(request, selectors.complaint_public_view(complaint), agency(request))
        return formats.reply(fmt, "service_requests", [item])


class TokenApi(Open311View):
    @extend_schema(
        summary="Open311: the service request of a token",
        description="The token is the Idempotency-Key the client sent with its POST (we answer "
        "every POST with the id at once): a client that lost the answer asks with its "
        "`api_key` which service request it became.",
        parameters=[
            schema.FORMAT,
            schema.JURISDICTION,
            OpenApiParameter("api_key", str, required=True),
        ],
        responses={
            200: schema.TOKEN,
            403: schema.errors("Missing, unknown or revoked api_key."),
            404: schema.errors("This key sent no request with this token."),
        },
        tags=schema.TAGS,
    )
    def get(self, request, token, fmt):
        refusal = self.jurisdiction_refusal(request, request.query_params)
        if refusal:
            return refusal
        key = api_key_find(request.query_params.get("api_key"))
        if key is None:
            return self.refuse(403, _("Invalid api_key received: it is needed to read a token."))
        complaint = token_complaint(key, token, complaint_site(request))
        if complaint is None:
            return self.refuse(404, _("No service request was sent with this token."))
        data = [{"service_request_id": complaint.tracking_code, "token": token}]
        return formats.reply(fmt, "service_requests", data)


class NotFoundApi(Open311View):
    """Any other address under /open311/: the spec's 404 in JSON (the format is unknown)."""

    schema = None

    def dispatch(self, request, *args, **kwargs):
        self.args, self.kwargs, self.request = args, kwargs, request
        return formats.errors(
            "json", 404, _("No such Open311 resource. Start from discovery.json.")
        )
