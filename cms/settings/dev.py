"""Local development: debug on (DJANGO_DEBUG=false to see the real error pages), console email."""

import os
from pathlib import Path

from .base import *  # noqa: F403
from .base import INSTALLED_APPS, env, env_bool, env_int, env_list

DEBUG = env_bool("DJANGO_DEBUG", True)
SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-not-secret-7c1f4a0e2b9d")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,.localhost,[::1]")

# Serve static files from the apps (no collectstatic) and uploads, even with DEBUG off.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = None  # nothing to collect in development
WHITENOISE_AUTOREFRESH = True
SERVE_MEDIA = True
# Template edits show at once: no page cache unless asked for.
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 0)

# The demo kecamatan (`manage.py load_demo`, demo/): development and tests only, never in
# production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]

# Demo staff accounts get a published authenticator key (demo/security.py); never in production.
DEMO_KNOWN_TOTP = True
# Published keys for personal data at rest: development and tests only (docs/privacy.md).
PERSONAL_DATA_KEYS = env_list(
    "DJANGO_PERSONAL_DATA_KEYS", "ZGV2LW9ubHktbm90LXNlY3JldC1wZXJzb25hbC1kYXQ="
)
PERSONAL_DATA_HASH_KEY = env("DJANGO_PERSONAL_DATA_HASH_KEY", "dev-only-not-secret-hash-key")
# Web Push: a VAPID key made on first use and kept outside the checkout, so phones subscribed to
# a dev server stay subscribed (docs/push.md); the local fake push service speaks plain http.
VAPID_DEV_KEY_FILE = env(
    "DJANGO_VAPID_DEV_KEY_FILE",
    str(
        Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
        / "layanan-kecamatan"
        / "vapid-dev-key"
    ),
)
PUSH_ALLOW_LOOPBACK_HTTP = True
