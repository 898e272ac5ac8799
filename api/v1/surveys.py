"""Satisfaction survey responses (POST /api/v1/surveys/, SKM after PermenPAN-RB 14/2017).

Like the complaint endpoints, this serves residents and other systems without an account: no
session authentication, therefore no CSRF token. Ballot stuffing is held back by a per-client
rate limit, one response per closed complaint, and staff voiding (see cms/surveys/services.py).
The figures computed from the responses are open data: api/v1/open_data.py.
"""

from django.conf import settings
from django.db import DatabaseError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import serializers, status
from rest_framework.parsers import FormParser
from rest_framework.response import Response

from api.errors import error_response
from api.parsers import StrictJSONParser
from api.schema import error
from api.v1.base import (
    BUSY,
    NOT_THE_REPORTER_OR_CROSS_SITE,
    TOO_MANY,
    BadIdempotencyKey,
    ResidentApiView,
    idempotency_conflict,
    idempotency_key_from,
    service_unavailable,
    too_many,
)
from cms.complaints.errors import IdempotencyConflict
from cms.complaints.lookup import complaint_lookup, complaint_lookup_failed
from cms.complaints.ratelimit import rate_limit_hit
from cms.surveys import selectors, services
from cms.surveys.errors import SurveyError
from cms.surveys.models import SurveyResponse

SURVEY_CHANNELS = {
    SurveyResponse.Channel.SERVICE_PAGE,
    SurveyResponse.Channel.DESK,
    SurveyResponse.Channel.COMPLAINT,
    SurveyResponse.Channel.API,
}


def survey_rate_limited(request) -> int | None:
    """Count one survey submission; return seconds to wait once over the limit."""
    return rate_limit_hit("survey", request, settings.SURVEY_SUBMIT_RATE, 3600)


class SurveySubmitInput(serializers.Serializer):
    service = serializers.SlugField(
        required=False, help_text="The service page's slug. Optional with tracking_code."
    )
    tracking_code = serializers.CharField(
        required=False, help_text="A closed complaint's code: one response per complaint."
    )
    reply_secret = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=254,
        help_text="With `tracking_code`: the complaint's reply code (kode balas), or for a "
        "complaint made before reply codes the phone or email given. Only the reporter rates "
        "a complaint.",
    )
    answers = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=4),
        min_length=9,
        max_length=9,
        help_text="Nine scores 1 to 4 in the regulation's order: persyaratan; sistem, "
        "mekanisme dan prosedur; waktu penyelesaian; biaya/tarif; produk spesifikasi jenis "
        "pelayanan; kompetensi pelaksana; perilaku pelaksana; penanganan pengaduan, saran dan "
        "masukan; sarana dan prasarana.",
    )
    age_band = serializers.ChoiceField(SurveyResponse.AgeBand.choices, required=False)
    sex = serializers.ChoiceField(SurveyResponse.Sex.choices, required=False)
    education = serializers.ChoiceField(SurveyResponse.Education.choices, required=False)
    occupation = serializers.ChoiceField(SurveyResponse.Occupation.choices, required=False)
    suggestion = serializers.CharField(required=False, allow_blank=True, max_length=1000)
    channel = serializers.ChoiceField(
        sorted(SURVEY_CHANNELS),
        required=False,
        help_text="How the resident reached the survey, for the statistics: `layanan` (the "
        "service page), `loket` (the QR poster at the desk), `pengaduan` (after a closed "
        "complaint, needs tracking_code). Default `api`. The site's own offline survey sends it.",
    )


class SurveyReceipt(serializers.Serializer):
    service = serializers.CharField(allow_null=True)
    tracking_code = serializers.CharField(allow_null=True)
    submitted_at = serializers.DateTimeField()


class SurveySubmitApi(ResidentApiView):
    parser_classes = [StrictJSONParser, FormParser]

    @extend_schema(
        summary="Send a satisfaction survey response (SKM)",
        description=(
            "One response about a service (`service`) or about a closed complaint "
            "(`tracking_code`, at most one response per complaint). Send an "
            "`Idempotency-Key` header made once per response: a repeat answers 200 with the "
            "stored one and never counts twice; the same key with different answers is a "
            "409. No personal data is asked or kept."
        ),
        parameters=[
            OpenApiParameter(
                "Idempotency-Key", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False
            )
        ],
        request=SurveySubmitInput,
        examples=[
            OpenApiExample(
                "About a service",
                request_only=True,
                value={
                    "service": "surat-keterangan-domisili",
                    "answers": [4, 3, 3, 4, 3, 4, 4, 3, 3],
                    "suggestion": "Antrean pagi bisa lebih cepat.",
                },
            )
        ],
        responses={
            201: SurveyReceipt,
            200: OpenApiResponse(SurveyReceipt, description="A repeat of a stored one."),
            400: error("Invalid fields, named under `errors`."),
            409: error(
                "The complaint is not closed or already rated, or the key was used for a "
                "different response."
            ),
            403: NOT_THE_REPORTER_OR_CROSS_SITE,
            429: TOO_MANY,
            503: BUSY,
        },
        tags=["surveys"],
    )
    def post(self, request):
        try:
            key = idempotency_key_from(request, _("Use a UUID, made once per response."))
        except BadIdempotencyKey as error:
            return error.response
        try:
            # A retry of a stored response is never refused and never counted.
            repeat = bool(key) and SurveyResponse.objects.filter(idempotency_key=key).exists()
            return self._store(request, key, count=not repeat)
        except DatabaseError:
            return service_unavailable()

    def _store(self, request, key, count=True):
        serializer = SurveySubmitInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        errors = {}
        service = complaint = None
        if data.get("service"):
            service = selectors.survey_service_by_slug(data["service"])
            if service is None:
                errors["service"] = [_("Unknown service.")]
        if data.get("tracking_code"):
            found = complaint_lookup(request, data["tracking_code"])
            if found.wait:
                return too_many(found.wait)
            complaint = found.complaint
            if complaint is None:
                errors["tracking_code"] = [_("Unknown tracking code.")]
            elif service is None and "service" not in errors:
                service = selectors.survey_service_of_complaint(complaint)
        if not data.get("service") and not data.get("tracking_code"):
            errors["service"] = [_("Choose the service you used.")]
        channel = data.get("channel") or SurveyResponse.Channel.API
        if channel == SurveyResponse.Channel.COMPLAINT and not data.get("tracking_code"):
            errors["channel"] = [_("The channel pengaduan needs a tracking_code.")]
        if errors:
            return error_response(_("Some fields need attention."), errors, 400)
        # Counted only once the response is valid: fixing a missed answer is not abuse.
        wait = survey_rate_limited(request) if count else None
        if wait:
            return too_many(wait)
        try:
            response, created = services.survey_submit(
                service=service,
                answers=data["answers"],
                profile=data,
                suggestion=data.get("suggestion", ""),
                complaint=complaint,
                channel=channel,
                idempotency_key=key,
                proof=data.get("reply_secret", ""),
            )
        except IdempotencyConflict as error:
            return idempotency_conflict(error)
        except SurveyError as error:
            if error.code == "not_the_reporter":
                wait = complaint_lookup_failed(request)  # a wrong reply code is a failed guess
                if wait:
                    return too_many(wait)
                return error_response(error.message, {"reply_secret": [error.message]}, 403)
            code = (
                status.HTTP_409_CONFLICT
                if error.code in ("already_answered", "not_closed")
                else status.HTTP_400_BAD_REQUEST
            )
            return error_response(error.message, {error.field or "answers": [error.message]}, code)
        return Response(
            {
                "service": response.service.slug if response.service_id else None,
                "tracking_code": response.complaint.tracking_code
                if response.complaint_id
                else None,
                "submitted_at": response.submitted_at,
            },
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )
