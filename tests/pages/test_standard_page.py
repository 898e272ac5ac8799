import pytest

from pages.models import HomePage, StandardPage
from tests.factories import StandardPageFactory, paragraph, translate
from tests.utils import main_links, main_text, soup

pytestmark = pytest.mark.django_db


def test_standard_page_lives_under_home_or_another_standard_page(site_tree):
    assert set(StandardPage.allowed_parent_page_models()) == {HomePage, StandardPage}
    about = StandardPageFactory(parent=site_tree.home)
    assert StandardPage.can_create_at(site_tree.home)
    assert StandardPage.can_create_at(about)
    assert not StandardPage.can_create_at(site_tree.announcements)
    assert not StandardPage.can_create_at(site_tree.services)


def test_standard_page_shows_its_body(client, site_tree):
    page = StandardPageFactory(
        title="Tentang kami",
        summary="Profil Kecamatan Sukamaju.",
        body=[
            {"type": "heading", "value": "Visi"},
            paragraph("<p>Pelayanan yang cepat, mudah dan ramah.</p>"),
        ],
    )

    response = client.get(page.url)

    assert response.status_code == 200
    assert soup(response).find("h1").get_text(strip=True) == "Tentang kami"
    assert soup(response).select_one("main h2").get_text(strip=True) == "Visi"
    text = main_text(response)
    assert "Profil Kecamatan Sukamaju." in text
    assert "Pelayanan yang cepat, mudah dan ramah." in text


def test_standard_page_in_menu_is_listed_in_the_site_menu(client, site_tree):
    shown_page = StandardPageFactory(title="Kontak", show_in_menus=True)
    hidden_page = StandardPageFactory(title="Kebijakan privasi", show_in_menus=False)

    menu = soup(client.get("/")).select_one("header nav")
    links = [a["href"] for a in menu.find_all("a", href=True)]

    assert shown_page.url in links
    assert hidden_page.url not in links


def test_nested_standard_page_renders(client, site_tree):
    parent = StandardPageFactory(title="Profil")
    child = StandardPageFactory(parent=parent, title="Struktur organisasi")

    assert child.url == f"{parent.url}{child.slug}/"
    assert client.get(child.url).status_code == 200


def test_standard_page_is_found_by_its_body(client, site_tree):
    page = StandardPageFactory(body=[paragraph("<p>Maklumat pelayanan kecamatan.</p>")])

    assert page.url in main_links(client.get("/cari/", {"q": "maklumat"}))


def test_standard_page_renders_in_english(client, site_tree_en, site_tree):
    page = StandardPageFactory()
    english = translate(page, title="About us", body=[paragraph("<p>Fast, friendly service.</p>")])

    response = client.get(english.url)

    assert response.status_code == 200
    assert soup(response).html["lang"] == "en"
    assert "Fast, friendly service." in main_text(response)
