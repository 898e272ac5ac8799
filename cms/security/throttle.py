"""Sign-in throttling with django-axes: the client address and the Indonesian lock-out page.

Failures are counted per user name *and* client address together, so an attacker locks out
only their own attempts, not every colleague behind the same office connection. The address
comes from clients.client_address (DJANGO_NUM_PROXIES trusted proxies): with a reverse proxy
in front, REMOTE_ADDR is the proxy's and would be shared by everyone.
"""

import math

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from .clients import client_address


def client_ip(request) -> str:
    return client_address(request)


def lockout_response(request, original_response=None, credentials=None):
    """429 with when to try again (each failure during the lock-out restarts the wait)."""
    cooloff = settings.AXES_COOLOFF_TIME
    until = timezone.localtime(timezone.now() + cooloff)
    seconds = int(cooloff.total_seconds())
    response = render(
        request,
        "security/locked_out.html",
        {"until": until, "minutes": math.ceil(seconds / 60)},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
