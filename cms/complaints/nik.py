"""The NIK (Nomor Induk Kependudukan), the 16-digit national ID number: check, normalise, mask.

Layout (UU 24/2013 on Adminduk; Dukcapil): PP KK CC DDMMYY SSSS
- PP province, KK regency (01-69) or city (71-99), CC district (kecamatan): the region where
  the number was issued, in the Kemendagri region codes;
- DDMMYY the date of birth; women have 40 added to the day (a woman born on the 5th: 45);
- SSSS a serial number, from 0001.

We check that a number is plausible, never that it exists: only Dukcapil can say that. A NIK
is treated as high-risk personal data (reference/domain.md 5.1): collected only for the
categories that ask for it, encrypted at rest, shown masked.
"""

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

LENGTH = 16

# Province codes of the Kemendagri region codes (kode wilayah), which NIKs use. Source:
# Kepmendagri No. 050-145 Tahun 2022 on region codes (34 provinces, 11 Aceh ... 92 Papua
# Barat), plus the four Papua provinces made in 2022 (UU 14/2022 Papua Selatan, UU 15/2022
# Papua Tengah, UU 16/2022 Papua Pegunungan, UU 29/2022 Papua Barat Daya), numbered 93 to 96
# by Kemendagri. BPS numbers the Papua provinces differently (91 Papua Barat, 94 Papua, up to
# 97): NIKs follow Dukcapil, that is Kemendagri. A NIK keeps the code of where it was issued,
# so people of the new provinces still carry 91 or 92, and of Kalimantan Utara (65, since
# 2012) often 64; every code below stays valid.
PROVINCES = {
    "11": "Aceh",
    "12": "Sumatera Utara",
    "13": "Sumatera Barat",
    "14": "Riau",
    "15": "Jambi",
    "16": "Sumatera Selatan",
    "17": "Bengkulu",
    "18": "Lampung",
    "19": "Kepulauan Bangka Belitung",
    "21": "Kepulauan Riau",
    "31": "DKI Jakarta",
    "32": "Jawa Barat",
    "33": "Jawa Tengah",
    "34": "DI Yogyakarta",
    "35": "Jawa Timur",
    "36": "Banten",
    "51": "Bali",
    "52": "Nusa Tenggara Barat",
    "53": "Nusa Tenggara Timur",
    "61": "Kalimantan Barat",
    "62": "Kalimantan Tengah",
    "63": "Kalimantan Selatan",
    "64": "Kalimantan Timur",
    "65": "Kalimantan Utara",
    "71": "Sulawesi Utara",
    "72": "Sulawesi Tengah",
    "73": "Sulawesi Selatan",
    "74": "Sulawesi Tenggara",
    "75": "Gorontalo",
    "76": "Sulawesi Barat",
    "81": "Maluku",
    "82": "Maluku Utara",
    "91": "Papua",
    "92": "Papua Barat",
    "93": "Papua Selatan",
    "94": "Papua Tengah",
    "95": "Papua Pegunungan",
    "96": "Papua Barat Daya",
}

# What residents type between digit groups: spaces, dots (as printed on some cards), dashes.
SEPARATORS = re.compile(r"[\s.\-]+")
WOMEN_DAY_OFFSET = 40
MASK = "\u2022"  # a bullet: "3201••••••••0001"


def nik_normalize(raw: str) -> str:
    """Return the number without the spaces, dots and dashes people type between digits.

    Decimal digits of other scripts (Arabic-Indic ٣٢٠١, full-width ３２, as some phone
    keyboards type them) become ASCII digits; other digit-like characters (superscripts
    such as ¹, circled ①) stay as they are, so the check below refuses them.
    """
    return "".join(
        str(unicodedata.decimal(ch)) if ch.isdecimal() else ch
        for ch in SEPARATORS.sub("", raw or "")
    )


def nik_birth_date_valid(digits: str) -> bool:
    """Return whether DDMMYY (day plus 40 for women) is a real date in 19YY or 20YY."""
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    if day > WOMEN_DAY_OFFSET:
        day -= WOMEN_DAY_OFFSET
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    # The century is not in the number: a date that exists in either one is plausible
    # (29 February needs a leap year: 00 is 2000, a leap year; 1900 was not).
    for century in (1900, 2000):
        try:
            datetime.date(century + year, month, day)
        except ValueError:
            continue
        return True
    return False


def nik_validate(raw: str) -> str:
    """Return the normalised NIK; raise ValidationError with one message a resident can act on."""
    value = nik_normalize(raw)
    if not value.isascii() or not value.isdigit():
        raise ValidationError(
            _("A NIK has digits only. Copy the 16 digits from your KTP or family card (KK)."),
            code="nik_digits",
        )
    if len(value) != LENGTH:
        raise ValidationError(
            _("A NIK has 16 digits; this one has %(count)d. Check it on your KTP or KK."),
            code="nik_length",
            params={"count": len(value)},
        )
    if value[:2] not in PROVINCES:
        raise ValidationError(
            _(
                "The first two digits of a NIK are a province code; %(code)s is not one. "
                "Check the number on your KTP or KK."
            ),
            code="nik_province",
            params={"code": value[:2]},
        )
    if value[2:4] == "00" or value[4:6] == "00":
        raise ValidationError(
            _(
                "Digits 3 to 6 of a NIK are the regency or city and district codes, never 00. "
                "Check the number on your KTP or KK."
            ),
            code="nik_region",
        )
    if not nik_birth_date_valid(value[6:12]):
        raise ValidationError(
            _(
                "Digits 7 to 12 of a NIK are the date of birth (day, month, year; women add 40 "
                "to the day), but these are not a real date. Check the number on your KTP or KK."
            ),
            code="nik_birth_date",
        )
    if value[12:] == "0000":
        raise ValidationError(
            _("The last four digits of a NIK are never 0000. Check the number on your KTP or KK."),
            code="nik_serial",
        )
    return value


def nik_mask(value: str) -> str:
    """Return the NIK with only its first 4 and last 4 digits shown: 3201••••••••0001."""
    if not value:
        return ""
    if len(value) <= 8:
        return MASK * len(value)
    return value[:4] + MASK * (len(value) - 8) + value[-4:]
