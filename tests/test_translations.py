from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = [
    ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po",  # our own strings
    ROOT / "locale-admin" / "id" / "LC_MESSAGES" / "django.po",  # Wagtail's admin gaps
]


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=["project", "admin"])
def test_indonesian_catalogue_is_complete(catalogue):
    """Every string of the catalogue has an Indonesian translation that is not marked fuzzy."""
    po = polib.pofile(str(catalogue))

    assert len(po) > 100
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []


@pytest.mark.parametrize(
    ("english", "indonesian"),
    [
        ("Page not found", "Halaman tidak ditemukan"),
        ("Attachments", "Lampiran"),
        ("Steps", "Langkah-langkah"),
    ],
)
def test_interface_speaks_indonesian_by_default(english, indonesian):
    """With the default language active, interface strings come out in Indonesian."""
    with translation.override("id"):
        assert translation.gettext(english) == indonesian
    with translation.override("en"):
        assert translation.gettext(english) == english
