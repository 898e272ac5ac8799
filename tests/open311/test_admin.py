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
    assert response.status_code == 200
    secret = BeautifulSoup(response.content, "html.parser").find(id="open311-key").text
    key = ApiKey.objects.get()
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
