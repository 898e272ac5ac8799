"""Phone numbers are tap-to-call links, written one way (pages/phones.py, issue 16)."""

import pytest
from wagtail.models import Site

from pages.models import KecamatanSettings
from pages.phones import phone_parse
from tests.factories import AnnouncementPageFactory, paragraph
from tests.utils import soup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("written", "shown", "dialled"),
    [
        ("0812-3456-7890", "0812 3456 7890", "tel:+6281234567890"),
        ("6281234567890", "0812 3456 7890", "tel:+6281234567890"),
        ("+62 812 3456 7890", "0812 3456 7890", "tel:+6281234567890"),
        ("(0263) 555 0112", "(0263) 555 0112", "tel:+622635550112"),
        ("0263-5550112", "(0263) 555 0112", "tel:+622635550112"),
        ("021 555 1234", "(021) 555 1234", "tel:+62215551234"),
        ("112", "112", "tel:112"),
    ],
)
def test_every_way_of_writing_a_number_comes_out_one_way(written, shown, dialled):
    phone = phone_parse(written)
    assert (phone.text, phone.tel) == (shown, dialled)


def test_numbers_in_an_announcement_are_tap_to_call(site_tree, client):
    body = (
        "<p>Posko siaga (0263) 555 0112, darurat 112, WhatsApp 0812-3456-7890. "
        'Sudah tertaut: <a href="https://contoh.id">0812 0000 1111</a>. '
        "Tahun 2026, pukul 08.00, RT 02, 12 Mei.</p>"
    )
    page = AnnouncementPageFactory(parent=site_tree.announcements, body=[paragraph(body)])

    prose = soup(client.get(page.url)).select_one("main .prose")
    links = {link.get_text(): link["href"] for link in prose.find_all("a")}

    assert links == {
        "(0263) 555 0112": "tel:+622635550112",
        "112": "tel:112",
        "0812 3456 7890": "tel:+6281234567890",
        "0812 0000 1111": "https://contoh.id",
    }
    assert "pukul 08.00, RT 02, 12 Mei" in prose.get_text()


def test_the_footer_writes_the_settings_numbers_the_same_way(site_tree, client):
    settings = KecamatanSettings.for_site(Site.objects.get(is_default_site=True))
    settings.phone, settings.whatsapp = "(0263) 555-0123", "6281234567890"
    settings.save()

    footer = soup(client.get("/")).find("footer")

    call = footer.find("a", href="tel:+622635550123")
    assert call is not None and call.get_text() == "(0263) 555 0123"
    assert footer.find("a", href="https://wa.me/6281234567890").get_text() == "0812 3456 7890"
