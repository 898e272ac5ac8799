"""The language switch on a page that has no translation yet (issue 16)."""

import pytest

from tests.factories import AnnouncementPageFactory
from tests.utils import soup

pytestmark = pytest.mark.django_db


def switch(response) -> dict[str, str]:
    return {link["hreflang"]: link["href"] for link in soup(response).select(".lang-switch a")}


def test_english_and_back_returns_to_the_untranslated_article(site_tree, site_tree_en, client):
    article = AnnouncementPageFactory(parent=site_tree.announcements, title="Jadwal posyandu")

    english = switch(client.get(article.url))["en"]
    assert english.startswith(site_tree_en.announcements.url)  # the nearest English page

    back = switch(client.get(english))["id"]
    assert back == article.url  # the article, not the Indonesian list


def test_a_made_up_origin_changes_nothing(site_tree, site_tree_en, client):
    links = switch(client.get(site_tree_en.announcements.url + "?asal=999999"))
    assert links["id"] == site_tree.announcements.url + "?asal=999999"
    links = switch(client.get(site_tree_en.announcements.url + "?asal=1%27"))
    assert links["id"].startswith(site_tree.announcements.url)
