"""Per-client limits counted in the cache (Redis in production, shared by every worker)."""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    """Return the client's address, trusting X-Forwarded-For only from NUM_PROXIES proxies.

    Each trusted proxy appends the address it saw; the one NUM_PROXIES from the right is the
    client's. Anything further left could be written by the client itself.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.NUM_PROXIES
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) >= proxies:
        return forwarded[-proxies]
    return forwarded[0] if forwarded else remote


def _key(scope: str, request, window_seconds: int) -> str:
    window = int(time.time() // window_seconds)
    # Hashed: the cache never holds residents' addresses in the clear.
    client = hashlib.sha256(client_address(request).encode()).hexdigest()[:24]
    return f"ratelimit:{scope}:{client}:{window}"


def _wait(window_seconds: int) -> int:
    return window_seconds - int(time.time()) % window_seconds


def rate_limit_peek(scope: str, request, limit: int, window_seconds: int) -> int | None:
    """Return seconds to wait if the client is already over `limit`, without counting."""
    if limit <= 0:
        return None
    count = cache.get(_key(scope, request, window_seconds)) or 0
    return _wait(window_seconds) if count >= limit else None


def rate_limit_hit(scope: str, request, limit: int, window_seconds: int) -> int | None:
    """Count one attempt; return seconds to wait if the client is over `limit`, else None."""
    if limit <= 0:
        return None
    key = _key(scope, request, window_seconds)
    # add() is atomic: only the first attempt in a window creates the counter.
    if cache.add(key, 1, timeout=window_seconds + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, timeout=window_seconds + 5)
            count = 1
    if count > limit:
        return _wait(window_seconds)
    return None
