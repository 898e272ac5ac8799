"""HTTP caching of public pages: validators, 304s, the shared page cache and what ends it."""

import datetime
import gzip

import brotli
import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.utils import timezone
from django.utils.http import parse_http_date
from wagtail.models import PageViewRestriction, Site

from frontend.page_cache import PageCacheMiddleware, mark_public
from pages.models import KecamatanSettings
from tests.factories import (
    AnnouncementPageFactory,
    EventPageFactory,
    GuidePageFactory,
    InfographicPageFactory,
    ServicePageFactory,
    StandardPageFactory,
    translate,
)
from tests.utils import main_text, soup

pytestmark = pytest.mark.django_db

DETAIL_FACTORIES = {
    "announcement": AnnouncementPageFactory,
    "infographic": InfographicPageFactory,
    "guide": GuidePageFactory,
    "service": ServicePageFactory,
    "event": EventPageFactory,
    "standard": StandardPageFactory,
}
INDEXES = ["announcements", "infographics", "guides", "services", "events"]


def every_page_url(site_tree) -> dict[str, str]:
    urls = {"home": "/", "search": "/cari/"}
    urls.update({name: getattr(site_tree, name).url for name in INDEXES})
    urls.update({name: factory().url for name, factory in DETAIL_FACTORIES.items()})
    return urls


def warm(client, url):
    """Request `url` until it comes from the cache (the first render may create settings)."""
    for _ in range(3):
        response = client.get(url)
        if response["X-Page-Cache"] == "hit":
            return response
    raise AssertionError(f"{url} never came from the cache: {response['X-Page-Cache']}")


def test_every_page_type_answers_a_conditional_get_with_304(client, site_tree):
    """ETag and Last-Modified on every page type; sending either back gives an empty 304."""
    for name, url in every_page_url(site_tree).items():
        first = client.get(url)
        assert first.status_code == 200, name
        assert first["Cache-Control"] == "no-cache", name
        assert first["ETag"].startswith('W/"'), name
        assert first["Last-Modified"], name

        by_etag = client.get(url, headers={"if-none-match": first["ETag"]})
        assert by_etag.status_code == 304, name
        assert by_etag.content == b"", name
        assert by_etag["ETag"] == first["ETag"], name

        by_date = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
        assert by_date.status_code == 304, name

        stale = client.get(url, headers={"if-none-match": 'W/"old"'})
        assert stale.status_code == 200, name
        assert stale.content == first.content, name


def test_a_cached_page_is_served_without_a_single_query(
    client, site_tree, django_assert_num_queries
):
    """A hit touches neither the database nor the templates, for every page type."""
    for name, url in every_page_url(site_tree).items():
        rendered = warm(client, url)
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response["X-Page-Cache"] == "hit", name
        assert response.content == rendered.content, name
        with django_assert_num_queries(0):
            assert client.get(url, headers={"if-none-match": response["ETag"]}).status_code == 304


def test_head_is_served_from_the_cache_without_a_body(client, site_tree):
    warm(client, "/")

    response = client.head("/")

    assert response["X-Page-Cache"] == "hit"
    assert response.content == b""
    assert int(response["Content-Length"]) > 1000


def test_cached_pages_come_compressed_when_the_browser_accepts_it(client, site_tree):
    """Brotli or gzip, made once when the page is cached; the same page inside."""
    plain = warm(client, "/")

    for encoding, decompress in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        response = client.get("/", headers={"accept-encoding": f"{encoding}, deflate"})
        assert response["Content-Encoding"] == encoding
        assert decompress(response.content) == plain.content
        assert "Accept-Encoding" in response["Vary"]
        assert response["ETag"] == plain["ETag"]


def test_publishing_a_page_refreshes_its_listings_at_once(client, site_tree):
    warm(client, "/")
    warm(client, site_tree.announcements.url)

    page = AnnouncementPageFactory(title="Jadwal vaksinasi baru")

    assert "Jadwal vaksinasi baru" in main_text(client.get("/"))
    assert "Jadwal vaksinasi baru" in main_text(client.get(site_tree.announcements.url))
    assert client.get(page.url).status_code == 200


def test_editing_a_published_page_changes_it_and_its_etag(client, site_tree):
    page = GuidePageFactory(title="Membuat KTP")
    before = warm(client, page.url)

    page.title = "Membuat KTP elektronik"
    page.save_revision().publish()

    after = client.get(page.url, headers={"if-none-match": before["ETag"]})
    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert soup(after).h1.get_text() == "Membuat KTP elektronik"


def test_unpublishing_removes_the_page_and_its_card(client, site_tree):
    page = AnnouncementPageFactory(title="Kerja bakti Minggu")
    warm(client, page.url)
    warm(client, "/")

    page.unpublish()

    assert client.get(page.url).status_code == 404
    assert "Kerja bakti Minggu" not in main_text(client.get("/"))


def test_changing_the_kecamatan_settings_changes_every_cached_page(client, site_tree):
    page = ServicePageFactory()
    warm(client, "/")
    warm(client, page.url)
    settings = KecamatanSettings.for_site(Site.objects.get(is_default_site=True))

    settings.phone = "0265 555 0199"
    settings.save()

    assert "(0265) 555 0199" in client.get("/").content.decode()
    assert "(0265) 555 0199" in client.get(page.url).content.decode()


def test_an_expired_announcement_leaves_cached_pages_on_time(client, site_tree, monkeypatch):
    """Nothing is published when `valid_until` passes: the cache must end there by itself.

    The jump (two minutes) is shorter than PAGE_CACHE_SECONDS, so only the boundary ends it.
    """
    now = timezone.now()
    AnnouncementPageFactory(
        title="Banjir di Sukasari",
        urgency="darurat",
        valid_until=now + datetime.timedelta(minutes=2),
    )
    guide = GuidePageFactory()
    for url in ("/", guide.url, site_tree.announcements.url):
        assert "Banjir di Sukasari" in warm(client, url).content.decode(), url

    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(minutes=2, seconds=1))

    for url in ("/", guide.url, site_tree.announcements.url):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Banjir di Sukasari" not in response.content.decode(), url


def test_an_event_that_starts_moves_out_of_upcoming_on_time(client, site_tree, monkeypatch):
    now = timezone.now()
    EventPageFactory(
        title="Posyandu balita",
        start=now + datetime.timedelta(minutes=1),
        end=now + datetime.timedelta(minutes=3),
    )
    assert "Posyandu balita" in main_text(warm(client, "/"))

    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(minutes=4))

    assert "Posyandu balita" not in main_text(client.get("/"))


def test_a_page_changed_by_time_alone_is_not_modified_since_before(client, site_tree, monkeypatch):
    """An announcement expiring changes the pages with nothing published: Last-Modified moves
    to that moment, so a copy dated before it gets the new page (200), not a 304."""
    now = timezone.now()
    AnnouncementPageFactory(
        title="Pemadaman listrik",
        urgency="darurat",
        valid_until=now + datetime.timedelta(minutes=2),
    )
    guide = GuidePageFactory()
    before = {url: warm(client, url) for url in ("/", guide.url, site_tree.announcements.url)}
    for url, response in before.items():
        dated = client.get(url, headers={"if-modified-since": response["Last-Modified"]})
        assert dated.status_code == 304, url

    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(minutes=3))

    for url, response in before.items():
        after = client.get(url, headers={"if-modified-since": response["Last-Modified"]})
        assert after.status_code == 200, url
        assert "Pemadaman listrik" not in after.content.decode(), url
        moved = parse_http_date(after["Last-Modified"])
        assert moved == int((now + datetime.timedelta(minutes=2)).timestamp()), url
        again = client.get(url, headers={"if-modified-since": after["Last-Modified"]})
        assert again.status_code == 304, url


def test_an_event_starting_moves_last_modified_of_the_home_page(client, site_tree, monkeypatch):
    now = timezone.now()
    EventPageFactory(
        title="Posyandu lansia",
        start=now + datetime.timedelta(minutes=1),
        end=now + datetime.timedelta(hours=3),
    )
    before = warm(client, "/")
    assert "Posyandu lansia" in main_text(before)

    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(minutes=2))

    after = client.get("/", headers={"if-modified-since": before["Last-Modified"]})
    assert after.status_code == 200
    assert parse_http_date(after["Last-Modified"]) == int(
        (now + datetime.timedelta(minutes=1)).timestamp()
    )


def test_last_modified_stays_when_no_boundary_passed(client, site_tree, monkeypatch):
    """Re-rendered later (the cached copy ended), the same page keeps its date: a 304."""
    now = timezone.now()
    AnnouncementPageFactory(valid_until=now + datetime.timedelta(days=2))
    first = warm(client, "/")

    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(hours=1))

    later = client.get("/", headers={"if-modified-since": first["Last-Modified"]})
    assert later.status_code == 304
    assert later["Last-Modified"] == first["Last-Modified"]


def test_anonymous_readers_never_get_a_cookie(client, site_tree):
    urls = [*every_page_url(site_tree).values(), "/cari/?q=ktp", "/tidak-ada/", "/en/"]
    for url in urls:
        for _ in range(2):  # a miss and a hit
            response = client.get(url)
            assert not response.cookies, url
            assert "Set-Cookie" not in response, url


def test_the_language_comes_from_the_url_not_accept_language(client, site_tree_en, site_tree):
    indonesian = client.get("/", headers={"accept-language": "en"})
    english = client.get("/en/", headers={"accept-language": "id"})

    assert soup(indonesian).html["lang"] == "id"
    assert soup(english).html["lang"] == "en"
    for response in (indonesian, english):
        vary = [part.strip().lower() for part in response["Vary"].split(",")]
        assert "accept-language" not in vary
        assert "save-data" in vary
    assert indonesian["ETag"] != english["ETag"]


def test_a_logged_in_editor_is_never_served_or_cached(client, site_tree, superuser):
    warm(client, "/")
    client.force_login(superuser)

    response = client.get("/")

    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]
    assert "ETag" not in response
    assert soup(response).select_one("wagtail-userbar, .wagtail-userbar, #wagtail-userbar")

    client.logout()
    anonymous = client.get("/")
    assert anonymous["X-Page-Cache"] == "hit"
    assert "userbar" not in anonymous.content.decode()


def test_a_restricted_page_is_not_cached(client, site_tree):
    page = GuidePageFactory(title="Khusus perangkat desa")
    PageViewRestriction.objects.create(page=page, restriction_type="login")

    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 302
        assert "X-Page-Cache" not in response


def test_unknown_query_parameters_are_served_uncached(client, site_tree):
    warm(client, "/")

    for _ in range(2):
        response = client.get("/?lihat=semua")
        assert response["X-Page-Cache"] == "off"
        assert response["ETag"]


SHARED = "utm_source=whatsapp&utm_medium=social&fbclid=IwAR0x&gclid=Cj0&_ga=2.1&ref=wa"


def test_a_link_shared_on_social_media_is_a_cache_hit(client, site_tree, django_assert_num_queries):
    """utm_*, fbclid, gclid and the like are not the page's business: same copy, 0 queries."""
    page = AnnouncementPageFactory(parent=site_tree.announcements)
    plain = warm(client, page.url)

    for query in ("utm_source=whatsapp&fbclid=x", SHARED):
        with django_assert_num_queries(0):
            shared = client.get(f"{page.url}?{query}")
        assert shared["X-Page-Cache"] == "hit", query
        assert shared.content == plain.content, query


def test_a_shared_link_renders_the_page_without_its_tracking_parameters(client, site_tree):
    """Rendered first from a shared link, the kept page is the plain page: its canonical link
    and language switch carry no tracking parameter, and the plain URL is then a hit."""
    page = AnnouncementPageFactory(parent=site_tree.announcements)
    warm(client, "/")  # the first render may create the settings, a new content version

    shared = client.get(f"{page.url}?{SHARED}&halaman=1")
    plain = client.get(f"{page.url}?halaman=1")

    assert shared["X-Page-Cache"] == "miss"
    assert plain["X-Page-Cache"] == "hit"
    html = shared.content.decode()
    assert "utm_" not in html and "fbclid" not in html and "gclid" not in html
    canonical = soup(shared).select_one('link[rel="canonical"]')["href"]
    assert canonical.endswith(page.url)


def test_a_tracking_parameter_beside_an_unknown_one_is_still_uncached(client, site_tree):
    warm(client, "/")

    assert client.get("/?utm_source=wa&lihat=semua")["X-Page-Cache"] == "off"


def test_the_ignored_parameters_come_from_settings(client, site_tree, settings):
    settings.PAGE_CACHE_IGNORED_PARAMETERS = ["kampanye", "sumber_*"]
    warm(client, "/")

    assert client.get("/?kampanye=1&sumber_x=2")["X-Page-Cache"] == "hit"
    assert client.get("/?utm_source=wa")["X-Page-Cache"] == "off"


@pytest.fixture
def compressions(monkeypatch):
    """Count every brotli and gzip compression made (the real ones, counted)."""
    made = []
    real_brotli, real_gzip = brotli.compress, gzip.compress

    def counted_brotli(data, *args, **kwargs):
        made.append(("br", kwargs.get("quality")))
        return real_brotli(data, *args, **kwargs)

    def counted_gzip(data, *args, **kwargs):
        made.append(("gzip", kwargs.get("compresslevel")))
        return real_gzip(data, *args, **kwargs)

    monkeypatch.setattr(brotli, "compress", counted_brotli)
    monkeypatch.setattr(gzip, "compress", counted_gzip)
    return made


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_an_uncached_page_is_compressed_once_cheaply(client, site_tree, compressions, encoding):
    """A page not kept compresses only what goes out: one encoding, a cheap level."""
    plain = client.get("/?lihat=semua")
    compressions.clear()

    response = client.get("/?lihat=semua", headers={"accept-encoding": f"{encoding}, deflate"})

    assert response["X-Page-Cache"] == "off"
    assert response["Content-Encoding"] == encoding
    assert len(compressions) == 1
    assert compressions[0][0] == encoding
    assert compressions[0][1] <= 6
    decompress = brotli.decompress if encoding == "br" else gzip.decompress
    assert decompress(response.content) == plain.content


def test_an_uncached_page_for_a_client_without_compression_compresses_nothing(
    client, site_tree, compressions
):
    response = client.get("/?lihat=semua")

    assert response["X-Page-Cache"] == "off"
    assert "Content-Encoding" not in response
    assert compressions == []
    assert "Accept-Encoding" in response["Vary"]


def test_a_filtered_listing_is_cached_apart(client, site_tree):
    warm(client, site_tree.events.url)

    for query in ("?halaman=2", "?waktu=lalu", "?kategori=kesehatan"):
        assert client.get(site_tree.events.url + query)["X-Page-Cache"] == "miss", query
        assert warm(client, site_tree.events.url + query), query


def test_the_first_card_of_a_listing_is_not_lazy(client, site_tree):
    """It is often the largest thing on a phone's first screen (LCP): fetch it at once."""
    from tests.factories import ImageFactory

    for _ in range(3):
        AnnouncementPageFactory(listing_image=ImageFactory())

    images = soup(client.get(site_tree.announcements.url)).select(".card img")

    assert len(images) == 3
    assert not images[0].has_attr("loading")
    assert [img.get("loading") for img in images[1:]] == ["lazy", "lazy"]
    for img in images:
        assert img["width"] and img["height"]


def test_search_with_a_query_is_not_cached(client, site_tree):
    for _ in range(2):
        response = client.get("/cari/?q=ktp")
        assert "X-Page-Cache" not in response


def test_english_pages_are_cached_apart(client, site_tree_en, site_tree):
    page = GuidePageFactory(title="Membuat KTP")
    english = translate(page, title="Getting an ID card")

    assert soup(warm(client, english.url)).h1.get_text() == "Getting an ID card"
    assert soup(warm(client, page.url)).h1.get_text() == "Membuat KTP"


def run_middleware(view, **headers):
    request = RequestFactory().get("/", headers=headers)
    return PageCacheMiddleware(lambda request: view(request))(request)


def test_a_page_using_a_csrf_token_is_private_and_not_cached(site_tree):
    """A form with someone's token must never reach another reader."""

    def view(request):
        mark_public(request)
        return HttpResponse(f"<form>{get_token(request)}</form>")

    for _ in range(2):
        response = run_middleware(view)
        assert "X-Page-Cache" not in response
        assert response["Cache-Control"] == "private, no-cache"
        assert "ETag" not in response


def test_a_response_setting_a_cookie_is_private_and_not_cached(site_tree):
    def view(request):
        mark_public(request)
        response = HttpResponse("<p>Terima kasih</p>")
        response.set_cookie("messages", "x")
        return response

    response = run_middleware(view)

    assert response["Cache-Control"] == "private, no-cache"
    assert "X-Page-Cache" not in response


def test_a_reader_with_pending_messages_skips_the_cache(client, site_tree):
    warm(client, "/")
    client.cookies["messages"] = "pending"

    assert client.get("/")["X-Page-Cache"] == "off"


@pytest.mark.parametrize("url", ["/pengaduan/baru/", "/offline/", "/tidak-ada/"])
def test_pages_not_kept_are_still_sent_compressed(client, site_tree, url):
    """A form (private: it holds a CSRF token), the offline page and a 404 are gzipped per
    answer: the complaint form's 14 KB of HTML cross the network as about 4 KB."""
    plain = client.get(url)

    packed = client.get(url, headers={"accept-encoding": "br, gzip"})

    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert len(packed.content) < len(plain.content) / 2
    assert gzip.decompress(packed.content).decode().count("</html>") == 1
    assert "Content-Encoding" not in plain
