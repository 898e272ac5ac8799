"""Site-wide behaviour: health check, error pages, language, skip link."""

import datetime

import pytest
from django.test import Client

from frontend.templatetags.layanan import html_datetime
from pages.models import HomePage
from tests.factories import AnnouncementPageFactory, translate
from tests.utils import main_text, soup

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_in_json(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["status"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_refuses_writes(client):
    assert client.post("/healthz").status_code == 405


def test_unknown_address_gives_a_friendly_indonesian_404(client, site_tree, settings):
    settings.DEBUG = False

    response = client.get("/halaman-yang-tidak-ada/")

    assert response.status_code == 404
    html = soup(response)
    assert html.html["lang"] == "id"
    assert "tidak ditemukan" in main_text(response).lower()
    assert html.find("main").find("a", href="/") is not None  # a way back home


def test_unknown_english_address_gives_an_english_404(client, site_tree_en, settings):
    settings.DEBUG = False

    response = client.get("/en/no-such-page/")

    assert response.status_code == 404
    assert soup(response).html["lang"] == "en"
    assert "not found" in main_text(response).lower()


def test_server_error_gives_a_plain_indonesian_500(site_tree, settings, monkeypatch):
    settings.DEBUG = False

    def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(HomePage, "get_context", broken)

    response = Client(raise_request_exception=False).get("/")

    assert response.status_code == 500
    assert soup(response).html["lang"] == "id"
    assert "terjadi gangguan" in soup(response).get_text().lower()


def test_html_language_follows_the_address(client, site_tree_en):
    assert soup(client.get("/")).html["lang"] == "id"
    assert soup(client.get("/en/")).html["lang"] == "en"


def test_indonesian_stays_the_default_whatever_the_browser_prefers(client, site_tree_en):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert soup(response).html["lang"] == "id"


def test_skip_link_is_first_and_points_at_main(client, site_tree):
    page = AnnouncementPageFactory()

    for url in ["/", page.url, "/cari/"]:
        html = soup(client.get(url))
        first_link = html.body.find("a", href=True)
        assert first_link["href"] == "#main", url
        assert html.find(id="main").name == "main", url


def test_language_switch_links_to_the_translation_of_this_page(client, site_tree_en, site_tree):
    page = AnnouncementPageFactory()
    english = translate(page, title="Road closure")

    on_indonesian = soup(client.get(page.url))
    on_english = soup(client.get(english.url))

    assert on_indonesian.find("a", hreflang="en")["href"] == english.url
    assert on_indonesian.find("a", hreflang="id")["href"] == page.url
    assert on_english.find("a", hreflang="id")["href"] == page.url
    assert on_english.find("a", hreflang="en").get("aria-current") == "true"


def test_language_switch_falls_back_to_the_nearest_translated_ancestor(
    client, site_tree_en, site_tree
):
    """An untranslated announcement links to the English announcement list, not a 404."""
    page = AnnouncementPageFactory()

    html = soup(client.get(page.url))

    # The list, remembering the article (?asal=): pressing ID there returns to it.
    assert html.find("a", hreflang="en")["href"] == (
        f"{site_tree_en.announcements.url}?asal={page.pk}"
    )


def test_language_switch_keeps_the_search_and_the_listing_tab(client, site_tree_en, site_tree):
    """Switching language keeps the search words and the past-events tab."""
    search = soup(client.get("/cari/", {"q": "KTP"}))
    events = soup(client.get(site_tree.events.url, {"waktu": "lalu"}))

    assert search.find("a", hreflang="en")["href"] == "/en/cari/?q=KTP"
    assert events.find("a", hreflang="en")["href"] == site_tree_en.events.url + "?waktu=lalu"


def test_every_page_links_to_the_complaints_and_the_transparency_figures(client, site_tree):
    """The public complaint list and /transparansi/ are one tap away from any page (the
    footer), in Indonesian, not only from a survey."""
    for path in ("/", AnnouncementPageFactory().url):
        footer = soup(client.get(path)).find("footer")
        links = {a["href"]: a.get_text(strip=True) for a in footer.find_all("a")}
        assert links.get("/pengaduan/") == "Pengaduan publik"
        assert links.get("/transparansi/") == "Transparansi: kinerja kecamatan"
        assert "/pengaduan/lacak/" in links and "/pengaduan/baru/" in links


def test_html_datetime_has_whole_seconds_and_the_local_offset(settings):
    """`datetime` attributes follow HTML's syntax: no microseconds (which `|date:'c'` keeps)."""
    settings.TIME_ZONE = "Asia/Jakarta"
    moment = datetime.datetime(2026, 5, 12, 1, 2, 3, 456789, tzinfo=datetime.UTC)

    assert html_datetime(moment) == "2026-05-12T08:02:03+07:00"
    assert html_datetime(None) == ""
