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
        return response
