"""The admin's Content-Security-Policy is the site's, enforced, with two narrow additions; its
pages carry no inline script. (tests/browser/test_csp.py proves it works in Chromium.)"""

import json

import pytest

from tests.factories import AnnouncementPageFactory, ComplaintFactory, ImageFactory
from tests.utils import soup

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def inline_scripts(response) -> list[str]:
    """Return the text of every <script> the browser would run that is not a file."""
    return [
        str(script)[:120]
        for script in soup(response).find_all("script")
        if not script.get("src") and script.get("type") != "application/json"
    ]


def test_admin_policy_is_enforced_and_scripts_stay_self_only(client, superuser):
    client.force_login(superuser)

    response = client.get("/admin/")

    assert "Content-Security-Policy-Report-Only" not in response
    directives = policy(response)
    assert directives["script-src"] == ["'self'", "'report-sample'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    # The additions: <style> elements made by our scripts (Draftail) through this page's nonce,
    # one inert handler text (Jcrop).
    [nonce] = [
        script["nonce"]
        for script in soup(response).find_all("script", src=True)
        if "admin-style-nonce" in script["src"]
    ]
    assert len(nonce) >= 22
    assert directives["style-src-elem"] == ["'self'", "'report-sample'", f"'nonce-{nonce}'"]
    assert client.get("/admin/")["Content-Security-Policy"] != response["Content-Security-Policy"]
    assert directives["script-src-attr"][0] == "'unsafe-hashes'"
    assert len(directives["script-src-attr"]) == 3


def test_site_policy_has_no_admin_additions(client, site_tree):
    directives = policy(client.get("/"))

    assert "style-src-elem" not in directives and "script-src-attr" not in directives


def test_admin_screens_with_choosers_dates_and_inline_panels_have_no_inline_script(
    client, superuser, site_tree
):
    """A page editor (image and snippet choosers, date fields, an inline panel), listings with
    date filters: each start-up call is JSON data for security/admin-init.js."""
    page = AnnouncementPageFactory(parent=site_tree.announcements, listing_image=ImageFactory())
    complaint = ComplaintFactory()
    client.force_login(superuser)

    for url in [
        f"/admin/pages/{page.pk}/edit/",
        "/admin/pages/",
        "/admin/complaints/",
        f"/admin/complaints/{complaint.pk}/",
        "/admin/users/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert inline_scripts(response) == [], url

    editor = soup(client.get(f"/admin/pages/{page.pk}/edit/"))
    calls = [json.loads(s.string) for s in editor.select("script[data-lk-init]")]
    names = {call["name"] for call in calls}
    assert {"ImageChooser", "SnippetChooser", "initDateChooser", "InlinePanel"} <= names
    image = next(call for call in calls if call["name"] == "ImageChooser")
    assert image["args"] == ["id_listing_image", {"modalUrl": "/admin/images/chooser/"}]
    assert editor.select_one('script[src$="security/admin-init.js"]')
