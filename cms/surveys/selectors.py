"""Everything that reads survey data: services to rate, IKM per service and period, samples.

Figures come from grouped queries: their number never depends on how many responses,
services or months there are.
"""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Length, Substr
from django.utils.translation import get_language
from wagtail.models import Locale, PageViewRestriction

from cms.complaints.models import Complaint
from pages.models import ServicePage

from .elements import ELEMENTS
from .ikm import IkmResult, ikm_compute, sample_size
from .models import ServiceUserCount, SurveyResponse
from .months import count_by_month
from .periods import Period

SUMS = {f"s{element.number}": Sum(element.field) for element in ELEMENTS}


def _default_locale():
    return Locale.get_default()


def survey_services() -> QuerySet[ServicePage]:
    """Return the live services residents can rate (the Indonesian pages), by title; never one
    with a view restriction (Privacy), whose title and survey are not for the public."""
    # Wagtail's .public() would cost a query of its own; this is the same rule (a restriction on
    # the page or a page above it, whose path is a prefix of the page's) inside the one query.
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return (
        ServicePage.objects.live()
        .filter(locale=_default_locale())
        .exclude(Exists(restricted))
        .order_by("title")
    )


def survey_service_by_slug(slug: str) -> ServicePage | None:
    """Return the live Indonesian service page with this slug, or None."""
    if not slug or "\x00" in slug:
        return None
    return survey_services().filter(slug=slug).first()


def survey_service_of_complaint(complaint: Complaint) -> ServicePage | None:
    """Return the service a complaint's category belongs to, if it is a live service page."""
    page = complaint.category.service_page
    if page is None:
        return None
    return (
        ServicePage.objects.live()
        .filter(translation_key=page.translation_key, locale=_default_locale())
        .first()
    )


def survey_complaint_state(complaint: Complaint) -> str:
    """Return "open", "answered" or "available" for the survey after this complaint."""
    if not complaint.is_closed:
        return "open"
    if SurveyResponse.objects.filter(complaint=complaint).exists():
        return "answered"
    return "available"


def survey_counted() -> QuerySet[SurveyResponse]:
    """Return the responses that count: every one not voided."""
    return SurveyResponse.objects.filter(voided_at__isnull=True)


def _in(period: Period, queryset=None):
    queryset = survey_counted() if queryset is None else queryset
    return queryset.filter(submitted_at__gte=period.start, submitted_at__lt=period.end)


def _result(row) -> IkmResult:
    respondents = row["n"] or 0
    sums = [row[f"s{element.number}"] or 0 for element in ELEMENTS]
    return ikm_compute(respondents, sums, [respondents] * len(ELEMENTS))


def ikm_for(period: Period, service: ServicePage | None = None) -> IkmResult:
    """Return the IKM of one service, or of the whole kecamatan when `service` is None."""
    queryset = _in(period)
    if service is not None:
        queryset = queryset.filter(service=service)
    return _result(queryset.aggregate(n=Count("id"), **SUMS))


def ikm_by_service(period: Period) -> dict[int | None, IkmResult]:
    """Return {service id: IkmResult} for services with responses in the period (one query)."""
    return ikm_by_service_with_total(period)[0]


def ikm_by_service_with_total(period: Period) -> tuple[dict[int | None, IkmResult], IkmResult]:
    """Return ({service id: IkmResult}, the whole kecamatan's IkmResult) from one query.

    The kecamatan's sums are the sums of the services' (responses without a service included),
    so the same exact formula gives the same index as ikm_for(period) without another pass.
    """
    rows = list(_in(period).values("service_id").annotate(n=Count("id"), **SUMS).order_by())
    total = {key: sum(row[key] or 0 for row in rows) for key in ("n", *SUMS)}
    return {row["service_id"]: _result(row) for row in rows}, _result(total)


def ikm_by_month(first_month, next_day) -> dict[str, IkmResult]:
    """Return {"YYYY-MM": IkmResult} for the months from `first_month` up to `next_day`."""
    rows = count_by_month(
        survey_counted(), "submitted_at", first_month, next_day, n=Count("id"), **SUMS
    )
    return {key: _result(row) for key, row in rows.items()}


def service_users(period: Period) -> dict[int | None, int]:
    """Return {service id (None: whole kecamatan): users} entered by staff for the period."""
    rows = ServiceUserCount.objects.filter(period=period.key).values_list("service_id", "users")
    return dict(rows)


def sample_status(users: int | None, respondents: int) -> dict:
    """Return the recommended sample for `users` and whether `respondents` reach it."""
    if not users:
        return {"users": None, "sample_size": None, "sample_met": None}
    needed = sample_size(users)
    return {"users": users, "sample_size": needed, "sample_met": respondents >= needed}


def service_titles(services) -> dict[int, str]:
    """Return {id: title in the active language} for Indonesian service pages (one query more
    in English)."""
    titles = {page.pk: page.title for page in services}
    language = (get_language() or "").split("-")[0]
    default = _default_locale()
    if language and language != default.language_code:
        keys = {page.translation_key: page.pk for page in services}
        translated = ServicePage.objects.filter(
            translation_key__in=keys, locale__language_code=language
        ).values_list("translation_key", "title")
        for key, title in translated:
            titles[keys[key]] = title
    return titles


def survey_counts(period: Period) -> dict:
    """Return counts that help staff: responses in the period, voided ones, by channel."""
    rows = _in(period, SurveyResponse.objects.all()).aggregate(
        total=Count("id"),
        voided=Count("id", filter=Q(voided_at__isnull=False)),
        **{
            f"channel_{value}": Count("id", filter=Q(channel=value, voided_at__isnull=True))
            for value in SurveyResponse.Channel.values
        },
    )
    return rows
