"""English is the second language: an /en/ page says in English what Indonesian pages say in
Indonesian, also where the words come from settings or from an image shared by both."""

import pytest
from wagtail.models import Site

from pages.models import KecamatanSettings
from tests.factories import AnnouncementPageFactory, EventPageFactory, ImageFactory, translate
from tests.utils import soup

HOURS_ID = "Senin–Kamis: 08.00–15.30 WIB\nJumat: 08.00–11.30 WIB"
HOURS_EN = "Monday to Thursday: 08:00–15:30 WIB\nFriday: 08:00–11:30 WIB"


def footer_hours(response) -> list[str]:
    section = soup(response).find(id="footer-hours").find_parent("section")
    return [item.get_text(strip=True) for item in section.find_all("li")]


def set_hours(**fields):
    settings = KecamatanSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()


def test_office_hours_are_in_english_on_english_pages(client, site_tree, site_tree_en):
    set_hours(office_hours=HOURS_ID, office_hours_en=HOURS_EN)

    assert footer_hours(client.get("/en/")) == HOURS_EN.splitlines()
    assert footer_hours(client.get("/")) == HOURS_ID.splitlines()


def test_office_hours_without_english_stay_the_indonesian_ones(client, site_tree, site_tree_en):
    """A kecamatan that has not written them in English still shows its hours."""
    set_hours(office_hours=HOURS_ID, office_hours_en="")

    assert footer_hours(client.get("/en/")) == HOURS_ID.splitlines()


@pytest.mark.parametrize("factory", [AnnouncementPageFactory, EventPageFactory])
def test_the_english_page_describes_its_image_in_english(client, site_tree, site_tree_en, factory):
    """The image (and its Indonesian description) is shared; the alt text is the page's own."""
    image = ImageFactory(description="Kartu bertuliskan Pemerintahan")
    page = factory(listing_image=image)
    english = translate(page, listing_image_alt="A card reading Pemerintahan (Government)")

    english_page = soup(client.get(english.url))
    indonesian_page = soup(client.get(page.url))

    assert english_page.select_one(".hero img")["alt"] == "A card reading Pemerintahan (Government)"
    assert english_page.find("meta", property="og:image:alt")["content"] == (
        "A card reading Pemerintahan (Government)"
    )
    assert indonesian_page.select_one(".hero img")["alt"] == "Kartu bertuliskan Pemerintahan"
