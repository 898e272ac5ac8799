"""The Indonesian admin has no English left where Wagtail's own id_ID catalogues have gaps.

locale-admin/id/ fills them: django.po for the screens, djangojs.po for the strings Wagtail's
scripts (the block editor, the sidebar, the minimap, the translation editor) take from the
admin's JavaScript catalogue. Each string below was seen in English on an Indonesian screen.
"""

import json
import re

import pytest
from django.urls import reverse
from wagtail.models import Workflow

from tests.factories import AnnouncementPageFactory, HomePageFactory, ImageFactory

pytestmark = pytest.mark.django_db

# What Wagtail's scripts showed in English: block editor, minimap, sidebar, translation editor.
SCRIPT_STRINGS = [
    "Collapse all",
    "Expand all",
    "Insert a block",
    "Search options…",
    "(1 new item in this menu)",
    "(%(number)s new items in this menu)",
    "More actions",
    "Write something or type ‘/’ to insert a block",
    "Translate",
    "Not translated",
    "segments translated",
    "Download PO file",
]


def js_catalog(client) -> dict:
    """Return the admin's JavaScript catalogue as the browser gets it: {msgid: text}."""
    body = client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    catalog = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", body, re.S).group(1))
    return {key: value[0] if isinstance(value, list) else value for key, value in catalog.items()}


def test_the_admins_scripts_speak_indonesian(client, superuser):
    client.force_login(superuser)

    catalog = js_catalog(client)

    untranslated = [text for text in SCRIPT_STRINGS if catalog.get(text, text) == text]
    assert untranslated == []
    assert catalog["Collapse all"] == "Ciutkan semua"


def test_page_editor_image_upload_and_history_have_no_english_left(client, superuser):
    home = HomePageFactory(site_root=True)
    page = AnnouncementPageFactory(parent=home)
    page.save_revision(user=superuser)  # "20:49 by Staf" in the page's status
    client.force_login(superuser)

    screens = {
        "edit": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "history": reverse("wagtailadmin_pages:history", args=[page.pk]),
        "image upload": reverse("wagtailimages:add_multiple"),
        "workflows": reverse("wagtailadmin_workflows:index"),
    }
    english = [
        "Moderators approval",
        "Please provide an image description",
        " by camat",
        "Search…",
    ]
    for name, url in screens.items():
        response = client.get(url)
        assert response.status_code == 200, name
        text = response.content.decode()
        assert [phrase for phrase in english if phrase in text] == [], name

    assert Workflow.objects.filter(name="Persetujuan moderator").exists()
    assert "Ajukan untuk Persetujuan moderator" in client.get(screens["edit"]).content.decode()


def test_image_and_document_listings_and_page_history_have_no_english_left(client, superuser):
    """Sort orders, bulk actions, the focal-point hint and history filters, as staff see them."""
    home = HomePageFactory(site_root=True)
    page = AnnouncementPageFactory(parent=home)
    image = ImageFactory()
    client.force_login(superuser)

    screens = {
        "images": reverse("wagtailimages:index"),
        "image edit": reverse("wagtailimages:edit", args=[image.pk]),
        "documents": reverse("wagtaildocs:index"),
        "page history": reverse("wagtailadmin_pages:history", args=[page.pk]),
    }
    english = [
        "Add selected images to collection",
        "Add tags to the selected images",
        "Delete selected images",
        "Title: (A -&gt; Z)",
        "File size: (high to low)",
        "Usage count: (low to high)",
        "drag a box over the image above",
        "Multi-word tags with spaces",
        "Add selected documents to collection",
        "Delete selected documents",
        "Is commenting action",
    ]
    for name, url in screens.items():
        response = client.get(url)
        assert response.status_code == 200, name
        text = response.content.decode()
        assert [phrase for phrase in english if phrase in text] == [], name
    assert "Hapus gambar terpilih" in client.get(screens["images"]).content.decode()
