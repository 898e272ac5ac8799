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


def new_user_data(**extra):
    """The add-user form of a new colleague "baru", filled in."""
    return {
        "username": "baru",
        "email": "baru@kecamatan.id",
        "first_name": "Baru",
        "last_name": "Staf",
        "password1": "kata-sandi-baru-yang-panjang",
        "password2": "kata-sandi-baru-yang-panjang",
        **extra,
    }


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
    data = new_user_data(is_superuser="on")
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


# 2. Groups: only a superuser edits them; nobody gives a group that grants more than they hold.


def form_data(page) -> dict[str, list[str]]:
    """What the browser would post back from the page's main form, unchanged."""
    form = soup(page).select_one("form[method=post]:has([name=csrfmiddlewaretoken])")
    data: dict[str, list[str]] = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name, kind = field["name"], field.get("type", "")
        if name == "csrfmiddlewaretoken" or kind in ("submit", "button", "file"):
            continue
        if kind in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "select":
            values = [o.get("value", o.get_text()) for o in field.select("option[selected]")]
        elif field.name == "textarea":
            values = [field.get_text()]
        else:
            values = [field.get("value", "on" if kind == "checkbox" else "")]
        data.setdefault(name, []).extend(values)
    return data


def grant_through_group_form(client, group, permission):
    """Open the group's edit page and post it back with one more permission ticked."""
    url = reverse("wagtailusers_groups:edit", args=[group.pk])
    page = client.get(url)
    if page.status_code != 200:
        return page
    data = form_data(page)
    data.setdefault("permissions", []).append(str(permission.pk))
    return client.post(url, data)


def test_admin_group_cannot_grant_itself_a_permission(client, admin_member):
    from django.contrib.auth.models import Group, Permission

    admin = Group.objects.get(name="Admin")
    change_complaint = Permission.objects.get(codename="change_complaint")
    client.force_login(admin_member)

    response = grant_through_group_form(client, admin, change_complaint)

    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert not admin.permissions.filter(pk=change_complaint.pk).exists()
    admin_member = get_user_model().objects.get(pk=admin_member.pk)  # no cached permissions
    assert not admin_member.has_perm("complaints.change_complaint")
    for url in (
        reverse("wagtailusers_groups:index"),
        reverse("wagtailusers_groups:add"),
        reverse("wagtailusers_groups:delete", args=[admin.pk]),
    ):
        assert client.get(url).status_code == 302, url
    assert client.post(reverse("wagtailusers_groups:delete", args=[admin.pk])).status_code == 302
    assert Group.objects.filter(pk=admin.pk).exists()
    # No "Groups" item in the Settings menu.
    assert reverse("wagtailusers_groups:index") not in client.get("/admin/").content.decode()


def test_a_superuser_edits_groups(client, boss):
    """The same form posted by a superuser works: the refusal above is the policy, not a
    malformed post."""
    from django.contrib.auth.models import Group, Permission

    admin = Group.objects.get(name="Admin")
    change_complaint = Permission.objects.get(codename="change_complaint")
    client.force_login(boss)

    response = grant_through_group_form(client, admin, change_complaint)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == reverse("wagtailusers_groups:index")
    assert admin.permissions.filter(pk=change_complaint.pk).exists()
    assert reverse("wagtailusers_groups:index") in client.get("/admin/").content.decode()


def group_choices(page) -> set[str]:
    html = soup(page)
    return {
        html.select_one(f'label[for="{box["id"]}"]').get_text(strip=True)
        for box in html.select("input[name=groups]")
    }


def test_admin_group_gives_only_groups_within_its_own_power(client, admin_member, colleague):
    """Admin holds every permission of Editor Konten and of Admin, not those of Petugas
    Pengaduan (it may not act on complaints) or Wagtail's Moderators."""
    from django.contrib.auth.models import Group

    client.force_login(admin_member)
    url = reverse("wagtailusers_users:edit", args=[colleague.pk])

    assert group_choices(client.get(url)) == {"Admin", "Editor Konten"}
    officers = Group.objects.get(name="Petugas Pengaduan")
    editors = Group.objects.get(name="Editor Konten")
    response = client.post(url, edit_data(colleague, groups=[editors.pk, officers.pk]))

    assert response.status_code == 200  # "Select a valid choice"
    assert set(colleague.groups.all()) == {editors}
    assert client.post(url, edit_data(colleague, groups=[])).status_code == 302
    assert not colleague.groups.exists()  # a group within one's power can be taken away


def test_admin_group_creates_no_account_in_a_stronger_group(client, admin_member):
    from django.contrib.auth.models import Group

    officers = Group.objects.get(name="Petugas Pengaduan")
    client.force_login(admin_member)
    url = reverse("wagtailusers_users:add")
    assert "Petugas Pengaduan" not in group_choices(client.get(url))
    data = new_user_data(groups=[officers.pk])
    client.post(url, data)
    assert not officers.user_set.filter(username="baru").exists()


def test_memberships_beyond_ones_power_are_kept(client, admin_member, officer):
    """Editing an officer's name keeps them in Petugas Pengaduan, which Admin cannot give or
    take; the form says so."""
    client.force_login(admin_member)
    url = reverse("wagtailusers_users:edit", args=[officer.pk])
    page = client.get(url)
    assert "Petugas Pengaduan" not in group_choices(page)
    help_text = " ".join(soup(page).get_text(" ").split())
    assert "hanya superuser yang dapat mengubahnya): Petugas Pengaduan" in help_text

    data = edit_data(officer, groups=[], first_name="Budi2", last_name="Petugas")
    response = client.post(url, data)

    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.first_name == "Budi2"
    assert list(officer.groups.values_list("name", flat=True)) == ["Petugas Pengaduan"]


def test_admin_group_cannot_assign_a_stronger_role_in_bulk(client, admin_member, colleague):
    from django.contrib.auth.models import Group

    officers = Group.objects.get(name="Petugas Pengaduan")
    editors = Group.objects.get(name="Editor Konten")
    client.force_login(admin_member)
    url = (
        reverse("wagtail_bulk_action", args=["auth", "user", "assign_role"])
        + f"?id={colleague.pk}&next=/admin/users/"
    )

    client.post(url, {"role": officers.pk})
    assert not colleague.groups.filter(pk=officers.pk).exists()
    client.post(url, {"role": editors.pk})  # within Admin's power: still works
    assert colleague.groups.filter(pk=editors.pk).exists()
