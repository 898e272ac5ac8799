"""Per-client limits counted in the cache (Redis in production, shared by every worker).

The client is its address behind the trusted proxies (cms/security/clients.py).

When the shared cache does not answer (Redis down or unreachable: django-redis with
IGNORE_EXCEPTIONS then answers None to add() and incr() instead of a count), the limits fail
towards serving residents, not towards refusing them, and not open either: each worker process
counts in its own memory until the cache answers again. A client may then get up to the limit
once per worker before being refused; a warning is logged at most once a minute. Counts made
in a worker's memory stay there (they are not copied to Redis when it comes back) and still
count towards refusals until their window ends.
"""

import hashlib
import logging
import threading
import time

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache

from cms.security.clients import client_address

logger = logging.getLogger(__name__)

# Counters of this process, used while the shared cache does not answer.
_local = LocMemCache("ratelimit-fallback", {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": 10000}})
WARN_EVERY = 60  # seconds between two warnings of the same outage
_warned_at = [float("-inf")]
_warn_lock = threading.Lock()


def _key(scope: str, request, window_seconds: int, client: str | None = None) -> str:
    window = int(time.time() // window_seconds)
    # Hashed: the cache never holds residents' addresses in the clear.
    client = hashlib.sha256((client or client_address(request)).encode()).hexdigest()[:24]
    return f"ratelimit:{scope}:{client}:{window}"


def _wait(window_seconds: int) -> int:
    return window_seconds - int(time.time()) % window_seconds


def _shared_cache_down(error: Exception | None = None) -> None:
    """Log that limits count per process now, at most once every WARN_EVERY seconds."""
    now = time.monotonic()
    with _warn_lock:
        if now - _warned_at[0] < WARN_EVERY:
            return
        _warned_at[0] = now
    logger.warning(
        "The shared cache does not answer (%s): rate limits count per worker process until it "
        "does.",
        type(error).__name__ if error else "no reply",
    )


def _count(store, key: str, timeout: int) -> int | None:
    """Add one attempt under `key` in `store`; return the count, None if `store` did not answer."""
    try:
        # add() is atomic: only the first attempt in a window creates the counter.
        added = store.add(key, 1, timeout=timeout)
        if added is None:  # django-redis ignoring a connection error
            return None
        if added:
            return 1
        try:
            return store.incr(key)  # None when the connection broke since add()
        except ValueError:  # expired between add() and incr()
            return 1 if store.add(key, 1, timeout=timeout) else store.incr(key)
    except Exception as error:  # any failure of the cache server (IGNORE_EXCEPTIONS off)
        if store is _local:
            raise
        _shared_cache_down(error)
        return None


def _peek(store, key: str) -> int:
    try:
        return store.get(key) or 0  # a cache that does not answer reads as no attempts
    except Exception as error:
        _shared_cache_down(error)
        return 0


def rate_limit_peek(
    scope: str, request, limit: int, window_seconds: int, client: str | None = None
) -> int | None:
    """Return seconds to wait if the client is already over `limit`, without counting."""
    if limit <= 0:
        return None
    key = _key(scope, request, window_seconds, client)
    count = max(_peek(cache, key), _local.get(key) or 0)
    return _wait(window_seconds) if count >= limit else None


def rate_limit_hit(
    scope: str, request, limit: int, window_seconds: int, client: str | None = None
) -> int | None:
    """Count one attempt; return seconds to wait if the client is over `limit`, else None.

    The client is the request's address, or `client` when given (say, an API key's id: a
    limit per key whatever address it comes from).
    """
    if limit <= 0:
        return None
    key = _key(scope, request, window_seconds, client)
    timeout = window_seconds + 5
    count = _count(cache, key, timeout)
    if count is None:
        _shared_cache_down()
        count = _count(_local, key, timeout)
    else:
        # Attempts this worker counted during an outage in this window still count.
        count = max(count, _local.get(key) or 0)
    if count > limit:
        return _wait(window_seconds)
    return None
