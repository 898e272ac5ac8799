"""CORS methods per endpoint: content is read-only, the resident endpoints also take POST.

Everything else about CORS is django-cors-headers' settings (cms/settings/base.py). This one
thing is not: the package answers every preflight with the one CORS_ALLOW_METHODS list
(GET, HEAD, OPTIONS here) and has no list per URL (see its CorsMiddleware.add_response_headers,
and https://github.com/adamchainz/django-cors-headers/issues/49). Allowing POST there would
offer it on the content API too. So this middleware sits outside CorsMiddleware and, for
preflight answers under /api/v1/ that the package gave (an allowed origin), adds POST.
"""

import re

RESIDENT_ENDPOINTS = re.compile(r"^/api/v1/")
WRITE_METHODS = "POST"


class ResidentEndpointCorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        allowed = response.headers.get("Access-Control-Allow-Methods")
        if (
            allowed
            and request.method == "OPTIONS"
            and RESIDENT_ENDPOINTS.match(request.path_info)
            and WRITE_METHODS not in allowed
        ):
            response.headers["Access-Control-Allow-Methods"] = f"{allowed}, {WRITE_METHODS}"
        return response
