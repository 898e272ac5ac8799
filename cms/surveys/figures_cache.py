"""The shared cache of published figures, invalidated by a version stamp when data changes.

Every figure is cached under the current version; saving or deleting a complaint, a survey
response or a number of service users writes a new version (signals.py), so the next request
recomputes. The day is part of the key too, because "overdue" changes at midnight. Works the
same with Redis (shared by all workers) and the local-memory cache.

The version is stored with the moment it was made, in one cache entry (so the two never part):
the open data answers carry an ETag made of the cache key and a Last-Modified of that moment.
"""

import datetime
import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

VERSION_KEY = "figures:version"


def _new_state() -> tuple[str, datetime.datetime]:
    return uuid.uuid4().hex[:12], timezone.now().replace(microsecond=0)


def figures_state() -> tuple[str, datetime.datetime]:
    """Return (version, the moment the data behind the figures last changed)."""
    state = cache.get(VERSION_KEY)
    if not isinstance(state, tuple):  # nothing yet, or a bare version from an older release
        cache.add(VERSION_KEY, _new_state(), timeout=None)
        state = cache.get(VERSION_KEY)
        if not isinstance(state, tuple):
            state = _new_state()
            cache.set(VERSION_KEY, state, timeout=None)
    return state


def figures_version() -> str:
    return figures_state()[0]


def figures_changed() -> None:
    """Make every cached figure stale (called after any change to the data behind them)."""
    cache.set(VERSION_KEY, _new_state(), timeout=None)


def _key(name: str, version: str, parts, localized: bool) -> str:
    key_parts = [name, version, timezone.localdate().isoformat(), *map(str, parts)]
    if localized:
        key_parts.append(get_language() or "")
    return "figures:" + ":".join(key_parts)


def figures_cached(name: str, builder, *parts, localized: bool = False):
    """Return builder() from the cache, computing and storing it on a miss."""
    key = _key(name, figures_version(), parts, localized)
    value = cache.get(key)
    if value is None:
        value = builder()
        cache.set(key, value, timeout=settings.FIGURES_CACHE_SECONDS)
    return value


def figures_validators(name: str, *parts, localized: bool = False) -> tuple[str, datetime.datetime]:
    """Return (ETag, Last-Modified) for an answer built from the figures cached under `name`.

    The ETag is weak: two computations under one version differ only in `generated_at`. The
    answer last changed when the data did, or at the last local midnight ("overdue" moves
    then), whichever is later. Neither needs the figures themselves, so a 304 costs no query.
    """
    version, changed_at = figures_state()
    key = _key(name, version, parts, localized)
    etag = 'W/"' + hashlib.sha256(key.encode()).hexdigest()[:24] + '"'
    midnight = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(), datetime.time.min)
    )
    return etag, max(changed_at, midnight)
