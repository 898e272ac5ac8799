"""HTTP caching of public pages: validators for everyone, a shared page cache for anonymous readers.

Every HTML page a view marks as public (`mark_public(request)`: Wagtail pages through the
`before_serve_page` hook, the search page without a query) is answered by an anonymous reader
with:

- `ETag` (a hash of the page) and `Last-Modified`, and `Cache-Control: no-cache`: browsers and
  the service worker keep the page but ask again each time; an unchanged page answers
  `304 Not Modified` with no body, so the check costs a few hundred bytes and a round trip,
  and an emergency banner is never hidden behind a stale copy;
- the rendered page, kept in the cache (local memory, or Redis when `REDIS_URL` is set) with
  gzip and brotli versions made once, so the next reader is served without touching the
  database or the templates.

A cached page is keyed by the content version (pages/signals.py: bumped on publish, unpublish,
move, delete, image/document/category edits, site settings) and never outlives the next moment
time alone changes a page (an announcement's `valid_until`, an event's start or end), nor
`PAGE_CACHE_SECONDS`.

Nothing personal is ever cached or shared: a request that carries a session or messages cookie
skips the cache, and a response that sets a cookie, uses a CSRF token or is for a logged-in
user is marked `Cache-Control: private, no-cache` instead. The language comes from the URL
(`/` Indonesian, `/en/` English), so pages do not vary on `Accept-Language`; they vary on
`Save-Data`, which switches images to tap-to-load placeholders (frontend/templatetags/layanan.py).
HTML pages that are not kept (forms, errors) are gzipped per answer.
"""

import gzip
import hashlib
from dataclasses import dataclass, field

import brotli
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from pages.signals import (
    content_changed_at,
    content_version,
    last_content_boundary,
    next_content_boundary,
)

# Query parameters a public page understands; any other parameter (utm_..., fbclid) is served
# uncached rather than filling the cache with copies of the same page.
CACHED_PARAMETERS = {"kategori", "halaman", "waktu"}
# Cookies that may change what a page shows to this reader.
PERSONAL_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}
SKIPPED_PREFIXES = ("/admin/", "/api/", "/static/", "/media/", "/documents/")
# Not replayed from the cache: recomputed per answer, or never to be shared.
UNSTORED_HEADERS = {"set-cookie", "content-length", "content-encoding", "vary", "date"}
PUBLIC_CACHE_CONTROL = "no-cache"
PRIVATE_CACHE_CONTROL = {"private": True, "no_cache": True}
BROTLI_QUALITY = 11  # made once per render, so the smallest output is worth its milliseconds
MIN_COMPRESS_BYTES = 512


# Pages not kept in the cache (forms with a CSRF token, the offline page, errors) are
# compressed per answer with Django's gzip, which pads against BREACH (the CSRF token is
# masked per answer too): the complaint form is 14 KB raw, 4 KB compressed.
GZIP = GZipMiddleware(lambda request: None)


def mark_public(request) -> None:
    """Tell the middleware this answer is the same for every anonymous reader of the URL."""
    request.page_cache_public = True


def save_data(request) -> bool:
    """Return True when the reader asked for low-data pages (`Save-Data: on`)."""
    return request.headers.get("Save-Data", "").strip().lower() == "on"


@dataclass
class CachedPage:
    status: int
    headers: list[tuple[str, str]]
    bodies: dict[str, bytes] = field(default_factory=dict)  # encoding ("identity", ...) -> bytes
    etag: str = ""
    last_modified: float = 0.0
    expires_at: float = 0.0  # epoch seconds; never served after this

    def encoding_for(self, request) -> str:
        accepted = {
            part.split(";")[0].strip().lower()
            for part in request.headers.get("Accept-Encoding", "").split(",")
        }
        for encoding in ("br", "gzip"):
            if encoding in accepted and encoding in self.bodies:
                return encoding
        return "identity"

    def response(self, request) -> HttpResponse:
        encoding = self.encoding_for(request)
        body = self.bodies[encoding]
        response = HttpResponse(b"" if request.method == "HEAD" else body, status=self.status)
        for name, value in self.headers:
            response[name] = value
        response["Content-Length"] = str(len(body))
        if encoding != "identity":
            response["Content-Encoding"] = encoding
        return response


class PageCacheMiddleware:
    """Serve public pages to anonymous readers from the cache; add validators and Vary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.cache_key(request)
        if key is not None:
            entry = cache.get(key)
            if entry is not None and entry.expires_at > timezone.now().timestamp():
                response = entry.response(request)
                response["X-Page-Cache"] = "hit"
                return self.conditional(request, response, entry)
        response = self.get_response(request)
        return self.process_response(request, response, key)

    # -- deciding -------------------------------------------------------------------------

    def cache_key(self, request) -> str | None:
        """Return the cache key for this request, or None when it must not use the cache."""
        if request.method not in ("GET", "HEAD") or not self.timeout():
            return None
        path = request.path
        if path.startswith(SKIPPED_PREFIXES) or path == "/healthz":
            return None
        if PERSONAL_COOKIES & request.COOKIES.keys():
            return None
        if not set(request.GET.keys()) <= CACHED_PARAMETERS:
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        query = request.GET.urlencode() if request.GET else ""
        digest = hashlib.md5(  # noqa: S324 (a key, not a secret)
            f"{request.scheme}://{host}{path}?{query}".encode(), usedforsecurity=False
        ).hexdigest()
        low = "1" if save_data(request) else "0"
        return f"page:{content_version()}:{low}:{digest}"

    @staticmethod
    def timeout() -> int:
        return getattr(settings, "PAGE_CACHE_SECONDS", 0)

    @staticmethod
    def is_public(request, response) -> bool:
        """Return True when `response` is the same for every anonymous reader of the URL."""
        if not getattr(request, "page_cache_public", False):
            return False
        if response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
            return False
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        # `Vary: Cookie` alone is fine: templates look at request.user (the session) for the
        # userbar, and with no session cookie that reader is anonymous like any other.
        control = response.get("Cache-Control", "").lower()
        return "private" not in control and "no-store" not in control

    @staticmethod
    def is_personal(request, response) -> bool:
        """Return True when `response` belongs to this reader alone (cookie, token, login)."""
        user = getattr(request, "user", None)
        return bool(
            response.cookies
            or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or request.META.get("CSRF_COOKIE_USED")
            or (user is not None and user.is_authenticated)
            or getattr(request, "page_cache_public", False)
        )

    # -- answering ------------------------------------------------------------------------

    def process_response(self, request, response, key):
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        if request.path.startswith(SKIPPED_PREFIXES):
            return response  # the admin and the API have their own rules
        patch_vary_headers(response, ("Save-Data",))
        if not self.is_public(request, response):
            if self.is_personal(request, response):
                patch_cache_control(response, **PRIVATE_CACHE_CONTROL)
            return GZIP.process_response(request, response)
        if response.status_code != 200:
            return GZIP.process_response(request, response)
        self.strip_accept_language(response)
        entry = self.make_entry(response)
        if key is not None:
            seconds = self.seconds_to_keep()
            if seconds > 0:
                entry.expires_at = timezone.now().timestamp() + seconds
                cache.set(key, entry, seconds)
        answer = entry.response(request)
        answer["X-Page-Cache"] = "miss" if key is not None else "off"
        return self.conditional(request, answer, entry)

    def seconds_to_keep(self) -> int:
        """Return how long a page rendered now may be served: until the next time boundary."""
        seconds = self.timeout()
        boundary = next_content_boundary()
        if boundary is not None:
            seconds = min(seconds, int((boundary - timezone.now()).total_seconds()))
        return seconds

    @staticmethod
    def last_modified() -> int:
        """Return when this page last changed, in epoch seconds, stable across re-renders.

        That is the later of the last content change (publish, edit, settings) and the last
        moment time alone changed pages (an announcement expiring, an event starting or
        ending): with nothing published then, a copy from before it must not get a 304 for
        If-Modified-Since. The render time when the last content change is unknown (a cache
        emptied by a restart), so a validator is never older than the page.
        """
        now = int(timezone.now().timestamp())
        changed = content_changed_at()
        if changed is None:
            return now
        moments = [changed.timestamp()]
        boundary = last_content_boundary()
        if boundary is not None:
            moments.append(boundary.timestamp())
        return min(now, int(max(moments)))

    @staticmethod
    def strip_accept_language(response) -> None:
        """Drop `Vary: Accept-Language`: the URL alone decides the language of a page."""
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
        kept = [v for v in vary if v.lower() != "accept-language"]
        if kept != vary:
            response["Vary"] = ", ".join(kept)

    def make_entry(self, response) -> CachedPage:
        body = response.content
        response["Cache-Control"] = PUBLIC_CACHE_CONTROL
        etag = f'W/"{hashlib.md5(body, usedforsecurity=False).hexdigest()}"'
        modified = self.last_modified()
        response["ETag"] = etag
        response["Last-Modified"] = http_date(modified)
        bodies = {"identity": body}
        if len(body) >= MIN_COMPRESS_BYTES:
            bodies["br"] = brotli.compress(body, quality=BROTLI_QUALITY)
            bodies["gzip"] = gzip.compress(body, compresslevel=9, mtime=0)
            patch_vary_headers(response, ("Accept-Encoding",))
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ]
        if response.get("Vary"):
            headers.append(("Vary", response["Vary"]))
        return CachedPage(
            status=response.status_code,
            headers=headers,
            bodies=bodies,
            etag=etag,
            last_modified=modified,
        )

    @staticmethod
    def conditional(request, response, entry):
        """Answer 304 with no body when the reader's copy is still the current one."""
        return get_conditional_response(
            request, etag=entry.etag, last_modified=int(entry.last_modified), response=response
        )
