"""What every /api/ request shares, whichever view (or none) answers it."""

from django.utils import translation
from django.utils.translation import gettext as _

from api.errors import api_language, json_error
from cms.security.hostile_input import NUL, nul_parameter, shown_name

API_PREFIX = "/api/"


class ApiMiddleware:
    """Under /api/: messages in the Accept-Language language, every error in the shared shape.

    Django answers an address no view matches (say /api/v2/pages/abc/) with the site's HTML
    404 page; a client of the API gets {"message": ..., "errors": {}} instead. Placed after
    LocaleMiddleware, whose choice (which also reads the language cookie) it replaces.

    A NUL byte in any query parameter is a 400 naming the parameter, before any view runs
    (cms/security/hostile_input.py says why); in the address, a 404.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        language = api_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        if NUL in request.path_info:
            return json_error(404)
        name = nul_parameter(request.GET)
        if name is not None:
            message = _("%(name)s must not contain a NUL character.") % {"name": shown_name(name)}
            return json_error(400, message, {name: [message]})
        response = self.get_response(request)
        if response.status_code >= 400 and not _is_json(response):
            replacement = json_error(response.status_code)
            for header in ("Allow", "Retry-After"):
                if header in response:
                    replacement[header] = response[header]
            response = replacement
        return response


def _is_json(response) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip() == "application/json"
