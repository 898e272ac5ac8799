import pytest

from pages.models import HomePage, ServiceIndexPage, ServicePage
from tests.factories import GuidePageFactory, ServicePageFactory, translate
from tests.utils import label, main_links, main_text, soup

pytestmark = pytest.mark.django_db

Group = ServicePage.Group


def test_service_lives_only_under_service_catalogue(site_tree):
    assert ServicePage.allowed_parent_page_models() == [ServiceIndexPage]
    assert ServicePage.can_create_at(site_tree.services)
    assert not ServicePage.can_create_at(site_tree.home)
    assert not ServicePage.can_create_at(site_tree.guides)


def test_service_catalogue_lives_once_under_home(site_tree):
    assert ServiceIndexPage.allowed_parent_page_models() == [HomePage]
    assert not ServiceIndexPage.can_create_at(site_tree.home)  # one exists already


def test_service_page_shows_every_part_of_the_service_standard(client, site_tree):
    page = ServicePageFactory(
        title="Surat keterangan tidak mampu",
        group=Group.NON_LICENSING,
        requirements="<ul><li>Surat pengantar RT/RW</li><li>Fotokopi kartu keluarga</li></ul>",
        procedure="<ol><li>Ambil nomor antrean</li><li>Verifikasi berkas oleh petugas</li></ol>",
        duration="1 hari kerja",
        cost="Gratis",
        product="Surat keterangan tidak mampu (SKTM)",
        complaint_handling="<p>Sampaikan keluhan lewat kotak saran di loket.</p>",
        desk="Loket 3 PATEN",
        contact="0265 123456",
    )

    response = client.get(page.url)

    assert response.status_code == 200
    text = main_text(response)
    for part in [
        label(Group.NON_LICENSING.label),
        "Surat pengantar RT/RW",
        "Fotokopi kartu keluarga",
        "Verifikasi berkas oleh petugas",
        "1 hari kerja",
        "Gratis",
        "Surat keterangan tidak mampu (SKTM)",
        "Sampaikan keluhan lewat kotak saran di loket.",
        "Loket 3 PATEN",
        "(0265) 123 456",  # the contact's number, written the one way and tap-to-call
    ]:
        assert part in text
    assert soup(response).find("main").find("a", href="tel:+62265123456")
    procedure = [li.get_text(strip=True) for li in soup(response).select("main ol li")]
    assert procedure == ["Ambil nomor antrean", "Verifikasi berkas oleh petugas"]


def test_service_page_lists_the_guides_that_explain_it(client, site_tree):
    page = ServicePageFactory()
    guide = GuidePageFactory(title="Panduan SKTM", related_service=page)
    draft = GuidePageFactory(related_service=page, publish=False)

    links = main_links(client.get(page.url))

    assert guide.url in links
    assert draft.url not in links


def test_service_catalogue_groups_then_sorts_by_title(client, site_tree):
    permit = ServicePageFactory(title="Izin keramaian", group=Group.LICENSING)
    letter_b = ServicePageFactory(title="Surat keterangan usaha", group=Group.NON_LICENSING)
    letter_a = ServicePageFactory(title="Legalisir dokumen", group=Group.NON_LICENSING)
    civil = ServicePageFactory(title="Pindah datang", group=Group.CIVIL_REGISTRY)

    links = main_links(client.get(site_tree.services.url))

    listed = [
        link for link in links if link in {p.url for p in (permit, letter_a, letter_b, civil)}
    ]
    # Grouped by the stored group value (adminduk, non-perizinan, perizinan), then by title.
    assert listed == [civil.url, letter_a.url, letter_b.url, permit.url]


def test_service_is_found_by_its_product(client, site_tree):
    page = ServicePageFactory(title="Layanan A", product="Rekomendasi pembuatan SKCK")

    assert page.url in main_links(client.get("/cari/", {"q": "SKCK"}))


def test_service_renders_in_english(client, site_tree_en, site_tree):
    page = ServicePageFactory()
    english = translate(page, title="Certificate of residence", duration="1 working day")

    response = client.get(english.url)

    assert response.status_code == 200
    assert soup(response).html["lang"] == "en"
    assert soup(response).find("h1").get_text(strip=True) == "Certificate of residence"
    assert "1 working day" in main_text(response)


def test_service_lists_only_the_guides_in_its_own_language(client, site_tree_en, site_tree):
    service = ServicePageFactory()
    guide = GuidePageFactory(related_service=service)
    english_service = translate(service, title="Certificate of residence")
    english_guide = translate(guide, title="How to apply")

    indonesian_links = main_links(client.get(service.url))
    english_links = main_links(client.get(english_service.url))

    assert guide.url in indonesian_links
    assert english_guide.url not in indonesian_links
    assert english_guide.url in english_links
