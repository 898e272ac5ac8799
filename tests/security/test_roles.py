"""Roles as groups with least privilege: Editor Konten, Petugas Pengaduan, Admin."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page

from tests.complaints.helpers import PERSONAL, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(django_user_model):
    def make(group):
        user = django_user_model.objects.create_user(group.lower().replace(" ", "-"), password="x")
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


def status(client, url):
    response = client.get(url)
    # Wagtail answers a missing permission with a redirect to the dashboard or a 403.
    if response.status_code == 302 and response["Location"].startswith("/admin/login"):
        return "login"
    return response.status_code


def test_editor_writes_content_but_sees_no_complaint_and_no_user(client, member):
    client.force_login(member("Editor Konten"))
    assert status(client, "/admin/") == 200
    assert status(client, "/admin/images/") == 200
    assert status(client, "/admin/documents/") == 200
    assert status(client, reverse("wagtailadmin_explore_root")) == 200
    assert status(client, "/admin/complaints/") in (302, 403)
    assert status(client, "/admin/users/") in (302, 403)
    assert status(client, reverse("security:staff-devices")) == 403
    page = Page.objects.get(depth=2)
    assert status(client, reverse("wagtailadmin_pages:edit", args=[page.pk])) == 200
    assert not client.get("/admin/").wsgi_request.user.has_perm("complaints.view_personal_data")


def test_officer_handles_complaints_only(client, member):
    complaint = submit()
    client.force_login(member("Petugas Pengaduan"))
    detail = client.get(reverse("complaints:inspect", args=[complaint.pk]))
    assert detail.status_code == 200 and PERSONAL[0] in detail.content.decode()
    assert status(client, "/admin/users/") in (302, 403)
    assert status(client, "/admin/images/") in (302, 403)


def test_admin_manages_staff_and_reads_personal_data_without_being_superuser(client, member):
    complaint = submit()
    admin = member("Admin")
    client.force_login(admin)
    assert not admin.is_superuser
    assert status(client, "/admin/users/") == 200
    assert status(client, "/admin/groups/") in (302, 403)  # groups: superusers only
    assert status(client, reverse("security:staff-devices")) == 200
    detail = client.get(reverse("complaints:inspect", args=[complaint.pk]))
    assert PERSONAL[0] in detail.content.decode()
