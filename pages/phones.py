"""Phone numbers written one way, and the tel: link each one dials.

Residents meet numbers in the settings (footer, contact) and in what staff type into pages
("(0263) 555 0112", "0812-3456-7890", "6281234567890", "112"). Every one is shown in the same
form: mobile numbers 0812 3456 7890, office numbers (0263) 555 0112 with the area code in
brackets, short emergency numbers as they are; the link dials the international form
(tel:+62...) so it works from any phone. The national plan: https://www.itu.int/oth/T0202000063
"""

import re
from dataclasses import dataclass

# Area codes with two digits after the 0 (Jakarta, Bandung, Semarang, Surabaya, Medan);
# every other area code has three (0263 Cianjur, 0274 Yogyakarta, ...).
SHORT_AREA_CODES = {"21", "22", "24", "31", "61"}
# Numbers dialled as they are: emergency (112), police, fire, SAR, ambulance.
SHORT_NUMBERS = {"110", "112", "113", "115", "118", "119"}

# A number in running text: a short number standing alone, or a full one written with
# optional +62/62/0, brackets around the area code, spaces, dots or dashes between groups.
TEXT_PATTERN = re.compile(
    r"(?<![\w+/.-])(?:"
    r"(?:\+62|62|0)\s?8\d{1,2}(?:[\s.-]?\d{2,4}){2,3}"  # mobile
    r"|\(0\d{2,3}\)\s?\d{3,4}[\s.-]?\d{3,4}"  # office, area code in brackets
    r"|(?:\+62|0)\d{2,3}[\s.-]\d{3,4}[\s.-]?\d{3,4}"  # office, area code spaced
    r"|1(?:1[02358]|19)"  # short numbers
    r")(?![\w/-]|\.\d)"
)


@dataclass(frozen=True)
class Phone:
    text: str  # as shown
    tel: str  # the link's target, "tel:..."


def phone_parse(raw: str) -> Phone | None:
    """Return the number written the one way and its tel: link, or None for no number."""
    digits = "".join(char for char in raw if char.isdigit())
    if digits in SHORT_NUMBERS:
        return Phone(digits, f"tel:{digits}")
    if digits.startswith("62"):
        digits = "0" + digits[2:]
    if not digits.startswith("0") or not 9 <= len(digits) <= 13:
        return None
    international = f"tel:+62{digits[1:]}"
    if digits.startswith("08"):
        groups = [digits[:4], digits[4:8], digits[8:]]
        return Phone(" ".join(group for group in groups if group), international)
    area_length = 3 if digits[1:3] in SHORT_AREA_CODES else 4
    area, local = digits[:area_length], digits[area_length:]
    return Phone(f"({area}) {local[:3]} {local[3:]}".rstrip(), international)


def phone_spans(text: str):
    """Yield (start, end, Phone) for each number found in `text`."""
    for match in TEXT_PATTERN.finditer(text):
        phone = phone_parse(match.group())
        if phone is not None:
            yield match.start(), match.end(), phone
