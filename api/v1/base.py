"""What every resident endpoint (/api/v1/) shares: the view base, the Idempotency-Key, refusals.

Residents have no account: a tracking code or an idempotency key is what identifies their
complaint or response, so these views use no session authentication and therefore need no
CSRF token. A form-encoded or multipart post that another site's page made a browser send is
refused all the same (cms/security/cross_site.py): such a post needs no CORS preflight, so
nothing else would stop a hostile page from stuffing the survey figures through its visitors.
Each view validates input, calls one service or selector and shapes the reply.
"""

from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.views import APIView

from api.errors import error_response, json_error
from api.schema import error
from cms.complaints.forms import idempotency_key_clean
from cms.complaints.lookup import complaint_lookup
from cms.security.cross_site import refuse_cross_site_posts

RETRY_AFTER_DB = 5


def cross_site_refused(request):
    """Return the 403 for a cross-site form post, in the shared error shape."""
    # In the client's language already: ApiMiddleware chose it from Accept-Language.
    message = _(
        "Posts from another website's page are not accepted. Send JSON with an "
        "Idempotency-Key header, or use this site's own form."
    )
    response = json_error(403, message)
    response["Cache-Control"] = "no-store"
    return response


class ResidentApiView(APIView):
    """An endpoint residents' apps call without an account, answering in their language.

    /api/ paths carry no language prefix, so the language comes from Accept-Language
    (Indonesian when absent or unsupported).
    """

    authentication_classes = []
    permission_classes = []

    @classmethod
    def as_view(cls, **initkwargs):
        """Return the view, refusing form posts from other sites' pages (see the top)."""
        view = super().as_view(**initkwargs)
        return refuse_cross_site_posts(cross_site_refused, simple_bodies_only=True)(view)

    def initial(self, request, *args, **kwargs):
        translation.activate(translation.get_language_from_request(request, check_path=False))
        request.LANGUAGE_CODE = translation.get_language()
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept-Language"])
        return response


def absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


class BadIdempotencyKey(Exception):
    """The Idempotency-Key header is malformed; `response` is the 400 to send."""

    def __init__(self, response):
        super().__init__("bad Idempotency-Key")
        self.response = response


def idempotency_key_from(request, hint: str) -> str | None:
    """Return the request's Idempotency-Key (None when absent); raise BadIdempotencyKey."""
    try:
        return idempotency_key_clean(request.headers.get("Idempotency-Key"))
    except ValueError:
        raise BadIdempotencyKey(
            error_response(
                _("The Idempotency-Key header must be 8 to 64 letters, digits, - or _."),
                {"Idempotency-Key": [hint]},
                400,
            )
        ) from None


# What the resident endpoints may answer besides their success (schema, docs/api.md).
TOO_MANY = error("Too many attempts from this client; Retry-After says when to try again.")
BUSY = error("Temporarily unavailable (Retry-After); nothing was stored, send it again.")
CROSS_SITE = error(
    "A form-encoded or multipart post from another site's page; nothing was stored. Servers "
    "send JSON with an Idempotency-Key (docs/api.md)."
)
NOT_THE_REPORTER_OR_CROSS_SITE = error(
    "The reply code (`reply_secret`) is missing or wrong: only the reporter may act (named "
    "under `errors.reply_secret`). Or a form-encoded or multipart post from another site's "
    "page; nothing was stored. Servers send JSON with an Idempotency-Key (docs/api.md)."
)


def idempotency_conflict(error):
    """Return the 409 for an Idempotency-Key already used for something else (an
    IdempotencyConflict from the complaint or survey services)."""
    return error_response(
        error.message, {"Idempotency-Key": [error.message]}, status.HTTP_409_CONFLICT
    )


def too_many(wait: int):
    return error_response(
        _("Too many attempts from your connection. Try again in %(minutes)d minutes.")
        % {"minutes": max(1, round(wait / 60))},
        {},
        status.HTTP_429_TOO_MANY_REQUESTS,
        headers={"Retry-After": str(wait)},
    )


def service_unavailable():
    return error_response(
        _("The service is busy right now. Your complaint was not stored yet: send it again."),
        {},
        status.HTTP_503_SERVICE_UNAVAILABLE,
        headers={"Retry-After": str(RETRY_AFTER_DB)},
    )


def not_found_code():
    return error_response(
        _("No complaint has this tracking code. Check the code on your receipt."),
        {"tracking_code": [_("Unknown tracking code.")]},
        status.HTTP_404_NOT_FOUND,
    )


def find_or_refuse(request, code):
    """Return (complaint, None) or (None, error response): 429 when blocked, 404 when unknown.

    The look-up and the counting of failed guesses are cms.complaints.lookup's, the same for
    every page and endpoint that takes a code.
    """
    found = complaint_lookup(request, code)
    if found.wait:
        return None, too_many(found.wait)
    if found.complaint is None:
        return None, not_found_code()
    return found.complaint, None
