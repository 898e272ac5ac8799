"""The Wagtail admin, as the kecamatan's staff see it."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.factories import AnnouncementIndexPageFactory, HomePageFactory
from tests.utils import soup

pytestmark = pytest.mark.django_db

INDEX_TYPES = [
    "announcementindexpage",
    "infographicindexpage",
    "guideindexpage",
    "serviceindexpage",
    "eventindexpage",
]


def test_admin_is_in_indonesian_without_a_preference(client, superuser):
    client.force_login(superuser)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert soup(response).html["lang"] == "id"
    assert "Dasbor" in response.content.decode()  # Wagtail's id_ID catalogue: "Dashboard"


def test_admin_follows_a_staff_members_language_preference(client, superuser):
    profile = UserProfile.get_for_user(superuser)
    client.force_login(superuser)

    profile.preferred_language = "id"
    profile.save()
    assert "Dasbor" in client.get("/admin/").content.decode()

    profile.preferred_language = "en"
    profile.save()
    english = client.get("/admin/").content.decode()
    assert "Dasbor" not in english
    assert "Dashboard" in english


def test_admin_offers_every_list_and_the_standard_page_under_home(client, superuser, db):
    home = HomePageFactory(site_root=True)
    client.force_login(superuser)

    response = client.get(reverse("wagtailadmin_pages:add_subpage", args=[home.pk]))

    assert response.status_code == 200
    links = {a["href"] for a in soup(response).find_all("a", href=True)}
    for model_name in [*INDEX_TYPES, "standardpage"]:
        assert reverse("wagtailadmin_pages:add", args=["pages", model_name, home.pk]) in links
    add_announcement = reverse(
        "wagtailadmin_pages:add", args=["pages", "announcementpage", home.pk]
    )
    assert add_announcement not in links


def test_admin_stops_offering_a_list_that_already_exists(client, superuser, db):
    home = HomePageFactory(site_root=True)
    AnnouncementIndexPageFactory(parent=home)
    client.force_login(superuser)

    response = client.get(reverse("wagtailadmin_pages:add_subpage", args=[home.pk]))

    links = {a["href"] for a in soup(response).find_all("a", href=True)}
    add_list = reverse("wagtailadmin_pages:add", args=["pages", "announcementindexpage", home.pk])
    add_guides = reverse("wagtailadmin_pages:add", args=["pages", "guideindexpage", home.pk])
    assert add_list not in links
    assert add_guides in links


def test_admin_asks_anonymous_visitors_to_log_in(client, db):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_admin_sends_no_staff_email_hash_to_gravatar(client, superuser):
    """No avatar is fetched from gravatar.com: no third party learns who works in the admin."""
    client.force_login(superuser)

    html = client.get("/admin/").content.decode()

    assert "gravatar.com" not in html
    assert "/static/wagtailadmin/images/default-user-avatar" in html


def test_admin_menu_and_editor_speak_indonesian(client, superuser):
    """Strings Wagtail leaves in English (Reports, Help, More actions) read in Indonesian."""
    home = HomePageFactory(site_root=True)
    index = AnnouncementIndexPageFactory(parent=home)
    client.force_login(superuser)

    dashboard = client.get("/admin/").content.decode()
    add_url = reverse("wagtailadmin_pages:add", args=["pages", "announcementpage", index.pk])
    editor = client.get(add_url).content.decode()

    assert "Laporan" in dashboard and "Reports" not in dashboard
    assert "Bantuan" in dashboard
    assert "Tindakan lainnya" in editor and "More actions" not in editor
    assert "Untuk mesin pencari" in editor
