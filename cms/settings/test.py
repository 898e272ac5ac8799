"""Tests: fast hasher, local-memory cache, throwaway media folder."""

import tempfile

from .base import *  # noqa: F403
from .base import env

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

# As in development: the demo staff get the published authenticator key (cms/security/demo.py).
DEMO_KNOWN_TOTP = True
