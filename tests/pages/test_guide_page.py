import pytest

from pages.models import GuideIndexPage, GuidePage, HomePage
from tests.factories import GuidePageFactory, ServicePageFactory, step, translate
from tests.utils import main_links, main_text, soup

pytestmark = pytest.mark.django_db


def test_guide_lives_only_under_guide_list(site_tree):
    assert GuidePage.allowed_parent_page_models() == [GuideIndexPage]
    assert GuidePage.can_create_at(site_tree.guides)
    assert not GuidePage.can_create_at(site_tree.home)
    assert not GuidePage.can_create_at(site_tree.services)


def test_guide_list_lives_once_under_home(site_tree):
    assert GuideIndexPage.allowed_parent_page_models() == [HomePage]
    assert GuideIndexPage.allowed_subpage_models() == [GuidePage]
    assert not GuideIndexPage.can_create_at(site_tree.home)  # one exists already


def test_guide_shows_requirements_time_cost_and_steps_in_order(client, site_tree):
    page = GuidePageFactory(
        title="Cara membuat KTP elektronik",
        requirements=[
            {"type": "item", "value": "Kartu keluarga asli"},
            {"type": "item", "value": "Surat pengantar RT"},
        ],
        steps=[
            step("Ambil nomor antrean", "<p>Di loket depan.</p>"),
            step("Rekam sidik jari dan foto"),
            step("Ambil KTP tujuh hari kemudian"),
        ],
        estimated_time="45 menit",
        estimated_cost="Gratis",
    )

    response = client.get(page.url)

    assert response.status_code == 200
    html = soup(response)
    step_titles = [li.find("h3").get_text(strip=True) for li in html.select("main ol > li")]
    assert step_titles == [
        "Ambil nomor antrean",
        "Rekam sidik jari dan foto",
        "Ambil KTP tujuh hari kemudian",
    ]
    text = main_text(response)
    assert "Di loket depan." in text
    assert "Kartu keluarga asli" in text
    assert "Surat pengantar RT" in text
    assert "45 menit" in text
    assert "Gratis" in text


def test_guide_links_its_live_service(client, site_tree):
    service = ServicePageFactory(title="Surat keterangan domisili")
    page = GuidePageFactory(related_service=service)

    assert service.url in main_links(client.get(page.url))


def test_guide_hides_a_service_that_was_unpublished(client, site_tree):
    service = ServicePageFactory()
    page = GuidePageFactory(related_service=service)
    service.unpublish()

    assert service.url not in main_links(client.get(page.url))


def test_guide_appears_in_guide_list(client, site_tree):
    page = GuidePageFactory()

    assert page.url in main_links(client.get(site_tree.guides.url))


def test_guide_is_found_by_a_word_from_its_steps(client, site_tree):
    page = GuidePageFactory(steps=[step("Legalisir fotokopi akta kelahiran")])

    assert page.url in main_links(client.get("/cari/", {"q": "legalisir"}))


def test_guide_renders_in_english(client, site_tree_en, site_tree):
    page = GuidePageFactory()
    english = translate(
        page,
        title="How to get an e-KTP",
        steps=[{"type": "step", "value": {"title": "Take a queue number", "text": ""}}],
    )

    response = client.get(english.url)

    assert response.status_code == 200
    assert soup(response).html["lang"] == "en"
    assert soup(response).find("h1").get_text(strip=True) == "How to get an e-KTP"
    assert "Take a queue number" in main_text(response)


def test_english_guide_links_the_english_service(client, site_tree_en, site_tree):
    service = ServicePageFactory()
    guide = GuidePageFactory(related_service=service)
    english_service = translate(service, title="Certificate of residence")
    english_guide = translate(guide, title="How to apply")

    links = main_links(client.get(english_guide.url))

    assert english_service.url in links
    assert service.url not in links
