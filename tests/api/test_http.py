"""How answers are written: compact JSON, no per-user variation, so shared caches can keep them."""

import pytest

from tests.factories import AnnouncementPageFactory, ImageFactory

pytestmark = pytest.mark.django_db

ANNOUNCEMENTS = "/api/v2/pages/?type=pages.AnnouncementPage"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


@pytest.fixture
def content(site_tree):
    page = AnnouncementPageFactory(parent=site_tree.announcements, listing_image=ImageFactory())
    return {
        "list": ANNOUNCEMENTS + "&fields=listing_image",
        "detail": f"/api/v2/pages/{page.pk}/",
        "images": "/api/v2/images/",
        "error": ANNOUNCEMENTS + "&locale=xx",
    }


@pytest.mark.parametrize("name", ["list", "detail", "images", "error"])
def test_answers_do_not_vary_by_cookie(client, superuser, content, name):
    """An editor logged in to the admin reads exactly what everyone reads, and no answer
    says Vary: Cookie (which would keep shared caches from storing it)."""
    url = content[name]
    anonymous = client.get(url)
    client.force_login(superuser)
    editor = client.get(url)

    for response in (anonymous, editor):
        assert "cookie" not in response.get("Vary", "").lower(), response.get("Vary")
        assert "Set-Cookie" not in response.headers
    assert editor.content == anonymous.content
    assert editor.get("ETag") == anonymous.get("ETag")


@pytest.mark.parametrize("name", ["list", "detail", "images", "error"])
def test_json_is_compact_unless_asked_pretty(client, content, name):
    """No indentation by default; ?pretty (or ?pretty=1, ya, ...) indents it for a human."""
    url = content[name]
    compact = client.get(url)
    pretty = client.get(url + ("&" if "?" in url else "?") + "pretty")

    assert b"\n" not in compact.content
    assert b'\n    "' in pretty.content
    assert compact.json() == pretty.json()
    if name != "error":
        assert compact["ETag"] != pretty["ETag"]


def test_a_browser_gets_a_readable_page_under_its_own_etag(client, content):
    """A browser asking for HTML gets the browsable page; its ETag is not the JSON's."""
    browser = client.get(content["list"], headers={"accept": BROWSER_ACCEPT})
    program = client.get(content["list"])

    assert browser.status_code == 200
    assert browser["Content-Type"].startswith("text/html")
    assert browser["ETag"] != program["ETag"]
    assert "accept" in [v.strip().lower() for v in browser["Vary"].split(",")]
