"""Editors preview a draft in another client through a signed, short-lived token."""

import pytest

from api.v2 import preview
from pages.models.home import HomeFeaturedPage
from tests.factories import AnnouncementPageFactory, GuidePageFactory

pytestmark = pytest.mark.django_db

PREVIEW = "/api/v2/preview/"


def test_token_shows_the_latest_draft(client, site_tree):
    """With a token, a client reads the unpublished draft, marked as never to be cached."""
    page = AnnouncementPageFactory(parent=site_tree.announcements, title="Terbit")
    page.title = "Draf baru"
    page.save_revision()

    response = client.get(PREVIEW, {"token": preview.preview_token(page)})

    assert response.status_code == 200
    assert response.json()["title"] == "Draf baru"
    assert response.json()["body"][0]["type"] == "paragraph"
    assert response["Cache-Control"] == "private, no-store"
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["title"] == "Terbit"


def test_never_published_page_can_be_previewed(client, site_tree):
    """A page that was never published can be previewed too."""
    page = AnnouncementPageFactory(parent=site_tree.announcements, title="Baru", publish=False)

    response = client.get(PREVIEW, {"token": preview.preview_token(page)})

    assert response.json()["title"] == "Baru"


@pytest.mark.parametrize("token", ["", "bukan-token", "eyJwYWdlIjoxfQ:forged:sig"])
def test_bad_token_is_refused(client, site_tree, token):
    """A missing or forged token is a 403 in the shared shape."""
    response = client.get(PREVIEW, {"token": token})

    assert response.status_code == 403
    assert set(response.json()) == {"message", "errors"}


def test_expired_token_is_refused(client, site_tree, monkeypatch):
    """A token older than its lifetime no longer works."""
    page = AnnouncementPageFactory(parent=site_tree.announcements)
    token = preview.preview_token(page)
    monkeypatch.setattr(preview, "MAX_AGE", -1)

    assert client.get(PREVIEW, {"token": token}).status_code == 403


def test_editor_gets_a_token_from_the_admin(client, site_tree, superuser):
    """The admin hands an editor a token and the client URL; anonymous visitors get none."""
    page = AnnouncementPageFactory(parent=site_tree.announcements)
    url = f"/admin/api-preview/{page.pk}/"

    assert client.get(url).status_code == 302  # to the login page
    client.force_login(superuser)
    data = client.get(url).json()

    assert data["url"].startswith("http://testserver/api/v2/preview/?token=")
    assert client.get(data["url"]).status_code == 200


def test_edit_page_offers_the_preview_button(client, site_tree, superuser):
    """The page editor's header links to the preview token."""
    page = AnnouncementPageFactory(parent=site_tree.announcements)
    client.force_login(superuser)

    response = client.get(f"/admin/pages/{page.pk}/edit/")

    assert f"/admin/api-preview/{page.pk}/" in response.content.decode()


def test_home_draft_shows_its_featured_cards_and_quick_links(client, site_tree):
    """A home page draft with a newly featured guide previews with that guide's card."""
    home = site_tree.home
    guide = GuidePageFactory(parent=site_tree.guides, title="Panduan baru")
    home.featured_pages.add(HomeFeaturedPage(page=guide))
    home.quick_links = [{"type": "link", "value": {"page": None, "url": "/cari/", "label": "Cari"}}]
    home.save_revision()

    response = client.get(PREVIEW, {"token": preview.preview_token(home)})

    assert response.status_code == 200, response.content
    data = response.json()
    assert [card["title"] for card in data["featured_pages"]] == ["Panduan baru"]
    link = {"label": "Cari", "url": home.get_site().root_url + "/cari/", "page": None}
    assert data["quick_links"] == [link]
    assert client.get(f"/api/v2/pages/{home.pk}/").json()["featured_pages"] == []


def test_preview_does_not_depend_on_the_session(client, site_tree, superuser):
    """The token alone authorises a preview: no session, no Vary: Cookie needed."""
    page = AnnouncementPageFactory(parent=site_tree.announcements, title="Draf")
    token = preview.preview_token(page)

    anonymous = client.get(PREVIEW, {"token": token})
    client.force_login(superuser)
    editor = client.get(PREVIEW, {"token": token})

    assert anonymous.status_code == editor.status_code == 200
    assert anonymous.json() == editor.json()
    assert "cookie" not in anonymous.get("Vary", "").lower()
