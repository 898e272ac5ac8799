"""Production: refuses to start without a secret key and allowed hosts."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    ALLOWED_HOSTS,
    AUTH_PASSWORD_VALIDATORS,
    DATABASE_IS_POSTGRES,
    MEDIA_S3,
    PERSONAL_DATA_HASH_KEY,
    PERSONAL_DATA_KEYS,
    REDIS_URL,
    SECRET_KEY,
    TASKS,
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
# The key of the look-up hashes of phone numbers and NIKs: whoever guesses it can test every
# phone number against a copy of the database. The same bar as Django's for SECRET_KEY's
# variety (check security.W009), a length that rules out words and dates.
MIN_HASH_KEY_LENGTH = 32
if len(PERSONAL_DATA_HASH_KEY) < MIN_HASH_KEY_LENGTH or len(set(PERSONAL_DATA_HASH_KEY)) < 5:
    raise ImproperlyConfigured(
        f"DJANGO_PERSONAL_DATA_HASH_KEY must be at least {MIN_HASH_KEY_LENGTH} characters of "
        "random text (at least 5 different characters). Make one with: "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

# More than one app server (docs/scale-out.md): nothing one server keeps may be needed by
# another. Each is refused here rather than found out in front of residents.
APP_SERVERS = env_int("DJANGO_APP_SERVERS", 1)
if APP_SERVERS > 1:
    per_server = {
        "DATABASE_URL must name PostgreSQL (SQLite is a file on one server's disk)": (
            DATABASE_IS_POSTGRES
        ),
        "REDIS_URL must be set (the page cache's content version, rate limits and kept pages "
        "would be each server's own)": bool(REDIS_URL),
        "DJANGO_MEDIA_S3_BUCKET must be set (uploads would land on one server's disk)": bool(
            MEDIA_S3
        ),
        "DJANGO_TASKS_BACKEND must be django_tasks_db.DatabaseBackend (the queue every server's "
        "worker takes from)": TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend",
    }
    missing = [reason for reason, ok in per_server.items() if not ok]
    if missing:
        raise ImproperlyConfigured(f"DJANGO_APP_SERVERS={APP_SERVERS}: " + "; ".join(missing) + ".")

DEBUG = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed names, brotli and gzip; WhiteNoise sends them with Cache-Control: immutable.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    # Uploads on object storage when DJANGO_MEDIA_S3_BUCKET is set (base.py, s3_storages).
    **MEDIA_S3,
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

# The demo's published passwords (README, load_demo) are refused for every account; check
# --deploy finds demo accounts that got here anyway (cms/security/checks.py).
AUTH_PASSWORD_VALIDATORS = [
    *AUTH_PASSWORD_VALIDATORS,
    {"NAME": "cms.security.checks.PublishedPasswordValidator"},
]
