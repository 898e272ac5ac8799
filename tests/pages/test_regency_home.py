"""The regency's own site (docs/regency.md): the urgent news of every kecamatan and their
directory, read from the kecamatan's sites in a fixed number of queries."""

import datetime

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale, Site

from pages.kecamatan_sites import create_kecamatan_site, create_regency_site
from pages.models import AnnouncementIndexPage, AnnouncementPage
from tests.factories import AnnouncementPageFactory
from tests.pages.test_sites import two_sites  # noqa: F401 (a fixture)
from tests.utils import soup

pytestmark = pytest.mark.django_db

REGENCY = "kabupaten.localhost"


@pytest.fixture
def regency(two_sites):  # noqa: F811 (the imported fixture)
    return create_regency_site("Kabupaten Sumber Makmur", REGENCY, province="Jawa Barat")


def announcements_of(site, language="id"):
    return AnnouncementIndexPage.objects.descendant_of(site.root_page).get(
        locale__language_code=language
    )


def page(path="/"):
    response = Client(HTTP_HOST=REGENCY).get(path)
    assert response.status_code == 200
    return soup(response)


def test_the_regency_home_shows_every_kecamatans_emergency_with_its_name(regency, two_sites):  # noqa: F811
    _default, cibodas = two_sites
    AnnouncementPageFactory(
        parent=announcements_of(cibodas),
        title="Jadwal posyandu bulan ini",
        urgency=AnnouncementPage.Urgency.NORMAL,
    )
    AnnouncementPageFactory(
        parent=announcements_of(cibodas),
        title="Jalan provinsi ditutup sementara",
        urgency=AnnouncementPage.Urgency.IMPORTANT,
    )
    AnnouncementPageFactory(
        parent=announcements_of(cibodas),
        title="Peringatan kemarin yang sudah lewat",
        urgency=AnnouncementPage.Urgency.EMERGENCY,
        valid_until=timezone.now() - datetime.timedelta(hours=1),
    )
    html = page()
    cards = {
        card.select_one(".card__title").get_text(strip=True): card.select_one(
            ".card__source"
        ).get_text(strip=True)
        for card in html.select(".card")
    }
    assert cards == {
        "Banjir di Sukamaju: warga diminta mengungsi": "Kecamatan Sukamaju",
        "Banjir di Cibodas: warga diminta mengungsi": "Kecamatan Cibodas",
        "Jalan provinsi ditutup sementara": "Kecamatan Cibodas",
    }
    titles = [card.get_text(strip=True) for card in html.select(".card__title")]
    assert titles[-1] == "Jalan provinsi ditutup sementara"  # emergencies first
    link = html.find("a", string="Banjir di Cibodas: warga diminta mengungsi")["href"]
    assert link.startswith("http://cibodas.localhost/")  # on the kecamatan's own site


def test_the_directory_links_each_kecamatan_and_not_the_regency(regency, two_sites):  # noqa: F811
    entries = {
        entry.select_one("h3").get_text(strip=True): entry.select_one("a")["href"]
        for entry in page().select(".directory__entry")
    }
    assert entries == {
        "Kecamatan Cibodas": "http://cibodas.localhost/",
        "Kecamatan Sukamaju": "http://localhost/",
    }


def test_the_english_regency_home_links_english_pages_only(regency, two_sites):  # noqa: F811
    assert Locale.objects.filter(language_code="en").exists()
    html = page("/en/")
    assert html.select(".card") == []  # the emergencies exist in Indonesian only
    assert "No kecamatan has an urgent announcement now." in html.get_text()
    hrefs = {a["href"] for a in html.select(".directory__entry a")}
    assert hrefs == {"http://cibodas.localhost/en/", "http://localhost/en/"}


def queries(client) -> int:
    """Return the queries of a GET of the regency home with an empty cache but for Wagtail's
    list of site roots, which it fills with a query per site once an hour (any page of any
    site needs it; tests/pages/test_sites.py)."""
    assert client.get("/").status_code == 200
    cache.clear()
    Site.get_site_root_paths()
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/").status_code == 200
    return len(captured.captured_queries)


def test_more_kecamatan_cost_no_more_queries(regency, two_sites):  # noqa: F811
    client = Client(HTTP_HOST=REGENCY)
    before = queries(client)
    for name in ("Mekarsari", "Cikaret"):
        site = create_kecamatan_site(f"Kecamatan {name}", f"{name.lower()}.localhost")
        AnnouncementPageFactory(
            parent=announcements_of(site),
            title=f"Banjir di {name}",
            urgency=AnnouncementPage.Urgency.EMERGENCY,
        )
    assert queries(client) == before
    assert len(page().select(".directory__entry")) == 4


def test_the_command_makes_the_regency_site_and_refuses_a_taken_host(two_sites):  # noqa: F811
    call_command("add_regency", "Kabupaten Sumber Makmur", REGENCY, "--province", "Jawa Barat")
    assert page().select_one("h1").get_text(strip=True) == "Kabupaten Sumber Makmur"
    with pytest.raises(CommandError, match="sudah melayani sebuah situs"):
        call_command("add_regency", "Kabupaten Lain", REGENCY)


@pytest.mark.parametrize("path", ["/", "/en/", "/manifest.json", "/robots.txt", "/cari/?q=banjir"])
def test_the_regency_site_answers_its_everyday_addresses(regency, path):
    assert Client(HTTP_HOST=REGENCY).get(path).status_code == 200


@pytest.mark.parametrize("path", ["/sitemap.xml", "/feed/pengumuman/"])
def test_the_regency_feeds_and_sitemap_hold_none_of_the_kecamatan_pages(regency, path):
    """The home page shows their urgent news; the regency's own lists stay its own."""
    response = Client(HTTP_HOST=REGENCY).get(path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    assert b"Banjir di" not in body and b"cibodas.localhost" not in body
