"""The staff two-factor pages: a reset is confirmed, logged and never of a superuser by a
non-superuser; throttled codes say "wait"; signing out is a POST."""

from datetime import timedelta
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from tests.security.test_two_factor import PASSWORD, code_for, give_enrolment_code, sign_in
from tests.utils import soup

pytestmark = pytest.mark.django_db


# 1 and 2. Resetting a colleague's second factor: confirmed, logged, never a superuser's by a
# non-superuser.


def test_admin_group_cannot_reset_a_superusers_two_factor(client, admin_member, boss):
    TOTPDevice.objects.create(user=boss, name="authenticator", confirmed=True)
    client.force_login(admin_member)
    listing = client.get(reverse("security:staff-devices"))
    assert reverse("security:reset", args=[boss.pk]) not in listing.content.decode()
    url = reverse("security:reset", args=[boss.pk])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert TOTPDevice.objects.filter(user=boss).exists()


def test_reset_asks_first_then_resets_and_is_logged(client, admin_member, colleague):
    TOTPDevice.objects.create(user=colleague, name="authenticator", confirmed=True)
    client.force_login(admin_member)
    listing = soup(client.get(reverse("security:staff-devices")))
    url = reverse("security:reset", args=[colleague.pk])
    # The list links to a confirmation page; nothing is reset by opening it.
    link = listing.select_one(f'a[href="{url}"]')
    assert link is not None and not listing.select(f'form[action="{url}"]')
    confirm = client.get(url)
    assert confirm.status_code == 200
    text = " ".join(soup(confirm).get_text().split())
    assert "Joko Staf" in text
    assert TOTPDevice.objects.filter(user=colleague).exists()
    form = soup(confirm).select_one(f'form[method=post][action="{url}"]')
    assert form is not None and form.select_one("[name=csrfmiddlewaretoken]")

    response = client.post(url)
    assert response.status_code == 200  # the new enrolment code, shown once
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    entry = ModelLogEntry.objects.get(action="security.reset_two_factor")
    assert entry.user == admin_member and entry.object_id == str(colleague.pk)
    assert timezone.now() - entry.timestamp < timedelta(minutes=1)

    # Admins see it later: on the 2FA list, in the user's history and in Site history.
    listing = soup(client.get(reverse("security:staff-devices")))
    row = next(tr for tr in listing.select("tbody tr") if "joko" in tr.get_text())
    assert "Sari Admin" in row.select_one("[data-last-reset]").get_text()
    history = client.get(reverse("wagtailusers_users:history", args=[colleague.pk]))
    assert history.status_code == 200
    assert "Sari Admin" in history.content.decode()
    site = client.get(reverse("wagtailadmin_reports:site_history"))
    assert site.status_code == 200 and "joko" in site.content.decode()


def test_a_superuser_resets_another_superuser(client, boss, django_user_model):
    other = django_user_model.objects.create_superuser("wakil", "wakil@kecamatan.id", PASSWORD)
    TOTPDevice.objects.create(user=other, name="authenticator", confirmed=True)
    client.force_login(boss)
    assert client.post(reverse("security:reset", args=[other.pk])).status_code == 200
    assert not TOTPDevice.objects.filter(user=other).exists()


# 3. While django-otp throttles, the right code is "wait", not "wrong".


def wrong(device):
    return f"{(int(code_for(device)) + 1) % 1_000_000:06d}"


def error_text(response):
    return " ".join(response.context["form"].errors["token"])


def test_verify_says_wait_while_throttled_then_takes_the_right_code(unverified_client, boss):
    device = TOTPDevice.objects.create(user=boss, name="authenticator", confirmed=True)
    sign_in(unverified_client, boss)
    url = reverse("security:verify")
    for _ in range(3):
        device.refresh_from_db()
        device.throttling_failure_timestamp = None  # let each wrong code be counted
        device.save()
        assert unverified_client.post(url, {"token": wrong(device)}).status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count == 3  # locked for 4 s

    response = unverified_client.post(url, {"token": code_for(device)})
    assert response.status_code == 200
    message = error_text(response)
    assert "Tunggu" in message and "detik" in message, message
    assert "salah atau sudah" not in message
    seconds = int("".join(c for c in message if c.isdigit()))
    assert 1 <= seconds <= 4
    device.refresh_from_db()
    assert device.throttling_failure_count == 3  # not counted as one more wrong code

    later = timezone.now() + timedelta(seconds=5)
    with (
        mock.patch("django.utils.timezone.now", return_value=later),
        mock.patch("django_otp.models.timezone.now", return_value=later),
    ):
        response = unverified_client.post(url, {"token": code_for(device), "next": "/admin/"})
    assert response.status_code == 302, error_text(response)
    assert unverified_client.get("/admin/").status_code == 200


def test_setup_says_wait_while_throttled(unverified_client, boss):
    sign_in(unverified_client, boss)
    url = reverse("security:setup")
    give_enrolment_code(unverified_client, boss)
    unverified_client.get(url)
    device = TOTPDevice.objects.get(user=boss, confirmed=False)
    for _ in range(3):
        device.refresh_from_db()
        device.throttling_failure_timestamp = None
        device.save()
        unverified_client.post(url, {"token": wrong(device)})
    device.refresh_from_db()
    assert device.throttling_failure_count == 3

    response = unverified_client.post(url, {"token": code_for(device)})
    message = error_text(response)
    assert "Tunggu" in message and "detik" in message, message
    device.refresh_from_db()
    assert not device.confirmed and device.throttling_failure_count == 3

    device.throttle_reset()
    response = unverified_client.post(url, {"token": code_for(device)})
    assert response.status_code == 200 and soup(response).select(".otp-backup-codes code")
    device.refresh_from_db()
    assert device.confirmed


# 4. "Sign out" on the two-factor pages is a POST form.


@pytest.mark.parametrize("with_device", [False, True])
def test_sign_out_from_the_two_factor_pages(unverified_client, boss, with_device):
    if with_device:
        TOTPDevice.objects.create(user=boss, name="authenticator", confirmed=True)
    sign_in(unverified_client, boss)
    page = unverified_client.get(reverse("security:verify" if with_device else "security:setup"))
    page = unverified_client.get(page["Location"]) if page.status_code == 302 else page
    logout = reverse("wagtailadmin_logout")
    html = soup(page)
    assert not html.select(f'a[href="{logout}"]')
    form = html.select_one(f'form[method=post][action="{logout}"]')
    assert form is not None and form.select_one("[name=csrfmiddlewaretoken]")
    assert form.select_one("button[type=submit]")
    response = unverified_client.post(logout)
    assert response.status_code == 302
    assert "_auth_user_id" not in unverified_client.session
