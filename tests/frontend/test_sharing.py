"""Pages travel well: share tags and images, structured data, sitemap, robots and feeds."""

import io
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.files.storage import default_storage
from PIL import Image
from wagtail.models import Page, Site

from pages.models import Category, KecamatanSettings
from tests.factories import (
    AnnouncementPageFactory,
    EventPageFactory,
    GuidePageFactory,
    ImageFactory,
    InfographicPageFactory,
    ServicePageFactory,
    translate,
)
from tests.utils import soup

BASE = "http://localhost"  # the default Site of the test tree


def tags(response) -> dict:
    page = soup(response)
    found = {}
    for meta in page.find_all("meta"):
        key = meta.get("property") or meta.get("name")
        if key and (key.startswith("og:") or key.startswith("twitter:")):
            found.setdefault(key, meta["content"])
    found["canonical"] = page.find("link", rel="canonical")["href"]
    return found


def json_ld(response) -> dict:
    script = soup(response).find("script", type="application/ld+json")
    return json.loads(script.string) if script else {}


def image_from_storage(url: str) -> tuple[Image.Image, int]:
    path = url.removeprefix(BASE).removeprefix("/media/")
    with default_storage.open(path) as handle:
        data = handle.read()
    return Image.open(io.BytesIO(data)), len(data)


@pytest.fixture
def photo():
    return ImageFactory(width=2400, height=1600)


@pytest.mark.parametrize(
    ("factory", "og_type", "schema_type"),
    [
        (AnnouncementPageFactory, "article", "NewsArticle"),
        (GuidePageFactory, "article", "HowTo"),
        (EventPageFactory, "website", "Event"),
        (ServicePageFactory, "website", "GovernmentService"),
    ],
)
def test_every_page_type_has_share_tags_and_structured_data(
    site_tree, client, photo, factory, og_type, schema_type
):
    page = factory(summary="Ringkasan untuk dibagikan.", listing_image=photo)
    response = client.get(page.url)
    found = tags(response)
    assert found["og:type"] == og_type
    assert found["og:title"] == page.title
    assert found["og:description"] == "Ringkasan untuk dibagikan."
    assert found["og:url"] == found["canonical"] == f"{BASE}{page.url}"
    # Not translated yet: no alternate locale is claimed.
    assert found["og:locale"] == "id_ID" and "og:locale:alternate" not in found
    assert found["twitter:card"] == "summary_large_image"
    assert found["og:image"].startswith(BASE + "/media/images/")
    image, size = image_from_storage(found["og:image"])
    assert image.format == "JPEG" and image.size == (1200, 630)
    assert size <= 200 * 1024
    assert (found["og:image:width"], found["og:image:height"]) == ("1200", "630")
    data = json_ld(response)
    assert data["@context"] == "https://schema.org" and data["@type"] == schema_type


def test_alternate_locales_are_the_languages_the_page_exists_in(site_tree_en, site_tree, client):
    page = AnnouncementPageFactory(title="Kerja bakti")
    assert "og:locale:alternate" not in tags(client.get(page.url))
    english = translate(page, title="Community work")
    assert tags(client.get(page.url))["og:locale:alternate"] == "en_US"
    found = tags(client.get(english.url))
    assert found["og:locale"] == "en_US" and found["og:locale:alternate"] == "id_ID"


def test_views_share_their_own_title_and_description_and_home_the_kecamatan(site_tree, client):
    """Share previews of the transparency, complaint and install pages say what the page is;
    the home page's preview is the kecamatan, not "Beranda"."""
    for path in ("/transparansi/", "/pengaduan/", "/pasang-aplikasi/", "/privasi/"):
        page = soup(client.get(path))
        found = tags(client.get(path))
        title = page.find("title").get_text()
        description = page.find("meta", attrs={"name": "description"})["content"]
        assert description and found["og:description"] == description, path
        assert found["og:title"] and found["og:title"] in title, path
    home = tags(client.get("/"))
    assert home["og:title"] != "Beranda" and "Kecamatan" in home["og:title"]


def test_infographic_shares_its_own_image(site_tree, client):
    """A source narrower than 1200 px is cropped to the same shape, never blown up."""
    page = InfographicPageFactory(image=ImageFactory(width=720, height=1600))
    found = tags(client.get(page.url))
    image, _size = image_from_storage(found["og:image"])
    assert image.size == (720, 378)
    assert (found["og:image:width"], found["og:image:height"]) == ("720", "378")


def test_structured_data_carries_the_expected_properties(site_tree, client, photo):
    guide = GuidePageFactory(listing_image=photo)
    data = json_ld(client.get(guide.url))
    assert [step["name"] for step in data["step"]] == [
        "Datang ke loket",
        "Serahkan berkas",
        "Terima dokumen",
    ]
    assert data["timeRequired"] == "30 menit" and data["estimatedCost"] == "Gratis"
    event = EventPageFactory()
    data = json_ld(client.get(event.url))
    assert data["startDate"] == event.start.isoformat()
    assert data["location"]["name"] == "Aula kantor kecamatan"
    news = AnnouncementPageFactory()
    data = json_ld(client.get(news.url))
    assert {"headline", "datePublished", "publisher", "image", "mainEntityOfPage"} <= set(data)
    home = json_ld(client.get("/"))
    assert home["@type"] == "GovernmentOrganization"


def test_event_json_ld_gives_a_postal_address_in_the_kecamatan(site_tree, client):
    settings = KecamatanSettings.for_site(Site.objects.get(is_default_site=True))
    settings.name, settings.regency, settings.province = (
        "Kecamatan Sukamaju",
        "Kabupaten Cianjur",
        "Jawa Barat",
    )
    settings.save()
    event = EventPageFactory(place="Aula Kantor Kecamatan, Jl. Raya Sukamaju No. 12")

    location = json_ld(client.get(event.url))["location"]

    assert location["name"] == "Aula Kantor Kecamatan, Jl. Raya Sukamaju No. 12"
    assert location["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Aula Kantor Kecamatan, Jl. Raya Sukamaju No. 12",
        "addressLocality": "Kecamatan Sukamaju, Kabupaten Cianjur",
        "addressRegion": "Jawa Barat",
        "addressCountry": "ID",
    }


def test_page_without_image_gets_a_generated_card(site_tree, client):
    page = AnnouncementPageFactory(listing_image=None, title="Jadwal vaksinasi anak")
    found = tags(client.get(page.url))
    assert found["og:image"] == f"{BASE}/bagikan/kartu/{page.pk}.jpg"
    response = client.get(f"/bagikan/kartu/{page.pk}.jpg")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert not response.cookies
    data = b"".join(response.streaming_content) if response.streaming else response.content
    image = Image.open(io.BytesIO(data))
    assert image.size == (1200, 630) and len(data) <= 200 * 1024
    again = client.get(f"/bagikan/kartu/{page.pk}.jpg", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304 and again["ETag"] == response["ETag"]
    # As HTTP compares them: a proxy's weakened tag and a list of tags are the same copy.
    for header in (f"W/{response['ETag']}", f'"other", {response["ETag"]}', "*"):
        assert (
            client.get(f"/bagikan/kartu/{page.pk}.jpg", HTTP_IF_NONE_MATCH=header).status_code
            == 304
        )
    assert (
        client.get(f"/bagikan/kartu/{page.pk}.jpg", HTTP_IF_NONE_MATCH='"other"').status_code == 200
    )
    gzip = client.get(f"/bagikan/kartu/{page.pk}.jpg", HTTP_ACCEPT_ENCODING="gzip, br")
    assert gzip.status_code == 200


def test_card_of_a_draft_is_not_found(site_tree, client):
    page = AnnouncementPageFactory(live=False, publish=False)
    assert client.get(f"/bagikan/kartu/{page.pk}.jpg").status_code == 404


def test_share_bar_uses_plain_links_and_a_campaign_free_url(site_tree, client):
    page = AnnouncementPageFactory()
    response = client.get(page.url + "?utm_source=wa")
    bar = soup(response).find(attrs={"data-share": True})
    assert bar["data-url"] == f"{BASE}{page.url}"
    hrefs = [a["href"] for a in bar.find_all("a")]
    assert any(href.startswith("https://wa.me/?text=") for href in hrefs)
    assert all("utm_" not in href for href in hrefs)
    page_soup = soup(response)
    scripts = [s.get("src", "") for s in page_soup.find_all("script") if s.get("src")]
    assert all(src.startswith("/static/") for src in scripts)
    assert not page_soup.find("iframe")


def test_sitemap_lists_live_pages_of_both_languages_with_alternates(site_tree, client):
    news = AnnouncementPageFactory(title="Kerja bakti")
    translate(news, title="Community work")
    draft = AnnouncementPageFactory(live=False, publish=False)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    locations = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    assert f"{BASE}{news.url}" in locations
    english = Page.objects.get(translation_key=news.translation_key, locale__language_code="en")
    assert f"{BASE}{english.url}" in locations
    assert f"{BASE}{draft.url}" not in locations if draft.url else True
    entry = next(
        url
        for url in root.findall("s:url", ns)
        if url.find("s:loc", ns).text == f"{BASE}{news.url}"
    )
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall("x:link", ns)}
    assert alternates == {"id": f"{BASE}{news.url}", "en": f"{BASE}{english.url}"}


def test_robots_points_at_the_sitemap_and_keeps_crawlers_out_of_private_paths(site_tree, client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text and "Disallow: /api/" in text
    assert f"Sitemap: {BASE}/sitemap.xml" in text
    # Residents' own pages say noindex, which a crawler reads only where it may fetch, and the
    # English addresses are treated as the Indonesian ones are.
    assert "/pengaduan/" not in text


def test_sitemap_lists_the_public_pages_that_are_not_wagtail_pages(site_tree, client):
    root = ET.fromstring(client.get("/sitemap.xml").content)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    entries = {
        url.find("s:loc", ns).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in root.findall("s:url", ns)
    }
    for path in ("/transparansi/", "/pengaduan/", "/privasi/", "/pasang-aplikasi/"):
        assert entries[f"{BASE}{path}"] == {"id": f"{BASE}{path}", "en": f"{BASE}/en{path}"}
        assert f"{BASE}/en{path}" in entries
        assert client.get(path).status_code == 200


def test_feeds_and_structured_data_give_the_date_the_page_shows(site_tree, client):
    """A page dated back by its editor: the feed, JSON-LD and the page agree, and the feed
    keeps the listing's order (newest display date first); Atom names its author."""
    import datetime

    older = AnnouncementPageFactory(title="Rapat warga", display_date=datetime.date(2026, 3, 2))
    newer = AnnouncementPageFactory(title="Kerja bakti", display_date=datetime.date(2026, 3, 9))
    rss = ET.fromstring(client.get("/feed/pengumuman/").content)
    items = [(i.find("title").text, i.find("pubDate").text) for i in rss.iter("item")]
    assert [title for title, _ in items] == ["Kerja bakti", "Rapat warga"]
    assert items[0][1].startswith("Mon, 09 Mar 2026") and items[1][1].startswith("Mon, 02 Mar 2026")
    atom_ns = "{http://www.w3.org/2005/Atom}"
    atom = ET.fromstring(client.get("/feed/pengumuman/atom/").content)
    assert atom.find(f"{atom_ns}author/{atom_ns}name").text
    published = [e.find(f"{atom_ns}published").text[:10] for e in atom.iter(f"{atom_ns}entry")]
    assert published == ["2026-03-09", "2026-03-02"]
    for page, day in ((older, "2026-03-02"), (newer, "2026-03-09")):
        data = json.loads(
            soup(client.get(page.url)).find("script", type="application/ld+json").string
        )
        assert data["datePublished"].startswith(day)


def test_feeds_are_valid_rss_and_atom_and_filter_by_category(site_tree, client):
    health = Category.objects.create(name="Kesehatan", slug="kesehatan")
    in_health = AnnouncementPageFactory(title="Posyandu balita", category=health)
    other = AnnouncementPageFactory(title="Lomba 17 Agustus")
    rss = ET.fromstring(client.get("/feed/pengumuman/").content)
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    titles = [item.find("title").text for item in rss.iter("item")]
    assert {in_health.title, other.title} <= set(titles)
    first = next(rss.iter("item"))
    assert first.find("link").text.startswith(BASE)
    assert first.find("pubDate") is not None and first.find("guid") is not None
    atom = ET.fromstring(client.get("/feed/pengumuman/atom/").content)
    assert atom.tag == "{http://www.w3.org/2005/Atom}feed"
    assert len(atom.findall("{http://www.w3.org/2005/Atom}entry")) >= 2
    filtered = ET.fromstring(client.get("/feed/pengumuman/kesehatan/").content)
    assert [item.find("title").text for item in filtered.iter("item")] == [in_health.title]
    assert client.get("/feed/pengumuman/tidak-ada/").status_code == 404
    event = EventPageFactory(title="Senam lansia")
    events = ET.fromstring(client.get("/feed/kegiatan/").content)
    assert event.title in [item.find("title").text for item in events.iter("item")]
    head = soup(client.get("/"))
    assert head.find("link", type="application/rss+xml")
