"""The content API's shared cache: list, detail and find answers of /api/v2/ kept like pages.

A JSON answer of `/api/v2/pages/`, `/images/` or `/documents/` (lists, details, `find`) is
the same for everyone who asks the same thing: these endpoints take no authentication and
leave out anything behind a view restriction (api/v2/pages.py, api/v2/media.py). So the first
answer is kept in the default cache (local memory, or Redis with `REDIS_URL`) with brotli and
gzip copies made once (cms/http_cache.py), and served again without a query, a serialiser or
a template, until the content changes or `PAGE_CACHE_SECONDS` ends.

The key holds what decides the bytes of an answer:
- the content version (pages/signals.py), so a publish or an edit changes every key at once,
  and no copy outlives the next moment time alone changes an answer (an announcement's
  `valid_until`, an event's start or end);
- scheme, host and path with the whole query string, sorted: the host picks the site whose
  pages are listed, and every URL in the answer is absolute;
- the language of the answer (api/errors.py `api_language`, from `Accept-Language`): it sets
  `Content-Language` (the JSON of a page is the same in both languages), hence
  `Vary: Accept-Language`, with one copy per language we speak, not per header;
- the `Accept` header (DRF answers a browser's `text/html` with its browsable page, which is
  never kept: only `application/json` is).

Never kept: `/api/v1/` (the resident endpoints), the preview (a signed token decides what it
shows), the schema and docs, a request with `Authorization` or a session cookie, `?search=`
(free text: each query would push other answers out), errors, and any answer that sets a
cookie or says `private` or `no-store`. Such JSON is compressed per answer instead, in the
one encoding asked, at a cheap level. `X-Api-Cache: hit | miss | off` says what happened.
A kept answer says `s-maxage` to a shared cache in front when SHARED_CACHE_SECONDS is set
(cms/http_cache.py `share`); a publish purges it there (api/front_cache.py).
Clients asking for the same answer at the same moment (after a publish) make it once: the
others wait for that copy (cms/http_cache.py `RenderGuard`) and get a `hit`.
"""

import re
from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpResponseNotModified
from django.utils.http import parse_http_date_safe

from api.errors import api_language
from api.v2 import conditional
from cms import http_cache
from pages.signals import content_version

CACHED_PATHS = re.compile(r"^/api/v2/(pages|images|documents)/")
UNCACHED_PARAMETERS = {"search"}
KEPT_STATUSES = {200, 301, 302}  # a `find` answers with a redirect to the detail URL
JSON = "application/json"
NOT_MODIFIED_HEADERS = {"content-type", "content-length"}


def is_json(response) -> bool:
    return response.get("Content-Type", "").split(";")[0].strip() == JSON


class ApiCacheMiddleware:
    """Serve the content API's public answers from the shared cache; compress JSON answers.

    Placed inside CorsMiddleware, so CORS headers are added per request to every answer, kept
    or not, and never stored; outside sessions, locale and authentication, which a hit skips.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not CACHED_PATHS.match(request.path_info):
            return self.get_response(request)
        key = self.cache_key(request)
        if key is None:
            return self.process_response(request, self.get_response(request), key)
        entry = http_cache.fresh_entry(key)
        guard = http_cache.RenderGuard(key)
        if entry is None:
            entry = guard.wait()  # another client may be asking for the same answer now
        if entry is not None:
            return self.answer(request, entry, "hit")
        try:
            return self.process_response(request, self.get_response(request), key)
        finally:
            guard.release()

    def cache_key(self, request) -> str | None:
        """Return the cache key for this request, or None when it must not use the cache."""
        if request.method not in ("GET", "HEAD") or not http_cache.timeout():
            return None
        if "HTTP_AUTHORIZATION" in request.META:
            return None
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        if UNCACHED_PARAMETERS & request.GET.keys():
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        query = sorted(request.GET.lists())
        digest = http_cache.cache_digest(
            request.scheme,
            host,
            request.path,
            query,
            api_language(request),
            request.headers.get("Accept", ""),
        )
        return f"api:{content_version()}:{digest}"

    @staticmethod
    def is_public(request, response) -> bool:
        """Return True when `response` is the same for everyone asking the same thing."""
        if response.status_code not in KEPT_STATUSES or response.streaming or response.cookies:
            return False
        if response.status_code == 200 and not is_json(response):
            return False  # the browsable HTML page (it may hold a CSRF token)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return False
        control = response.get("Cache-Control", "").lower()
        return "private" not in control and "no-store" not in control

    def process_response(self, request, response, key):
        if key is None or not self.is_public(request, response):
            if is_json(response) and not response.cookies:
                response = http_cache.compress_answer(request, response)
            if is_json(response) or response.status_code in KEPT_STATUSES:
                response["X-Api-Cache"] = "off"
            return response
        modified = parse_http_date_safe(response.get("Last-Modified", ""))
        entry = http_cache.keep(response, response.get("ETag", ""), modified)
        kept = http_cache.store(key, entry)
        return self.answer(request, entry, "miss" if kept else "off")

    @staticmethod
    def answer(request, entry, state: str):
        """Return the kept answer, or a 304 when the client's copy is current."""
        if entry.etag and entry.status == 200:
            modified = entry.last_modified
            moment = datetime.fromtimestamp(modified, tz=UTC) if modified else None
            if conditional.not_modified(request, entry.etag, moment) is not None:
                response = HttpResponseNotModified()
                for name, value in entry.headers:
                    if name.lower() not in NOT_MODIFIED_HEADERS:
                        response[name] = value
                response["X-Api-Cache"] = state
                if state != "off":
                    http_cache.share(response, entry.expires_at)
                return response
        response = entry.response(request)
        response["X-Api-Cache"] = state
        if state != "off":
            http_cache.share(response, entry.expires_at)
        return response
