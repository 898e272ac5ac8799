"""The cache in front of the app (docs/scale-out.md): what it may keep, and what is purged.

Purges go over HTTP to a small local server that answers `PURGE` as Varnish does and notes
what it got (deploy/varnish/layanan.vcl is tested with a real Varnish in tests/deploy/).
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from tests.complaints.helpers import officer
from tests.factories import AnnouncementPageFactory, ImageFactory, StandardPageFactory
from tests.object_store import free_port

pytestmark = pytest.mark.django_db


class PurgeLog(BaseHTTPRequestHandler):
    def do_PURGE(self):  # noqa: N802 (the HTTP method's name)
        self.server.purged.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def front_cache():
    """A purge target on loopback; the app set to purge it and to send `s-maxage`."""
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), PurgeLog)
    server.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    backend = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=backend, SHARED_CACHE_SECONDS=300):
        yield server.purged
    server.shutdown()
    server.server_close()


def paths(purged) -> set[str]:
    return {path for _host, path in purged}


def test_publishing_purges_the_page_its_listings_home_feeds_and_api(
    site_tree, front_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = AnnouncementPageFactory(parent=site_tree.announcements, slug="jalan-ditutup")

    assert paths(front_cache) >= {
        "/pengumuman/jalan-ditutup/",  # the page (Wagtail's own purge)
        "/pengumuman/",  # its parent's listing
        "/",  # the home page
        "/feed/*",  # every feed of its language
        "/cari/",
        "/sitemap.xml",
        "/api/v2/pages/",
        f"/api/v2/pages/{page.pk}/",
        "/api/v2/pages/find/",
    }
    assert {host for host, _path in front_cache} == {"localhost"}  # the site's own host
    assert "/*" not in paths(front_cache)  # a normal announcement is not on every page


def test_unpublishing_purges_the_same(site_tree, front_cache, django_capture_on_commit_callbacks):
    page = StandardPageFactory(parent=site_tree.home, slug="profil")
    front_cache.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert {"/profil/", "/", f"/api/v2/pages/{page.pk}/"} <= paths(front_cache)


def test_an_emergency_announcement_purges_every_page_also_when_it_stops_being_one(
    site_tree, front_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = AnnouncementPageFactory(parent=site_tree.announcements, urgency="darurat")
    assert "/*" in paths(front_cache)  # its banner is on every page

    front_cache.clear()
    page.urgency = "normal"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert "/*" in paths(front_cache)  # the banner leaves every page


def test_an_image_edit_purges_every_page(
    site_tree, front_cache, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ImageFactory(title="Peta kecamatan")
    assert paths(front_cache) == {"/*"}


def test_nothing_is_purged_after_a_rolled_back_publish(site_tree, front_cache):
    AnnouncementPageFactory(parent=site_tree.announcements)  # never committed in this test
    assert "/pengumuman/" not in paths(front_cache)


def test_public_pages_and_api_answers_tell_shared_caches_to_keep_them(
    site_tree, front_cache, client
):
    # The first render may create settings (a content change): ask until it is kept.
    answers = [client.get("/") for _ in range(3)]
    for answer in answers:
        assert answer.status_code == 200
        control = answer["Cache-Control"]
        assert control.startswith("max-age=0, s-maxage=") and control.endswith("must-revalidate")
        assert 0 < int(control.split("s-maxage=")[1].split(",")[0]) <= 300
    assert answers[-1]["X-Page-Cache"] == "hit"

    api = client.get("/api/v2/pages/", HTTP_ACCEPT="application/json")
    assert "public" in api["Cache-Control"] and "s-maxage=" in api["Cache-Control"]


def test_nothing_personal_and_no_form_is_kept_by_shared_caches(site_tree, front_cache, client):
    form = client.get("/pengaduan/baru/")
    assert "s-maxage" not in form["Cache-Control"] and "private" in form["Cache-Control"]
    tracking = client.get("/api/v1/complaints/ABCD-1234/")
    assert "s-maxage" not in tracking.get("Cache-Control", "")

    client.force_login(officer())
    signed_in = client.get("/")
    assert "s-maxage" not in signed_in["Cache-Control"]
    assert "private" in signed_in["Cache-Control"]


def test_without_a_purge_pages_say_no_cache_as_on_one_server(site_tree, client):
    assert client.get("/")["Cache-Control"] == "no-cache"
