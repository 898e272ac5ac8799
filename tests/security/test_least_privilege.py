"""Least privilege in the user admin: only a superuser makes, edits or unmakes superusers."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.security.test_two_factor import PASSWORD
from tests.utils import soup

pytestmark = pytest.mark.django_db


def edit_data(user, **extra):
    data = {
        "username": user.username,
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "password1": "",
        "password2": "",
        "is_active": "on",
        "groups": [g.pk for g in user.groups.all()],
    }
    data.update(extra)
    return data


# 1. Least privilege: only a superuser makes, edits or unmakes superusers.


def test_admin_group_cannot_make_a_superuser(client, admin_member, colleague):
    client.force_login(admin_member)
    url = reverse("wagtailusers_users:edit", args=[colleague.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert not soup(page).select("[name=is_superuser]")  # no "Administrator" box to tick
    response = client.post(url, edit_data(colleague, is_superuser="on", first_name="Joko2"))
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.first_name == "Joko2"  # the rest of the form was saved
    assert not colleague.is_superuser


def test_admin_group_cannot_create_a_superuser(client, admin_member):
    client.force_login(admin_member)
    url = reverse("wagtailusers_users:add")
    assert not soup(client.get(url)).select("[name=is_superuser]")
    data = {
        "username": "baru",
        "email": "baru@kecamatan.id",
        "first_name": "Baru",
        "last_name": "Staf",
        "password1": "kata-sandi-baru-yang-panjang",
        "password2": "kata-sandi-baru-yang-panjang",
        "is_superuser": "on",
    }
    assert client.post(url, data).status_code == 302
    assert not get_user_model().objects.get(username="baru").is_superuser


def test_admin_group_cannot_edit_a_superuser(client, admin_member, boss):
    client.force_login(admin_member)
    url = reverse("wagtailusers_users:edit", args=[boss.pk])
    page = client.get(url, follow=True)
    assert page.redirect_chain[0][0] == reverse("wagtailusers_users:index")
    messages = [str(m) for m in page.context["messages"]]
    assert len(messages) == 1 and "superuser" in messages[0]
    response = client.post(
        url, edit_data(boss, password1="dibajak-1234!", password2="dibajak-1234!")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailusers_users:index")
    boss.refresh_from_db()
    assert boss.check_password(PASSWORD)
    # No edit link to the superuser in the user list.
    listing = client.get(reverse("wagtailusers_users:index"))
    assert url not in listing.content.decode()
    assert reverse("wagtailusers_users:edit", args=[admin_member.pk]) in listing.content.decode()


def test_admin_group_cannot_deactivate_a_superuser_in_bulk(client, admin_member, boss):
    client.force_login(admin_member)
    url = (
        reverse(
            "wagtail_bulk_action",
            args=["auth", "user", "set_active_state"],
        )
        + f"?id={boss.pk}&next=/admin/users/"
    )
    client.post(url, {"mark_as_active": "False"})
    boss.refresh_from_db()
    assert boss.is_active


def test_a_superuser_still_can(client, boss, colleague, django_user_model):
    other = django_user_model.objects.create_superuser("wakil", "wakil@kecamatan.id", PASSWORD)
    client.force_login(boss)
    url = reverse("wagtailusers_users:edit", args=[colleague.pk])
    assert soup(client.get(url)).select("[name=is_superuser]")
    assert client.post(url, edit_data(colleague, is_superuser="on")).status_code == 302
    colleague.refresh_from_db()
    assert colleague.is_superuser
    # ... and removes it, and edits another superuser.
    assert client.post(url, edit_data(colleague)).status_code == 302
    colleague.refresh_from_db()
    assert not colleague.is_superuser
    url = reverse("wagtailusers_users:edit", args=[other.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, edit_data(other, first_name="Wakil", last_name="Camat", is_superuser="on")
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.first_name == "Wakil" and other.is_superuser
