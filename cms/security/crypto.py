"""Personal data encrypted at rest (UU PDP): Fernet with rotating keys, keyed look-up hashes.

- PERSONAL_DATA_KEYS (env DJANGO_PERSONAL_DATA_KEYS): Fernet keys, comma-separated. The first
  encrypts; every one decrypts. Rotate by putting a new key first, running
  `manage.py reencrypt_personal_data`, then dropping the old key (docs/privacy.md).
- PERSONAL_DATA_HASH_KEY (env DJANGO_PERSONAL_DATA_HASH_KEY): the HMAC key of look-up hashes
  (phone, NIK), so staff can find records without the database holding the plaintext.
"""

import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from cms.complaints.messaging import international_number
from cms.complaints.nik import nik_normalize

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


def lookup_hash(value: str, kind: str = "phone") -> str:
    """A keyed hash of a normalised value: equal for 0812-3456 and +62 812 3456."""
    if kind == "phone":
        value = international_number(value)
    elif kind == "nik":
        value = nik_normalize(value)
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
