"""Keyed look-up hashes of what residents give, normalised the way residents write it.

Staff find a complaint by phone number or NIK through these hashes (the columns themselves are
encrypted). cms.security.crypto only hashes; the normalising is the complaint app's: a phone
number becomes 62... (0812-3456 and +62 812 3456 are one number), a NIK loses the spaces, dots
and dashes people type between its digits, a name its capitals and extra spaces. Other kinds
("fingerprint") are hashed as given.
"""

from cms.security.crypto import lookup_hash as keyed_hash

from .messaging import international_number
from .nik import nik_normalize


def name_normalize(value: str) -> str:
    """Return a name in lower case with single spaces: "SITI  Rahayu " and "siti rahayu" match."""
    return " ".join(value.lower().split())


NORMALISE = {"phone": international_number, "nik": nik_normalize, "name": name_normalize}


def lookup_hash(value: str, kind: str = "phone") -> str:
    """Return the keyed hash of `value` normalised for `kind`; "" for a blank value."""
    normalise = NORMALISE.get(kind)
    return keyed_hash(normalise(value) if normalise else value, kind)
