"""Every URL in the API's output is absolute, on the demo kecamatan's real content."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Site

pytestmark = pytest.mark.django_db

PAGE_TYPES = [
    "pages.HomePage",
    "pages.AnnouncementPage",
    "pages.InfographicPage",
    "pages.GuidePage",
    "pages.ServicePage",
    "pages.EventPage",
    "pages.StandardPage",
]
RELATIVE_LINK = re.compile(r'(?:href|src|srcset)="(?!https?://|mailto:|tel:|#)[^"]*"')


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo content, loaded once for the module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def urls_in(data, key="") -> list[tuple[str, str]]:
    """Return (key, value) for every value a client would follow: *url keys and HTML links."""
    found = []
    if isinstance(data, dict):
        for name, value in data.items():
            found += urls_in(value, name)
    elif isinstance(data, list):
        for value in data:
            found += urls_in(value, key)
    elif isinstance(data, str):
        if key.endswith("url") and data:
            found.append((key, data))
        found += [(key, link) for link in RELATIVE_LINK.findall(data)]
    return found


def relative(pairs) -> list[tuple[str, str]]:
    return [(key, url) for key, url in pairs if not url.startswith(("http://", "https://"))]


def get(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return response.json()


def test_every_url_of_every_endpoint_is_absolute(client, demo):
    """Page lists and details of every type, images and documents: no relative URL at all."""
    seen = []
    for page_type in PAGE_TYPES:
        listing = get(client, f"/api/v2/pages/?type={page_type}&fields=*&limit=3")
        assert listing["items"], page_type
        seen += urls_in(listing)
        for item in listing["items"]:
            seen += urls_in(get(client, item["meta"]["detail_url"]))
    for endpoint in ("images", "documents"):
        listing = get(client, f"/api/v2/{endpoint}/?limit=5")
        assert listing["items"], endpoint
        seen += urls_in(listing)
        seen += urls_in(get(client, listing["items"][0]["meta"]["detail_url"]))

    keys = {key for key, _url in seen}
    assert {"download_url", "detail_url", "html_url", "url"} <= keys
    assert relative(seen) == []


def test_image_download_url_is_absolute(client, demo):
    """The image endpoint's download_url (relative in Wagtail) opens from another site."""
    item = get(client, "/api/v2/images/?limit=1")["items"][0]

    image = get_image_model().objects.get(pk=item["id"])
    site = Site.objects.get(is_default_site=True)
    assert item["meta"]["download_url"] == site.root_url + image.file.url
    assert image.file.url.startswith("/")  # what Wagtail alone would have given
