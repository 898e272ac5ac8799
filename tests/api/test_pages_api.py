"""What a client reads from /api/v2/pages/: fields of every page type, filters, locales."""

import datetime

import pytest
from django.utils import timezone

from pages.models import AnnouncementPage
from tests.factories import (
    AnnouncementPageFactory,
    CategoryFactory,
    EventPageFactory,
    GuidePageFactory,
    ImageFactory,
    InfographicPageFactory,
    ServicePageFactory,
    paragraph,
    step,
    translate,
)
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

LIST = "/api/v2/pages/"
ANNOUNCEMENTS = LIST + "?type=pages.AnnouncementPage"


def titles(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_listing_image_comes_as_webp_and_jpeg_renditions(client, site_tree):
    """A listing image is six ready-made renditions with sizes, alt text and absolute URLs."""
    image = ImageFactory(width=1200, height=630, title="Posyandu")
    AnnouncementPageFactory(parent=site_tree.announcements, listing_image=image)

    item = client.get(ANNOUNCEMENTS + "&fields=listing_image").json()["items"][0]

    picture = item["listing_image"]
    assert picture["alt"] == "Posyandu"
    assert (picture["width"], picture["height"]) == (1200, 630)
    for fmt, extension in (("webp", ".webp"), ("jpeg", ".jpg")):
        sizes = [(r["width"], r["height"]) for r in picture["renditions"][fmt]]
        assert sizes == [(320, 168), (640, 336), (1024, 537)]
        urls = [r["url"] for r in picture["renditions"][fmt]]
        assert all(url.startswith("http://testserver/media/") for url in urls)
        assert all(url.endswith(extension) for url in urls)


def test_infographic_image_is_in_renditions_too(client, site_tree):
    """An infographic's own image is served the same way as listing images."""
    InfographicPageFactory(parent=site_tree.infographics)

    item = client.get(LIST + "?type=pages.InfographicPage&fields=image,data_source").json()
    image = item["items"][0]["image"]

    assert image["renditions"]["jpeg"][0]["url"].endswith(".jpg")
    assert item["items"][0]["data_source"] == "BPS Kabupaten"


def test_category_is_slug_and_name_in_the_page_language(client, site_tree, site_tree_en):
    """The category shows as {slug, name}; an English page gets the English name."""
    health = CategoryFactory(slug="kesehatan", name="Kesehatan", name_en="Health")
    page = AnnouncementPageFactory(parent=site_tree.announcements, category=health)
    translate(page, title="Health notice")

    indonesian = client.get(ANNOUNCEMENTS + "&locale=id&fields=category").json()["items"]
    english = client.get(ANNOUNCEMENTS + "&locale=en&fields=category").json()["items"]

    assert indonesian[0]["category"] == {"slug": "kesehatan", "name": "Kesehatan"}
    assert english[0]["category"] == {"slug": "kesehatan", "name": "Health"}
    assert english[0]["title"] == "Health notice"


def test_body_is_structured_json_with_absolute_links(client, site_tree):
    """A body is a list of typed blocks; rich text is HTML whose site links are absolute."""
    link = f'<p>Baca <a linktype="page" id="{site_tree.guides.pk}">panduan</a>.</p>'
    page = AnnouncementPageFactory(
        parent=site_tree.announcements,
        body=[paragraph(link), {"type": "heading", "value": "Jadwal"}],
    )

    body = client.get(f"{LIST}{page.pk}/").json()["body"]

    assert [block["type"] for block in body] == ["paragraph", "heading"]
    assert 'href="http://testserver/panduan/"' in body[0]["value"]
    assert "linktype" not in body[0]["value"]
    assert body[1]["value"] == "Jadwal"


def test_announcement_tells_whether_it_expired(client, site_tree):
    """is_expired is true once valid_until has passed."""
    past = timezone.now() - datetime.timedelta(days=1)
    AnnouncementPageFactory(parent=site_tree.announcements, title="Lama", valid_until=past)
    AnnouncementPageFactory(parent=site_tree.announcements, title="Baru")

    items = client.get(ANNOUNCEMENTS + "&fields=is_expired,valid_until").json()["items"]

    assert {item["title"]: item["is_expired"] for item in items} == {"Lama": True, "Baru": False}


def test_guide_steps_and_service_standard_are_readable(client, site_tree):
    """A guide's steps and a service's standard come as ready-to-show values."""
    guide = GuidePageFactory(parent=site_tree.guides, steps=[step("Datang", "<p>Ke loket</p>")])
    service = ServicePageFactory(parent=site_tree.services)

    guide_json = client.get(f"{LIST}{guide.pk}/").json()
    service_json = client.get(f"{LIST}{service.pk}/").json()

    assert guide_json["steps"][0]["value"]["title"] == "Datang"
    assert guide_json["steps"][0]["value"]["text"] == "<p>Ke loket</p>"
    assert guide_json["requirements"][0]["value"] == "KTP asli"
    assert service_json["requirements"].startswith("<ul><li>Surat pengantar")
    assert service_json["duration"] == "1 hari kerja"
    assert service_json["cost"] == "Gratis"


def test_event_times_and_place(client, site_tree):
    """An event gives its start, end and place."""
    event = EventPageFactory(parent=site_tree.events, place="Balai desa")

    data = client.get(f"{LIST}{event.pk}/").json()

    assert data["place"] == "Balai desa"
    assert data["start"] and data["end"]


def test_lists_are_newest_first_by_display_date(client, site_tree):
    """Without ?order, content comes newest display_date first."""
    for day, title in [(1, "Satu"), (3, "Tiga"), (2, "Dua")]:
        AnnouncementPageFactory(
            parent=site_tree.announcements,
            title=title,
            display_date=datetime.date(2026, 1, day),
            publish=False,
            live=True,
        )

    assert titles(client, ANNOUNCEMENTS) == ["Tiga", "Dua", "Satu"]
    assert titles(client, ANNOUNCEMENTS + "&order=display_date") == ["Satu", "Dua", "Tiga"]


def test_type_filter_keeps_one_kind(client, site_tree):
    """?type keeps the pages of that type only."""
    AnnouncementPageFactory(parent=site_tree.announcements, title="Pengumuman A")
    GuidePageFactory(parent=site_tree.guides, title="Panduan A")

    assert titles(client, LIST + "?type=pages.GuidePage") == ["Panduan A"]


def test_category_filter_by_slug(client, site_tree):
    """?category=<slug> keeps pages of that category."""
    health = CategoryFactory(slug="kesehatan")
    AnnouncementPageFactory(parent=site_tree.announcements, title="Sehat", category=health)
    AnnouncementPageFactory(parent=site_tree.announcements, title="Lain")

    assert titles(client, ANNOUNCEMENTS + "&category=kesehatan") == ["Sehat"]
    assert titles(client, ANNOUNCEMENTS + "&category=tidak-ada") == []


def test_urgent_pinned_and_current_announcements(client, site_tree):
    """?urgent, ?pinned and ?current narrow announcements as their names say."""
    past = timezone.now() - datetime.timedelta(hours=1)
    emergency = AnnouncementPage.Urgency.EMERGENCY
    AnnouncementPageFactory(parent=site_tree.announcements, title="Banjir", urgency=emergency)
    AnnouncementPageFactory(parent=site_tree.announcements, title="Sematan", pinned=True)
    AnnouncementPageFactory(parent=site_tree.announcements, title="Usang", valid_until=past)

    assert titles(client, ANNOUNCEMENTS + "&urgent=true") == ["Banjir"]
    assert titles(client, ANNOUNCEMENTS + "&pinned=true") == ["Sematan"]
    assert sorted(titles(client, ANNOUNCEMENTS + "&current=true")) == ["Banjir", "Sematan"]
    assert titles(client, ANNOUNCEMENTS + "&current=false") == ["Usang"]


def test_upcoming_events_soonest_first(client, site_tree):
    """?upcoming=true lists events not over yet, the soonest first; past ones are left out."""
    now = timezone.now()
    EventPageFactory(parent=site_tree.events, title="Lusa", start=now + datetime.timedelta(days=2))
    EventPageFactory(parent=site_tree.events, title="Besok", start=now + datetime.timedelta(days=1))
    EventPageFactory(
        parent=site_tree.events, title="Kemarin", start=now - datetime.timedelta(days=1)
    )

    assert titles(client, LIST + "?type=pages.EventPage&upcoming=true") == ["Besok", "Lusa"]


def test_locale_filter_separates_languages(client, site_tree, site_tree_en):
    """?locale=en lists English pages only, ?locale=id Indonesian ones."""
    page = AnnouncementPageFactory(parent=site_tree.announcements, title="Pemadaman listrik")
    translate(page, title="Power cut")

    assert titles(client, ANNOUNCEMENTS + "&locale=en") == ["Power cut"]
    assert titles(client, ANNOUNCEMENTS + "&locale=id") == ["Pemadaman listrik"]


def test_search_finds_by_words(client, site_tree):
    """?search= finds pages by the words in them."""
    AnnouncementPageFactory(parent=site_tree.announcements, title="Vaksinasi polio")
    AnnouncementPageFactory(parent=site_tree.announcements, title="Kerja bakti")

    assert titles(client, ANNOUNCEMENTS + "&search=vaksinasi") == ["Vaksinasi polio"]


def test_draft_pages_stay_out(client, site_tree):
    """A draft is neither listed nor served."""
    draft = AnnouncementPageFactory(parent=site_tree.announcements, title="Rahasia", publish=False)

    assert "Rahasia" not in titles(client, ANNOUNCEMENTS)
    assert client.get(f"{LIST}{draft.pk}/").status_code == 404


def test_home_page_gives_hero_quick_links_and_featured(client, site_tree):
    """A client builds the home screen from the home page: hero, quick links, featured cards."""
    home = site_tree.home
    health = CategoryFactory(slug="kesehatan", name="Kesehatan")
    guide = GuidePageFactory(
        parent=site_tree.guides,
        title="Cara membuat KTP",
        summary="Syarat dan langkah.",
        listing_image=ImageFactory(width=1200, height=630),
        category=health,
        display_date=datetime.date(2026, 3, 1),
    )
    home.quick_links = [
        {"type": "link", "value": {"page": site_tree.guides.pk, "url": "", "label": "Panduan"}},
        {"type": "link", "value": {"page": None, "url": "/pengaduan/baru/", "label": "Lapor"}},
        {"type": "link", "value": {"page": None, "url": "https://x.go.id/", "label": "Kab"}},
    ]
    home.featured_pages.create(page=guide)
    home.save_revision().publish()

    data = client.get(f"/api/v2/pages/{home.pk}/").json()

    assert data["hero_title"] == "Layanan Kecamatan Sukamaju"
    guides = site_tree.guides
    # The same addresses as the pages' own meta.detail_url and meta.html_url.
    root = home.get_site().root_url
    assert guide.full_url.startswith(root)
    assert data["quick_links"] == [
        {
            "label": "Panduan",
            "url": guides.full_url,
            "page": {
                "id": guides.pk,
                "title": guides.title,
                "type": "pages.GuideIndexPage",
                "detail_url": f"{root}/api/v2/pages/{guides.pk}/",
            },
        },
        {"label": "Lapor", "url": f"{root}/pengaduan/baru/", "page": None},
        {"label": "Kab", "url": "https://x.go.id/", "page": None},
    ]
    [card] = data["featured_pages"]
    image = card.pop("listing_image")
    assert card == {
        "id": guide.pk,
        "title": "Cara membuat KTP",
        "type": "pages.GuidePage",
        "summary": "Syarat dan langkah.",
        "display_date": "2026-03-01",
        "category": {"slug": "kesehatan", "name": "Kesehatan"},
        "html_url": guide.full_url,
        "detail_url": f"{root}/api/v2/pages/{guide.pk}/",
    }
    assert image["width"] == 1200
    assert [r["width"] for r in image["renditions"]["webp"]] == [320, 640, 1024]
    assert image["renditions"]["jpeg"][0]["url"].startswith("http://testserver/media/")


def test_featured_cards_cost_the_same_for_two_or_six(client, site_tree):
    """The home page's detail makes no query per featured card (no N+1)."""
    home = site_tree.home
    url = f"/api/v2/pages/{home.pk}/"
    counts = []
    for total in (2, 6):
        home.featured_pages.clear()
        for number in range(total):
            factory = GuidePageFactory if number % 2 else InfographicPageFactory
            page = factory(listing_image=ImageFactory(), category=CategoryFactory())
            home.featured_pages.create(page=page)
        home.save_revision().publish()
        assert len(client.get(url).json()["featured_pages"]) == total
        counts.append(count_queries(client, url))

    assert counts[0] == counts[1]


def test_featured_cards_leave_out_unpublished_pages(client, site_tree):
    """A featured guide that was unpublished disappears from the cards, as on the site."""
    home = site_tree.home
    shown_guide = GuidePageFactory(parent=site_tree.guides, title="Tampil")
    hidden_guide = GuidePageFactory(parent=site_tree.guides, title="Ditarik")
    home.featured_pages.create(page=shown_guide)
    home.featured_pages.create(page=hidden_guide)
    home.save_revision().publish()
    hidden_guide.unpublish()

    data = client.get(f"/api/v2/pages/{home.pk}/").json()

    assert [card["title"] for card in data["featured_pages"]] == ["Tampil"]
