"""Who is asking: the client's address behind DJANGO_NUM_PROXIES trusted reverse proxies.

Rate limits (cms/complaints/ratelimit.py) and sign-in throttling (throttle.py) count per
client. With a reverse proxy in front, REMOTE_ADDR is the proxy's and would be shared by
everyone; X-Forwarded-For is trusted only as far as settings.NUM_PROXIES proxies wrote it.
"""

from django.conf import settings


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
