"""The emergency banner: every page, every live "darurat" announcement, until it expires."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import AnnouncementPageFactory, GuidePageFactory, translate
from tests.utils import soup

pytestmark = pytest.mark.django_db


def banner_links(response) -> list[str]:
    banner = soup(response).select_one(".urgent-banner")
    return [a["href"] for a in banner.find_all("a", href=True)] if banner else []


def test_live_emergency_shows_as_a_banner_on_other_pages(client, site_tree):
    emergency = AnnouncementPageFactory(title="Banjir di Desa Sukasari", urgency="darurat")
    guide = GuidePageFactory()

    for url in ["/", site_tree.guides.url, guide.url, "/cari/?q=ktp", "/tidak-ada/"]:
        response = client.get(url)
        assert banner_links(response) == [emergency.url], url
        assert "Banjir di Desa Sukasari" in soup(response).select_one(".urgent-banner").get_text()


def test_only_emergencies_become_a_banner(client, site_tree):
    AnnouncementPageFactory(urgency="penting")
    AnnouncementPageFactory(urgency="normal", pinned=True)
    AnnouncementPageFactory(urgency="darurat", publish=False)  # a draft

    assert soup(client.get("/")).select_one(".urgent-banner") is None


def test_banner_disappears_once_the_emergency_expires(client, site_tree, monkeypatch):
    now = timezone.now()
    emergency = AnnouncementPageFactory(
        urgency="darurat", valid_until=now + datetime.timedelta(hours=1)
    )
    assert banner_links(client.get(site_tree.guides.url)) == [emergency.url]

    # Two hours later, with nothing published in between (the banner is cached).
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(hours=2))

    assert banner_links(client.get(site_tree.guides.url)) == []
    assert client.get(emergency.url).status_code == 200


def test_a_new_emergency_shows_at_once_despite_the_cached_banner(client, site_tree):
    assert banner_links(client.get("/")) == []

    emergency = AnnouncementPageFactory(urgency="darurat")

    assert banner_links(client.get("/")) == [emergency.url]


def test_unpublishing_an_emergency_removes_the_banner_at_once(client, site_tree):
    emergency = AnnouncementPageFactory(urgency="darurat")
    assert banner_links(client.get("/")) == [emergency.url]

    emergency.unpublish()

    assert banner_links(client.get("/")) == []


def test_each_language_shows_its_own_emergencies(client, site_tree_en, site_tree):
    emergency = AnnouncementPageFactory(urgency="darurat")
    assert banner_links(client.get("/en/")) == []

    english = translate(emergency, title="Flood in Sukasari")

    assert banner_links(client.get("/en/")) == [english.url]
    assert banner_links(client.get("/")) == [emergency.url]
