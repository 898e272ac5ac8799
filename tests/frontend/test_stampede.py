"""A page or API answer just published, asked for by many readers at once, is rendered once.

The page cache and the content API cache share the guard (cms/http_cache.py `RenderGuard`):
the first request that misses takes a short lock and renders; the others wait (a bounded
time) for its copy. Each test sends readers through the real middleware and the real cache in
threads, released together by a barrier, to a view that counts its renders and takes 200 ms,
as a first render does.
"""

import threading
import time

import pytest
from django.http import HttpResponse, JsonResponse
from django.test import RequestFactory

from api.cache import ApiCacheMiddleware
from cms import http_cache
from frontend.page_cache import PageCacheMiddleware, mark_public
from pages.signals import content_boundaries, content_version

pytestmark = pytest.mark.django_db

READERS = 20
RENDER_SECONDS = 0.2


class CountingView:
    """A page view that takes `seconds` and counts how often it ran."""

    def __init__(self, seconds=RENDER_SECONDS, public=True, api=False):
        self.seconds = seconds
        self.public = public
        self.api = api
        self.renders = 0
        self.lock = threading.Lock()

    def __call__(self, request):
        with self.lock:
            self.renders += 1
        time.sleep(self.seconds)
        if self.api:
            return JsonResponse({"items": ["Pengumuman"] * 100})
        if self.public:
            mark_public(request)
        return HttpResponse("<main>" + "Pengumuman kecamatan. " * 100 + "</main>")


def read_at_once(middleware, path, readers=READERS):
    """Send `readers` GETs of `path` through `middleware` at the same moment; return
    [(cache state, seconds)] in the order they finished."""
    # What the middleware asks of the database (the time boundaries) is cached first, so the
    # threads touch only the cache, as readers of a published page do.
    content_version()
    content_boundaries()
    barrier = threading.Barrier(readers)
    results = []
    errors = []

    def reader():
        request = RequestFactory().get(path)
        try:
            barrier.wait(10)
            started = time.monotonic()
            response = middleware(request)
            state = response.get("X-Page-Cache") or response.get("X-Api-Cache")
            results.append((state, time.monotonic() - started, response.status_code))
        except Exception as error:  # noqa: BLE001 (reported below)
            errors.append(error)

    threads = [threading.Thread(target=reader) for _ in range(readers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors, errors
    assert len(results) == readers
    return results


def test_a_hundred_readers_of_a_page_just_published_make_one_render():
    view = CountingView()

    results = read_at_once(PageCacheMiddleware(view), "/pengumuman/baru/", readers=100)

    assert view.renders == 1
    states = sorted(state for state, _seconds, _status in results)
    assert states == ["hit"] * 99 + ["miss"]
    assert {status for _state, _seconds, status in results} == {200}


def test_readers_of_an_api_answer_just_published_make_one_render():
    view = CountingView(api=True)

    results = read_at_once(ApiCacheMiddleware(view), "/api/v2/pages/?type=pages.AnnouncementPage")

    assert view.renders == 1
    assert sorted(state for state, _seconds, _status in results) == ["hit"] * (READERS - 1) + [
        "miss"
    ]


def test_without_the_wait_every_reader_renders(settings):
    """What the guard prevents: `PAGE_CACHE_RENDER_WAIT_MS = 0` turns it off."""
    settings.PAGE_CACHE_RENDER_WAIT_MS = 0
    view = CountingView()

    read_at_once(PageCacheMiddleware(view), "/pengumuman/baru/")

    assert view.renders == READERS


def test_a_render_slower_than_the_wait_does_not_hold_readers_longer(settings):
    """The wait is bounded: a holder that takes 1.5 s (or died) keeps no one past 300 ms;
    they render by themselves."""
    settings.PAGE_CACHE_RENDER_WAIT_MS = 300
    view = CountingView(seconds=1.5)

    results = read_at_once(PageCacheMiddleware(view), "/pengumuman/baru/", readers=4)

    assert view.renders == 4
    assert max(seconds for _state, seconds, _status in results) < 1.5 + 0.3 + 1.0


def test_a_lock_left_by_a_dead_worker_delays_a_reader_by_the_wait_at_most(settings):
    settings.PAGE_CACHE_RENDER_WAIT_MS = 200
    view = CountingView(seconds=0)
    middleware = PageCacheMiddleware(view)
    key = middleware.cache_key(RequestFactory().get("/pengumuman/baru/"))
    content_boundaries()
    http_cache.cache.add(f"render-lock:{key}", "a worker killed mid-render", 10)

    started = time.monotonic()
    response = middleware(RequestFactory().get("/pengumuman/baru/"))

    assert response["X-Page-Cache"] == "miss"
    assert 0.2 <= time.monotonic() - started < 1.0
    assert view.renders == 1


def test_an_answer_that_is_not_kept_does_not_make_readers_wait():
    """A page that is never cached (a form with a token, an error) is rendered by each reader
    at once after the first: the first render leaves a short "not kept" mark."""
    view = CountingView(public=False)
    middleware = PageCacheMiddleware(view)
    content_boundaries()
    middleware(RequestFactory().get("/pengaduan/baru/"))

    results = read_at_once(middleware, "/pengaduan/baru/", readers=4)

    assert view.renders == 5
    # Rendered side by side, not one after another (4 x 200 ms).
    assert max(seconds for _state, seconds, _status in results) < 4 * RENDER_SECONDS


def test_a_miss_leaves_no_lock_behind():
    view = CountingView(seconds=0)
    middleware = PageCacheMiddleware(view)
    content_boundaries()
    request = RequestFactory().get("/pengumuman/baru/")
    key = middleware.cache_key(request)

    assert middleware(request)["X-Page-Cache"] == "miss"

    assert http_cache.cache.get(f"render-lock:{key}") is None
    assert middleware(RequestFactory().get("/pengumuman/baru/"))["X-Page-Cache"] == "hit"
