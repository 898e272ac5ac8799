"""Personal data encrypted at rest (UU PDP): Fernet with rotating keys, keyed look-up hashes.

- PERSONAL_DATA_KEYS (env DJANGO_PERSONAL_DATA_KEYS): Fernet keys, comma-separated. The first
  encrypts; every one decrypts. Rotate by putting a new key first, running
  `manage.py reencrypt_personal_data`, then dropping the old key (docs/privacy.md).
- PERSONAL_DATA_HASH_KEY (env DJANGO_PERSONAL_DATA_HASH_KEY): the HMAC key of look-up hashes
  (phone, NIK), so staff can find records without the database holding the plaintext.

Nothing here knows what a phone number or a NIK looks like: the app that owns the data
normalises a value before hashing it (cms/complaints/hashing.py), so equal values written
differently get one hash.
"""

import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

_cache: dict[tuple, MultiFernet] = {}


def fernet() -> MultiFernet:
    keys = tuple(settings.PERSONAL_DATA_KEYS)
    if not keys:
        raise ImproperlyConfigured("DJANGO_PERSONAL_DATA_KEYS must hold at least one Fernet key.")
    if keys not in _cache:
        _cache.clear()
        _cache[keys] = MultiFernet([Fernet(key.encode()) for key in keys])
    return _cache[keys]


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "Personal data cannot be decrypted: is its key in DJANGO_PERSONAL_DATA_KEYS?"
        ) from error


def rotate(token: str) -> str:
    """Re-encrypt `token` with the first key (whatever key it was made with)."""
    return fernet().rotate(token.encode()).decode()


def lookup_hash(value: str, kind: str) -> str:
    """Return the keyed hash (HMAC-SHA256, hex) of `kind` and `value`; "" for a blank value.

    `value` must already be normalised by its owner (the hash of "0812" is not that of
    "62812"); `kind` keeps equal values of different kinds apart ("phone", "nik", ...).
    """
    value = value.strip()
    if not value:
        return ""
    key = settings.PERSONAL_DATA_HASH_KEY.encode()
    return hmac.new(key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


class EncryptedMixin:
    """Stores the value as a Fernet token in a text column; Python sees the plaintext.

    The empty string stays empty (the column says only that nothing was given). Look-ups by
    value cannot work on the column (a token differs every time): use a lookup_hash field.
    """

    def get_internal_type(self):
        return "TextField"

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return encrypt(str(value))


class EncryptedCharField(EncryptedMixin, models.CharField):
    pass


class EncryptedEmailField(EncryptedMixin, models.EmailField):
    pass


class EncryptedTextField(EncryptedMixin, models.TextField):
    pass


class EncryptedDecimalField(EncryptedMixin, models.DecimalField):
    """A decimal (e.g. a coordinate) stored as a Fernet token of its text; None stays NULL.

    Zero is encrypted too (0.000000 is a real latitude). Validation (digits, places, validators)
    is a DecimalField's; the database can neither compare nor check the value.
    """

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return None
        return self.to_python(decrypt(value))

    def get_prep_value(self, value):
        value = self.to_python(value)
        if value is None:
            return None
        return encrypt(str(value))

    def get_db_prep_value(self, value, connection, prepared=False):
        # Not DecimalField's: it would adapt the token as a number.
        return value if prepared else self.get_prep_value(value)
