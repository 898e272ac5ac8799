"""The admin's Content-Security-Policy is the site's, enforced, with two narrow additions; its
pages carry no inline script. (tests/browser/test_csp.py proves it works in Chromium.)"""

import json

import pytest

from tests.factories import AnnouncementPageFactory, ComplaintFactory, ImageFactory
from tests.surveys.helpers import service_page
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


def inline_styles_and_handlers(response) -> list[str]:
    """Return each `<style>` element in markup, `style=""` attribute and `on…=""` handler."""
    document = soup(response)
    found = [str(style)[:120] for style in document.find_all("style")]
    for element in document.find_all(True):
        found += [
            f"<{element.name} {name}=...>"
            for name in element.attrs
            if name == "style" or name.startswith("on")
        ]
    return found


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


def test_survey_report_and_qr_poster_have_no_inline_script_style_or_handler(
    client, superuser, site_tree
):
    """Standalone pages outside Wagtail's base template: their styles and Print buttons come
    from files (surveys/poster.css, surveys/admin-print.js)."""
    service = service_page(site_tree)
    client.force_login(superuser)

    for url in [
        "/admin/survei/",
        "/admin/survei/laporan/",
        "/admin/survei/laporan/?saran=1",
        f"/admin/survei/poster/{service.slug}/",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert inline_scripts(response) == [], url
        assert inline_styles_and_handlers(response) == [], url

    for url in ["/admin/survei/laporan/", f"/admin/survei/poster/{service.slug}/"]:
        page = soup(client.get(url))
        assert page.select_one("button[data-print]"), url
        assert page.select_one('script[src$="surveys/admin-print.js"]'), url
    poster = soup(client.get(f"/admin/survei/poster/{service.slug}/"))
    assert poster.select_one('link[rel=stylesheet][href$="surveys/poster.css"]')
