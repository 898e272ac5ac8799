"""What every Open311 endpoint shares: the view base, the language, the jurisdiction, and
turning any refusal into the spec's error list (never an HTML page, never a 500 for bad input).
"""

import logging

from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db import DatabaseError
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.views import APIView

from cms.security.hostile_input import nul_parameter, shown_name

from . import formats

logger = logging.getLogger(__name__)
RETRY_AFTER_DB = 5


def jurisdiction_of(request) -> str:
    """Return this site's jurisdiction_id: its host name without port and "www." (the spec's
    suggestion, e.g. `sfgov.org`)."""
    host = request.get_host().rsplit(":", 1)[0].lower()
    return host.removeprefix("www.")


class BadParameter(exceptions.APIException):
    """A 400 whose message names the parameter at fault."""

    status_code = 400


def unknown_service(code: str) -> str:
    return _("Unknown service_code %(code)s: see services for the list.") % {"code": code[:60]}


class Open311View(APIView):
    """A GeoReport v2 endpoint: format from the URL (`fmt`), messages in Accept-Language's
    language (Indonesian by default), errors as the spec's list of {code, description}.

    No sessions or cookies: a client is anonymous or names itself with `api_key`.
    """

    authentication_classes = []
    permission_classes = []
    parser_classes = [FormParser, MultiPartParser]

    @property
    def fmt(self) -> str:
        return self.kwargs.get("fmt", "json")

    def initial(self, request, *args, **kwargs):
        translation.activate(translation.get_language_from_request(request, check_path=False))
        super().initial(request, *args, **kwargs)
        # A NUL reaching a filter is a database error on PostgreSQL (cms/security/hostile_input.py).
        name = nul_parameter(request._request.GET)
        if name is not None:
            raise BadParameter(
                _("%(name)s must not contain a NUL character.") % {"name": shown_name(name)}
            )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        patch_vary_headers(response, ["Accept-Language"])
        return response

    def refuse(self, status: int, *descriptions: str, headers=None):
        return formats.errors(self.fmt, status, *descriptions, headers=headers)

    def jurisdiction_refusal(self, request, params):
        """Return the 404 for a jurisdiction_id that is not this site's, else None."""
        asked = (params.get("jurisdiction_id") or "").strip().lower()
        if asked and asked != jurisdiction_of(request):
            return self.refuse(
                404,
                _("Unknown jurisdiction_id %(asked)s: this endpoint serves %(ours)s.")
                % {"asked": asked[:60], "ours": jurisdiction_of(request)},
            )
        return None

    def handle_exception(self, exc):
        if isinstance(exc, exceptions.MethodNotAllowed):
            response = self.refuse(405, _("This method is not allowed here."))
            response["Allow"] = ", ".join(self.allowed_methods)
            return response
        if isinstance(exc, exceptions.UnsupportedMediaType):
            return self.refuse(
                400,
                _(
                    "Send the fields form-encoded (application/x-www-form-urlencoded) or as "
                    "multipart/form-data."
                ),
            )
        if isinstance(exc, RequestDataTooBig):
            return self.refuse(400, _("The request is too large. Send less, or a smaller photo."))
        if isinstance(exc, (exceptions.ParseError, SuspiciousOperation)):
            return self.refuse(400, _("The request could not be read."))
        if isinstance(exc, DatabaseError):
            logger.exception("Open311: database unavailable", exc_info=exc)
            return self.refuse(
                503,
                _("The service is busy right now. Nothing was stored: send it again."),
                headers={"Retry-After": str(RETRY_AFTER_DB)},
            )
        if isinstance(exc, exceptions.APIException):
            return self.refuse(exc.status_code, str(exc.detail))
        return super().handle_exception(exc)
