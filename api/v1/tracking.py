"""One complaint by its tracking code: track it, add information, answer "sudah selesai?".

GET /api/v1/complaints/<code>/ reads: anyone holding the (public) code may, so it shows no
personal data. POST .../replies/ and .../confirmation/ act: they need `reply_secret`, the
reporter's reply code (cms/complaints/reply_codes.py), or for a complaint made before reply
codes existed the reporter's phone number or email; a stranger gets 403. Unknown codes and wrong
reply codes count as failed guesses per client (cms/complaints/lookup.py).
"""

from django.conf import settings
from django.db import DatabaseError
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.errors import error_response
from api.schema import error
from api.v1.base import (
    BUSY,
    NOT_THE_REPORTER_OR_CROSS_SITE,
    TOO_MANY,
    ResidentApiView,
    absolute,
    find_or_refuse,
    service_unavailable,
    too_many,
)
from cms.complaints import selectors, services
from cms.complaints.errors import ComplaintError, NotTheReporter, TooManyReplies
from cms.complaints.lookup import complaint_lookup_failed
from cms.complaints.models import Complaint
from cms.complaints.ratelimit import rate_limit_hit, rate_limit_peek

UNKNOWN_CODE = error("No complaint has this tracking code.")


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
    status_text = serializers.CharField(
        help_text="The status in a resident's words (what the tracking page shows), e.g. "
        '"Sedang dikerjakan"; `status_label` is the office term of SP4N-LAPOR!.',
    )
    is_closed = serializers.BooleanField()
    is_public = serializers.BooleanField()
    description = serializers.CharField(allow_null=True)
    desa = serializers.CharField(
        allow_null=True,
        help_text="The village chosen from the kecamatan's list, when public and stated.",
    )
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
    reply_proof = serializers.ChoiceField(
        ["reply_code", "contact"],
        help_text="What `reply_secret` must hold to act on it: `reply_code`, the reporter's "
        "reply code (kode balas); `contact`, for a complaint made before reply codes existed, "
        "the phone number or email the reporter gave.",
    )
    timeline = TimelineEntryOutput(many=True)


def track_data(request, complaint: Complaint) -> dict:
    """Return what anyone holding the code may see: no personal data of the reporter."""
    view = selectors.complaint_public_view(complaint)
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
        "status_text": complaint.resident_status,
        "is_closed": complaint.is_closed,
        "is_public": view.is_public,
        "description": view.description,
        # The village only: the location text and coordinates are the resident's, staff only.
        "desa": view.desa,
        "photo_url": absolute(request, reverse("complaint-photo", args=[complaint.tracking_code]))
        if view.photo_is_public
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
        "reply_proof": "reply_code" if complaint.reply_nonce else "contact",
        "timeline": [
            {**entry.__dict__, "at": timezone.localtime(entry.at)} for entry in view.timeline
        ],
    }


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


REPLY_SECRET_HELP = (
    "The reporter's reply code (`XXXXX-XXXXX`, from the creating answer's `reply_secret`; case, "
    "spaces and dashes do not matter). For a complaint whose `reply_proof` is `contact`: the "
    "phone number or email given with it. Wrong or missing: 403, counted as a failed guess."
)


def reply_secret_field():
    return serializers.CharField(
        max_length=254, required=False, allow_blank=True, help_text=REPLY_SECRET_HELP
    )


class ComplaintReplyInput(serializers.Serializer):
    message = serializers.CharField(max_length=2000)
    reply_secret = reply_secret_field()


class ComplaintConfirmInput(serializers.Serializer):
    solved = serializers.BooleanField()
    message = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    reply_secret = reply_secret_field()


NOT_THE_REPORTER = error(
    "The reply code (`reply_secret`) is missing or wrong: only the reporter may act. "
    "Named under `errors.reply_secret`."
)


def not_the_reporter(request, error: NotTheReporter):
    """Count the wrong proof as a failed guess; return the 403, or the 429 once over."""
    wait = complaint_lookup_failed(request)
    if wait:
        return too_many(wait)
    return error_response(
        error.message, {"reply_secret": [error.message]}, status.HTTP_403_FORBIDDEN
    )


class ComplaintReplyApi(ResidentApiView):
    InputSerializer = ComplaintReplyInput

    @extend_schema(
        summary="Add information to an open complaint",
        description="Only the reporter: send `reply_secret`. At most "
        "`DJANGO_COMPLAINT_REPLY_RATE` messages an hour per client and per complaint (429).",
        request=ComplaintReplyInput,
        responses={
            201: ComplaintTrackOutput,
            400: error("The message is missing or too long, or the complaint is closed."),
            403: NOT_THE_REPORTER_OR_CROSS_SITE,
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
        data = serializer.validated_data
        # Per client address; the complaint's own hourly limit is the service's.
        wait = rate_limit_peek("reply", request, settings.COMPLAINT_REPLY_RATE, 3600)
        if wait:
            return too_many(wait)
        try:
            services.complaint_resident_reply(
                complaint=complaint, message=data["message"], proof=data.get("reply_secret", "")
            )
        except NotTheReporter as error:
            return not_the_reporter(request, error)
        except TooManyReplies as error:
            return error_response(
                error.message,
                {"message": [error.message]},
                status.HTTP_429_TOO_MANY_REQUESTS,
                headers={"Retry-After": str(error.wait)},
            )
        except ComplaintError as error:
            return error_response(error.message, {error.field or "message": [error.message]}, 400)
        except DatabaseError:
            return service_unavailable()
        rate_limit_hit("reply", request, settings.COMPLAINT_REPLY_RATE, 3600)
        complaint.refresh_from_db()
        return Response(track_data(request, complaint), status=status.HTTP_201_CREATED)


class ComplaintConfirmApi(ResidentApiView):
    InputSerializer = ComplaintConfirmInput

    @extend_schema(
        summary='Answer "sudah selesai?" for a finished complaint',
        description="Only the reporter: send `reply_secret`. `solved: false` reopens it "
        "within the reopening period.",
        request=ComplaintConfirmInput,
        responses={
            200: ComplaintTrackOutput,
            400: error("Not valid now: the complaint is not finished, or already answered."),
            403: NOT_THE_REPORTER_OR_CROSS_SITE,
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
                proof=serializer.validated_data.get("reply_secret", ""),
            )
        except NotTheReporter as error:
            return not_the_reporter(request, error)
        except ComplaintError as error:
            return error_response(error.message, {error.field or "solved": [error.message]}, 400)
        except DatabaseError:
            return service_unavailable()
        return Response(track_data(request, complaint))
