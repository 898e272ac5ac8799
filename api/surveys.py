"""Survey (SKM) and transparency endpoints (DRF): submit a response, read IKM, open data.

Like the complaint endpoints, these serve residents and other systems without an account: no
session authentication, therefore no CSRF token. Ballot stuffing is held back by a per-client
rate limit, one response per closed complaint, and staff voiding (see cms/surveys/services.py).
"""

import csv
import io
from types import SimpleNamespace

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
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
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from api.complaints import (
    BUSY,
    TOO_MANY,
    BadIdempotencyKey,
    ResidentApiView,
    idempotency_key_from,
    service_unavailable,
    too_many,
    track_lookup_limited,
)
from api.errors import error_response, shown
from api.schema import error
from cms.complaints import selectors as complaint_selectors
from cms.complaints.ratelimit import rate_limit_hit, rate_limit_peek
from cms.surveys import selectors, services
from cms.surveys.errors import SurveyError
from cms.surveys.figures import (
    CSV_HEADER,
    FIGURES_CACHE_NAME,
    figures_csv_rows,
    transparency_figures,
)
from cms.surveys.figures_cache import figures_validators
from cms.surveys.models import SurveyResponse
from cms.surveys.periods import period_current, period_parse

PERIOD_HELP = (
    "A year (2025), semester (2025-S1), quarter (2025-Q3) or month (2025-07). "
    "Default: the current year."
)
# What period_parse accepts (cms/surveys/periods.py); without it, the current year.
PERIOD_PARAMETER = OpenApiParameter(
    "period",
    {"type": "string", "pattern": r"^2[0-9]{3}(-(0[1-9]|1[0-2]|Q[1-4]|S[12]))?$"},
    description=PERIOD_HELP,
)
BAD_PARAMETER = error("A bad, unknown, repeated or empty parameter, named under `errors`.")
NOT_MODIFIED = OpenApiResponse(description="Not modified (If-None-Match, If-Modified-Since).")
# Shared caches and browsers may keep the figures five minutes, then ask again with the ETag:
# an unchanged answer is a 304 without a body (figures change with every complaint or response).
OPEN_DATA_CACHE = "public, max-age=300"
SURVEY_CHANNELS = {
    SurveyResponse.Channel.SERVICE_PAGE,
    SurveyResponse.Channel.DESK,
    SurveyResponse.Channel.COMPLAINT,
    SurveyResponse.Channel.API,
}


def survey_rate_limited(request) -> int | None:
    """Count one survey submission; return seconds to wait once over the limit."""
    return rate_limit_hit("survey", request, settings.SURVEY_SUBMIT_RATE, 3600)


def query_refusal(request, known: set[str]):
    """Return a 400 naming every query parameter not in `known`, or given twice; else None.

    Open data clients must learn at once that `?year=2025` or `?periode=` means nothing here,
    rather than receive the default period's figures as if they were the ones asked for.
    """
    errors = {}
    unknown = sorted(name for name in request.query_params if name not in known)
    if unknown:
        message = _("Unknown query parameter: %(names)s.") % {
            "names": ", ".join(shown(name) for name in unknown)
        }
        errors.update({name: [message] for name in unknown})
    for name in sorted(known):
        if len(request.query_params.getlist(name)) > 1:
            errors[name] = [_("Give %(name)s only once.") % {"name": name}]
    if not errors:
        return None
    first = next(iter(errors.values()))[0]
    return error_response(
        first if len(errors) == 1 else _("Some parameters are not valid."), errors, 400
    )


def period_from(request):
    """Return (period, None) or (None, a 400 response) for the `period` parameter."""
    if "period" not in request.query_params:
        return period_current("year"), None
    try:
        return period_parse(request.query_params["period"]), None
    except ValueError:
        message = _("Use a period like 2025, 2025-S1, 2025-Q3 or 2025-07.")
        return None, error_response(message, {"period": [message]}, 400)


class AcceptOnlyNegotiation(DefaultContentNegotiation):
    """Only the Accept header picks the format: `?format=` is an unknown parameter here, a 400
    naming it, rather than DRF's bare 404 for a format no renderer has."""

    settings = SimpleNamespace(URL_FORMAT_OVERRIDE=None)


class OpenDataApiView(ResidentApiView):
    content_negotiation_class = AcceptOnlyNegotiation


def open_data(request, build, *parts):
    """Answer a GET for open data: a 304 when the client's copy is current, else `build()`.

    The ETag and Last-Modified come from the figures cache's version (see figures_validators):
    checking them costs no query, so a poller with a current copy never computes anything.
    """
    etag, changed_at = figures_validators(FIGURES_CACHE_NAME, request.path, *parts, localized=True)
    last_modified = changed_at.timestamp()
    response = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if response is None:
        response = build()
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = OPEN_DATA_CACHE
    return response


class SurveySubmitInput(serializers.Serializer):
    service = serializers.SlugField(
        required=False, help_text="The service page's slug. Optional with tracking_code."
    )
    tracking_code = serializers.CharField(
        required=False, help_text="A closed complaint's code: one response per complaint."
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


class IkmItem(serializers.Serializer):
    service = serializers.CharField(allow_null=True, help_text="null: the whole kecamatan.")
    name = serializers.CharField()
    period = serializers.CharField()
    respondents = serializers.IntegerField()
    elements = serializers.ListField(
        child=serializers.FloatField(allow_null=True),
        help_text="NRR (average score 1 to 4) per element, in order, 3 decimals.",
    )
    ikm = serializers.FloatField(allow_null=True, help_text="Converted IKM, 25 to 100.")
    grade = serializers.ChoiceField(["A", "B", "C", "D"], allow_null=True)
    users = serializers.IntegerField(allow_null=True, help_text="Service users staff entered.")
    sample_size = serializers.IntegerField(allow_null=True, help_text="Krejcie-Morgan.")
    sample_met = serializers.BooleanField(allow_null=True)


class SurveySubmitApi(ResidentApiView):
    parser_classes = [JSONParser, FormParser]

    @extend_schema(
        summary="Send a satisfaction survey response (SKM)",
        description=(
            "One response about a service (`service`) or about a closed complaint "
            "(`tracking_code`, at most one response per complaint). Send an "
            "`Idempotency-Key` header made once per response: a repeat answers 200 with the "
            "stored one and never counts twice. No personal data is asked or kept."
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
            409: error("The complaint is not closed or already rated."),
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
            wait = rate_limit_peek("track-miss", request, settings.COMPLAINT_TRACK_RATE, 600)
            if wait:
                return too_many(wait)
            complaint = complaint_selectors.complaint_get_by_code(data["tracking_code"])
            if complaint is None:
                wait = track_lookup_limited(request)
                if wait:
                    return too_many(wait)
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
            )
        except SurveyError as error:
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


def ikm_items(figures: dict, service: str = "") -> list[dict]:
    period = figures["period"]["key"]
    satisfaction = figures["satisfaction"]
    items = []
    if not service:
        items.append(
            {"service": None, "name": _("Whole kecamatan"), "period": period}
            | satisfaction["kecamatan"]
        )
    for row in satisfaction["services"]:
        if not service or row["service"] == service:
            items.append({"period": period} | row)
    return items


class IkmApi(OpenDataApiView):
    @extend_schema(
        summary="Satisfaction index (IKM) per service and period",
        description=(
            "The IKM after PermenPAN-RB 14/2017: per element the average score (NRR), the "
            "converted index 25 to 100 (exact weight 1/9, rounded to two decimals at the end) "
            "and its grade (A 88.31-100, B 76.61-88.30, C 65.00-76.60, D 25.00-64.99). "
            "Without `service`: the whole kecamatan first, then every service. Voided "
            "responses are left out."
        ),
        parameters=[
            OpenApiParameter("service", OpenApiTypes.STR, description="A service page slug."),
            PERIOD_PARAMETER,
        ],
        responses={
            200: inline_serializer("IkmList", {"items": IkmItem(many=True)}),
            304: NOT_MODIFIED,
            400: BAD_PARAMETER,
        },
        tags=["surveys"],
    )
    def get(self, request):
        refusal = query_refusal(request, {"service", "period"})
        if refusal:
            return refusal
        period, refusal = period_from(request)
        if refusal:
            return refusal
        service = request.query_params.get("service")
        if service is not None and selectors.survey_service_by_slug(service) is None:
            message = _("Unknown service.")
            return error_response(message, {"service": [message]}, 400)
        return open_data(
            request,
            lambda: Response({"items": ikm_items(transparency_figures(period), service or "")}),
            period.key,
            service or "",
        )


class CountsOutput(serializers.Serializer):
    received = serializers.IntegerField()
    finished = serializers.IntegerField()
    in_progress = serializers.IntegerField()
    overdue = serializers.IntegerField()


class CategoryOutput(CountsOutput):
    slug = serializers.CharField()
    name = serializers.CharField()


class DesaOutput(CountsOutput):
    desa = serializers.CharField(help_text="Empty when the location names no desa.")
    name = serializers.CharField()


class ComplaintFiguresOutput(CountsOutput):
    closed_other = serializers.IntegerField(help_text="Rejected, not competent, duplicate.")
    finished_within_target = serializers.IntegerField()
    finished_within_target_percent = serializers.FloatField(allow_null=True)
    median_days_to_response = serializers.FloatField(allow_null=True)
    median_days_to_completion = serializers.FloatField(allow_null=True)
    by_category = CategoryOutput(many=True)
    by_desa = DesaOutput(many=True)


class ElementOutput(serializers.Serializer):
    number = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class IkmFiguresOutput(serializers.Serializer):
    respondents = serializers.IntegerField()
    elements = serializers.ListField(child=serializers.FloatField(allow_null=True))
    ikm = serializers.FloatField(allow_null=True)
    grade = serializers.CharField(allow_null=True)
    users = serializers.IntegerField(allow_null=True)
    sample_size = serializers.IntegerField(allow_null=True)
    sample_met = serializers.BooleanField(allow_null=True)


class ServiceIkmOutput(IkmFiguresOutput):
    service = serializers.CharField()
    name = serializers.CharField()


class SatisfactionOutput(serializers.Serializer):
    elements = ElementOutput(many=True)
    kecamatan = IkmFiguresOutput()
    services = ServiceIkmOutput(many=True)


class PeriodOutput(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    first_day = serializers.DateField()
    last_day = serializers.DateField()
    is_current = serializers.BooleanField()


class TrendOutput(serializers.Serializer):
    month = serializers.CharField()
    received = serializers.IntegerField()
    finished = serializers.IntegerField()
    respondents = serializers.IntegerField()
    ikm = serializers.FloatField(allow_null=True)


class TransparencyOutput(serializers.Serializer):
    period = PeriodOutput()
    generated_at = serializers.DateTimeField()
    complaints = ComplaintFiguresOutput()
    satisfaction = SatisfactionOutput()
    trend = TrendOutput(many=True, help_text="The last 12 months, oldest first.")


class TransparencyApi(OpenDataApiView):
    @extend_schema(
        summary="Transparency figures (open data, JSON)",
        description=(
            "What /transparansi/ shows for a period: complaints received in it (finished, in "
            "progress, overdue, medians, share within the service-level target, by category "
            "and desa), the IKM of the kecamatan and of every service, and the last 12 months. "
            "Counts and averages only: no personal data. Licence: open data of the kecamatan."
        ),
        parameters=[PERIOD_PARAMETER],
        responses={200: TransparencyOutput, 304: NOT_MODIFIED, 400: BAD_PARAMETER},
        tags=["transparency"],
    )
    def get(self, request):
        refusal = query_refusal(request, {"period"})
        if refusal:
            return refusal
        period, refusal = period_from(request)
        if refusal:
            return refusal
        return open_data(request, lambda: Response(transparency_figures(period)), period.key)


def figures_csv(figures: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for row in figures_csv_rows(figures):
        writer.writerow(["" if value is None else value for value in row])
    return out.getvalue()


class CsvRenderer(BaseRenderer):
    """Lets clients send `Accept: text/csv`; error answers are still the JSON error shape."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return JSONRenderer().render(data)


class TransparencyCsvApi(OpenDataApiView):
    renderer_classes = [JSONRenderer, CsvRenderer]

    @extend_schema(
        summary="Transparency figures (open data, CSV)",
        description=(
            "The same figures as the JSON, as tidy rows `period,section,item,measure,value` "
            "(UTF-8, comma separated). Sections: complaints, complaints_by_category, "
            "complaints_by_desa, ikm (item `kecamatan` or a service slug; measures "
            "respondents, ikm, grade, users, sample_size, sample_met, nrr_u1_... to "
            "nrr_u9_...), trend (period is the month)."
        ),
        parameters=[PERIOD_PARAMETER, OpenApiParameter("format", exclude=True)],
        responses={
            (200, "text/csv"): OpenApiTypes.STR,
            304: NOT_MODIFIED,
            (400, "application/json"): BAD_PARAMETER,
        },
        tags=["transparency"],
    )
    def get(self, request):
        refusal = query_refusal(request, {"period"})
        if refusal:
            return refusal
        period, refusal = period_from(request)
        if refusal:
            return refusal

        def build():
            body = figures_csv(transparency_figures(period))
            response = HttpResponse(body, content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'inline; filename="transparansi-{period.key}.csv"'
            return response

        return open_data(request, build, period.key)
