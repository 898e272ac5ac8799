import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parents[1]
# (catalogue, fewest entries it has): a catalogue found nearly empty was overwritten.
CATALOGUES = {
    "project": (ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po", 100),  # our own strings
    "admin": (ROOT / "locale-admin" / "id" / "LC_MESSAGES" / "django.po", 100),  # Wagtail's gaps
    # What Wagtail's scripts (block editor, sidebar, translation editor) take from the admin's
    # JavaScript catalogue (django.views.i18n.JavaScriptCatalog, domain djangojs).
    "admin scripts": (ROOT / "locale-admin" / "id" / "LC_MESSAGES" / "djangojs.po", 50),
}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\w*\}")


@pytest.mark.parametrize(("catalogue", "fewest"), CATALOGUES.values(), ids=CATALOGUES.keys())
def test_indonesian_catalogue_is_complete(catalogue, fewest):
    """Every string of the catalogue has an Indonesian translation that is not marked fuzzy,
    with the same placeholders as the English (a lost %(count)s breaks the sentence)."""
    po = polib.pofile(str(catalogue))

    assert len(po) > fewest
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert [entry.msgid for entry in po if not same_placeholders(entry)] == []


def same_placeholders(entry) -> bool:
    """Return whether the translations of `entry` keep the English's placeholders: the same
    ones for a single string; for a plural, those of the plural form (Indonesian has one form)
    and no other."""

    def found(text: str) -> set[str]:
        return {match.group(0) for match in PLACEHOLDER.finditer(text or "")}

    if not entry.msgid_plural:
        return found(entry.msgstr) == found(entry.msgid)
    allowed = found(entry.msgid) | found(entry.msgid_plural)
    return all(
        found(entry.msgid_plural) <= found(text) <= allowed for text in entry.msgstr_plural.values()
    )


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
