"""Tests: fast hasher, local-memory cache, throwaway media folder."""

import tempfile

from .base import *  # noqa: F403
from .base import env, env_list

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = tempfile.mkdtemp(prefix="layanan-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="layanan-test-private-")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files come straight from the apps (no collectstatic, so no STATIC_ROOT).
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None
LOGGING["root"]["level"] = env("DJANGO_LOG_LEVEL", "WARNING")  # noqa: F405
PAGE_CACHE_SECONDS = 600  # what production uses, whatever the environment says

# As in development: the demo staff get the published authenticator key (cms/security/demo.py).
DEMO_KNOWN_TOTP = True
# Published keys for personal data at rest: development and tests only (docs/privacy.md).
PERSONAL_DATA_KEYS = env_list(
    "DJANGO_PERSONAL_DATA_KEYS", "ZGV2LW9ubHktbm90LXNlY3JldC1wZXJzb25hbC1kYXQ="
)
PERSONAL_DATA_HASH_KEY = env("DJANGO_PERSONAL_DATA_HASH_KEY", "dev-only-not-secret-hash-key")
