"""Several kecamatan on one install (docs/regency.md): each site shows its own pages only.

A second kecamatan is made the way staff make one (pages.kecamatan_sites, `add_kecamatan`);
each site then gets an emergency announcement and an event of its own, and every public view
that lists pages is asked on both hosts: home, emergency banner, search, feeds, sitemap, the
content API, the app manifest and the pages the installed app keeps.
"""

import datetime
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import Page, Site

from pages.kecamatan_sites import KecamatanSiteError, create_kecamatan_site
from pages.models import AnnouncementIndexPage, AnnouncementPage, EventIndexPage, KecamatanSettings
from pages.sites import in_site
from tests.factories import AnnouncementPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db

OTHER = "cibodas.localhost"


@pytest.fixture
def two_sites(site_tree):
    """The default kecamatan (site_tree, Sukamaju's words) and Cibodas beside it, each with an
    emergency announcement and an upcoming event whose titles name their kecamatan."""
    default = Site.objects.get(is_default_site=True)
    settings = KecamatanSettings.for_site(default)
    settings.name = "Kecamatan Sukamaju"
    settings.save()
    other = create_kecamatan_site("Kecamatan Cibodas", OTHER, regency="Kabupaten Sumber Makmur")
    soon = timezone.now() + datetime.timedelta(days=3)
    for name, index, events in (
        ("Sukamaju", site_tree.announcements, site_tree.events),
        (
            "Cibodas",
            AnnouncementIndexPage.objects.descendant_of(other.root_page).get(
                locale__language_code="id"
            ),
            EventIndexPage.objects.descendant_of(other.root_page).get(locale__language_code="id"),
        ),
    ):
        AnnouncementPageFactory(
            parent=index,
            title=f"Banjir di {name}: warga diminta mengungsi",
            urgency=AnnouncementPage.Urgency.EMERGENCY,
        )
        EventPageFactory(parent=events, title=f"Posyandu keliling {name}", start=soon)
    return default, other


def get(host, path):
    return Client(HTTP_HOST=host).get(path)


def text(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode()


def test_a_new_kecamatan_gets_its_own_tree_settings_and_address(site_tree):
    site = create_kecamatan_site(
        "Kecamatan Cibodas", OTHER, port=8000, regency="Kab. Sumber Makmur"
    )

    assert (site.hostname, site.port, site.site_name) == (OTHER, 8000, "Kecamatan Cibodas")
    home = site.root_page.specific
    listings = {type(page.specific).__name__: page.slug for page in home.get_children()}
    assert listings == {
        "AnnouncementIndexPage": "pengumuman",
        "InfographicIndexPage": "infografis",
        "GuideIndexPage": "panduan",
        "ServiceIndexPage": "layanan",
        "EventIndexPage": "kegiatan",
    }
    titles = [page.title for page in home.get_children().order_by("path")]
    assert titles == ["Pengumuman", "Infografis", "Panduan", "Katalog layanan", "Kegiatan"]
    english = Page.objects.get(translation_key=home.translation_key, locale__language_code="en")
    assert [page.title for page in english.get_children().order_by("path")] == [
        "Announcements",
        "Infographics",
        "Guides",
        "Service catalogue",
        "Events",
    ]
    assert all(page.live for page in Page.objects.descendant_of(home, inclusive=True))
    settings = KecamatanSettings.for_site(site)
    assert (settings.name, settings.regency) == ("Kecamatan Cibodas", "Kab. Sumber Makmur")
    # The first kecamatan is untouched and still the default.
    assert Site.objects.get(is_default_site=True).root_page_id == site_tree.home.pk


def test_bad_or_taken_host_names_are_refused_with_a_reason(site_tree):
    with pytest.raises(KecamatanSiteError, match="bukan nama host"):
        create_kecamatan_site("Kecamatan Cibodas", "cibodas localhost")
    create_kecamatan_site("Kecamatan Cibodas", OTHER)
    with pytest.raises(KecamatanSiteError, match="sudah melayani"):
        create_kecamatan_site("Kecamatan Lain", OTHER)
    with pytest.raises(CommandError, match="sudah melayani"):
        call_command("add_kecamatan", "Kecamatan Lain", OTHER)
    # The refused attempts left no half-made tree behind.
    assert Site.objects.count() == 2
    assert Page.objects.filter(depth=2, locale__language_code="id").count() == 2


def test_add_kecamatan_command_prints_the_new_address(site_tree, capsys):
    call_command("add_kecamatan", "Kecamatan Mekarsari", "mekarsari.localhost", "--port", "8000")
    assert "http://mekarsari.localhost:8000/" in capsys.readouterr().out
    assert Site.objects.filter(hostname="mekarsari.localhost", port=8000).exists()


def test_in_site_keeps_each_sites_pages_in_every_language(two_sites, site_tree_en):
    default, other = two_sites
    announcements = AnnouncementPage.objects.live()
    assert {page.title for page in in_site(announcements, default)} == {
        "Banjir di Sukamaju: warga diminta mengungsi"
    }
    assert {page.title for page in in_site(announcements, other)} == {
        "Banjir di Cibodas: warga diminta mengungsi"
    }
    english_lists = in_site(AnnouncementIndexPage.objects.filter(locale__language_code="en"), other)
    assert [page.title for page in english_lists] == ["Announcements"]
    assert list(in_site(Page.objects.all(), None)) == []


@pytest.mark.parametrize(
    ("host", "own", "other"),
    [("localhost", "Sukamaju", "Cibodas"), (OTHER, "Cibodas", "Sukamaju")],
)
def test_each_site_shows_only_its_own_emergency_home_search_and_feeds(two_sites, host, own, other):
    home = text(get(host, "/"))
    assert f"Banjir di {own}" in home and f"Banjir di {other}" not in home  # banner and lists

    search = text(get(host, "/cari/?q=banjir"))
    assert f"Banjir di {own}" in search and f"Banjir di {other}" not in search

    for feed in ("/feed/pengumuman/", "/feed/pengumuman/atom/"):
        body = text(get(host, feed))
        assert f"Banjir di {own}" in body and f"Banjir di {other}" not in body, feed
    events = text(get(host, "/feed/kegiatan/"))
    assert f"Posyandu keliling {own}" in events and f"Posyandu keliling {other}" not in events

    sitemap = text(get(host, "/sitemap.xml"))
    assert sitemap.count("<loc>") > 5
    other_host = OTHER if host == "localhost" else "localhost"
    assert f"//{other_host}" not in sitemap

    api = get(host, "/api/v2/pages/?type=pages.AnnouncementPage&fields=title").json()
    assert [item["title"] for item in api["items"]] == [f"Banjir di {own}: warga diminta mengungsi"]


def test_each_site_installs_as_its_own_app(two_sites):
    default_manifest = json.loads(text(get("localhost", "/manifest.json")))
    other_manifest = json.loads(text(get(OTHER, "/manifest.json")))
    assert "Cibodas" in other_manifest["name"] and "Cibodas" not in default_manifest["name"]


def test_the_emergency_banner_is_cached_per_site(two_sites):
    """The banner is cached per language and content version; a shared key would show the first
    site's emergency on the second one's pages."""
    first = text(get("localhost", "/pengumuman/"))
    second = text(get(OTHER, "/pengumuman/"))
    assert "Banjir di Sukamaju" in first and "Banjir di Cibodas" not in first
    assert "Banjir di Cibodas" in second and "Banjir di Sukamaju" not in second


def test_the_installed_app_keeps_its_own_sites_pages(two_sites, rf):
    """The worker of each site precaches that site's home and announcement list."""
    from frontend.pwa_views import warm_pages

    assert warm_pages(rf.get("/", HTTP_HOST=OTHER)) == ["/", "/pengumuman/"]
    assert warm_pages(rf.get("/", HTTP_HOST="localhost")) == ["/", "/pengumuman/"]
    # Both lists are the site's own: the same paths, on its own host.
    other_list = AnnouncementIndexPage.objects.get(url_path="/cibodas/pengumuman/")
    assert other_list.get_url(rf.get("/", HTTP_HOST=OTHER)) == "/pengumuman/"


def test_links_stay_on_the_site_that_answers(two_sites, site_tree):
    """With several sites, Wagtail's `page.url` is absolute (http://<the site's host>/...): the
    category link of an announcement must stay relative on its own site."""
    from tests.factories import CategoryFactory

    category = CategoryFactory()
    page = AnnouncementPageFactory(parent=site_tree.announcements, category=category)
    html = text(get("localhost:8000", page.url_path.removeprefix(site_tree.home.url_path[:-1])))
    assert f'href="/pengumuman/?kategori={category.slug}"' in html


def test_a_site_added_by_another_process_does_not_break_its_pages(site_tree):
    """`add_kecamatan` run beside a running server: that server's cached list of site roots
    (local memory, per process, up to an hour) does not know the new tree yet, so its pages
    have no URL there. The language switch used to add a string to that None: a 500 on every
    page of the new kecamatan (found by a fresh-eyes walk)."""
    from django.core.cache import cache
    from wagtail.models.sites import SITE_ROOT_PATHS_CACHE_KEY, SITE_ROOT_PATHS_CACHE_VERSION

    known = Site.get_site_root_paths()  # what the running server had cached
    create_kecamatan_site("Kecamatan Contoh", "contoh.localhost")
    cache.set(SITE_ROOT_PATHS_CACHE_KEY, known, 3600, version=SITE_ROOT_PATHS_CACHE_VERSION)

    for path in ("/", "/pengumuman/"):
        response = get("contoh.localhost", path)
        assert response.status_code == 200, path
