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


def rate_limit_hit(scope: str, request, limit: int, window_seconds: int) -> int | None:
    """Count one attempt; return seconds to wait if the client is over `limit`, else None."""
    if limit <= 0:
        return None
    window = int(time.time() // window_seconds)
    client = hashlib.sha256(client_address(request).encode()).hexdigest()[:24]
    key = f"ratelimit:{scope}:{client}:{window}"
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
        return window_seconds - int(time.time()) % window_seconds
    return None
