"""Staff make a key per client in the admin (shown once), and revoke it by unticking it."""

import pytest
from bs4 import BeautifulSoup

from open311.keys import api_key_find
from open311.models import ApiKey

pytestmark = pytest.mark.django_db
ADD = "/admin/open311_keys/new/"


def test_a_superuser_makes_a_key_and_sees_it_once(client, superuser):
    client.force_login(superuser)
    response = client.post(
        ADD,
        {
            "client_name": "FixMyStreet Bandung",
            "contact": "",
            "hourly_limit": "50",
            "is_active": "on",
        },
    )
    # Post, then redirect: reloading the page that shows the key cannot make a second one.
    key = ApiKey.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/open311_keys/created/{key.pk}/"
    shown = client.get(response["Location"])
    secret = BeautifulSoup(shown.content, "html.parser").find(id="open311-key").text
    assert api_key_find(secret) == key
    assert key.created_by == superuser and key.hourly_limit == 50
    assert secret not in (key.key_hash, key.prefix)
    listing = client.get("/admin/open311_keys/")
    assert listing.status_code == 200
    assert b"FixMyStreet Bandung" in listing.content and secret.encode() not in listing.content

    client.post(
        f"/admin/open311_keys/edit/{key.pk}/",
        {"client_name": "FixMyStreet Bandung", "contact": "", "hourly_limit": "50"},
    )
    assert api_key_find(secret) is None  # revoked at once


def test_editors_cannot_see_the_keys(client, django_user_model):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("editor", "e@kecamatan.local", "x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get("/admin/open311_keys/").status_code in (302, 403)


def test_the_key_is_shown_once_and_a_reload_makes_no_second_key(client, superuser):
    client.force_login(superuser)
    form = {"client_name": "Aplikasi Desa", "contact": "", "hourly_limit": "10", "is_active": "on"}
    created = client.post(ADD, form)["Location"]
    first = client.get(created)
    secret = BeautifulSoup(first.content, "html.parser").find(id="open311-key").text
    again = client.get(created, HTTP_ACCEPT_LANGUAGE="id")
    page = BeautifulSoup(again.content, "html.parser")
    assert again.status_code == 200 and page.find(id="open311-key") is None
    assert secret not in again.content.decode()
    assert "tidak ditampilkan lagi" in page.find(id="open311-key-gone").text
    assert ApiKey.objects.count() == 1


def test_the_key_list_speaks_indonesian(client, superuser):
    client.force_login(superuser)
    api_key_issue_for("Aplikasi Desa")
    form = client.get(ADD, HTTP_ACCEPT_LANGUAGE="id")
    buttons = [
        b.get_text(strip=True)
        for b in BeautifulSoup(form.content, "html.parser").select("button[type=submit]")
    ]
    assert "Buat" in buttons and "Create" not in buttons
    listing = BeautifulSoup(client.get("/admin/open311_keys/").content, "html.parser")
    cells = " ".join(td.get_text(" ", strip=True) for td in listing.select("tbody td"))
    assert "True" not in cells and "False" not in cells  # a tick, not Python's words


def test_staff_who_may_not_add_keys_see_no_new_key(client, django_user_model):
    from django.contrib.auth.models import Group

    editor = django_user_model.objects.create_user("editor2", "e2@kecamatan.local", "x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    key = api_key_issue_for("Aplikasi Desa")
    assert client.get(f"/admin/open311_keys/created/{key.pk}/").status_code in (302, 403)


def api_key_issue_for(name):
    from open311.keys import api_key_issue

    key = ApiKey(client_name=name)
    api_key_issue(key)
    return key
