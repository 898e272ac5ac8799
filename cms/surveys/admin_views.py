"""Staff views in the Wagtail admin: the figures of a period, a printable report, and the list
of responses with voiding. The desk's QR poster is the presentation side's
(frontend/poster_views.py, registered by frontend/wagtail_hooks.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import selectors, services
from .charts import bar_chart, trend_chart
from .complaint_figures import ALL_SITES
from .errors import SurveyError
from .figures import element_rows, transparency_figures
from .models import SurveyResponse
from .periods import period_choices, period_current, period_parse
from .suggestions import suggestion_masked

PAGE_SIZE = 50


def _require(request, codename):
    if not request.user.has_perm(f"surveys.{codename}"):
        raise PermissionDenied


def _period(request):
    try:
        return period_parse(request.GET.get("periode", "")), False
    except ValueError:
        return period_current("year"), bool(request.GET.get("periode"))


def _figures_context(request):
    period, error = _period(request)
    # Every kecamatan's complaints until staff are scoped to one (docs/regency.md).
    figures = transparency_figures(period, ALL_SITES)
    satisfaction = figures["satisfaction"]
    lowest = sorted(
        (
            (value, element)
            for element, value in zip(
                satisfaction["elements"], satisfaction["kecamatan"]["elements"], strict=True
            )
            if value is not None
        ),
        key=lambda pair: pair[0],
    )[:3]
    return {
        "figures": figures,
        "period": period,
        "period_error": error,
        "periods": period_choices(),
        "complaints": figures["complaints"],
        "satisfaction": satisfaction,
        "element_rows": element_rows(satisfaction),
        "trend": figures["trend"],
        "trend_svg": trend_chart(figures["trend"]),
        "ikm_svg": bar_chart(
            [(row["name"], row["ikm"]) for row in satisfaction["services"] if row["ikm"]],
            maximum=100,
            title=_("IKM per service (25 to 100)"),
        ),
        "category_svg": bar_chart(
            [(row["name"], row["received"]) for row in figures["complaints"]["by_category"]],
            title=_("Complaints received per category"),
        ),
        "lowest_elements": lowest,
        "counts": selectors.survey_counts(period),
        "services": selectors.survey_services(),
    }


def figures_view(request):
    _require(request, "view_surveyresponse")
    return render(request, "surveys/admin/figures.html", _figures_context(request))


def report_view(request):
    """A printable report of the period: figures, lowest elements, follow-up plan.

    The report is meant to be published (the regulation asks for results to be made public),
    so residents' suggestions, free text nobody has checked, are left out unless staff ask for
    an internal copy (`?saran=1`): then they are marked unmoderated and not for publication,
    with contact numbers and email addresses hidden (suggestions.py).
    """
    _require(request, "view_surveyresponse")
    context = _figures_context(request)
    period = context["period"]
    context["printable"] = True
    context["internal"] = request.GET.get("saran") == "1"
    if context["internal"]:
        rows = (
            selectors.survey_counted()
            .filter(submitted_at__gte=period.start, submitted_at__lt=period.end)
            .exclude(suggestion="")
            .select_related("service")
            .only("submitted_at", "suggestion", "service__title")[:200]
        )
        context["suggestions"] = [
            {
                "submitted_at": row.submitted_at,
                "service": row.service.title if row.service_id else "",
                "text": suggestion_masked(row.suggestion),
            }
            for row in rows
        ]
    return render(request, "surveys/admin/report.html", context)


def responses_view(request):
    _require(request, "view_surveyresponse")
    queryset = SurveyResponse.objects.select_related("service", "complaint", "voided_by")
    if request.GET.get("void") == "1":
        queryset = queryset.filter(voided_at__isnull=False)
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("p"))
    return render(request, "surveys/admin/responses.html", {"responses": page})


@require_http_methods(["GET", "POST"])
def void_view(request, pk):
    _require(request, "change_surveyresponse")
    response = get_object_or_404(SurveyResponse.objects.select_related("service"), pk=pk)
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "restore":
                services.survey_restore(response=response, user=request.user)
                messages.success(request, _("The response counts again."))
            else:
                services.survey_void(
                    response=response, user=request.user, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("The response was voided and is no longer counted."))
            return redirect("surveys_admin_responses")
        except SurveyError as exc:
            error = exc.message
    return render(request, "surveys/admin/void.html", {"response": response, "error": error})
