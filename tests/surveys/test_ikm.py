"""The IKM exactly as PermenPAN-RB 14/2017 defines it, checked against hand computation."""

from decimal import Decimal
from fractions import Fraction

import pytest

from cms.surveys.ikm import ikm_compute, ikm_from_nrr, ikm_grade, nrr_values, sample_size

from .helpers import answers_with_total, sums_of


def ikm_of(respondents, total):
    rows = answers_with_total(respondents, total)
    return ikm_compute(respondents, sums_of(rows), [respondents] * 9)


def test_all_answers_four_is_100_and_all_ones_is_25():
    """The scale's ends convert to exactly 100 and 25 (0.111 would give 99.90)."""
    assert ikm_of(3, 108).ikm == Decimal("100.00")
    assert ikm_of(3, 108).grade == "A"
    assert ikm_of(3, 27).ikm == Decimal("25.00")
    assert ikm_of(3, 27).grade == "D"


def test_small_case_by_hand():
    """Two respondents: NRR per element is the average; IKM = 25 x mean of the NRRs.

    Respondent A: 4 4 3 3 4 4 4 3 2, respondent B: 3 3 3 3 3 3 3 3 3.
    NRR: 3.5 3.5 3 3 3.5 3.5 3.5 3 2.5 -> sum 29 -> 29/9 = 3.2222.. -> x25 = 80.5555.. = 80.56 B.
    """
    rows = [[4, 4, 3, 3, 4, 4, 4, 3, 2], [3] * 9]
    result = ikm_compute(2, sums_of(rows), [2] * 9)
    assert result.elements == [
        Decimal(v)
        for v in ["3.500", "3.500", "3.000", "3.000", "3.500", "3.500", "3.500", "3.000", "2.500"]
    ]
    assert result.ikm == Decimal("80.56")
    assert result.grade == "B"
    assert result.unit_value == Decimal("3.2224")


@pytest.mark.parametrize(
    ("respondents", "total", "ikm", "grade"),
    [
        # 25 x 889 / (9 x 38) = 64.985.. -> 64.99: still D
        (38, 889, "64.99", "D"),
        # 25 x 117 / 45 = 65.000 exactly: C starts here
        (5, 117, "65.00", "C"),
        # 25 x 717 / 234 = 76.6025.. -> 76.60: last value of C
        (26, 717, "76.60", "C"),
        # 25 x 524 / 171 = 76.6081.. -> 76.61: B starts
        (19, 524, "76.61", "B"),
        # 25 x 604 / 171 = 88.3040.. -> 88.30: last value of B
        (19, 604, "88.30", "B"),
        # 25 x 763 / 216 = 88.3101.. -> 88.31: A starts
        (24, 763, "88.31", "A"),
    ],
)
def test_grade_boundaries_with_hand_computed_data(respondents, total, ikm, grade):
    result = ikm_of(respondents, total)
    assert result.ikm == Decimal(ikm)
    assert result.grade == grade


@pytest.mark.parametrize(
    ("value", "grade"),
    [
        ("25.00", "D"),
        ("64.99", "D"),
        ("65.00", "C"),
        ("76.60", "C"),
        ("76.61", "B"),
        ("88.30", "B"),
        ("88.31", "A"),
        ("100.00", "A"),
    ],
)
def test_grade_table(value, grade):
    assert ikm_grade(Decimal(value)) == grade


def test_the_rounded_weight_0_111_gives_another_grade_than_exact_one_ninth():
    """Five respondents, scores adding up to 159.

    Exact: NRR sum 159/5 = 31.8; x 1/9 = 3.5333..; x 25 = 88.333.. -> 88.33, grade A.
    Rounded weight: 31.8 x 0.111 = 3.5298; x 25 = 88.245 -> 88.25, grade B.
    """
    rows = answers_with_total(5, 159)
    nrr = nrr_values(sums_of(rows), [5] * 9)
    assert ikm_from_nrr(nrr) == Decimal("88.33")
    assert ikm_from_nrr(nrr, weight=Fraction("0.111")) == Decimal("88.25")
    assert ikm_grade(ikm_from_nrr(nrr)) == "A"
    assert ikm_grade(ikm_from_nrr(nrr, weight=Fraction("0.111"))) == "B"
    assert ikm_compute(5, sums_of(rows), [5] * 9).grade == "A"


def test_only_the_final_value_is_rounded():
    """NRRs rounded to two places first would give 25 x (3.33 x 9)/9 = 83.25, not 83.33."""
    rows = [[4, 3, 3, 4, 3, 3, 4, 3, 3], [3, 4, 3, 3, 4, 3, 3, 4, 3], [3, 3, 4, 3, 3, 4, 3, 3, 4]]
    assert ikm_compute(3, sums_of(rows), [3] * 9).ikm == Decimal("83.33")


def test_no_respondents_has_no_index():
    result = ikm_compute(0, [0] * 9, [0] * 9)
    assert result.ikm is None and result.grade is None and result.elements == [None] * 9


@pytest.mark.parametrize(
    ("population", "sample"),
    [(10, 10), (100, 80), (500, 217), (1000, 278), (5000, 357), (10000, 370), (1000000, 384)],
)
def test_krejcie_morgan_sample_sizes(population, sample):
    assert sample_size(population) == sample
