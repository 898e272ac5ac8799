"""Production: refuses to start without a secret key and allowed hosts."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    PERSONAL_DATA_HASH_KEY,
    PERSONAL_DATA_KEYS,
    SECRET_KEY,
    env_bool,
    env_int,
)

if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set in production.")

# Residents' personal data is encrypted at rest (docs/privacy.md).
if not PERSONAL_DATA_KEYS:
    raise ImproperlyConfigured("DJANGO_PERSONAL_DATA_KEYS must be set in production.")
if not PERSONAL_DATA_HASH_KEY:
    raise ImproperlyConfigured("DJANGO_PERSONAL_DATA_HASH_KEY must be set in production.")

DEBUG = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names, brotli and gzip; WhiteNoise sends them with Cache-Control: immutable.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Behind a reverse proxy that terminates TLS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 31536000)
# The site's own subdomains (rarely any under a kecamatan's host) must be HTTPS too.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading is for a registrable domain (not kecamatan.kab.go.id); opt in where it fits.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True  # Django's default, stated
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Staff sessions end after 8 hours (a working day), not Django's 2 weeks.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_COOKIE_AGE", 8 * 60 * 60)
# Load balancers and monitors often probe over plain HTTP on the private side.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
