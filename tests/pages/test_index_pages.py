"""What every listing (announcements, infographics, guides, services, events) shares."""

import pytest

from pages.models import HomePage
from pages.models.base import PAGE_SIZE
from tests.factories import (
    AnnouncementIndexPageFactory,
    AnnouncementPageFactory,
    CategoryFactory,
    EventIndexPageFactory,
    EventPageFactory,
    GuideIndexPageFactory,
    GuidePageFactory,
    HomePageFactory,
    ImageFactory,
    InfographicIndexPageFactory,
    InfographicPageFactory,
    ServiceIndexPageFactory,
    ServicePageFactory,
    translate,
)
from tests.utils import count_queries, main_links, main_text, soup

pytestmark = pytest.mark.django_db

# (attribute of `site_tree`, factory of the listing, factory of the pages it lists)
LISTINGS = [
    ("announcements", AnnouncementIndexPageFactory, AnnouncementPageFactory),
    ("infographics", InfographicIndexPageFactory, InfographicPageFactory),
    ("guides", GuideIndexPageFactory, GuidePageFactory),
    ("services", ServiceIndexPageFactory, ServicePageFactory),
    ("events", EventIndexPageFactory, EventPageFactory),
]
by_listing = pytest.mark.parametrize(
    "listing, index_factory, child_factory", LISTINGS, ids=[row[0] for row in LISTINGS]
)


@by_listing
def test_listing_can_be_added_only_once_and_only_under_home(
    site_tree, listing, index_factory, child_factory
):
    home = HomePageFactory()  # a second home page, with nothing under it yet
    model = index_factory._meta.model
    assert model.allowed_parent_page_models() == [HomePage]
    assert model.allowed_subpage_models() == [child_factory._meta.model]
    assert model.can_create_at(home)

    index = index_factory(parent=home)

    assert not model.can_create_at(home)
    assert not model.can_create_at(index)


@by_listing
def test_listing_shows_title_intro_and_its_pages(
    client, site_tree, listing, index_factory, child_factory
):
    index = getattr(site_tree, listing)
    child = child_factory()

    response = client.get(index.url)

    assert response.status_code == 200
    assert soup(response).find("h1").get_text(strip=True) == index.title
    assert index.intro in main_text(response)
    assert child.url in main_links(response)


@by_listing
def test_odd_page_numbers_and_unknown_category_give_a_normal_page(
    client, site_tree, listing, index_factory, child_factory
):
    index = getattr(site_tree, listing)
    child = child_factory(category=CategoryFactory())

    for query in [
        {"halaman": "abc"},
        {"halaman": "999"},
        {"halaman": "-1"},
        {"halaman": "0"},
        {"halaman": ""},
        {"kategori": "tidak-ada"},
        {"kategori": "tidak-ada", "halaman": "abc"},
        {"kategori": "\x00"},  # a NUL byte: PostgreSQL refuses it in a query
        {"kategori": "a\x00b"},
        {"kategori": "x" * 500},
    ]:
        response = client.get(index.url, query)
        assert response.status_code == 200, query
        assert child.url in main_links(response), query


@by_listing
def test_category_narrows_the_listing(client, site_tree, listing, index_factory, child_factory):
    index = getattr(site_tree, listing)
    health = CategoryFactory(name="Kesehatan", slug="kesehatan")
    population = CategoryFactory(name="Kependudukan", slug="kependudukan")
    CategoryFactory(name="Pertanian", slug="pertanian")  # used by nothing here
    in_health = child_factory(category=health)
    in_population = child_factory(category=population)

    response = client.get(index.url, {"kategori": "kesehatan"})

    links = main_links(response)
    assert in_health.url in links
    assert in_population.url not in links
    assert "?kategori=kependudukan" in links
    assert "?kategori=pertanian" not in links  # only categories this listing uses


@by_listing
def test_listing_of_one_and_of_fifteen_cost_the_same_queries(
    client, site_tree, listing, index_factory, child_factory
):
    """The listing prefetches listing_image__renditions and joins the category."""
    index = getattr(site_tree, listing)
    child_factory(listing_image=ImageFactory(), category=CategoryFactory())
    one = count_queries(client, index.url)
    for _ in range(14):
        # Live without a revision: the listing reads the same rows, and it is three times faster.
        child_factory(
            listing_image=ImageFactory(), category=CategoryFactory(), publish=False, live=True
        )

    fifteen = count_queries(client, index.url)

    assert fifteen == one


def test_out_of_range_page_shows_the_last_page_and_garbage_the_first(client, site_tree):
    pages = [AnnouncementPageFactory(publish=False, live=True) for _ in range(PAGE_SIZE + 1)]
    oldest, newest = pages[0], pages[-1]  # same display date: the newest row comes first
    url = site_tree.announcements.url

    last = main_links(client.get(url, {"halaman": "999"}))
    first = main_links(client.get(url, {"halaman": "abc"}))

    assert oldest.url in last and newest.url not in last
    assert newest.url in first and oldest.url not in first


def test_next_page_link_keeps_the_category(client, site_tree):
    health = CategoryFactory(slug="kesehatan")
    for _ in range(PAGE_SIZE + 1):
        AnnouncementPageFactory(category=health, publish=False, live=True)

    response = client.get(site_tree.announcements.url, {"kategori": "kesehatan"})

    assert soup(response).find("a", rel="next")["href"] == "?kategori=kesehatan&halaman=2"


def test_english_listing_shows_english_pages_and_category_names(client, site_tree_en, site_tree):
    health = CategoryFactory(name="Kesehatan", name_en="Health", slug="kesehatan")
    page = AnnouncementPageFactory(category=health)
    english = translate(page, title="Free measles shots")

    response = client.get(site_tree_en.announcements.url)

    assert response.status_code == 200
    assert soup(response).html["lang"] == "en"
    links = main_links(response)
    assert english.url in links
    assert page.url not in links
    assert "Health" in main_text(response)
    assert "Kesehatan" not in main_text(response)
