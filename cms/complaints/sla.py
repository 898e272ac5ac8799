"""Service-level dates counted in working days (Monday to Friday, minus public holidays).

SP4N-LAPOR! gives 3 working days to verify and forward a complaint and 5 more to answer it
(https://apps.apple.com/xk/app/sp4n-lapor/id1486554343); categories may set their own targets.
"""

import datetime

from django.utils import timezone


def holidays_between(start: datetime.date, end: datetime.date) -> set[datetime.date]:
    """Return the public holidays and collective leave days from start to end, inclusive."""
    from .models import Holiday

    return set(Holiday.objects.filter(date__range=(start, end)).values_list("date", flat=True))


def is_working_day(day: datetime.date, holidays: set[datetime.date]) -> bool:
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: datetime.date, days: int, holidays=None) -> datetime.date:
    """Return the date `days` working days after `start` (the start day itself is not counted).

    A complaint received on a Friday evening with a 3-day target is due on Wednesday.
    """
    if holidays is None:
        # Generous window: even with long collective leave, 3x the days plus a month is enough.
        holidays = holidays_between(start, start + datetime.timedelta(days=days * 3 + 31))
    day = start
    remaining = days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            remaining -= 1
    return day


def working_days_between(start: datetime.date, end: datetime.date, holidays=None) -> int:
    """Return how many working days lie after `start` up to and including `end` (0 if none)."""
    if end <= start:
        return 0
    if holidays is None:
        holidays = holidays_between(start, end)
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            count += 1
    return count


def today() -> datetime.date:
    return timezone.localdate()
