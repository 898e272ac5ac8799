"""Reporting periods: a year (2025), a semester (2025-S1), a quarter (2025-Q3), a month (2025-07).

A period covers whole local days in TIME_ZONE; `start` and `end` are aware datetimes with
`end` exclusive, ready for `created_at__gte=start, created_at__lt=end`.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

PATTERN = re.compile(
    r"^(?P<year>[0-9]{4})(?:-(?:(?P<month>[0-9]{2})|Q(?P<quarter>[1-4])|S(?P<semester>[12])))?$"
)
EARLIEST_YEAR = 2000


@dataclass(frozen=True)
class Period:
    key: str  # the canonical text: 2025, 2025-S1, 2025-Q3, 2025-07
    kind: str  # year, semester, quarter, month
    first_day: datetime.date
    next_day: datetime.date  # the day after the last one

    @property
    def start(self) -> datetime.datetime:
        return _midnight(self.first_day)

    @property
    def end(self) -> datetime.datetime:
        return _midnight(self.next_day)

    @property
    def label(self) -> str:
        year = self.first_day.year
        if self.kind == "year":
            return str(year)
        if self.kind == "semester":
            number = 1 if self.first_day.month == 1 else 2
            return _("Semester %(number)d %(year)d") % {"number": number, "year": year}
        if self.kind == "quarter":
            number = (self.first_day.month - 1) // 3 + 1
            return _("Quarter %(number)d %(year)d") % {"number": number, "year": year}
        return date_format(self.first_day, "F Y")

    def contains_today(self) -> bool:
        return self.first_day <= timezone.localdate() < self.next_day

    def months(self) -> list[datetime.date]:
        """Return the first day of each month in the period."""
        months, day = [], self.first_day
        while day < self.next_day:
            months.append(day)
            day = _add_months(day, 1)
        return months


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _add_months(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def period_parse(text: str) -> Period:
    """Return the Period named by `text`; raise ValueError for anything else."""
    match = PATTERN.match((text or "").strip())
    if not match:
        raise ValueError(text)
    year = int(match["year"])
    if not EARLIEST_YEAR <= year <= 2999:
        raise ValueError(text)
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise ValueError(text)
        first = datetime.date(year, month, 1)
        return Period(f"{year}-{month:02d}", "month", first, _add_months(first, 1))
    if match["quarter"]:
        number = int(match["quarter"])
        first = datetime.date(year, 3 * number - 2, 1)
        return Period(f"{year}-Q{number}", "quarter", first, _add_months(first, 3))
    if match["semester"]:
        number = int(match["semester"])
        first = datetime.date(year, 6 * number - 5, 1)
        return Period(f"{year}-S{number}", "semester", first, _add_months(first, 6))
    first = datetime.date(year, 1, 1)
    return Period(str(year), "year", first, datetime.date(year + 1, 1, 1))


def period_current(kind: str = "year", today: datetime.date | None = None) -> Period:
    """Return the period of `kind` that contains `today`."""
    today = today or timezone.localdate()
    keys = {
        "year": f"{today.year}",
        "semester": f"{today.year}-S{1 if today.month <= 6 else 2}",
        "quarter": f"{today.year}-Q{(today.month - 1) // 3 + 1}",
        "month": f"{today.year}-{today.month:02d}",
    }
    return period_parse(keys[kind])


def period_choices(today: datetime.date | None = None) -> list[Period]:
    """Return recent periods to pick from: this and last year with their parts, newest first."""
    today = today or timezone.localdate()
    periods = []
    for year in (today.year, today.year - 1):
        periods.append(period_parse(str(year)))
        periods += [period_parse(f"{year}-S{n}") for n in (2, 1)]
        periods += [period_parse(f"{year}-Q{n}") for n in (4, 3, 2, 1)]
        periods += [period_parse(f"{year}-{month:02d}") for month in range(12, 0, -1)]
    return [period for period in periods if period.first_day <= today]


def last_twelve_months(today: datetime.date | None = None) -> list[datetime.date]:
    """Return the first days of the last 12 months, oldest first, this month last."""
    today = today or timezone.localdate()
    this_month = today.replace(day=1)
    return [_add_months(this_month, offset) for offset in range(-11, 1)]
