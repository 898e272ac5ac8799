# The staff fixtures of the complaint tests (officer, viewer, editor) serve here too.
import pytest
from django.contrib.auth.models import Group

from tests.complaints.conftest import editor, officer, officer_client, viewer  # noqa: F401

PASSWORD = "kata-sandi-yang-panjang"


@pytest.fixture
def boss(django_user_model):
    """A superuser (Bu Camat)."""
    return django_user_model.objects.create_superuser(
        "boss", "boss@kecamatan.id", PASSWORD, first_name="Bu", last_name="Camat"
    )


@pytest.fixture
def admin_member(django_user_model):
    """In the "Admin" group (migration 0001): manages staff, but is not a superuser."""
    user = django_user_model.objects.create_user(
        "sari", "sari@kecamatan.id", PASSWORD, first_name="Sari", last_name="Admin"
    )
    user.groups.add(Group.objects.get(name="Admin"))
    return user


@pytest.fixture
def colleague(django_user_model):
    """In the "Editor Konten" group."""
    user = django_user_model.objects.create_user(
        "joko", "joko@kecamatan.id", PASSWORD, first_name="Joko", last_name="Staf"
    )
    user.groups.add(Group.objects.get(name="Editor Konten"))
    return user
