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


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with what Wagtail's admin needs added under /admin/.

    The additions (cms/security/admin_csp.py) allow `<style>` elements our scripts create
    (through the page's nonce) and one inert event-handler text there; a `<style>` in markup
    and `style=""` stay refused, and scripts stay `'self'` only, as everywhere.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and parts.replace is None:
            directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
            parts.replace = admin_directives(directives)
        return parts
