"""The one way someone outside looks a complaint up by its code, with failed guesses counted.

Every page and endpoint that takes a tracking code from a resident (receipt, tracking page,
photo, the API's tracking and its actions, the survey after a complaint) calls
`complaint_lookup`: an unknown code counts one failed guess for the client, and once the client
is over `settings.COMPLAINT_TRACK_RATE` guesses in ten minutes every look-up answers "wait"
before the database is asked, a known code included. A wrong kode balas (reply code) counts in
the same place (`complaint_lookup_failed`), so guessing codes and guessing reply codes share one
limit.

Only the complaints of the site answering the request are found: on another kecamatan's host
a code is unknown, and counts as a failed guess like any other (docs/regency.md).
"""

from dataclasses import dataclass

from django.conf import settings

from .models import Complaint
from .ratelimit import rate_limit_hit, rate_limit_peek
from .selectors import complaint_get_by_code
from .sites import complaint_site

SCOPE = "track-miss"
WINDOW_SECONDS = 600


@dataclass(frozen=True)
class Lookup:
    """What a look-up found: the complaint, or None; `wait` seconds when the client is blocked."""

    complaint: Complaint | None
    wait: int | None = None


def complaint_lookup_blocked(request) -> int | None:
    """Return seconds to wait if the client already failed too often, without counting."""
    return rate_limit_peek(SCOPE, request, settings.COMPLAINT_TRACK_RATE, WINDOW_SECONDS)


def complaint_lookup_failed(request) -> int | None:
    """Count one failed guess (a code or a reply code); return seconds to wait once over."""
    return rate_limit_hit(SCOPE, request, settings.COMPLAINT_TRACK_RATE, WINDOW_SECONDS)


def complaint_lookup(request, raw_code: str) -> Lookup:
    """Return the complaint for a typed code, counting a miss; `wait` set when blocked.

    A blocked client gets no complaint even for a right code, so the limit cannot be used to
    tell right codes from wrong ones.
    """
    wait = complaint_lookup_blocked(request)
    if wait:
        return Lookup(None, wait)
    complaint = complaint_get_by_code(raw_code, complaint_site(request))
    if complaint is None:
        return Lookup(None, complaint_lookup_failed(request))
    return Lookup(complaint)
