"""The kode balas (reply code): what lets the reporter, and only them, act on their complaint.

The tracking code is public (the list at /pengaduan/ shows it, residents share it): it is
enough to read the public timeline. Replying, confirming "sudah selesai" and reopening need the
reply code as well, which only the reporter was given (the receipt, the creating API answer,
the confirmation message, the phone's outbox).

It is never stored: each complaint keeps a random nonce (`Complaint.reply_nonce`) and the code is
an HMAC of the tracking code and that nonce under PERSONAL_DATA_HASH_KEY, written as ten
characters of the tracking codes' alphabet (`7QX4M-9PADK`; about 45 bits). So a copy of the
database holds nothing that acts on a complaint, a repeat of the creating request can answer the
same code again, and staff re-issuing one (a new nonce) makes the old code worthless.
Complaints made before reply codes existed have no nonce: for them the reporter proves who they
are with the phone number or email they gave (services/residents.py).
"""

import hmac
import re
import secrets

from cms.security.crypto import lookup_hash

from .codes import ALPHABET

LENGTH = 10
_CLEAN = re.compile(r"[\s\-_.\u2010-\u2015\u2212]+")


def reply_nonce_new() -> str:
    """Return a fresh random nonce for a complaint (128 bits, hex)."""
    return secrets.token_hex(16)


def reply_code_for(tracking_code: str, nonce: str | None) -> str:
    """Return the reply code in its display form `XXXXX-XXXXX`; "" when there is no nonce."""
    if not nonce:
        return ""
    number = int(lookup_hash(f"{tracking_code}:{nonce}", "reply"), 16)
    chars = []
    for _position in range(LENGTH):
        number, index = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[index])
    return f"{''.join(chars[:5])}-{''.join(chars[5:])}"


def reply_code_normalize(raw: str) -> str:
    """Return what was typed without spaces and dashes, in capitals ("" if it cannot be one)."""
    text = _CLEAN.sub("", (raw or "").upper())
    if len(text) != LENGTH or any(char not in ALPHABET for char in text):
        return ""
    return text


def reply_code_matches(tracking_code: str, nonce: str | None, typed: str) -> bool:
    """Return whether `typed` is the reply code of this complaint, compared in constant time."""
    expected = reply_code_for(tracking_code, nonce).replace("-", "")
    given = reply_code_normalize(typed)
    return bool(expected) and hmac.compare_digest(given or "-", expected)
