"""Security headers Django does not set itself (its SecurityMiddleware does the rest)."""

# Features the site never needs are switched off for it and anything it embeds; the complaint
# form may ask for the location (geolocation) on our own origin only.
PERMISSIONS_POLICY = (
    "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # The report-only policy is meant for /admin/, where the policy is not enforced
        # (settings: CONTENT_SECURITY_POLICY). Beside the same policy enforced it reports
        # nothing new and costs about 400 bytes on every answer, 304s included.
        if "Content-Security-Policy" in response.headers:
            response.headers.pop("Content-Security-Policy-Report-Only", None)
        return response
