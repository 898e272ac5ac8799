import datetime

import pytest

from cms.surveys.periods import last_twelve_months, period_parse


@pytest.mark.parametrize(
    ("text", "key", "first", "next_day"),
    [
        ("2025", "2025", (2025, 1, 1), (2026, 1, 1)),
        ("2025-S1", "2025-S1", (2025, 1, 1), (2025, 7, 1)),
        ("2025-S2", "2025-S2", (2025, 7, 1), (2026, 1, 1)),
        ("2025-Q3", "2025-Q3", (2025, 7, 1), (2025, 10, 1)),
        ("2025-Q4", "2025-Q4", (2025, 10, 1), (2026, 1, 1)),
        ("2025-02", "2025-02", (2025, 2, 1), (2025, 3, 1)),
        ("2025-12", "2025-12", (2025, 12, 1), (2026, 1, 1)),
    ],
)
def test_periods(text, key, first, next_day):
    period = period_parse(text)
    assert period.key == key
    assert period.first_day == datetime.date(*first)
    assert period.next_day == datetime.date(*next_day)
    assert str(period.start.tzinfo) == "Asia/Jakarta"


@pytest.mark.parametrize(
    "text",
    # The last two: other scripts' digits, which the schema's pattern ([0-9]) refuses too.
    ["", "25", "2025-13", "2025-Q5", "2025-S3", "2025-q1", "1999", "2025-1", "2025\x00"]
    + ["\u0662\u0660\u0662\u0665", "2025-\u0660\u0667"],
)
def test_bad_periods_are_refused(text):
    with pytest.raises(ValueError):
        period_parse(text)


def test_last_twelve_months_end_with_this_month():
    months = last_twelve_months(datetime.date(2026, 2, 15))
    assert months[0] == datetime.date(2025, 3, 1)
    assert months[-1] == datetime.date(2026, 2, 1)
    assert len(months) == 12
