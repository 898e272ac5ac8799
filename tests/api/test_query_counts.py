"""The number of queries for a list does not grow with its items or the fields asked."""

import pytest

from tests.factories import (
    AnnouncementPageFactory,
    CategoryFactory,
    EventPageFactory,
    ImageFactory,
    InfographicPageFactory,
)
from tests.utils import count_queries

pytestmark = pytest.mark.django_db

# Wagtail's public-page and site look-ups, the ETag aggregate (which also gives the count) and
# the items: 7. Then one per image field whose renditions are prefetched, and one for the last
# time-dependent change (an announcement expiring, an event ending) when the answer shows one.
# The cache is cleared before the measured request, so it hides nothing: that also counts the
# two queries that say when time alone next changes an answer (pages/signals.py
# `content_boundaries`), made once per content version when an answer is kept (api/cache.py).
BOUNDARY_QUERIES = 2
BASE_QUERIES = 7 + BOUNDARY_QUERIES
LIST_QUERIES = BASE_QUERIES + 1
TIMED_QUERIES = 1


def add_announcements(parent, count):
    category = CategoryFactory(slug="kesehatan")
    for _ in range(count):
        AnnouncementPageFactory(
            parent=parent, listing_image=ImageFactory(), category=category, publish=False, live=True
        )


@pytest.mark.parametrize("count", [1, 50])
@pytest.mark.parametrize(
    "query",
    [
        "?type=pages.AnnouncementPage",
        "?type=pages.AnnouncementPage&fields=*",
        "?type=pages.AnnouncementPage&fields=listing_image,category,is_expired&urgent=false",
    ],
)
def test_announcement_list_queries_are_fixed(client, site_tree, count, query):
    """1 or 50 announcements, a few fields or all of them: the same number of queries."""
    add_announcements(site_tree.announcements, count)

    expected = LIST_QUERIES + TIMED_QUERIES
    assert count_queries(client, f"/api/v2/pages/{query}&limit=50") == expected


@pytest.mark.parametrize("count", [1, 50])
def test_mixed_page_list_queries_are_fixed(client, site_tree, count):
    """The untyped list of every page costs the same for 1 or 50 extra pages."""
    add_announcements(site_tree.announcements, count)

    assert count_queries(client, "/api/v2/pages/?limit=100") == BASE_QUERIES


@pytest.mark.parametrize("count", [1, 50])
def test_infographic_and_event_lists_are_fixed(client, site_tree, count):
    """Infographics with their big image and events cost the same for 1 or 50 items."""
    for _ in range(count):
        InfographicPageFactory(parent=site_tree.infographics, publish=False, live=True)
        EventPageFactory(parent=site_tree.events, publish=False, live=True)

    infographics = "/api/v2/pages/?type=pages.InfographicPage&fields=*&limit=50"
    events = "/api/v2/pages/?type=pages.EventPage&fields=*&upcoming=true&limit=50"
    assert count_queries(client, infographics) == LIST_QUERIES
    assert count_queries(client, events) == BASE_QUERIES + TIMED_QUERIES
