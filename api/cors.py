"""CORS methods per endpoint: content is read-only, complaint endpoints also take POST.

django-cors-headers has one method list for every URL. This middleware sits outside it and,
for preflight answers on the resident endpoints (/api/v1/), adds POST to what it allowed.
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
