"""The shared cache of published figures, invalidated by a version stamp when data changes.

Every figure is cached under the current version; saving or deleting a complaint, a survey
response or a number of service users writes a new version (signals.py), so the next request
recomputes. The day is part of the key too, because "overdue" changes at midnight. Works the
same with Redis (shared by all workers) and the local-memory cache.
"""

import uuid

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language

VERSION_KEY = "figures:version"


def figures_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex[:12]
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def figures_changed() -> None:
    """Make every cached figure stale (called after any change to the data behind them)."""
    cache.set(VERSION_KEY, uuid.uuid4().hex[:12], timeout=None)


def figures_cached(name: str, builder, *parts, localized: bool = False):
    """Return builder() from the cache, computing and storing it on a miss."""
    key_parts = [name, figures_version(), timezone.localdate().isoformat(), *map(str, parts)]
    if localized:
        key_parts.append(get_language() or "")
    key = "figures:" + ":".join(key_parts)
    value = cache.get(key)
    if value is None:
        value = builder()
        cache.set(key, value, timeout=settings.FIGURES_CACHE_SECONDS)
    return value
