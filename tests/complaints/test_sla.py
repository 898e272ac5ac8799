import datetime

import pytest

from cms.complaints.models import Holiday
from cms.complaints.sla import add_working_days, working_days_between

D = datetime.date
pytestmark = pytest.mark.django_db


def test_weekend_is_skipped():
    friday = D(2026, 11, 27)
    assert add_working_days(friday, 1, holidays=set()) == D(2026, 11, 30)
    assert add_working_days(friday, 3, holidays=set()) == D(2026, 12, 2)


def test_saturday_submission_counts_from_monday():
    saturday = D(2026, 11, 28)
    assert add_working_days(saturday, 1, holidays=set()) == D(2026, 11, 30)


def test_lebaran_2026_holidays_and_collective_leave_are_skipped():
    # Seeded by migration: 18-24 March 2026 is Nyepi, Idul Fitri and cuti bersama.
    assert Holiday.objects.filter(date__range=(D(2026, 3, 18), D(2026, 3, 24))).count() == 7
    tuesday = D(2026, 3, 17)
    assert add_working_days(tuesday, 1) == D(2026, 3, 25)
    assert add_working_days(tuesday, 3) == D(2026, 3, 27)


def test_holiday_added_by_staff_moves_the_date():
    monday = D(2026, 11, 30)
    assert add_working_days(monday, 1) == D(2026, 12, 1)
    Holiday.objects.create(date=D(2026, 12, 1), name="Libur daerah")
    assert add_working_days(monday, 1) == D(2026, 12, 2)


def test_working_days_between():
    assert working_days_between(D(2026, 11, 27), D(2026, 12, 1), holidays=set()) == 2
    assert working_days_between(D(2026, 12, 1), D(2026, 11, 27), holidays=set()) == 0
