"""One error shape for every endpoint of ours: {"message": ..., "errors": {field: [..]}}.

Messages are in the language the client asks for with `Accept-Language` (Indonesian by
default, see `api_language`); `errors` names the query parameter (or field) at fault.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

logger = logging.getLogger(__name__)

# How much of a client's value an error message repeats.
SHOWN_LENGTH = 40


class ApiBadRequest(exceptions.APIException):
    """A 400 whose message names the problem; `errors` maps a parameter to its problems."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "bad_request"

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.errors = errors or {}


def bad_parameter(name: str, message: str) -> ApiBadRequest:
    """Return the 400 for one query parameter: `message` is also its entry under `errors`."""
    return ApiBadRequest(message, {name: [message]})


def shown(value: str) -> str:
    """Return a client's value as an error message quotes it: short, quoted, printable."""
    value = str(value)
    if len(value) > SHOWN_LENGTH:
        value = value[:SHOWN_LENGTH] + "…"
    return repr(value)


def api_language(request) -> str:
    """Return the language of API messages: the first of Accept-Language we speak, else "id".

    Only the header counts (not the language cookie nor `?locale=`), so one URL gives the
    same answer to everyone sending the same header and shared caches can use `Vary`.
    """
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in translation.trans_real.parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def _messages(value, prefix: str = "") -> list[str]:
    """Return plain messages from DRF's nested details ({index: [..]} for list items)."""
    if isinstance(value, dict):
        return [
            message
            for key, item in value.items()
            for message in _messages(item, f"{prefix}{key}: " if isinstance(key, int) else prefix)
        ]
    if isinstance(value, list):
        return [message for item in value for message in _messages(item, prefix)]
    return [f"{prefix}{value}"]


def _flatten(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {str(key): _messages(value) for key, value in detail.items()}
    if isinstance(detail, list):
        return {"non_field_errors": _messages(detail)}
    return {}


def error_response(message: str, errors: dict, status_code: int, headers=None) -> Response:
    return Response({"message": message, "errors": errors}, status=status_code, headers=headers)


def status_message(status_code: int) -> str:
    """Return the message of an error that has nothing more specific to say."""
    messages = {
        400: _("The request is not valid."),
        403: _("Permission denied."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        413: _("The request is too large. Send less, or a smaller photo."),
    }
    if status_code in messages:
        return messages[status_code]
    if status_code >= 500:
        return _("Something went wrong on our side.")
    return _("Request failed.")


def json_error(status_code: int, message: str | None = None, errors=None) -> JsonResponse:
    """Return a plain Django JSON response in the shared shape (for errors outside DRF)."""
    body = {"message": message or status_message(status_code), "errors": errors or {}}
    return JsonResponse(body, status=status_code)


def api_exception_handler(exc, context):
    """Return every error as {"message": ..., "errors": {...}} with a fitting status."""
    if isinstance(exc, Http404):
        return error_response(_("Not found."), {}, status.HTTP_404_NOT_FOUND)
    if isinstance(exc, PermissionDenied):
        return error_response(_("Permission denied."), {}, status.HTTP_403_FORBIDDEN)
    if isinstance(exc, ApiBadRequest):
        return error_response(str(exc.detail), exc.errors, exc.status_code)
    if isinstance(exc, exceptions.ValidationError):
        return error_response(_("The request is not valid."), _flatten(exc.detail), 400)
    if isinstance(exc, RequestDataTooBig):
        # Django refuses a body over DATA_UPLOAD_MAX_MEMORY_SIZE when a parser reads it.
        return error_response(status_message(413), {}, status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, SuspiciousOperation):  # too many fields or files, a broken body
        return error_response(status_message(400), {}, status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, exceptions.MethodNotAllowed):
        return error_response(status_message(405), {}, exc.status_code)
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
