"""What every /api/ request shares, whichever view (or none) answers it."""

from django.utils import translation

from api.errors import api_language, json_error

API_PREFIX = "/api/"


class ApiMiddleware:
    """Under /api/: messages in the Accept-Language language, every error in the shared shape.

    Django answers an address no view matches (say /api/v2/pages/abc/) with the site's HTML
    404 page; a client of the API gets {"message": ..., "errors": {}} instead. Placed after
    LocaleMiddleware, whose choice (which also reads the language cookie) it replaces.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        language = api_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
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
