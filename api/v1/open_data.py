"""Open data (IKM and transparency figures) as JSON and CSV, answered from the figures cache.

GET /api/v1/ikm/, /api/v1/transparency/ and /api/v1/transparency.csv. Strict about their
query (an unknown or repeated parameter is a 400 naming it, never the default figures), and
cheap to poll: a current copy gets a 304 without a database query.
"""

import csv
import io
from types import SimpleNamespace

from django.http import HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import serializers
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response

from api.errors import error_response, shown
from api.schema import error
from api.v1.base import ResidentApiView
from cms.complaints.sites import complaint_site
from cms.surveys import selectors
from cms.surveys.complaint_figures import ALL_SITES
from cms.surveys.figures import (
    CSV_HEADER,
    FIGURES_CACHE_NAME,
    figures_csv_rows,
    transparency_figures,
)
from cms.surveys.figures_cache import figures_validators
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
            # Satisfaction is one set for the install (survey answers are not per site yet).
            lambda: Response(
                {"items": ikm_items(transparency_figures(period, ALL_SITES), service or "")}
            ),
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
    desa = serializers.CharField(
        help_text="The village's name from the kecamatan's list (/api/v1/desa/); empty for "
        "complaints with none (not known, not listed): never text a resident typed."
    )
    slug = serializers.CharField(help_text="The village's slug; empty with `desa`.")
    name = serializers.CharField(help_text="E.g. Desa Sukamaju, or “not stated / other”.")


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
        # The complaints of the site answering; found only when computing (a 304 costs none).
        return open_data(
            request,
            lambda: Response(transparency_figures(period, complaint_site(request))),
            period.key,
        )


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
            body = figures_csv(transparency_figures(period, complaint_site(request)))
            response = HttpResponse(body, content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'inline; filename="transparansi-{period.key}.csv"'
            return response

        return open_data(request, build, period.key)
