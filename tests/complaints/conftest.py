import pytest
from django.contrib.auth.models import Group, Permission

STAFF_GROUP = "Petugas Pengaduan"
PASSWORD = "rahasia-sekali-123"


def _user(django_user_model, username, *groups, permissions=()):
    user = django_user_model.objects.create_user(
        username=username,
        email=f"{username}@kecamatan.local",
        password=PASSWORD,
        first_name=username.capitalize(),
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    for codename in permissions:
        app_label, codename = codename.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


@pytest.fixture
def officer(django_user_model):
    """A member of "Petugas Pengaduan" (migration 0002): handles complaints, sees personal data."""
    return _user(django_user_model, "budi", STAFF_GROUP)


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def viewer(django_user_model):
    """May open the admin and read complaints, but neither act nor see personal data."""
    return _user(
        django_user_model,
        "tamu",
        permissions=["wagtailadmin.access_admin", "complaints.view_complaint"],
    )


@pytest.fixture
def editor(django_user_model):
    """A content editor (Wagtail's "Editors" group) without any complaint permission."""
    return _user(django_user_model, "editor", "Editors")
