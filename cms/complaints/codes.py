"""Tracking codes residents read aloud and type, such as `KCM-7QX4-9PAD`.

Seven random characters and one check character, from 23 characters without look-alikes
(0, O, 1, I, L, 2, Z, 5, S, 8, B, U and V are left out). 23**7 is about
3.4 billion codes, and guessing is rate limited as well. The check character is a weighted sum
modulo 23 (a prime), so any single mistyped character and any swap of two neighbours is caught
before the database is asked.
"""

import re
import secrets

PREFIX = "KCM"
ALPHABET = "34679ACDEFGHJKMNPQRTWXY"
_VALUE = {char: index for index, char in enumerate(ALPHABET)}
_BODY_LENGTH = 7
_CLEAN = re.compile(r"[\s\-_.]+")


def _check_character(body: str) -> str:
    total = sum((position + 1) * _VALUE[char] for position, char in enumerate(body))
    return ALPHABET[total % len(ALPHABET)]


def _format(body: str) -> str:
    full = body + _check_character(body)
    return f"{PREFIX}-{full[:4]}-{full[4:]}"


def tracking_code_new() -> str:
    """Return a fresh random code in its display form, `KCM-XXXX-XXXX`."""
    return _format("".join(secrets.choice(ALPHABET) for _ in range(_BODY_LENGTH)))


def tracking_code_normalize(raw: str) -> str | None:
    """Return the display form of what a resident typed, or None if it cannot be a code.

    Spaces, dashes and case do not matter, and the `KCM` prefix may be left out.
    """
    text = _CLEAN.sub("", (raw or "").upper())
    if text.startswith(PREFIX) and len(text) == len(PREFIX) + _BODY_LENGTH + 1:
        text = text[len(PREFIX) :]
    if len(text) != _BODY_LENGTH + 1 or any(char not in _VALUE for char in text):
        return None
    body, check = text[:_BODY_LENGTH], text[_BODY_LENGTH]
    if _check_character(body) != check:
        return None
    return _format(body)
