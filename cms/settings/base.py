"""Settings shared by every environment; everything configurable comes from the environment.

See docs/configuration.md for every variable.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = env(name)
    try:
        return int(value) if value else default
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from error


SECRET_KEY = env("DJANGO_SECRET_KEY")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "pages",
    "cms.complaints",
    "cms.surveys",
    "cms.security",
    "open311",
    "cms.push",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "frontend",
    "api",
    "django_tasks",
    "django_tasks_db",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "cms.security.users_app.WagtailUsersConfig",  # "wagtail.users", least privilege
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "wagtail.api.v2",
    "corsheaders",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Staff security: Permissions-Policy (cms/security/headers.py), Content-Security-Policy.
    "cms.security.headers.SecurityHeadersMiddleware",
    # django-csp, plus what Wagtail's admin needs under /admin/ (cms/security/admin_csp.py).
    "cms.security.headers.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early, so a cached page skips sessions, auth and templates (frontend/page_cache.py).
    "frontend.page_cache.PageCacheMiddleware",
    # Outside CorsMiddleware: adds POST to preflight answers of /api/v1/ (complaints).
    "api.cors.ResidentEndpointCorsMiddleware",
    # Before CommonMiddleware, so its redirects carry the CORS headers too.
    "corsheaders.middleware.CorsMiddleware",
    # Inside CORS (its headers are per request, never stored), before sessions and the rest:
    # a kept content API answer skips them all (api/cache.py).
    "api.cache.ApiCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Under /api/: language from Accept-Language only, every error as JSON (api/middleware.py).
    "api.middleware.ApiMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # --- staff security (cms/security, docs/privacy.md) ---
    # request.user.is_verified(); then every signed-in user must have passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    "cms.security.twofactor.StaffTwoFactorMiddleware",
    # --- end staff security ---
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Staff security: sign-in throttling (django-axes), last as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "frontend" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "frontend.context_processors.low_data",
            ],
        },
    },
]

# Database: SQLite by default, PostgreSQL (or anything dj-database-url reads) from DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default, Redis when REDIS_URL is set (shared by every worker).
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("DJANGO_CACHE_PREFIX", "layanan"),
            # A cache outage must not take the site down: pages are served uncached, rate
            # limits count per worker (cms/complaints/ratelimit.py). Short timeouts, so a
            # Redis that is unreachable (not just refusing) cannot hold a request for long.
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "layanan",
        }
    }

# Public pages rendered for anonymous readers are kept this long at most (0 turns the page
# cache off; validators and 304s stay). Publishing, settings and expiry dates end it sooner.
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 600)
# A page or API answer missing from the cache (just published) is rendered by one request;
# others asking for it meanwhile wait at most this long for that copy, then render it
# themselves (cms/http_cache.py RenderGuard). 0 turns the wait off: each renders its own.
PAGE_CACHE_RENDER_WAIT_MS = env_int("DJANGO_PAGE_CACHE_RENDER_WAIT_MS", 3000)
# Query parameters only link trackers read: a page link shared on social media or in a
# newsletter is the same page, served from the same cached copy, with these taken off the
# request (frontend/page_cache.py). `name*` stands for every name starting with `name`.
# Replace the list with DJANGO_PAGE_CACHE_IGNORED_PARAMETERS (comma-separated).
PAGE_CACHE_IGNORED_PARAMETERS = env_list(
    "DJANGO_PAGE_CACHE_IGNORED_PARAMETERS",
    ",".join(
        [
            "utm_*",  # Google Analytics campaigns (utm_source, utm_medium, utm_campaign, ...)
            "fbclid",  # Facebook
            "gclid",  # Google Ads
            "gclsrc",
            "gbraid",
            "wbraid",
            "dclid",  # Google Display & Video
            "msclkid",  # Microsoft Ads
            "igshid",  # Instagram
            "igsh",
            "ttclid",  # TikTok
            "twclid",  # X (Twitter)
            "li_fat_id",  # LinkedIn
            "yclid",  # Yandex
            "mc_cid",  # Mailchimp
            "mc_eid",
            "_ga",  # Google Analytics cross-domain
            "_gl",
            "ref",
            "ref_src",
        ]
    ),
)

# A shared cache in front of the app (Varnish, a CDN; docs/scale-out.md): public pages and
# content API answers say `s-maxage` up to this many seconds (0: they say `no-cache`, as on one
# server, and no shared cache keeps them). Set it only with a purge configured below.
SHARED_CACHE_SECONDS = env_int("DJANGO_SHARED_CACHE_SECONDS", 0)
# Wagtail's frontend cache module purges on publish (frontend/front_cache.py, api/front_cache.py):
# a Varnish-style HTTP PURGE to each address of DJANGO_FRONT_CACHE_PURGE_URLS, and/or a CDN.
WAGTAILFRONTENDCACHE = {
    f"http{number}": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": location,
    }
    for number, location in enumerate(env_list("DJANGO_FRONT_CACHE_PURGE_URLS"))
}
if env("DJANGO_CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": env("DJANGO_CLOUDFLARE_ZONE_ID"),
        "BEARER_TOKEN": env("DJANGO_CLOUDFLARE_BEARER_TOKEN"),
    }
if env("DJANGO_CLOUDFRONT_DISTRIBUTION_ID"):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("DJANGO_CLOUDFRONT_DISTRIBUTION_ID"),
    }
# Our URLs are the ones purged, as they are (Indonesian at /, English at /en/).
WAGTAILFRONTENDCACHE_LANGUAGES = []

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Bahasa Indonesia first (compulsory in public service), English second.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# A new translation stays a draft until it is translated and published (by default
# wagtail-localize would publish a copy still in Indonesian at once).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Our own strings, then Indonesian for admin strings Wagtail's catalogue leaves in English.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-admin"]
USE_I18N = True
TIME_ZONE = env("DJANGO_TIME_ZONE", "Asia/Jakarta")
# The time zones staff may pick in their account settings (/admin/account/); Wagtail's default
# is every zone the system knows, "localtime" included, which browsers refuse ("RangeError:
# Invalid time zone specified"). WIB, WITA, WIT.
WAGTAIL_USER_TIME_ZONES = ["Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def s3_storages() -> dict:
    """Return the public and private upload storages on S3-compatible object storage, or {}.

    Given DJANGO_MEDIA_S3_BUCKET (docs/scale-out.md): Wagtail's images, their renditions and
    documents go to that bucket ("default"); complaint photos to DJANGO_MEDIA_S3_PRIVATE_BUCKET
    ("private"), which is never readable without credentials: the photo view streams them to
    whoever may see them (frontend/complaints.py). Without it, the local folders stay.
    """
    bucket = env("DJANGO_MEDIA_S3_BUCKET")
    if not bucket:
        return {}
    private_bucket = env("DJANGO_MEDIA_S3_PRIVATE_BUCKET")
    if not private_bucket or private_bucket == bucket:
        raise ImproperlyConfigured(
            "DJANGO_MEDIA_S3_PRIVATE_BUCKET must name a bucket of its own (complaint photos are "
            "never in the public bucket)."
        )
    connection = {
        "endpoint_url": env("DJANGO_MEDIA_S3_ENDPOINT_URL") or None,
        "region_name": env("DJANGO_MEDIA_S3_REGION") or None,
        "access_key": env("DJANGO_MEDIA_S3_ACCESS_KEY_ID") or None,
        "secret_key": env("DJANGO_MEDIA_S3_SECRET_ACCESS_KEY") or None,
        "addressing_style": env("DJANGO_MEDIA_S3_ADDRESSING_STYLE") or None,
        "signature_version": "s3v4",
        "file_overwrite": False,
        "default_acl": None,  # access is the buckets' policy, never an object's ACL
    }
    public_url = env("DJANGO_MEDIA_S3_PUBLIC_URL").rstrip("/")
    public = {
        **connection,
        "bucket_name": bucket,
        # Public URLs without a signature: the same for every reader, so shared caches keep them.
        "querystring_auth": False,
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    if public_url:
        scheme, _sep, domain = public_url.partition("://")
        protocol = f"{scheme}:" if domain else "https:"
        public.update(custom_domain=domain or scheme, url_protocol=protocol)
    private = {
        **connection,
        "bucket_name": private_bucket,
        "querystring_auth": True,
        "querystring_expire": 60,  # a signed URL, if one is ever made, lives a minute
        "object_parameters": {"CacheControl": "private, no-store"},
    }
    backend = "storages.backends.s3.S3Storage"
    return {
        "default": {"BACKEND": backend, "OPTIONS": public},
        "private": {"BACKEND": backend, "OPTIONS": private},
    }


MEDIA_S3 = s3_storages()
STORAGES.update(MEDIA_S3)
if MEDIA_S3:
    # Documents through Wagtail's view, which checks a collection's privacy; the public bucket
    # serves images only (its policy, docs/scale-out.md).
    WAGTAILDOCS_SERVE_METHOD = "serve_view"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email
EMAIL_BACKEND = env("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 587)
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "layanan@kecamatan.local")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Wagtail
WAGTAIL_SITE_NAME = env("DJANGO_SITE_NAME", "Layanan Kecamatan")
WAGTAILADMIN_BASE_URL = env("DJANGO_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        # PostgreSQL full-text search with Indonesian stemming and stop words.
        **({"SEARCH_CONFIG": "indonesian"} if DATABASE_IS_POSTGRES else {}),
    }
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
# An image with more pixels is refused on upload, from its header (Wagtail's default is 128
# million): 40 megapixels is more than any phone or office camera takes, and what residents'
# JPEG photos may have (cms/complaints/photos.py; docs/performance.md, upload memory).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Embeds are never fetched from third parties; our video block links until tapped.
WAGTAILEMBEDS_FINDERS = []
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No staff email hashes sent to gravatar.com: no third-party requests, less personal data.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]
        },
    }
}

# API: Wagtail API v2 for content, DRF for the rest; one error shape (api/errors.py).
REST_FRAMEWORK = {
    "EXCEPTION_HANDLER": "api.errors.api_exception_handler",
    # Deep nesting and lone surrogates are a 400 while parsing, not a 500 later (api/parsers.py).
    "DEFAULT_PARSER_CLASSES": [
        "api.parsers.StrictJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
WAGTAILAPI_LIMIT_MAX = 100  # a larger ?limit= is capped to this, not refused
WAGTAILAPI_SEARCH_ENABLED = True
SPECTACULAR_SETTINGS = {
    "TITLE": "Layanan Kecamatan API",
    "DESCRIPTION": "Public content of the kecamatan (pages, images, documents). See docs/api.md.",
    "VERSION": "2",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and docs are public: served without sessions (no Vary: Cookie), and the
    # public content endpoints declare no authentication, so no "Authorize" button.
    "SERVE_AUTHENTICATION": [],
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    # Our own endpoints only: Wagtail's admin API stays out of the schema.
    "PREPROCESSING_HOOKS": ["api.schema.only_public_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.page_schemas_any_of",
    ],
    # Swagger UI from our own static files: nothing is loaded from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
# CORS: other sites' front ends may read the API; content is read-only for them.
CORS_ALLOWED_ORIGINS = env_list("DJANGO_CORS_ALLOWED_ORIGINS")

# Background work (django-tasks): run at once by default; in production the database backend
# and `manage.py db_worker` keep a slow mail server away from the resident's request.
TASKS = {
    "default": {
        "BACKEND": env("DJANGO_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}

# Image versions (renditions) a request may make while the reader waits; the others are left to
# the task worker, and the original file stands in (frontend/renditions.py).
RENDITIONS_PER_REQUEST = 1

# Complaints (cms/complaints).
# Photos of complaints never live under MEDIA_URL: a view checks who may see them.
PRIVATE_MEDIA_ROOT = Path(env("DJANGO_PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
# Proxies in front of the app that append to X-Forwarded-For (0: use REMOTE_ADDR only); rate
# limits and sign-in throttling count per client address (cms/security/clients.py).
NUM_PROXIES = env_int("DJANGO_NUM_PROXIES", 0)
# Per client address: submissions per hour, tracking look-ups per 10 minutes.
COMPLAINT_SUBMIT_RATE = env_int("DJANGO_COMPLAINT_SUBMIT_RATE", 10)
COMPLAINT_TRACK_RATE = env_int("DJANGO_COMPLAINT_TRACK_RATE", 30)
# Messages a resident may add per hour: per client address, and per complaint whoever writes.
COMPLAINT_REPLY_RATE = env_int("DJANGO_COMPLAINT_REPLY_RATE", 5)
# Personal data requests (/privasi/permintaan/) checked per client per hour, right or wrong.
DATA_REQUEST_RATE = env_int("DJANGO_DATA_REQUEST_RATE", 10)
# Survey responses per client per hour (a family at one phone may rate a few services).
SURVEY_SUBMIT_RATE = env_int("DJANGO_SURVEY_SUBMIT_RATE", 20)
# How long the public figures stay cached at most; any change to the data renews them at once.
FIGURES_CACHE_SECONDS = env_int("DJANGO_FIGURES_CACHE_SECONDS", 3600)
# A resident may reopen a finished complaint within this many days.
COMPLAINT_REOPEN_DAYS = env_int("DJANGO_COMPLAINT_REOPEN_DAYS", 14)
# Who hears about new complaints and resident replies (comma-separated; staff in the
# "Petugas Pengaduan" group with an email address are added to these).
COMPLAINT_NOTIFY_EMAILS = env_list("DJANGO_COMPLAINT_NOTIFY_EMAILS")
# Where SMS/WhatsApp messages go: a class with send(to, text); see docs/complaints.md.
COMPLAINT_MESSAGE_SENDER = env(
    "DJANGO_COMPLAINT_MESSAGE_SENDER", "cms.complaints.messaging.LogSender"
)
CORS_URLS_REGEX = r"^/api/.*$"
# Content is read-only; api.cors adds POST for the resident endpoints under /api/v1/.
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = [
    "accept",
    "accept-language",
    "content-type",
    "idempotency-key",
    "if-none-match",
    "if-modified-since",
]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Location", "Retry-After"]

# PWA: no package and no PWA_* settings. The manifest is frontend/templates/manifest.json (names
# and colour from each site's KecamatanSettings), the worker frontend/scripts/worker/, both
# served by frontend/pwa_views.py (docs/pwa.md).

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    # The immediate task backend logs every search-index update at INFO.
    "loggers": {"django_tasks": {"level": "WARNING"}},
}

# --- staff security (cms/security, docs/privacy.md) ---
# Name shown in authenticator apps beside the user name.
OTP_TOTP_ISSUER = env("DJANGO_OTP_ISSUER", "Layanan Kecamatan")
# Sign-in throttling (django-axes, cms/security/throttle.py): after AXES_FAILURE_LIMIT failures
# for one user name from one client address, that pair waits AXES_COOLOFF_TIME.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "cms.security.throttle.client_ip"
AXES_LOCKOUT_CALLABLE = "cms.security.throttle.lockout_response"
WAGTAILADMIN_USER_LOGIN_FORM = "cms.security.login.StaffLoginForm"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ADMIN = False  # Django's admin is not mounted; unlock with manage.py axes_reset*
AXES_VERBOSE = False
# Content-Security-Policy (django-csp): our own origin only, no inline script or style, on the
# public site, the API docs and the Wagtail admin alike. The one hash is the inline style of
# frontend/templates/500.html, which must render even when static files fail; change both
# together. What the admin needed is in docs/privacy.md.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'report-sample'"],
        "style-src": [
            "'self'",
            "'report-sample'",
            "'sha256-tXObnY7tTcEChDN2lWGnlUijmoTVxQomF4t8lqZvvb0='",
        ],
        # Wagtail's admin previews uploads as blob: and data: images.
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "manifest-src": ["'self'"],
        "worker-src": ["'self'"],
        # A guide's video, loaded only when tapped (frontend/static/js/site.js).
        "frame-src": ["'self'", "https://www.youtube-nocookie.com"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
# Personal data at rest (cms/security/crypto.py): Fernet keys, the first encrypts, all decrypt;
# the HMAC key of look-up hashes. Required in production; dev and test use published ones.
PERSONAL_DATA_KEYS = env_list("DJANGO_PERSONAL_DATA_KEYS")
PERSONAL_DATA_HASH_KEY = env("DJANGO_PERSONAL_DATA_HASH_KEY")
# Days after closing before `manage.py purge_personal_data` erases a reporter's details.
PERSONAL_DATA_RETENTION_DAYS = env_int("DJANGO_PERSONAL_DATA_RETENTION_DAYS", 730)
# --- end staff security ---

# Web Push (cms/push, docs/push.md). The VAPID private key signs every push; production has no
# push without it (check --deploy: push.E001); dev and test make their own in VAPID_DEV_KEY_FILE.
VAPID_PRIVATE_KEY = env("DJANGO_VAPID_PRIVATE_KEY")
VAPID_SUBJECT = env("DJANGO_VAPID_SUBJECT", "mailto:admin@localhost")
VAPID_DEV_KEY_FILE = None
# Only https:// endpoints; dev and test also take a loopback http:// one (the local fake service).
PUSH_ALLOW_LOOPBACK_HTTP = False
# Fan-out: subscriptions read per batch, connections (threads) at once, retries of 429/5xx.
PUSH_BATCH = env_int("DJANGO_PUSH_BATCH", 500)
PUSH_CONNECTIONS = env_int("DJANGO_PUSH_CONNECTIONS", 16)
PUSH_RETRIES = env_int("DJANGO_PUSH_RETRIES", 3)
PUSH_RETRY_BASE_SECONDS = 2.0
PUSH_RETRY_MAX_SECONDS = 60.0
# Subscription changes per client address and hour (a phone changes its topics now and then).
PUSH_SUBSCRIBE_RATE = env_int("DJANGO_PUSH_SUBSCRIBE_RATE", 60)
