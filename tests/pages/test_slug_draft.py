"""A slug already held by a forgotten draft: the admin says so and links the draft."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from tests.factories import HomePageFactory, StandardPageFactory
from tests.utils import soup

pytestmark = pytest.mark.django_db


def add_standard_page(client, parent, slug):
    url = reverse("wagtailadmin_pages:add", args=["pages", "standardpage", parent.pk])
    data = nested_form_data(
        {
            "title": "Jadwal pelayanan",
            "slug": slug,
            "summary": "Jam buka loket kecamatan.",
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    return client.post(url, data)


def test_a_slug_held_by_a_draft_names_and_links_the_draft(client, superuser):
    home = HomePageFactory(site_root=True)
    draft = StandardPageFactory(parent=home, slug="jadwal-pelayanan", title="Jadwal lama")
    draft.unpublish()  # what the add form leaves behind: never published
    client.force_login(superuser)

    response = add_standard_page(client, home, "jadwal-pelayanan")

    assert response.status_code == 200
    text = response.content.decode()
    assert "Jadwal lama" in text and "draf" in text.lower()
    link = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert soup(response).find("a", href=link, string="Buka draf itu") is not None


def test_a_slug_held_by_a_live_page_keeps_wagtails_message(client, superuser):
    home = HomePageFactory(site_root=True)
    StandardPageFactory(parent=home, slug="jadwal-pelayanan", title="Jadwal lama")
    client.force_login(superuser)

    response = add_standard_page(client, home, "jadwal-pelayanan")

    assert response.status_code == 200
    assert "sudah digunakan" in response.content.decode()
    assert "Buka draf itu" not in response.content.decode()
