import pytest
from django.core.exceptions import ValidationError

from pages.models import KecamatanSettings


def settings_with(**fields) -> KecamatanSettings:
    return KecamatanSettings(name="Kecamatan Sukamaju", **fields)


@pytest.mark.parametrize("colour", ["not-a-colour", "#12345", "0b5d3b", "#0b5d3g"])
def test_theme_colour_must_be_a_hex_colour(colour):
    """A theme colour that browsers cannot read is refused with a message."""
    with pytest.raises(ValidationError) as error:
        settings_with(theme_color=colour).clean_fields(exclude=["site"])

    assert "theme_color" in error.value.message_dict


@pytest.mark.parametrize("number", ["abc", "08", "+62 812-x"])
def test_whatsapp_number_must_be_digits(number):
    """A WhatsApp number with letters or too few digits is refused."""
    with pytest.raises(ValidationError) as error:
        settings_with(whatsapp=number).clean_fields(exclude=["site"])

    assert "whatsapp" in error.value.message_dict


@pytest.mark.parametrize(
    ("number", "link"),
    [
        ("0812 3456 7890", "https://wa.me/6281234567890"),
        ("+62 812-3456-7890", "https://wa.me/6281234567890"),
        ("6281234567890", "https://wa.me/6281234567890"),
        ("", ""),
    ],
)
def test_whatsapp_link_uses_the_international_form(number, link):
    """wa.me needs 62..., so a local 08... number is rewritten."""
    assert settings_with(whatsapp=number).whatsapp_url == link
