import datetime

import pytest

from pages.models import HomePage, InfographicIndexPage, InfographicPage
from tests.factories import ImageFactory, InfographicPageFactory, translate
from tests.utils import main_links, main_text, shown, soup

pytestmark = pytest.mark.django_db


def test_infographic_lives_only_under_infographic_list(site_tree):
    assert InfographicPage.allowed_parent_page_models() == [InfographicIndexPage]
    assert InfographicPage.can_create_at(site_tree.infographics)
    assert not InfographicPage.can_create_at(site_tree.home)
    assert not InfographicPage.can_create_at(site_tree.announcements)


def test_infographic_list_lives_once_under_home(site_tree):
    assert InfographicIndexPage.allowed_parent_page_models() == [HomePage]
    assert not InfographicIndexPage.can_create_at(site_tree.home)  # one exists already


def test_infographic_shows_text_equivalent_source_and_full_size_link(client, site_tree):
    image = ImageFactory(title="Penduduk 2025", width=120, height=300)
    page = InfographicPageFactory(
        title="Jumlah penduduk per desa",
        image=image,
        text_equivalent="<p>Desa Sukamaju 4.210 jiwa, Desa Sukasari 3.118 jiwa.</p>",
        data_source="Disdukcapil Kabupaten",
        data_date=datetime.date(2025, 6, 30),
    )

    response = client.get(page.url)

    assert response.status_code == 200
    text = main_text(response)
    assert "Desa Sukamaju 4.210 jiwa, Desa Sukasari 3.118 jiwa." in text
    assert "Disdukcapil Kabupaten" in text
    assert shown(datetime.date(2025, 6, 30), "j F Y") in text
    full_size = soup(response).find("a", href=image.file.url)
    assert full_size is not None
    assert "120" in full_size.get_text() and "300" in full_size.get_text()
    # The picture itself is a smaller rendition, never the original file.
    assert soup(response).select_one("main picture img")["src"] != image.file.url


def test_infographic_appears_in_infographic_list(client, site_tree):
    page = InfographicPageFactory()

    assert page.url in main_links(client.get(site_tree.infographics.url))


def test_infographic_is_found_by_its_text_equivalent(client, site_tree):
    page = InfographicPageFactory(text_equivalent="<p>Angka stunting turun menjadi 12 persen.</p>")

    assert page.url in main_links(client.get("/cari/", {"q": "stunting"}))


def test_infographic_renders_in_english(client, site_tree_en, site_tree):
    page = InfographicPageFactory()
    english = translate(
        page, title="Population by village", text_equivalent="<p>Sukamaju has 4,210 people.</p>"
    )

    response = client.get(english.url)

    assert response.status_code == 200
    assert soup(response).html["lang"] == "en"
    assert "Sukamaju has 4,210 people." in main_text(response)
    assert soup(response).find("a", href=page.image.file.url) is not None
