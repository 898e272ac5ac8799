"""docs/panduan-editor.md names the admin's menus and buttons as Indonesian staff see them.

The guide writes every label in **bold**. A bold label that is the English original of a
string the Indonesian admin shows translated (Wagtail's id_ID catalogue, then ours in
locale-admin/) would send staff looking for a button that is not there.
"""

import re
from pathlib import Path

from django.utils import translation

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "panduan-editor.md"
# Shown as they are: the language's own name in wagtail-localize's list of locales.
AS_SHOWN = {"English"}


def test_the_editor_guide_names_no_english_label_the_admin_shows_in_indonesian():
    labels = set(re.findall(r"\*\*([^*]+)\*\*", GUIDE.read_text()))

    with translation.override("id"):
        english = {
            label: translation.gettext(label)
            for label in labels - AS_SHOWN
            if translation.gettext(label) != label
        }

    assert len(labels) > 100
    assert english == {}
