"""HTTP caching of public pages: validators for everyone, a shared page cache for anonymous readers.

Every HTML page a view marks as public (`mark_public(request)`: Wagtail pages through the
`before_serve_page` hook, the search page without a query) is answered by an anonymous reader
with:

- `ETag` (a hash of the page) and `Last-Modified`, and `Cache-Control: no-cache`: browsers and
  the service worker keep the page but ask again each time; an unchanged page answers
  `304 Not Modified` with no body, so the check costs a few hundred bytes and a round trip,
  and an emergency banner is never hidden behind a stale copy;
- with a shared cache in front (SHARED_CACHE_SECONDS, docs/scale-out.md), `s-maxage` for it
  instead, while browsers still ask each time: the page is purged there on publish;
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

A link shared on social media carries tracking parameters (`utm_source`, `fbclid`, ...:
`PAGE_CACHE_IGNORED_PARAMETERS` in settings). No view reads them, so they are taken off the
request before anything sees it: the page is the one without them (its canonical link, its
language switch), served from the same cached copy. A public page with any other parameter
is served uncached, compressed for that one answer in the one encoding the reader takes.

What pages and the content API cache share (kept answers, compression, how long a copy
lives) is in cms/http_cache.py, and so is the guard that makes a page just published, read
by a hundred readers at once, render once while the others wait for its copy.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import QueryDict
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from cms import http_cache
from pages.signals import content_version

# Query parameters a public page understands; any other parameter is served uncached rather
# than filling the cache with copies of the same page (tracking parameters are dropped first).
CACHED_PARAMETERS = {"kategori", "halaman", "waktu", "asal"}
# Cookies that may change what a page shows to this reader.
PERSONAL_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}
SKIPPED_PREFIXES = ("/admin/", "/api/", "/open311/", "/static/", "/media/", "/documents/")
PUBLIC_CACHE_CONTROL = "no-cache"
PRIVATE_CACHE_CONTROL = {"private": True, "no_cache": True}


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


def is_tracking_parameter(name: str) -> bool:
    """Return True for a parameter only link trackers read (PAGE_CACHE_IGNORED_PARAMETERS; a
    name ending in `*` stands for every name that starts with what comes before it)."""
    name = name.lower()
    for ignored in settings.PAGE_CACHE_IGNORED_PARAMETERS:
        ignored = ignored.lower()
        if name == ignored or (ignored.endswith("*") and name.startswith(ignored[:-1])):
            return True
    return False


def drop_tracking_parameters(request) -> None:
    """Take tracking parameters off `request`, so every view renders the page without them."""
    if not any(is_tracking_parameter(name) for name in request.GET):
        return
    kept = QueryDict(mutable=True)
    for name, values in request.GET.lists():
        if not is_tracking_parameter(name):
            kept.setlist(name, values)
    kept._mutable = False
    request.GET = kept
    request.META["QUERY_STRING"] = kept.urlencode()


class PageCacheMiddleware:
    """Serve public pages to anonymous readers from the cache; add validators and Vary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.cache_key(request)
        if key is None:
            return self.process_response(request, self.get_response(request), key)
        entry = http_cache.fresh_entry(key)
        guard = http_cache.RenderGuard(key)
        if entry is None:
            entry = guard.wait()  # another reader may be rendering this page right now
        if entry is not None:
            response = entry.response(request)
            response["X-Page-Cache"] = "hit"
            http_cache.share(response, entry.expires_at)
            return self.conditional(request, response, entry.etag, entry.last_modified)
        try:
            return self.process_response(request, self.get_response(request), key)
        finally:
            guard.release()

    # -- deciding -------------------------------------------------------------------------

    def cache_key(self, request) -> str | None:
        """Return the cache key for this request, or None when it must not use the cache."""
        if request.method not in ("GET", "HEAD"):
            return None
        path = request.path
        if path.startswith(SKIPPED_PREFIXES) or path == "/healthz":
            return None
        drop_tracking_parameters(request)
        if not http_cache.timeout():
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
        digest = http_cache.cache_digest(f"{request.scheme}://{host}{path}?{query}")
        low = "1" if save_data(request) else "0"
        # "page2": kept pages are cms.http_cache.CachedAnswer now; a copy another release
        # pickled into Redis under "page:" names a class that is gone, so it is never read.
        return f"page2:{content_version()}:{low}:{digest}"

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
        etag, modified = self.set_validators(response)
        if getattr(request, "renditions_pending", False):
            key = None  # shown with stand-ins while the task worker makes its images: not kept
        if key is not None:
            entry = http_cache.keep(response, etag, modified)
            if http_cache.store(key, entry):
                answer = entry.response(request)
                answer["X-Page-Cache"] = "miss"
                http_cache.share(answer, entry.expires_at)
                return self.conditional(request, answer, etag, modified)
        # Not kept (a parameter no page reads, the cache off): compress only what goes out.
        response["X-Page-Cache"] = "off"
        answer = self.conditional(request, response, etag, modified)
        if answer is response:
            answer = http_cache.compress_answer(request, response)
        return answer

    @staticmethod
    def strip_accept_language(response) -> None:
        """Drop `Vary: Accept-Language`: the URL alone decides the language of a page."""
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
        kept = [v for v in vary if v.lower() != "accept-language"]
        if kept != vary:
            response["Vary"] = ", ".join(kept)

    @staticmethod
    def set_validators(response) -> tuple[str, int]:
        """Give a public page its ETag (a hash of the page), Last-Modified and Cache-Control."""
        etag = f'W/"{hashlib.md5(response.content, usedforsecurity=False).hexdigest()}"'
        modified = http_cache.content_last_modified()
        response["Cache-Control"] = PUBLIC_CACHE_CONTROL
        response["ETag"] = etag
        response["Last-Modified"] = http_date(modified)
        return etag, modified

    @staticmethod
    def conditional(request, response, etag, last_modified):
        """Answer 304 with no body when the reader's copy is still the current one."""
        return get_conditional_response(
            request, etag=etag, last_modified=int(last_modified), response=response
        )
