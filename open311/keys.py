"""Open311 API keys: make one, find the active key a client sent, note its use.

A key is 43 random URL-safe characters after `o311_`; only its SHA-256 is stored (a key is
random enough that no keyed hash is needed to stop guessing from a copy of the database).
"""

import hashlib
import logging
import secrets

from django.db.models import F
from django.utils import timezone

from .models import ApiKey

logger = logging.getLogger(__name__)
PREFIX = "o311_"


def _hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_key_issue(key: ApiKey) -> str:
    """Give `key` (unsaved or saved) a new secret, save it and return the secret: the only
    time it is seen. Any secret it had stops working."""
    raw = PREFIX + secrets.token_urlsafe(32)
    key.key_hash, key.prefix = _hash(raw), raw[: len(PREFIX) + 4]
    key.save()
    logger.info("open311 key issued: client=%r prefix=%s", key.client_name, key.prefix)
    return raw


def api_key_find(raw: str | None) -> ApiKey | None:
    """Return the active key for a secret a client sent, None for a missing, unknown or
    revoked one."""
    if not raw or not raw.startswith(PREFIX) or len(raw) > 100:
        return None
    return ApiKey.objects.filter(key_hash=_hash(raw), is_active=True).first()


def api_key_used(key: ApiKey, *, submitted: bool) -> None:
    """Note that `key` was used just now (and one more service request, when `submitted`)."""
    changes = {"last_used_at": timezone.now()}
    if submitted:
        changes["requests_sent"] = F("requests_sent") + 1
    ApiKey.objects.filter(pk=key.pk).update(**changes)
