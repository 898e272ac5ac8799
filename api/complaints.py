"""Complaint endpoints (DRF): submit, track, follow up, list public ones, list categories.

Each view validates input, calls one service or selector from cms.complaints and shapes the
reply. Residents have no account: the tracking code is what identifies a complaint, so these
views use no session authentication and therefore need no CSRF token.
"""

from django.conf import settings
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_serializer,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import error_response
from api.schema import error
from cms.complaints import selectors, services
from cms.complaints.errors import ComplaintError, IdempotencyConflict
from cms.complaints.forms import (
    ComplaintSubmitForm,
    idempotency_key_clean,
    request_body_complete,
)
from cms.complaints.models import Complaint
from cms.complaints.ratelimit import rate_limit_hit, rate_limit_peek

RETRY_AFTER_DB = 5
MAX_OFFSET = 1_000_000


class ResidentApiView(APIView):
    """An endpoint residents' apps call without an account, answering in their language.

    /api/ paths carry no language prefix, so the language comes from Accept-Language
    (Indonesian when absent or unsupported).
    """

    authentication_classes = []
    permission_classes = []

    def initial(self, request, *args, **kwargs):
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept-Language"])
        return response


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


class BadIdempotencyKey(Exception):
    """The Idempotency-Key header is malformed; `response` is the 400 to send."""

    def __init__(self, response):
        super().__init__("bad Idempotency-Key")
        self.response = response


def idempotency_key_from(request, hint: str) -> str | None:
    """Return the request's Idempotency-Key (None when absent); raise BadIdempotencyKey."""
    try:
        return idempotency_key_clean(request.headers.get("Idempotency-Key"))
    except ValueError:
        raise BadIdempotencyKey(
            error_response(
                _("The Idempotency-Key header must be 8 to 64 letters, digits, - or _."),
                {"Idempotency-Key": [hint]},
                400,
            )
        ) from None


# What the complaint endpoints may answer besides their success (schema, docs/api.md).
UNKNOWN_CODE = error("No complaint has this tracking code.")
TOO_MANY = error("Too many attempts from this client; Retry-After says when to try again.")
BUSY = error("Temporarily unavailable (Retry-After); nothing was stored, send it again.")


def too_many(wait: int):
    return error_response(
        _("Too many attempts from your connection. Try again in %(minutes)d minutes.")
        % {"minutes": max(1, round(wait / 60))},
        {},
        status.HTTP_429_TOO_MANY_REQUESTS,
        headers={"Retry-After": str(wait)},
    )


def service_unavailable():
    return error_response(
        _("The service is busy right now. Your complaint was not stored yet: send it again."),
        {},
        status.HTTP_503_SERVICE_UNAVAILABLE,
        headers={"Retry-After": str(RETRY_AFTER_DB)},
    )


def track_lookup_limited(request) -> int | None:
    """Count a failed code look-up; return seconds to wait once the client is over the limit."""
    return rate_limit_hit("track-miss", request, settings.COMPLAINT_TRACK_RATE, 600)


def track_blocked(request) -> int | None:
    """Return seconds to wait if this client already guessed too many codes, without counting."""
    return rate_limit_peek("track-miss", request, settings.COMPLAINT_TRACK_RATE, 600)


class ComplaintCategoryListApi(ResidentApiView):
    @extend_schema_serializer(component_name="ComplaintCategory")
    class OutputSerializer(serializers.Serializer):
        slug = serializers.CharField()
        name = serializers.CharField(source="display_name")
        description = serializers.CharField()
        is_other = serializers.BooleanField()
        requires_nik = serializers.BooleanField(
            help_text="The form must ask for the resident's NIK (`reporter_nik`) for this topic."
        )
        service_url = serializers.SerializerMethodField()

        def get_service_url(self, category) -> str | None:
            page = category.service_page
            if page is None or not page.live:
                return None
            return self.context["request"].build_absolute_uri(page.url)

    @extend_schema(
        summary="Complaint categories",
        description="The topics a resident chooses from, in the form's order (Other last). "
        "Names follow Accept-Language (Indonesian by default).",
        responses=inline_serializer(
            "ComplaintCategoryList", {"items": OutputSerializer(many=True)}
        ),
        tags=["complaints"],
    )
    def get(self, request):
        categories = selectors.complaint_categories()
        data = self.OutputSerializer(categories, many=True, context={"request": request}).data
        response = Response({"items": data})
        response["Cache-Control"] = "public, max-age=300"
        return response


# The ways in a client may name when submitting (staff record the others in the admin).
SUBMIT_CHANNELS = (Complaint.Channel.API.value, Complaint.Channel.WEB.value)


class ComplaintSubmitInput(serializers.Serializer):
    """Documents the request; validation is ComplaintSubmitForm's (shared with the HTML form)."""

    kind = serializers.ChoiceField(Complaint.Kind.choices, required=False, default="pengaduan")
    category = serializers.SlugField(help_text="A slug from /api/v1/complaint-categories/.")
    description = serializers.CharField(min_length=10, max_length=4000)
    location_text = serializers.CharField(required=False, max_length=300)
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
    url = serializers.URLField(help_text="The tracking page for people.")
    api_url = serializers.URLField()
    verify_due = serializers.DateField()
    respond_due = serializers.DateField()


def receipt(request, complaint: Complaint) -> dict:
    return {
        "tracking_code": complaint.tracking_code,
        "status": complaint.status,
        "status_label": complaint.get_status_display(),
        "url": _absolute(request, reverse("complaint-track", args=[complaint.tracking_code])),
        "api_url": _absolute(
            request, reverse("api-complaint-track", args=[complaint.tracking_code])
        ),
        "verify_due": complaint.verify_due.isoformat(),
        "respond_due": complaint.respond_due.isoformat(),
    }


class ComplaintListSubmitApi(ResidentApiView):
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    class PublicItem(serializers.Serializer):
        tracking_code = serializers.CharField()
        kind = serializers.CharField()
        category = serializers.CharField(source="category.slug")
        category_name = serializers.CharField(source="category.display_name")
        status = serializers.CharField()
        status_label = serializers.CharField(source="get_status_display")
        description = serializers.CharField(source="shown_description")
        location_text = serializers.CharField()
        reporter_name = serializers.CharField(source="public_name")
        created_at = serializers.DateTimeField()
        updated_at = serializers.DateTimeField()
        url = serializers.SerializerMethodField()

        def get_url(self, complaint) -> str:
            return _absolute(
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
        if category and not selectors.complaint_categories().filter(slug=category).exists():
            errors["category"] = [_("Unknown category.")]
        if errors:
            return error_response(_("Some parameters are not valid."), errors, 400)
        queryset = selectors.complaint_public_list(category=category, status=status_filter)
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
                    "location_text": "Desa Sukamaju RT 02/RW 03",
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
        form = ComplaintSubmitForm(data=form_data, files=files)
        if not form.is_valid() or type_errors:
            # Not counted by the rate limit: a resident fixing typing mistakes is not abuse.
            return error_response(
                _("Some fields need attention."),
                {**_form_errors(form), **type_errors},
                status.HTTP_400_BAD_REQUEST,
            )
        if form.is_bot():
            return error_response(_("The complaint could not be accepted."), {}, 400)
        repeat = key is not None and Complaint.objects.filter(idempotency_key=key).exists()
        if not repeat:  # a retry of something stored is answered even when rate limited
            wait = rate_limit_hit("submit", request, settings.COMPLAINT_SUBMIT_RATE, 3600)
            if wait:
                return too_many(wait)
        try:
            complaint, created = services.complaint_submit(
                data=form.service_data(),
                category=form.cleaned_data["category"],
                photo=form.cleaned_data.get("photo"),
                idempotency_key=key,
                channel=channel,
            )
        except IdempotencyConflict as error:
            return error_response(
                error.message, {"Idempotency-Key": [error.message]}, status.HTTP_409_CONFLICT
            )
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


class TimelineEntryOutput(serializers.Serializer):
    at = serializers.DateTimeField()
    kind = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    title = serializers.CharField()
    message = serializers.CharField()


class ComplaintTrackOutput(serializers.Serializer):
    tracking_code = serializers.CharField()
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    category = serializers.CharField()
    category_name = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    is_closed = serializers.BooleanField()
    is_public = serializers.BooleanField()
    description = serializers.CharField(allow_null=True)
    location_text = serializers.CharField(allow_null=True)
    photo_url = serializers.URLField(allow_null=True)
    created_at = serializers.DateTimeField()
    closed_at = serializers.DateTimeField(allow_null=True)
    verify_due = serializers.DateField()
    respond_due = serializers.DateField()
    due_date = serializers.DateField(allow_null=True)
    is_overdue = serializers.BooleanField()
    referral = serializers.CharField()
    duplicate_of = serializers.CharField(allow_null=True)
    can_reply = serializers.BooleanField()
    can_confirm = serializers.BooleanField()
    can_reopen = serializers.BooleanField()
    timeline = TimelineEntryOutput(many=True)


def track_data(request, complaint: Complaint) -> dict:
    """Return what anyone holding the code may see: no personal data of the reporter."""
    public = selectors.complaint_is_public(complaint)
    # The text is shown only when the complaint is public (redacted version), so a leaked
    # code of a confidential complaint reveals its status, not its content.
    return {
        "tracking_code": complaint.tracking_code,
        "kind": complaint.kind,
        "kind_label": complaint.get_kind_display(),
        "category": complaint.category.slug,
        "category_name": complaint.category.display_name,
        "status": complaint.status,
        "status_label": complaint.get_status_display(),
        "is_closed": complaint.is_closed,
        "is_public": public,
        "description": complaint.shown_description if public else None,
        "location_text": complaint.location_text if public else None,
        "photo_url": _absolute(request, reverse("complaint-photo", args=[complaint.tracking_code]))
        if public and complaint.photo_is_public
        else None,
        "created_at": timezone.localtime(complaint.created_at),
        "closed_at": timezone.localtime(complaint.closed_at) if complaint.closed_at else None,
        "verify_due": complaint.verify_due,
        "respond_due": complaint.respond_due,
        "due_date": complaint.due_date,
        "is_overdue": complaint.is_overdue(),
        "referral": complaint.referral
        if complaint.status == Complaint.Status.NOT_COMPETENT
        else "",
        "duplicate_of": complaint.duplicate_of.tracking_code if complaint.duplicate_of else None,
        "can_reply": not complaint.is_closed,
        "can_confirm": complaint.status == Complaint.Status.DONE
        and complaint.resident_confirmed is None,
        "can_reopen": services.complaint_can_reopen(complaint),
        "timeline": [
            {**entry.__dict__, "at": timezone.localtime(entry.at)}
            for entry in selectors.complaint_public_timeline(complaint)
        ],
    }


def not_found_code():
    return error_response(
        _("No complaint has this tracking code. Check the code on your receipt."),
        {"tracking_code": [_("Unknown tracking code.")]},
        status.HTTP_404_NOT_FOUND,
    )


def find_or_refuse(request, code):
    """Return (complaint, None) or (None, error response), counting failed guesses."""
    wait = track_blocked(request)
    if wait:
        return None, too_many(wait)
    complaint = selectors.complaint_get_by_code(code)
    if complaint is None:
        wait = track_lookup_limited(request)
        return None, (too_many(wait) if wait else not_found_code())
    return complaint, None


class ComplaintTrackApi(ResidentApiView):
    @extend_schema(
        summary="Track a complaint",
        operation_id="complaint_track",
        description="Status, due dates and the public timeline. Never personal data. "
        "The description is included only for complaints that are public.",
        responses={200: ComplaintTrackOutput, 404: UNKNOWN_CODE, 429: TOO_MANY},
        tags=["complaints"],
    )
    def get(self, request, code):
        complaint, refusal = find_or_refuse(request, code)
        if refusal:
            return refusal
        response = Response(track_data(request, complaint))
        response["Cache-Control"] = "no-cache"
        return response


class ComplaintReplyInput(serializers.Serializer):
    message = serializers.CharField(max_length=2000)


class ComplaintConfirmInput(serializers.Serializer):
    solved = serializers.BooleanField()
    message = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class ComplaintReplyApi(ResidentApiView):
    InputSerializer = ComplaintReplyInput

    @extend_schema(
        summary="Add information to an open complaint",
        request=ComplaintReplyInput,
        responses={
            201: ComplaintTrackOutput,
            400: error("The message is missing or too long, or the complaint is closed."),
            404: UNKNOWN_CODE,
            429: TOO_MANY,
            503: BUSY,
        },
        tags=["complaints"],
    )
    def post(self, request, code):
        complaint, refusal = find_or_refuse(request, code)
        if refusal:
            return refusal
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            services.complaint_resident_reply(
                complaint=complaint, message=serializer.validated_data["message"]
            )
        except ComplaintError as error:
            return error_response(error.message, {error.field or "message": [error.message]}, 400)
        except DatabaseError:
            return service_unavailable()
        complaint.refresh_from_db()
        return Response(track_data(request, complaint), status=status.HTTP_201_CREATED)


class ComplaintConfirmApi(ResidentApiView):
    InputSerializer = ComplaintConfirmInput

    @extend_schema(
        summary='Answer "sudah selesai?" for a finished complaint',
        description="`solved: false` reopens it within the reopening period.",
        request=ComplaintConfirmInput,
        responses={
            200: ComplaintTrackOutput,
            400: error("Not valid now: the complaint is not finished, or already answered."),
            404: UNKNOWN_CODE,
            429: TOO_MANY,
            503: BUSY,
        },
        tags=["complaints"],
    )
    def post(self, request, code):
        complaint, refusal = find_or_refuse(request, code)
        if refusal:
            return refusal
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            complaint = services.complaint_resident_confirm(
                complaint=complaint,
                solved=serializer.validated_data["solved"],
                message=serializer.validated_data.get("message", ""),
            )
        except ComplaintError as error:
            return error_response(error.message, {error.field or "solved": [error.message]}, 400)
        except DatabaseError:
            return service_unavailable()
        return Response(track_data(request, complaint))
