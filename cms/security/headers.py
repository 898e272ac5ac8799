"""Security headers Django does not set itself (its SecurityMiddleware does the rest)."""

from csp.middleware import CSPMiddleware
from django.conf import settings

from cms.security.admin_csp import ADMIN_PREFIX, admin_directives

# Features the site never needs are switched off for it and anything it embeds; the complaint
# form may ask for the location (geolocation) on our own origin only.
PERMISSIONS_POLICY = (
    "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), "
    "interest-cohort=(), browsing-topics=()"
)


# Stylesheets and scripts from /static/ (never a page, never a service worker: ours is served
# at /serviceworker.js), fonts and raster images anywhere.
STATIC_ASSET_TYPES = {"text/css", "text/javascript", "application/javascript"}


def is_asset(request, response) -> bool:
    """Return True for an answer that is never a document nor a worker.

    Browsers apply Content-Security-Policy and Permissions-Policy to documents and workers
    only, so on a stylesheet, script or image these headers protect nothing, while a phone on
    a slow link pays about 0.5 KB for them on every file. An SVG can be a document (opened by
    itself, it runs scripts): it keeps them.
    """
    kind = response.get("Content-Type", "").split(";")[0].strip().lower()
    if kind.startswith("font/") or (kind.startswith("image/") and kind != "image/svg+xml"):
        return True
    return kind in STATIC_ASSET_TYPES and request.path_info.startswith(settings.STATIC_URL)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not is_asset(request, response):
            response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with what Wagtail's admin needs added under /admin/.

    The additions (cms/security/admin_csp.py) allow `<style>` elements our scripts create
    (through the page's nonce) and one inert event-handler text there; a `<style>` in markup
    and `style=""` stay refused, and scripts stay `'self'` only, as everywhere.
    """

    def process_response(self, request, response):
        if is_asset(request, response):
            response._csp_exempt = response._csp_exempt_ro = True
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and parts.replace is None:
            directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
            parts.replace = admin_directives(directives)
        return parts
