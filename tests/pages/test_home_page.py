import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from pages.models import HomeFeaturedPage, HomePage, StandardPage
from tests.factories import (
    AnnouncementPageFactory,
    CategoryFactory,
    EventPageFactory,
    GuidePageFactory,
    ImageFactory,
    InfographicPageFactory,
    StandardPageFactory,
    translate,
)
from tests.utils import count_queries, main_links, main_text, soup

pytestmark = pytest.mark.django_db


def test_home_page_lives_only_at_the_top_of_the_tree(site_tree):
    root = Page.get_first_root_node()
    about = StandardPageFactory(parent=site_tree.home)
    assert HomePage.can_create_at(root)
    assert not HomePage.can_create_at(site_tree.home)
    assert not HomePage.can_create_at(about)
    assert not HomePage.can_create_at(site_tree.announcements)


def test_home_page_allows_each_list_and_standard_pages_below_it():
    assert {model.__name__ for model in HomePage.allowed_subpage_models()} == {
        "AnnouncementIndexPage",
        "InfographicIndexPage",
        "GuideIndexPage",
        "ServiceIndexPage",
        "EventIndexPage",
        "StandardPage",
    }
    assert StandardPage in HomePage.allowed_subpage_models()


def test_home_page_replaces_the_welcome_page_as_site_root(client, site_tree):
    response = client.get("/")

    assert response.status_code == 200
    assert response.context["page"].specific == site_tree.home
    assert not Page.objects.filter(title__startswith="Welcome").exists()


def test_home_page_shows_hero_and_quick_links(client, site_tree):
    home = site_tree.home
    home.hero_title = "Selamat datang di Kecamatan Sukamaju"
    home.hero_text = "Semua layanan dalam satu tempat."
    home.quick_links = [
        {"type": "link", "value": {"label": "Buat pengaduan", "url": "/pengaduan/baru/"}},
        {"type": "link", "value": {"label": "Panduan", "page": site_tree.guides.pk}},
    ]
    home.save_revision().publish()

    response = client.get("/")

    assert response.status_code == 200
    assert soup(response).find("h1").get_text(strip=True) == home.hero_title
    assert "Semua layanan dalam satu tempat." in main_text(response)
    quick_links = soup(response).select_one("main nav")
    assert [(a.get_text(strip=True), a["href"]) for a in quick_links.find_all("a")] == [
        ("Buat pengaduan", "/pengaduan/baru/"),
        ("Panduan", site_tree.guides.url),
    ]


def test_urgent_and_pinned_announcements_come_first_on_home(client, site_tree):
    today = timezone.localdate()
    newest_normal = AnnouncementPageFactory(title="Normal terbaru", display_date=today)
    pinned = AnnouncementPageFactory(
        title="Disematkan", pinned=True, display_date=today - datetime.timedelta(days=9)
    )
    important = AnnouncementPageFactory(
        title="Penting", urgency="penting", display_date=today - datetime.timedelta(days=5)
    )
    emergency = AnnouncementPageFactory(
        title="Darurat", urgency="darurat", display_date=today - datetime.timedelta(days=30)
    )
    expired = AnnouncementPageFactory(
        title="Kedaluwarsa",
        urgency="darurat",
        valid_until=timezone.now() - datetime.timedelta(hours=1),
    )

    links = main_links(client.get("/"))

    candidates = {p.url for p in (newest_normal, pinned, important, emergency, expired)}
    listed = [link for link in links if link in candidates]
    assert listed == [emergency.url, important.url, pinned.url, newest_normal.url]


def test_home_page_shows_featured_guides_and_upcoming_events(client, site_tree):
    guide = GuidePageFactory(title="Cara mengurus akta kelahiran")
    infographic = InfographicPageFactory()
    HomeFeaturedPage.objects.create(home=site_tree.home, page=guide, sort_order=0)
    HomeFeaturedPage.objects.create(home=site_tree.home, page=infographic, sort_order=1)
    upcoming = EventPageFactory(start=timezone.now() + datetime.timedelta(days=3))
    past = EventPageFactory(start=timezone.now() - datetime.timedelta(days=3))

    links = main_links(client.get("/"))

    assert guide.url in links
    assert infographic.url in links
    assert upcoming.url in links
    assert past.url not in links


def test_home_page_hides_featured_pages_that_were_unpublished(client, site_tree):
    guide = GuidePageFactory()
    HomeFeaturedPage.objects.create(home=site_tree.home, page=guide, sort_order=0)
    guide.unpublish()

    assert guide.url not in main_links(client.get("/"))


def test_home_page_is_never_a_search_result(client, site_tree):
    other = StandardPageFactory(title=f"{site_tree.home.title} warga")

    links = main_links(client.get("/cari/", {"q": site_tree.home.title}))

    assert other.url in links
    assert site_tree.home.url not in links


def test_english_home_page_renders_under_en(client, site_tree_en):
    response = client.get("/en/")

    assert response.status_code == 200
    assert response.context["page"].specific == site_tree_en.home
    assert soup(response).html["lang"] == "en"


def test_announcements_on_home_cost_the_same_queries_for_one_or_nine(client, site_tree):
    AnnouncementPageFactory(
        urgency="darurat", listing_image=ImageFactory(), category=CategoryFactory()
    )
    one = count_queries(client, "/")
    for n in range(8):
        AnnouncementPageFactory(
            urgency="penting" if n % 2 else "normal",
            listing_image=ImageFactory(),
            category=CategoryFactory(),
            publish=False,
            live=True,
        )

    assert count_queries(client, "/") == one


def test_events_on_home_cost_the_same_queries_for_one_or_three(client, site_tree):
    EventPageFactory(listing_image=ImageFactory(), category=CategoryFactory())
    one = count_queries(client, "/")
    for _ in range(2):
        EventPageFactory(
            listing_image=ImageFactory(), category=CategoryFactory(), publish=False, live=True
        )

    assert count_queries(client, "/") == one


def test_featured_pages_on_home_cost_the_same_queries_for_two_or_six(client, site_tree):
    def feature(factory):
        page = factory(
            listing_image=ImageFactory(), category=CategoryFactory(), publish=False, live=True
        )
        HomeFeaturedPage.objects.create(home=site_tree.home, page=page)

    feature(GuidePageFactory)
    feature(InfographicPageFactory)
    two = count_queries(client, "/")
    for factory in [GuidePageFactory, InfographicPageFactory] * 2:
        feature(factory)

    assert count_queries(client, "/") == two


def test_english_home_shows_the_translation_of_a_featured_page(client, site_tree_en, site_tree):
    guide = GuidePageFactory()
    HomeFeaturedPage.objects.create(home=site_tree.home, page=guide)
    HomeFeaturedPage.objects.create(home=site_tree_en.home, page=guide)
    english_guide = translate(guide, title="How to register a birth")

    assert guide.url in main_links(client.get("/"))
    assert english_guide.url in main_links(client.get("/en/"))
    assert guide.url not in main_links(client.get("/en/"))


def test_home_links_to_all_announcements_and_hides_an_empty_latest_list(client, site_tree):
    """With only an urgent announcement, home shows it, no "no announcements" line, a list link."""
    AnnouncementPageFactory(urgency="darurat", valid_until=None)

    response = client.get("/")
    html = soup(response)

    assert site_tree.announcements.url in main_links(response)
    assert html.select_one("#home-latest") is None
