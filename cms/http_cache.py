"""Kept answers for the two faces: the page cache (frontend/) and the content API cache (api/).

What both share, so neither imports the other: a kept answer with its compressed copies made
once (`CachedAnswer`, `keep`), compression per answer of what is not kept (`compress_answer`:
only the one encoding the client takes, at a level that costs a few milliseconds), how long a
copy may be served (`seconds_to_keep`: never past the next moment time alone changes content,
pages/signals.py), what a shared cache in front may keep (`share`), the `Last-Modified` of
content (`content_last_modified`), and the guard against a stampede (`RenderGuard`): when a
page or an answer is not in the cache (just published, or its copy just ended), one request
renders it while the others asking for the same key wait a bounded time for that copy
instead of each rendering it again.

Keys hold the content version (pages/signals.py `content_version`): a publish, an edit of an
image, a document, a category, the kecamatan's settings or a site, a page's or a collection's
privacy, moves every key at once, so nothing stale is ever served after such a change.
"""

import gzip
import hashlib
import secrets
import time
from dataclasses import dataclass, field

import brotli
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

from pages.signals import content_changed_at, last_content_boundary, next_content_boundary

# Kept copies are made once per content version, so the smallest output is worth its time;
# an answer compressed for one reader only gets a level that costs a few milliseconds.
KEPT_LEVELS = {"br": 11, "gzip": 9}
ONCE_LEVELS = {"br": 5, "gzip": 6}
ENCODINGS = ("br", "gzip")  # in order of preference when the client takes both
MIN_COMPRESS_BYTES = 512
# Not replayed from the cache: recomputed per answer, or never to be shared.
UNSTORED_HEADERS = {"set-cookie", "content-length", "content-encoding", "vary", "date"}
# The render lock ends by itself after this long, should its holder die (a killed worker).
RENDER_LOCK_SECONDS = 10
# Left in the lock's place when the render was not kept (a form, an error, stand-in images),
# so the next readers of that URL render at once instead of waiting for a copy never made.
NOT_KEPT = "not-kept"
NOT_KEPT_SECONDS = 2


def compress(body: bytes, encoding: str, *, kept: bool) -> bytes:
    """Return `body` in `encoding` ("br" or "gzip"): smallest when `kept`, else cheap."""
    level = (KEPT_LEVELS if kept else ONCE_LEVELS)[encoding]
    if encoding == "br":
        return brotli.compress(body, quality=level)
    return gzip.compress(body, compresslevel=level, mtime=0)


def accepted_encodings(request) -> set[str]:
    """Return the content codings the client named in Accept-Encoding (q=0 refuses one)."""
    accepted = set()
    for part in request.headers.get("Accept-Encoding", "").split(","):
        name, _semicolon, params = part.partition(";")
        quality = params.strip().lower().replace(" ", "")
        if quality in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            continue
        accepted.add(name.strip().lower())
    return accepted


def preferred_encoding(request, available) -> str:
    """Return the best of `available` the client takes, else "identity"."""
    accepted = accepted_encodings(request)
    for encoding in ENCODINGS:
        if encoding in accepted and encoding in available:
            return encoding
    return "identity"


def cache_digest(*parts) -> str:
    """Return a short hash of what decides an answer (a key, not a secret)."""
    text = "\n".join(str(part) for part in parts)
    return hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


@dataclass
class CachedAnswer:
    status: int
    headers: list[tuple[str, str]]
    bodies: dict[str, bytes] = field(default_factory=dict)  # encoding ("identity", ...) -> bytes
    etag: str = ""
    last_modified: float | None = None  # epoch seconds
    expires_at: float = 0.0  # epoch seconds; never served after this

    def fresh(self) -> bool:
        return self.expires_at > timezone.now().timestamp()

    def response(self, request) -> HttpResponse:
        encoding = preferred_encoding(request, self.bodies)
        body = self.bodies[encoding]
        response = HttpResponse(b"" if request.method == "HEAD" else body, status=self.status)
        for name, value in self.headers:
            response[name] = value
        response["Content-Length"] = str(len(body))
        if encoding != "identity":
            response["Content-Encoding"] = encoding
            weaken_etag(response)
        return response

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


def fresh_entry(key: str) -> CachedAnswer | None:
    """Return the kept answer under `key` if it may still be served, else None."""
    entry = cache.get(key)
    if entry is not None and entry.fresh():
        return entry
    return None


class RenderGuard:
    """One render per key at a time: the others wait for its copy (a bounded wait).

    On a miss, `wait()` takes the key's render lock (`cache.add`, atomic in local memory and
    in Redis) and returns None: this request renders, stores its copy and calls `release()`.
    A request that finds the lock taken polls the cache for the copy and returns it as soon
    as it is there; it renders by itself when the holder released the lock without keeping
    a copy, when the lock is gone or unreadable (the cache down: nothing to wait for), or
    after `PAGE_CACHE_RENDER_WAIT_MS` (a slow or dead holder never holds anyone for longer).
    With local memory the lock is per worker process; with Redis it is shared by all.
    """

    def __init__(self, key: str):
        self.key = key
        self.lock = f"render-lock:{key}"
        self.token = None

    def wait(self) -> CachedAnswer | None:
        """Return a copy another request rendered meanwhile, or None: render it yourself."""
        wait_ms = getattr(settings, "PAGE_CACHE_RENDER_WAIT_MS", 0)
        if wait_ms <= 0:
            return None
        token = secrets.token_hex(8)
        if cache.add(self.lock, token, RENDER_LOCK_SECONDS):
            self.token = token
            return None
        deadline = time.monotonic() + wait_ms / 1000
        pause = 0.005
        while True:
            holder = cache.get(self.lock)
            entry = fresh_entry(self.key)
            if entry is not None:
                return entry
            if holder in (None, NOT_KEPT) or time.monotonic() >= deadline:
                return None
            time.sleep(min(pause, max(deadline - time.monotonic(), 0)))
            pause = min(pause * 2, 0.05)

    def release(self) -> None:
        """End this request's render: free the lock, or mark the key not kept for a moment."""
        if self.token is None:
            return
        self.token, token = None, self.token
        if cache.get(self.lock) != token:
            return  # the lock ended and another request took it
        if cache.has_key(self.key):
            cache.delete(self.lock)
        else:
            cache.set(self.lock, NOT_KEPT, NOT_KEPT_SECONDS)


def keep(response, etag: str = "", last_modified: float | None = None) -> CachedAnswer:
    """Return `response` as a kept answer, with its brotli and gzip copies made once."""
    body = response.content
    bodies = {"identity": body}
    if len(body) >= MIN_COMPRESS_BYTES:
        for encoding in ENCODINGS:
            bodies[encoding] = compress(body, encoding, kept=True)
        patch_vary_headers(response, ("Accept-Encoding",))
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS
    ]
    if response.get("Vary"):
        headers.append(("Vary", response["Vary"]))
    return CachedAnswer(
        status=response.status_code,
        headers=headers,
        bodies=bodies,
        etag=etag,
        last_modified=last_modified,
    )


def compress_answer(request, response):
    """Compress an answer that is not kept, in the one encoding this client takes, once.

    Not for answers carrying a secret next to what a client sends (a CSRF token): those go
    through Django's GZipMiddleware, which pads against BREACH.
    """
    if response.streaming or response.has_header("Content-Encoding"):
        return response
    body = response.content
    if len(body) < MIN_COMPRESS_BYTES:
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    encoding = preferred_encoding(request, ENCODINGS)
    if encoding == "identity":
        return response
    response.content = compress(body, encoding, kept=False)
    response["Content-Length"] = str(len(response.content))
    response["Content-Encoding"] = encoding
    weaken_etag(response)
    return response


def weaken_etag(response) -> None:
    """Mark a strong ETag weak on a compressed answer: same entity, other bytes (as Django's
    GZipMiddleware does); conditional GETs compare weakly, so either form still matches."""
    if response.get("ETag", "").startswith('"'):
        response["ETag"] = "W/" + response["ETag"]


def timeout() -> int:
    """Return the longest a kept answer lives (`PAGE_CACHE_SECONDS`; 0 turns caching off)."""
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def seconds_to_keep() -> int:
    """Return how long an answer made now may be served: until the next time boundary."""
    seconds = timeout()
    boundary = next_content_boundary()
    if boundary is not None:
        seconds = min(seconds, int((boundary - timezone.now()).total_seconds()))
    return seconds


def store(key: str, entry: CachedAnswer) -> bool:
    """Keep `entry` under `key` until the next time boundary; return False when it may not."""
    seconds = seconds_to_keep()
    if seconds <= 0:
        return False
    entry.expires_at = timezone.now().timestamp() + seconds
    cache.set(key, entry, seconds)
    return True


def share(response, expires_at: float) -> None:
    """Let shared caches (Varnish, a CDN) keep a public answer until the app's own copy ends,
    at most SHARED_CACHE_SECONDS: `s-maxage`, while browsers still ask each time (`max-age=0`).

    Only for an answer the same for every anonymous reader, that the app keeps itself (so a
    publish purges it: frontend/front_cache.py); never one with a cookie, a CSRF token or a
    signed-in user (those are never kept).
    """
    limit = getattr(settings, "SHARED_CACHE_SECONDS", 0)
    seconds = min(limit, int(expires_at - timezone.now().timestamp()))
    if seconds <= 0:
        return
    if response.get("Cache-Control", "no-cache") == "no-cache":  # a page: browsers ask each time
        response["Cache-Control"] = f"max-age=0, s-maxage={seconds}, must-revalidate"
    else:  # an API answer keeps what it tells browsers (`public, max-age=60`)
        patch_cache_control(response, s_maxage=seconds)


def content_last_modified() -> int:
    """Return when content last changed, in epoch seconds, stable across re-renders.

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
