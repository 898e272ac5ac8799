"""Complaints (/api/v1/complaints/): submit one (idempotent), list the public ones.

Validation is ComplaintSubmitForm's, shared with the HTML form; the service stores.
Tracking, follow-up and confirmation of one complaint are in api/v1/tracking.py.
"""

from django.conf import settings
from django.db import DatabaseError
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from api.errors import error_response
from api.limits import MAX_OFFSET
from api.parsers import StrictJSONParser
from api.schema import error
from api.v1.base import (
    BUSY,
    CROSS_SITE,
    BadIdempotencyKey,
    ResidentApiView,
    absolute,
    idempotency_conflict,
    idempotency_key_from,
    service_unavailable,
    too_many,
)
from cms.complaints import selectors, services
from cms.complaints.errors import ComplaintError, IdempotencyConflict
from cms.complaints.forms import ComplaintSubmitForm, request_body_complete
from cms.complaints.models import Complaint
from cms.complaints.ratelimit import rate_limit_hit
from cms.complaints.sites import complaint_site

# The ways in a client may name when submitting (staff record the others in the admin).
SUBMIT_CHANNELS = (Complaint.Channel.API.value, Complaint.Channel.WEB.value)


class ComplaintSubmitInput(serializers.Serializer):
    """Documents the request; validation is ComplaintSubmitForm's (shared with the HTML form)."""

    kind = serializers.ChoiceField(Complaint.Kind.choices, required=False, default="pengaduan")
    category = serializers.SlugField(help_text="A slug from /api/v1/complaint-categories/.")
    description = serializers.CharField(min_length=10, max_length=4000)
    desa = serializers.SlugField(
        required=False,
        help_text="The village (desa/kelurahan): a slug from /api/v1/desa/. Absent or empty: "
        "not known or not in the list (counted as not stated). Anything else is refused (400).",
    )
    location_text = serializers.CharField(
        required=False,
        max_length=300,
        help_text="RT/RW, street, a landmark: seen by staff only, never published.",
    )
    latitude = serializers.DecimalField(9, 6, required=False, min_value=-90, max_value=90)
    longitude = serializers.DecimalField(9, 6, required=False, min_value=-180, max_value=180)
    photo = serializers.ImageField(
        required=False, help_text="JPEG, PNG, WebP or HEIC up to 10 MB (multipart only)."
    )
    reporter_name = serializers.CharField(required=False, max_length=100)
    reporter_phone = serializers.CharField(required=False, max_length=20)
    reporter_email = serializers.EmailField(required=False)
    reporter_nik = serializers.CharField(
        required=False,
        max_length=40,
        help_text="The 16-digit NIK, only for a category with `requires_nik` (then required); "
        "spaces and dots are ignored. Sent for another category it is dropped, never stored. "
        "Never returned by any endpoint.",
    )
    privacy = serializers.ChoiceField(
        Complaint.Privacy.choices, required=False, default="anonymous"
    )
    consent_contact = serializers.BooleanField(required=False, default=False)
    channel = serializers.ChoiceField(
        [(SUBMIT_CHANNELS[0], "api"), (SUBMIT_CHANNELS[1], "web")],
        required=False,
        default="api",
        help_text="`web`: sent from this site's own complaint form (its offline outbox); "
        "`api`: any other client. Kept for the figures per channel.",
    )


class ComplaintReceipt(serializers.Serializer):
    tracking_code = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    status_text = serializers.CharField(
        help_text="The status in a resident's words (what the tracking page shows), e.g. "
        '"Sedang dikerjakan"; `status_label` is the office term of SP4N-LAPOR!.',
    )
    url = serializers.URLField(help_text="The tracking page for people.")
    api_url = serializers.URLField()
    verify_due = serializers.DateField()
    respond_due = serializers.DateField()
    reply_secret = serializers.CharField(
        help_text="The reporter's reply code (kode balas), `XXXXX-XXXXX`: keep it beside the "
        "tracking code and show it only to the reporter. Replying, confirming and reopening "
        "need it (`reply_secret` in those requests); the tracking code alone only reads. "
        "A repeat with the same Idempotency-Key answers the same one."
    )


def receipt(request, complaint: Complaint) -> dict:
    return {
        "tracking_code": complaint.tracking_code,
        "status": complaint.status,
        "status_label": complaint.get_status_display(),
        "status_text": complaint.resident_status,
        "url": absolute(request, reverse("complaint-track", args=[complaint.tracking_code])),
        "api_url": absolute(
            request, reverse("api-complaint-track", args=[complaint.tracking_code])
        ),
        "verify_due": complaint.verify_due.isoformat(),
        "respond_due": complaint.respond_due.isoformat(),
        "reply_secret": complaint.reply_code,
    }


class ComplaintListSubmitApi(ResidentApiView):
    parser_classes = [StrictJSONParser, MultiPartParser, FormParser]

    class PublicItem(serializers.Serializer):
        tracking_code = serializers.CharField()
        kind = serializers.CharField()
        category = serializers.CharField(source="category.slug")
        category_name = serializers.CharField(source="category.display_name")
        status = serializers.CharField()
        status_label = serializers.CharField(source="get_status_display")
        status_text = serializers.CharField(
            source="resident_status",
            help_text="The status in a resident's words (what the tracking page shows), e.g. "
            '"Sedang dikerjakan"; `status_label` is the office term of SP4N-LAPOR!.',
        )
        description = serializers.CharField(source="shown_description")
        desa = serializers.CharField(
            source="desa.display_name",
            allow_null=True,
            default=None,
            help_text="The village chosen from the kecamatan's list; null when not stated.",
        )
        reporter_name = serializers.CharField(source="public_name")
        created_at = serializers.DateTimeField()
        updated_at = serializers.DateTimeField()
        url = serializers.SerializerMethodField()

        def get_url(self, complaint) -> str:
            return absolute(
                self.context["request"], reverse("complaint-track", args=[complaint.tracking_code])
            )

    @extend_schema(
        summary="Public complaints",
        operation_id="complaints_public_list",
        description="Verified public and anonymous complaints, newest first. Never carries "
        "personal data; anonymous ones have an empty reporter_name.",
        parameters=[
            OpenApiParameter("category", OpenApiTypes.STR, description="Category slug."),
            OpenApiParameter(
                "status",
                OpenApiTypes.STR,
                enum=["", *Complaint.Status.values],
                description="Empty or absent: every status.",
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1},
                description="At least 1, default 20; more than 100 counts as 100.",
            ),
            OpenApiParameter("offset", {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET}),
        ],
        responses={
            200: inline_serializer(
                "PublicComplaintList",
                {
                    "meta": inline_serializer(
                        "PublicComplaintListMeta", {"total_count": serializers.IntegerField()}
                    ),
                    "items": PublicItem(many=True),
                },
            ),
            400: error("A parameter is not valid, named under `errors`."),
        },
        tags=["complaints"],
    )
    def get(self, request):
        errors = {}
        try:
            limit = min(int(request.query_params.get("limit", 20)), 100)
            if limit < 1:
                raise ValueError
        except ValueError:
            errors["limit"] = [_("Use a whole number from 1 to 100.")]
            limit = 20
        try:
            offset = int(request.query_params.get("offset", 0))
            if offset < 0 or offset > MAX_OFFSET:
                raise ValueError
        except ValueError:
            errors["offset"] = [_("Use a whole number of at least 0.")]
            offset = 0
        status_filter = request.query_params.get("status", "")
        if status_filter and status_filter not in Complaint.Status.values:
            errors["status"] = [
                _("Unknown status. Use one of: %(values)s.")
                % {"values": ", ".join(Complaint.Status.values)}
            ]
        category = request.query_params.get("category", "")
        site = complaint_site(request)
        if category and not selectors.complaint_categories(site).filter(slug=category).exists():
            errors["category"] = [_("Unknown category.")]
        if errors:
            return error_response(_("Some parameters are not valid."), errors, 400)
        queryset = selectors.complaint_public_list(
            site=site, category=category, status=status_filter
        )
        total = queryset.count()
        items = self.PublicItem(
            queryset[offset : offset + limit], many=True, context={"request": request}
        ).data
        return Response({"meta": {"total_count": total}, "items": items})

    @extend_schema(
        summary="Submit a complaint",
        description=(
            "JSON or multipart (multipart for a photo). Send an `Idempotency-Key` header "
            "(8 to 64 letters, digits, - or _; a UUID is ideal) made once per complaint: "
            "repeating the request with the same key never stores a second complaint and "
            "answers 200 with the first one. 429 and 503 carry Retry-After; retry with the "
            "same key."
        ),
        parameters=[
            OpenApiParameter(
                "Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False
            )
        ],
        request={
            "application/json": ComplaintSubmitInput,
            "multipart/form-data": ComplaintSubmitInput,
        },
        examples=[
            OpenApiExample(
                "A street light",
                request_only=True,
                value={
                    "kind": "pengaduan",
                    "category": "jalan-jembatan",
                    "description": "Lampu jalan di depan balai desa mati sejak seminggu.",
                    "desa": "sukamaju",
                    "location_text": "RT 02/RW 03, depan balai desa",
                    "privacy": "anonymous",
                },
            )
        ],
        responses={
            201: ComplaintReceipt,
            200: OpenApiResponse(ComplaintReceipt, description="A repeat of a stored one."),
            400: error("Invalid fields, named under `errors`."),
            408: error("The upload was cut off; nothing was stored, send it again."),
            409: error("The key was used for another complaint."),
            403: CROSS_SITE,
            429: error("Too many submissions from this client; retry with the key later."),
            503: BUSY,
        },
        tags=["complaints"],
    )
    def post(self, request):
        try:
            key = idempotency_key_from(request, _("Use a UUID, made once per complaint."))
        except BadIdempotencyKey as error:
            return error.response
        try:
            return self._submit(request, key)
        except DatabaseError:
            return service_unavailable()

    def _submit(self, request, key):
        data = request.data
        if not hasattr(data, "items"):
            return error_response(
                _("Send the complaint as a JSON object or as form fields."),
                {"non_field_errors": [_("Expected an object with the complaint's fields.")]},
                status.HTTP_400_BAD_REQUEST,
            )
        if not request_body_complete(request):
            # The upload was cut: nobody is listening, but never store half a complaint.
            return error_response(_("The upload was interrupted. Send it again."), {}, 408)
        files = request.FILES if request.FILES else None
        form_data, type_errors = _form_data(data)
        channel = form_data.get("channel") or Complaint.Channel.API
        if channel not in SUBMIT_CHANNELS:
            type_errors["channel"] = [_("Use web or api.")]
        site = complaint_site(request)  # the kecamatan whose host was reached, never the client's
        form = ComplaintSubmitForm(data=form_data, files=files, site=site)
        if not form.is_valid() or type_errors:
            # Not counted by the rate limit: a resident fixing typing mistakes is not abuse.
            return error_response(
                _("Some fields need attention."),
                {**_form_errors(form), **type_errors},
                status.HTTP_400_BAD_REQUEST,
            )
        if form.is_bot():
            return error_response(_("The complaint could not be accepted."), {}, 400)
        repeat = (
            key is not None and Complaint.objects.filter(site=site, idempotency_key=key).exists()
        )
        if not repeat:  # a retry of something stored is answered even when rate limited
            wait = rate_limit_hit("submit", request, settings.COMPLAINT_SUBMIT_RATE, 3600)
            if wait:
                return too_many(wait)
        try:
            complaint, created = services.complaint_submit(
                site=site,
                data=form.service_data(),
                category=form.cleaned_data["category"],
                photo=form.cleaned_data.get("photo"),
                idempotency_key=key,
                channel=channel,
            )
        except IdempotencyConflict as error:
            return idempotency_conflict(error)
        except ComplaintError as error:
            return error_response(
                _("Some fields need attention."),
                {error.field or "non_field_errors": [error.message]},
                status.HTTP_400_BAD_REQUEST,
            )
        return Response(
            receipt(request, complaint),
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
            headers={"Location": receipt(request, complaint)["api_url"]},
        )


# JSON fields that are flags: only true, false or null. (A form's checkbox field takes any
# text as "yes"; consent to be contacted must never come from {} or "no thanks".)
JSON_FLAGS = frozenset({"consent_contact"})


def _form_data(data) -> tuple:
    """Return (form data, type errors): JSON's true/false and numbers become the text the
    form expects; a list or an object, or a flag that is not true or false, is an error of
    its field (and left out of the form data)."""
    if hasattr(data, "getlist"):
        return data, {}
    converted, errors = {}, {}
    for name, value in data.items():
        if name in JSON_FLAGS and not (value is None or isinstance(value, bool)):
            errors[name] = [_("Use true or false.")]
        elif isinstance(value, bool):
            converted[name] = "on" if value else ""
        elif value is None:
            converted[name] = ""
        elif isinstance(value, (int, float)):
            converted[name] = str(value)
        elif isinstance(value, str):
            converted[name] = value
        else:
            errors[name] = [_("Send one value here, not a list or an object.")]
    return converted, errors


def _form_errors(form) -> dict[str, list[str]]:
    return {name: [str(message) for message in messages] for name, messages in form.errors.items()}
