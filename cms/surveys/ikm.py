"""The Indeks Kepuasan Masyarakat, computed exactly (PermenPAN-RB 14/2017, Lampiran).

- NRR per element = sum of its scores / number of answers for it.
- IKM (1 to 4) = sum over the nine elements of NRR x weight, the weight being exactly 1/9
  ("jumlah bobot / jumlah unsur"); many reports use the rounded 0.111, which caps the index
  at 99.9 instead of 100 and pushes values below the grade thresholds.
- Converted IKM (25 to 100) = IKM x 25, rounded (half up) to two decimals only at the end,
  then graded with the regulation's interval table.

Everything is done with Fraction, so no binary floating point touches the result.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

ELEMENT_COUNT = 9
WEIGHT = Fraction(1, ELEMENT_COUNT)
TWO_PLACES = Decimal("0.01")
THREE_PLACES = Decimal("0.001")

# (lowest converted value, grade, performance) from the regulation's table, best first.
GRADES = (
    (Decimal("88.31"), "A", "Sangat baik"),
    (Decimal("76.61"), "B", "Baik"),
    (Decimal("65.00"), "C", "Kurang baik"),
    (Decimal("25.00"), "D", "Tidak baik"),
)


def round_half_up(value: Fraction, places: Decimal = TWO_PLACES) -> Decimal:
    """Return `value` rounded half up to `places` (exact: the fraction is scaled first)."""
    scale = int(1 / places)
    scaled = value * scale
    # floor(x + 1/2) for non-negative x, which is half-up rounding
    rounded = (scaled + Fraction(1, 2)).__floor__()
    return (Decimal(rounded) / Decimal(scale)).quantize(places)


def ikm_grade(converted: Decimal) -> str:
    """Return "A", "B", "C" or "D" for a converted IKM already rounded to two decimals."""
    for lowest, grade, _label in GRADES:
        if converted >= lowest:
            return grade
    return "D"


def nrr_values(sums, counts) -> list[Fraction | None]:
    """Return each element's NRR (average score) as a Fraction, None when nobody answered."""
    return [
        Fraction(total, count) if count else None for total, count in zip(sums, counts, strict=True)
    ]


def ikm_from_nrr(nrr, weight=WEIGHT) -> Decimal | None:
    """Return the converted IKM (25 to 100) rounded to two decimals, None without answers.

    `weight` exists so the tests can show what the rounded 0.111 does; the app never passes it.
    """
    if any(value is None for value in nrr) or len(nrr) != ELEMENT_COUNT:
        return None
    weight = Fraction(weight) if not isinstance(weight, Fraction) else weight
    unit_value = sum((value * weight for value in nrr), Fraction(0))
    return round_half_up(unit_value * 25)


@dataclass(frozen=True)
class IkmResult:
    respondents: int
    elements: list  # nine NRR values as Decimal (3 places) or None
    ikm: Decimal | None  # converted, 25 to 100, two places
    grade: str | None

    @property
    def unit_value(self) -> Decimal | None:
        """Return the IKM on the 1 to 4 scale (converted / 25), for reports that show it."""
        return None if self.ikm is None else (self.ikm / 25).quantize(Decimal("0.0001"))


def ikm_compute(respondents: int, sums, counts) -> IkmResult:
    """Return the IKM of `respondents` whose scores per element add up to `sums`."""
    nrr = nrr_values(sums, counts)
    converted = ikm_from_nrr(nrr) if respondents else None
    return IkmResult(
        respondents=respondents,
        elements=[None if value is None else round_half_up(value, THREE_PLACES) for value in nrr],
        ikm=converted,
        grade=ikm_grade(converted) if converted is not None else None,
    )


def sample_size(population: int) -> int:
    """Return the Krejcie & Morgan (1970) sample size for `population` service users.

    s = X^2 N P (1 - P) / (d^2 (N - 1) + X^2 P (1 - P)), X^2 = 3.841, P = 0.5, d = 0.05, rounded
    to the nearest whole respondent; this reproduces the published table (100 -> 80,
    1,000 -> 278, 10,000 -> 370). For very large N the printed table says 384, the formula's
    limit; at N = 100,000 the formula gives 383.
    """
    if population <= 0:
        return 0
    chi = Fraction(3841, 1000)
    p = Fraction(1, 2)
    d = Fraction(5, 100)
    value = chi * population * p * (1 - p) / (d * d * (population - 1) + chi * p * (1 - p))
    return int((value + Fraction(1, 2)).__floor__())
