"""`manage.py open311_key`: a key from the command line, the same as the admin's."""

import io

import pytest
from django.core.management import CommandError, call_command

from open311.keys import api_key_find
from open311.models import ApiKey

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command("open311_key", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_a_key_is_printed_once_and_works():
    secret = run("FixMyStreet Bandung", "--contact", "dev@fms.example", "--hourly-limit", "20")
    secret = secret.strip()
    key = ApiKey.objects.get()
    assert api_key_find(secret) == key
    assert (key.client_name, key.contact, key.hourly_limit) == (
        "FixMyStreet Bandung",
        "dev@fms.example",
        20,
    )
    listing = run("--list")
    assert key.prefix in listing and "active" in listing and secret not in listing


def test_a_key_is_revoked_by_its_prefix():
    secret = run("Aplikasi Desa").strip()
    run("--revoke", ApiKey.objects.get().prefix)
    assert api_key_find(secret) is None
    assert "revoked" in run("--list")


@pytest.mark.parametrize(
    "args",
    [(), ("  ",), ("Aplikasi", "--hourly-limit", "-1"), ("x" * 101,), ("--revoke", "o311_none")],
)
def test_bad_input_is_refused_with_a_reason(args):
    with pytest.raises(CommandError):
        run(*args)
    assert ApiKey.objects.count() == 0
