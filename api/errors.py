"""One error shape for every endpoint of ours: {"message": ..., "errors": {field: [..]}}."""

import logging

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

logger = logging.getLogger(__name__)


class ApiBadRequest(exceptions.APIException):
    """A 400 whose message names the problem; `errors` maps a parameter to its problems."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "bad_request"

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.errors = errors or {}


def _flatten(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {
            str(key): [str(item) for item in (value if isinstance(value, list) else [value])]
            for key, value in detail.items()
        }
    if isinstance(detail, list):
        return {"non_field_errors": [str(item) for item in detail]}
    return {}


def error_response(message: str, errors: dict, status_code: int, headers=None) -> Response:
    return Response({"message": message, "errors": errors}, status=status_code, headers=headers)


def api_exception_handler(exc, context):
    """Return every error as {"message": ..., "errors": {...}} with a fitting status."""
    if isinstance(exc, Http404):
        return error_response(str(exc) or _("Not found."), {}, status.HTTP_404_NOT_FOUND)
    if isinstance(exc, PermissionDenied):
        return error_response(_("Permission denied."), {}, status.HTTP_403_FORBIDDEN)
    if isinstance(exc, ApiBadRequest):
        return error_response(str(exc.detail), exc.errors, exc.status_code)
    if isinstance(exc, exceptions.ValidationError):
        return error_response(_("The request is not valid."), _flatten(exc.detail), 400)
    if isinstance(exc, exceptions.APIException):
        headers = {}
        if getattr(exc, "wait", None):
            headers["Retry-After"] = str(int(exc.wait))
        detail = exc.detail
        message = str(detail) if not isinstance(detail, (dict, list)) else _("Request failed.")
        errors = _flatten(detail) if isinstance(detail, (dict, list)) else {}
        return error_response(message, errors, exc.status_code, headers)
    logger.exception("Unhandled API error", exc_info=exc)
    return error_response(
        _("Something went wrong on our side."), {}, status.HTTP_500_INTERNAL_SERVER_ERROR
    )
