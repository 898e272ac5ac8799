"""Counting per local month with grouped queries, cheaply on PostgreSQL.

DATE_TRUNC('month', created_at AT TIME ZONE ...) converts every row to local time before
grouping; on 50,000 rows that conversion is about half the query. PostgreSQL's
WIDTH_BUCKET(created_at, ARRAY[local month starts as instants]) gives the same month from
comparisons alone (benchmarks/transparency.py, docs/performance.md). SQLite keeps TruncMonth.
"""

import datetime

from django.db import connection
from django.db.models import F, Func, IntegerField, QuerySet, Value
from django.db.models.functions import TruncMonth

from .periods import _add_months, _midnight


class WidthBucket(Func):
    """WIDTH_BUCKET(value, thresholds): 1 for the first interval, 0 before it (PostgreSQL)."""

    function = "WIDTH_BUCKET"
    output_field = IntegerField()


def count_by_month(
    queryset: QuerySet,
    field: str,
    first_month: datetime.date,
    next_day: datetime.date,
    **aggregates,
) -> dict[str, dict]:
    """Return {"YYYY-MM": {aggregate: value}} for rows whose `field` falls in the local months
    from `first_month` (a first day) up to `next_day` (the first day after the last month).

    Months without rows are left out. One query, however many months and rows.
    """
    months = []
    while not months or months[-1] < _add_months(next_day, -1):
        months.append(_add_months(first_month, len(months)))
    first, end = _midnight(first_month), _midnight(next_day)
    queryset = queryset.filter(**{f"{field}__gte": first, f"{field}__lt": end})
    if connection.vendor == "postgresql":
        bounds = [_midnight(month) for month in months] + [end]
        rows = (
            queryset.annotate(bucket=WidthBucket(F(field), Value(bounds)))
            .values("bucket")
            .annotate(**aggregates)
            .order_by()
        )
        keys = {index: f"{month:%Y-%m}" for index, month in enumerate(months, start=1)}
        return {keys[row.pop("bucket")]: row for row in rows}
    rows = queryset.annotate(month=TruncMonth(field)).values("month").annotate(**aggregates)
    return {f"{row.pop('month'):%Y-%m}": row for row in rows.order_by()}
