"""Local development: debug on (DJANGO_DEBUG=false to see the real error pages), console email."""

from .base import *  # noqa: F403
from .base import env, env_bool, env_int, env_list

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-not-secret-7c1f4a0e2b9d")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")

# Serve static files from the apps (no collectstatic) and uploads, even with DEBUG off.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # nothing to collect in development
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
# Template edits show at once: no page cache unless asked for.
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 0)

# Demo staff accounts get a published authenticator key (cms/security/demo.py); never in production.
DEMO_KNOWN_TOTP = True
# Published keys for personal data at rest: development and tests only (docs/privacy.md).
PERSONAL_DATA_KEYS = env_list(
    "DJANGO_PERSONAL_DATA_KEYS", "ZGV2LW9ubHktbm90LXNlY3JldC1wZXJzb25hbC1kYXQ="
)
PERSONAL_DATA_HASH_KEY = env("DJANGO_PERSONAL_DATA_HASH_KEY", "dev-only-not-secret-hash-key")
