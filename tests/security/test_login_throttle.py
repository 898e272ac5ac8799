"""django-axes: lock-out after repeated failures, per user name and real client address."""

import re

import pytest
from django.core.management import call_command

from tests.utils import soup, text_of

PASSWORD = "kata-sandi-yang-panjang"


def attempt(client, password, address="203.0.113.7", forwarded=None, username="boss"):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/admin/login/", {"username": username, "password": password}, **extra)


@pytest.mark.django_db
def test_locked_out_after_five_failures_with_an_indonesian_message(unverified_client, boss):
    for _ in range(4):
        assert attempt(unverified_client, "salah").status_code == 200
    locked = attempt(unverified_client, "salah")
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == 30 * 60
    text = text_of(locked)
    assert "Coba lagi setelah pukul" in text and "30 menit" in text
    assert re.search(r"pukul \d\d:\d\d WIB", text)  # the kecamatan's time zone, named
    # Even the right password waits now.
    assert attempt(unverified_client, PASSWORD).status_code == 429


@pytest.mark.django_db
def test_the_command_unlocks(unverified_client, boss):
    for _ in range(5):
        attempt(unverified_client, "salah")
    assert attempt(unverified_client, PASSWORD).status_code == 429
    call_command("axes_reset_username", "boss")
    assert attempt(unverified_client, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_other_addresses_and_users_are_not_locked_out(unverified_client, boss, django_user_model):
    django_user_model.objects.create_user("ani", password=PASSWORD)
    for _ in range(5):
        attempt(unverified_client, "salah")
    assert attempt(unverified_client, PASSWORD, address="198.51.100.9").status_code == 302
    unverified_client.logout()
    assert attempt(unverified_client, PASSWORD, username="ani").status_code == 302


@pytest.mark.django_db
def test_behind_a_proxy_the_client_address_counts(unverified_client, boss, settings):
    """With one trusted proxy every request has its REMOTE_ADDR; the attacker's lock-out
    must not spill over to a colleague signing in through the same proxy."""
    settings.NUM_PROXIES = 1
    proxy = "10.0.0.2"
    for _ in range(5):
        attempt(unverified_client, "salah", address=proxy, forwarded="203.0.113.66")
    assert attempt(unverified_client, PASSWORD, proxy, "203.0.113.66").status_code == 429
    # A forged left-most entry does not help the attacker either.
    forged = "198.51.100.1, 203.0.113.66"
    assert attempt(unverified_client, PASSWORD, proxy, forged).status_code == 429
    colleague = attempt(unverified_client, PASSWORD, proxy, "192.0.2.10")
    assert colleague.status_code == 302


@pytest.mark.django_db
def test_the_sign_in_form_speaks_indonesian(client):
    page = client.get("/admin/login/")
    labels = [label.get_text(" ", strip=True) for label in soup(page).find_all("label")]
    assert any(label.startswith("Kata sandi") for label in labels), labels
    assert not any(label.startswith("Password") for label in labels)


LAST_ATTEMPT = "Satu kali percobaan lagi sebelum akun dikunci"


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["boss", "nobody-by-this-name"])
def test_one_attempt_left_is_said_whether_or_not_the_name_exists(unverified_client, boss, username):
    """Axes counts failures per user name and address, known name or not: the warning comes
    at the same failure for both, so it tells an attacker nothing about which names exist."""
    pages = [attempt(unverified_client, "salah", username=username) for _ in range(4)]
    assert [page.status_code for page in pages] == [200] * 4
    for page in pages[:3]:
        assert LAST_ATTEMPT not in text_of(page)
    warning = text_of(pages[3])
    assert f"{LAST_ATTEMPT} selama 30 menit" in warning
    assert warning.count(LAST_ATTEMPT) == 1
    assert attempt(unverified_client, "salah", username=username).status_code == 429


@pytest.mark.django_db
def test_the_warning_follows_the_configured_limit(unverified_client, boss, settings):
    settings.AXES_FAILURE_LIMIT = 3
    assert LAST_ATTEMPT not in text_of(attempt(unverified_client, "salah"))
    assert LAST_ATTEMPT in text_of(attempt(unverified_client, "salah"))
    # Another address starts its own count: no warning there.
    other = attempt(unverified_client, "salah", address="198.51.100.9")
    assert LAST_ATTEMPT not in text_of(other)
