"""Tests: fast hasher, local-memory cache, throwaway media folder."""

import tempfile

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env, env_list

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost", ".localhost"]
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
# Tests run in a transaction that never commits, so the task worker (on commit) never makes image
# versions: pages make them as they render, as they did before the worker did (tests of the
# budget set 1, as production: tests/frontend/test_renditions.py).
RENDITIONS_PER_REQUEST = 10_000
PAGE_CACHE_SECONDS = 600  # what production uses, whatever the environment says

# The demo kecamatan (`manage.py load_demo`, demo/): development and tests only, never in
# production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

# As in development: the demo staff get the published authenticator key (demo/security.py).
DEMO_KNOWN_TOTP = True
# Published keys for personal data at rest: development and tests only (docs/privacy.md).
PERSONAL_DATA_KEYS = env_list(
    "DJANGO_PERSONAL_DATA_KEYS", "ZGV2LW9ubHktbm90LXNlY3JldC1wZXJzb25hbC1kYXQ="
)
PERSONAL_DATA_HASH_KEY = env("DJANGO_PERSONAL_DATA_HASH_KEY", "dev-only-not-secret-hash-key")
# Web Push: a VAPID key of this test run only; the local fake push service speaks plain http;
# retries wait milliseconds, not seconds.
VAPID_DEV_KEY_FILE = tempfile.mkdtemp(prefix="layanan-test-vapid-") + "/key"
PUSH_ALLOW_LOOPBACK_HTTP = True
PUSH_RETRY_BASE_SECONDS = 0.01
PUSH_RETRY_MAX_SECONDS = 0.05
