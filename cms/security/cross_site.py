"""Refuse posts that another site's page makes a resident's browser send (cross-site forgery).

The resident forms and endpoints carry no CSRF token on purpose: residents have no account and
no cookie, and the forms must work from a copy the service worker kept offline, days old, where
a token tied to a cookie would have expired (frontend/complaints.py). Without a token, a hostile
page could still make its visitors' browsers post our forms: stuff the satisfaction index (IKM)
or send complaints from their addresses, past the per-address rate limits.

Browsers say where a request comes from in headers a page cannot set: `Sec-Fetch-Site`
(Fetch Metadata, https://www.w3.org/TR/fetch-metadata/) and, for any POST, `Origin`
(https://fetch.spec.whatwg.org/#origin-header). A post is refused when

- `Sec-Fetch-Site` is `cross-site`, or
- `Sec-Fetch-Site` is `same-site` and `Origin` is not this site's (nor a trusted origin): a page
  on a sibling subdomain or another port of the same host is another site to us (another
  kecamatan's site, a forum on the same domain); `same-origin` and `none` (a post the person
  started from the browser itself, such as a share into the installed app) pass, or
- there is no `Sec-Fetch-Site` (older browsers) and `Origin` is neither this site's
  (scheme and host of the request) nor one of settings.CSRF_TRUSTED_ORIGINS; `Origin: null`
  (a sandboxed frame, a document with no origin) is refused too.

A request with neither header is not from a browser page (a server, a script, an app's own
HTTP client) and passes: what keeps those honest is the rate limit and the Idempotency-Key.

For the JSON API, only bodies a page may post across sites without asking (the CORS "simple"
content types: form-encoded, multipart, text/plain) are judged: a cross-site JSON post needs a
CORS preflight first, which only the origins in DJANGO_CORS_ALLOWED_ORIGINS pass.
"""

import logging
from functools import wraps

from django.conf import settings

logger = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# Sec-Fetch-Site values of a request this site's own page (or the person) started; `same-site`
# only with this site's Origin (see above).
OWN_SITE = frozenset({"same-origin", "none"})
# What a page on another site may post without a CORS preflight
# (https://fetch.spec.whatwg.org/#cors-safelisted-request-header).
SIMPLE_CONTENT_TYPES = frozenset(
    {"application/x-www-form-urlencoded", "multipart/form-data", "text/plain"}
)
DEFAULT_PORTS = {"http": "80", "https": "443"}


def _normalise(origin: str) -> str:
    """Return `scheme://host[:port]` in lower case, without a default port."""
    origin = origin.strip().lower().rstrip("/")
    scheme, sep, rest = origin.partition("://")
    if not sep:
        return origin
    host, colon, port = rest.rpartition(":")
    if colon and port == DEFAULT_PORTS.get(scheme) and not host.endswith("]"):
        rest = host
    return f"{scheme}://{rest}"


def _own_origins(request) -> set[str]:
    try:
        own = {_normalise(f"{request.scheme}://{request.get_host()}")}
    except Exception:  # DisallowedHost: nothing of ours to compare with
        own = set()
    own.update(_normalise(origin) for origin in settings.CSRF_TRUSTED_ORIGINS)
    return own


def request_is_cross_site(request, *, simple_bodies_only: bool = False) -> bool:
    """Return True when `request` is a post another site's page made the browser send."""
    if request.method in SAFE_METHODS:
        return False
    if simple_bodies_only:
        content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
        if content_type not in SIMPLE_CONTENT_TYPES:
            return False
    fetch_site = request.META.get("HTTP_SEC_FETCH_SITE", "").strip().lower()
    origin = request.META.get("HTTP_ORIGIN")
    if fetch_site == "same-site":
        return origin is None or _normalise(origin) not in _own_origins(request)
    if fetch_site:
        return fetch_site not in OWN_SITE
    if origin is None:
        return False
    return _normalise(origin) not in _own_origins(request)


def refuse_cross_site_posts(refusal, *, simple_bodies_only: bool = False):
    """Return a view decorator answering `refusal(request)` to a cross-site post.

    `refusal` shapes the answer for its face (an HTML page, the API's JSON error); the
    judgement is request_is_cross_site's, the same everywhere.
    """

    def decorator(view):
        @wraps(view)
        def guarded(request, *args, **kwargs):
            if request_is_cross_site(request, simple_bodies_only=simple_bodies_only):
                logger.warning(
                    # The view's name, not the path: a path may hold a tracking code.
                    "Refused a cross-site %s to %s (Sec-Fetch-Site %r, Origin %r)",
                    request.method,
                    getattr(getattr(view, "view_class", view), "__qualname__", "a view"),
                    request.META.get("HTTP_SEC_FETCH_SITE"),
                    request.META.get("HTTP_ORIGIN"),
                )
                return refusal(request)
            return view(request, *args, **kwargs)

        return guarded

    return decorator
