"""Editors check a draft with the admin's preview before publishing it."""

import pytest

from pages.models import HomeFeaturedPage
from tests.factories import (
    AnnouncementPageFactory,
    EventPageFactory,
    GuidePageFactory,
    InfographicPageFactory,
    ServicePageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "factory",
    [
        AnnouncementPageFactory,
        EventPageFactory,
        GuidePageFactory,
        InfographicPageFactory,
        ServicePageFactory,
        StandardPageFactory,
    ],
    ids=lambda factory: factory._meta.model.__name__,
)
def test_draft_of_every_content_page_previews(site_tree, factory):
    page = factory(title="Judul lama")
    page.title = "Judul baru yang belum terbit"
    draft = page.save_revision().as_object()

    response = draft.make_preview_request()

    assert response.status_code == 200
    assert "Judul baru yang belum terbit" in response.content.decode()


@pytest.mark.parametrize(
    "listing", ["announcements", "infographics", "guides", "services", "events"]
)
def test_draft_of_every_listing_previews(site_tree, listing):
    index = getattr(site_tree, listing)
    index.intro = "Pengantar baru yang belum terbit"
    draft = index.save_revision().as_object()

    response = draft.make_preview_request()

    assert response.status_code == 200
    assert "Pengantar baru yang belum terbit" in response.content.decode()


def test_draft_home_page_previews_with_its_new_featured_guide(site_tree):
    guide = GuidePageFactory(title="Cara mengurus surat pindah")
    home = site_tree.home
    home.featured_pages.add(HomeFeaturedPage(page=guide))
    draft = home.save_revision().as_object()

    response = draft.make_preview_request()

    assert response.status_code == 200
    assert "Cara mengurus surat pindah" in response.content.decode()
    assert not HomeFeaturedPage.objects.filter(home=home).exists()  # only in the draft
