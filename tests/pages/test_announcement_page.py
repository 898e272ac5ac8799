import datetime

import pytest
from django.utils import timezone

from pages.models import (
    AnnouncementAttachment,
    AnnouncementIndexPage,
    AnnouncementPage,
    GuideIndexPage,
    HomePage,
)
from tests.factories import AnnouncementPageFactory, DocumentFactory, translate
from tests.utils import label, main_links, main_text, shown, soup

pytestmark = pytest.mark.django_db

Urgency = AnnouncementPage.Urgency


def test_announcement_lives_only_under_announcement_list(site_tree):
    assert AnnouncementPage.allowed_parent_page_models() == [AnnouncementIndexPage]
    assert AnnouncementPage.can_create_at(site_tree.announcements)
    assert not AnnouncementPage.can_create_at(site_tree.home)
    assert not AnnouncementPage.can_create_at(site_tree.guides)
    assert AnnouncementPage.allowed_subpage_models() == []


def test_announcement_page_shows_urgency_validity_and_body(client, site_tree):
    valid_until = timezone.now() + datetime.timedelta(days=30)
    page = AnnouncementPageFactory(
        title="Pemadaman listrik terjadwal",
        summary="Listrik padam di Desa Sukamaju hari Sabtu.",
        urgency=Urgency.IMPORTANT,
        valid_until=valid_until,
        body=[{"type": "paragraph", "value": "<p>Pemadaman pukul 08.00 sampai 12.00.</p>"}],
    )

    response = client.get(page.url)

    assert response.status_code == 200
    text = main_text(response)
    assert soup(response).find("h1").get_text(strip=True) == "Pemadaman listrik terjadwal"
    assert "Listrik padam di Desa Sukamaju hari Sabtu." in text
    assert label(Urgency.IMPORTANT.label) in text
    assert shown(valid_until, "j F Y, H:i") in text
    assert "Pemadaman pukul 08.00 sampai 12.00." in text
    assert soup(response).select_one(".notice--expired") is None


def test_expired_announcement_leaves_the_listing(client, site_tree):
    current = AnnouncementPageFactory(valid_until=timezone.now() + datetime.timedelta(hours=1))
    expired = AnnouncementPageFactory(valid_until=timezone.now() - datetime.timedelta(minutes=1))

    links = main_links(client.get(site_tree.announcements.url))

    assert current.url in links
    assert expired.url not in links


def test_expired_announcement_still_renders_and_says_it_expired(client, site_tree):
    valid_until = timezone.now() - datetime.timedelta(days=2)
    page = AnnouncementPageFactory(title="Pendaftaran ditutup", valid_until=valid_until)

    response = client.get(page.url)

    assert response.status_code == 200
    notice = soup(response).select_one(".notice--expired")
    assert notice is not None
    assert shown(valid_until, "j F Y, H:i") in notice.get_text()


def test_announcement_without_end_date_stays_listed(client, site_tree):
    page = AnnouncementPageFactory(valid_until=None)

    assert page.url in main_links(client.get(site_tree.announcements.url))


def test_draft_announcement_is_not_listed(client, site_tree):
    draft = AnnouncementPageFactory(publish=False)

    assert draft.url not in main_links(client.get(site_tree.announcements.url))


def test_attachment_links_to_its_document(client, site_tree):
    page = AnnouncementPageFactory()
    document = DocumentFactory(title="Jadwal pemadaman")
    AnnouncementAttachment.objects.create(page=page, document=document, title="")

    response = client.get(page.url)

    link = soup(response).find("a", href=document.url)
    assert link is not None
    assert link.get_text(strip=True) == "Jadwal pemadaman"


def test_announcement_is_found_by_search(client, site_tree):
    page = AnnouncementPageFactory(title="Vaksinasi campak gratis")

    response = client.get("/cari/", {"q": "campak"})

    assert page.url in main_links(response)


def test_announcement_renders_in_english(client, site_tree_en, site_tree):
    page = AnnouncementPageFactory(urgency=Urgency.IMPORTANT)
    english = translate(page, title="Scheduled power cut")

    response = client.get(english.url)

    assert english.url.startswith("/en/")
    assert response.status_code == 200
    assert soup(response).html["lang"] == "en"
    assert soup(response).find("h1").get_text(strip=True) == "Scheduled power cut"
    assert label(Urgency.IMPORTANT.label, "en") in main_text(response)


def test_announcement_index_is_created_once_under_home(site_tree):
    assert AnnouncementIndexPage.allowed_parent_page_models() == [HomePage]
    assert not AnnouncementIndexPage.can_create_at(site_tree.home)  # one exists already
    assert not AnnouncementIndexPage.can_create_at(site_tree.guides)
    assert not GuideIndexPage.can_create_at(site_tree.announcements)


def test_expired_emergency_no_longer_looks_urgent(client, site_tree):
    """Once expired, a darurat announcement loses its red badge but keeps its expired notice."""
    page = AnnouncementPageFactory(
        urgency="darurat", valid_until=timezone.now() - datetime.timedelta(hours=1)
    )

    html = soup(client.get(page.url))

    assert html.select_one(".badge--darurat") is None
    assert html.select_one(".notice--expired") is not None


def test_detail_page_links_back_to_its_list(client, site_tree):
    """An announcement links back to the announcement list."""
    page = AnnouncementPageFactory()

    assert site_tree.announcements.url in main_links(client.get(page.url))
