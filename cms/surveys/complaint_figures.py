"""Public figures about complaints for the transparency dashboard (reads cms.complaints only).

Definitions (docs/surveys.md repeats them for the public):
- A period's complaints are those *received* in it (created_at in the period).
- finished: status Done (selesai). closed otherwise: rejected, not our authority, duplicate.
  in progress: not closed yet. overdue: not closed and past its next due date today.
- days to first response: from receiving to verification (the first action of staff);
  days to completion: from receiving to closing, for finished ones. Both are medians in
  calendar days.
- finished within the target: closed on or before its respond-by date (the working-day SLA).
- desa: the village the resident chose from the list staff keep (Complaint.desa); complaints
  without one (not known, not in the list, sent before the list) count as "not stated / other".
  Never what a resident typed: that is the private location text.
- site: the kecamatan whose complaints are counted (each site publishes its own, docs/regency.md);
  ALL_SITES counts every complaint of the install (the staff report, until staff are scoped to
  a kecamatan).
"""

import datetime
import statistics
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Aggregate, Count, DurationField, ExpressionWrapper, F, Q

from cms.complaints.models import Complaint, ComplaintCategory, Desa

from .months import count_by_month
from .periods import Period

Status = Complaint.Status
OTHER_CLOSED = sorted(Complaint.CLOSED - {Status.DONE})
NOT_STATED = ""
ALL_SITES = "all"


def _complaints(site):
    """Return the complaints of `site` (a Wagtail site; None: no site, so none), or every one
    for ALL_SITES."""
    return Complaint.objects.all() if site is ALL_SITES else Complaint.objects.filter(site=site)


def site_part(site) -> str:
    """Return what names `site` in a cache key."""
    return "all" if site is ALL_SITES else str(getattr(site, "pk", "none"))


class Median(Aggregate):
    """PostgreSQL's percentile_cont(0.5): the median, computed in the database."""

    function = "PERCENTILE_CONT"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"


def _duration(end: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(end) - F("created_at"), output_field=DurationField())


def _days(value) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, datetime.timedelta):
        value = value.total_seconds()
    elif connection.vendor == "sqlite":  # microseconds
        value = value / 1_000_000
    return Decimal(value / 86400).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _overdue(today: datetime.date) -> Q:
    return ~Q(status__in=Complaint.CLOSED) & (
        Q(status=Status.RECEIVED, verify_due__lt=today)
        | (~Q(status=Status.RECEIVED) & Q(respond_due__lt=today))
    )


def _counts(today: datetime.date) -> dict:
    return {
        "received": Count("id"),
        "finished": Count("id", filter=Q(status=Status.DONE)),
        "closed_other": Count("id", filter=Q(status__in=OTHER_CLOSED)),
        "in_progress": Count("id", filter=~Q(status__in=Complaint.CLOSED)),
        "overdue": Count("id", filter=_overdue(today)),
    }


COUNTED = ("received", "finished", "closed_other", "in_progress", "overdue", "within_target")


def _received_in(period: Period, site):
    return _complaints(site).filter(created_at__gte=period.start, created_at__lt=period.end)


def complaint_category_counts(period: Period, today: datetime.date, site) -> list[dict]:
    """Return per category (`category_id`) the counts of COUNTED for complaints received in
    `period`: one grouped query, which also gives the period's totals (their sums)."""
    return list(
        _received_in(period, site)
        .values("category_id")
        .annotate(
            **_counts(today),
            within_target=Count(
                "id", filter=Q(status=Status.DONE, closed_at__date__lte=F("respond_due"))
            ),
        )
        .order_by()
    )


def complaint_period_figures(
    period: Period, today: datetime.date, site, category_counts: list[dict] | None = None
) -> dict:
    """Return the counts, medians and target share for complaints received in `period`.

    The counts are the sums of `category_counts` (complaint_category_counts, queried here when
    not given): counting them again over the same rows would cost a second pass.
    """
    queryset = _received_in(period, site)
    if category_counts is None:
        category_counts = complaint_category_counts(period, today, site)
    row = {key: sum(group[key] for group in category_counts) for key in COUNTED}
    if connection.vendor == "postgresql":
        row |= queryset.aggregate(
            median_response=Median(_duration("verified_at"), filter=Q(verified_at__isnull=False)),
            median_completion=Median(
                _duration("closed_at"), filter=Q(status=Status.DONE, closed_at__isnull=False)
            ),
        )
    else:
        # No percentile function in SQLite: two lean queries, the median taken here.
        row["median_response"] = _median(
            queryset.filter(verified_at__isnull=False).annotate(d=_duration("verified_at"))
        )
        row["median_completion"] = _median(
            queryset.filter(status=Status.DONE, closed_at__isnull=False).annotate(
                d=_duration("closed_at")
            )
        )
    finished = row["finished"]
    share = (
        (Decimal(row["within_target"] * 100) / finished).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )
        if finished
        else None
    )
    return {
        "received": row["received"],
        "finished": finished,
        "in_progress": row["in_progress"],
        "overdue": row["overdue"],
        "closed_other": row["closed_other"],
        "finished_within_target": row["within_target"],
        "finished_within_target_percent": share,
        "median_days_to_response": _days(row["median_response"]),
        "median_days_to_completion": _days(row["median_completion"]),
    }


def _median(queryset):
    values = list(queryset.values_list("d", flat=True))
    return statistics.median(values) if values else None


def complaint_by_category(
    period: Period, today: datetime.date, site, category_counts: list[dict] | None = None
) -> list[dict]:
    """Return counts per category, most received first (the counts and one query for the
    names: grouping by the key alone is cheaper than grouping by the joined names)."""
    rows = category_counts
    if rows is None:
        rows = complaint_category_counts(period, today, site)
    names = {
        category.pk: category
        for category in ComplaintCategory.objects.filter(
            pk__in=[row["category_id"] for row in rows]
        )
    }
    result = []
    for row in rows:
        category = names[row["category_id"]]
        result.append(
            {
                "slug": category.slug,
                "name": category.name,
                "name_en": category.name_en or category.name,
                **{key: row[key] for key in ("received", "finished", "in_progress", "overdue")},
            }
        )
    return sorted(result, key=lambda row: (-row["received"], row["name"]))


def complaint_by_desa(period: Period, today: datetime.date, site) -> list[dict]:
    """Return counts per listed village (`desa` its name, `slug`; both "" for none), most first:
    one grouped query and one for the names."""
    rows = _received_in(period, site).values("desa_id").annotate(**_counts(today)).order_by()
    names = {desa.pk: desa for desa in Desa.objects.filter(pk__in=[row["desa_id"] for row in rows])}
    result = []
    for row in rows:
        desa = names.get(row["desa_id"])
        result.append(
            {
                "desa": desa.name if desa else NOT_STATED,
                "slug": desa.slug if desa else "",
                "display_name": desa.display_name if desa else "",
                **{key: row[key] for key in ("received", "finished", "in_progress", "overdue")},
            }
        )
    return sorted(
        result,
        key=lambda entry: (entry["desa"] == NOT_STATED, -entry["received"], entry["desa"]),
    )


def complaint_by_month(
    first_month: datetime.date, next_day: datetime.date, site
) -> dict[str, dict]:
    """Return {"YYYY-MM": {"received", "finished"}} for complaints received in those months."""
    return count_by_month(
        _complaints(site),
        "created_at",
        first_month,
        next_day,
        received=Count("id"),
        finished=Count("id", filter=Q(status=Status.DONE)),
    )
