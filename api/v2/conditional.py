"""HTTP validators of the content API: ETags, Last-Modified and the answer to a conditional GET."""

import hashlib
from datetime import datetime

from django.http import HttpRequest
from django.utils.cache import get_conditional_response
from django.utils.http import http_date


def make_etag(*parts) -> str:
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()
    return f'"{digest[:32]}"'


def latest(*moments: datetime | None) -> datetime | None:
    found = [moment for moment in moments if moment is not None]
    return max(found) if found else None


# The conditions these read-only endpoints answer; If-Match and If-Unmodified-Since they
# never took (no 412 in the schema), so Django's function does not see them.
ANSWERED_CONDITIONS = ("HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE")


def not_modified(request, etag: str, last_modified: datetime | None):
    """Return a 304 when the client's copy is current (If-None-Match, else If-Modified-Since),
    else None.

    Django's get_conditional_response decides, in the order of RFC 9110 section 13.2.2:
    entity tags compared weakly (W/ ignored), `*` matching any copy, If-Modified-Since only
    without If-None-Match. Two of its answers are not this API's, so they are kept out:
    - A failed If-Match or If-Unmodified-Since is its 412. This API never took either
      header: it hands Django only the two conditions it answers (ANSWERED_CONDITIONS).
    - An If-None-Match with no valid entity tag in it (empty, unquoted) counts as absent
      there, and If-Modified-Since then decides. RFC 9110 section 13.1.3 says to ignore
      If-Modified-Since whenever If-None-Match is present, as this API always did, so
      Last-Modified is not offered to it then.
    """
    conditions = HttpRequest()
    conditions.method = request.method
    conditions.META = {key: request.META[key] for key in ANSWERED_CONDITIONS if key in request.META}
    if "HTTP_IF_NONE_MATCH" in conditions.META:
        last_modified = None
    timestamp = int(last_modified.timestamp()) if last_modified else None
    return get_conditional_response(conditions, etag=etag, last_modified=timestamp)


def set_validators(response, etag: str, last_modified: datetime | None):
    """Give `response` its ETag and, when known, its Last-Modified."""
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
