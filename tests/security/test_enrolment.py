"""Two-factor enrolment needs a code an admin gave: a password alone pairs no authenticator app.

The code is made for one account by an admin (or a reset, or on the command line), shown once,
kept only as a hash, single-use, valid for 72 hours, spent after 5 wrong tries, and logged."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.hashers import check_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from cms.security.enrolment import MAX_WRONG_TRIES, enrolment_code_issue
from cms.security.models import EnrolmentCode
from tests.security.test_least_privilege import new_user_data
from tests.security.test_two_factor import PASSWORD, code_for, sign_in
from tests.utils import soup, text_of

pytestmark = pytest.mark.django_db

SETUP = reverse("security:setup")


def shows_the_key(response) -> bool:
    html = soup(response)
    return bool(html.select("[data-otp-secret]") or html.select(".otp-qr svg"))


def issue_in_the_admin(client, admin, colleague) -> str:
    """The admin opens the staff list, asks for a code, confirms; return the code shown."""
    client.force_login(admin)
    url = reverse("security:enrolment-code", args=[colleague.pk])
    listing = soup(client.get(reverse("security:staff-devices")))
    assert listing.select_one(f'a[href="{url}"]') is not None
    confirm = client.get(url)
    assert confirm.status_code == 200 and not EnrolmentCode.objects.filter(user=colleague)
    shown = client.post(url)
    assert shown.status_code == 200
    return soup(shown).select_one("[data-enrolment-code]").get_text()


def pair(client, user) -> TOTPDevice:
    """Scan the QR code (read the key from the page) and type the app's code."""
    page = client.get(SETUP)
    assert shows_the_key(page)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"token": code_for(device), "next": "/admin/"})
    assert soup(response).select(".otp-backup-codes code"), text_of(response)
    device.refresh_from_db()
    return device


def test_a_password_alone_pairs_no_app(unverified_client, colleague):
    """Whoever learnt the password of an account not set up yet sees no key and makes no
    device: the set-up page asks for the enrolment code."""
    sign_in(unverified_client, colleague)

    page = unverified_client.get(SETUP)

    assert page.status_code == 200 and not shows_the_key(page)
    assert soup(page).select_one("input[name=code]") is not None
    assert "kode pendaftaran" in text_of(page).lower()
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    for guess in ("123456", "ABCD-EFGH-JKMN"):
        response = unverified_client.post(SETUP, {"token": guess, "code": guess})
        assert not shows_the_key(response)
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert unverified_client.get("/admin/").status_code == 302


def test_an_admin_made_code_enrols_once_and_is_logged(
    client, unverified_client, admin_member, colleague
):
    code = issue_in_the_admin(client, admin_member, colleague)
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}", code)
    record = EnrolmentCode.objects.get(user=colleague)
    assert code not in record.code_hash and code.replace("-", "") not in record.code_hash
    assert check_password(code.replace("-", ""), record.code_hash)
    assert timedelta(hours=71) < record.expires_at - timezone.now() <= timedelta(hours=72)
    listing = text_of(client.get(reverse("security:staff-devices")))
    assert "kode pendaftaran berlaku sampai" in listing

    sign_in(unverified_client, colleague)
    typed = code.replace("-", " ").lower()  # as read over the phone
    assert unverified_client.post(SETUP, {"code": typed}).status_code == 302
    device = pair(unverified_client, colleague)

    assert device.confirmed and unverified_client.get("/admin/").status_code == 200
    assert not EnrolmentCode.objects.filter(user=colleague).exists()  # used up
    actions = list(
        ModelLogEntry.objects.filter(object_id=str(colleague.pk))
        .order_by("timestamp", "pk")
        .values_list("action", "user__username")
    )
    assert actions == [
        ("security.issue_enrolment_code", "sari"),
        ("security.enrol_two_factor", "joko"),
    ]


def test_another_session_with_the_password_sees_no_key(unverified_client, colleague):
    """The key is shown only to the session that gave the code."""
    code, _record = enrolment_code_issue(user=colleague)
    sign_in(unverified_client, colleague)
    unverified_client.post(SETUP, {"code": code})
    assert shows_the_key(unverified_client.get(SETUP))

    intruder = Client()
    sign_in(intruder, colleague)
    assert not shows_the_key(intruder.get(SETUP))
    device = TOTPDevice.objects.get(user=colleague, confirmed=False)
    intruder.post(SETUP, {"token": code_for(device)})
    device.refresh_from_db()
    assert not device.confirmed


def test_a_new_code_ends_the_old_one_and_an_expired_code_fails(unverified_client, colleague):
    old, _record = enrolment_code_issue(user=colleague)
    new, record = enrolment_code_issue(user=colleague)
    sign_in(unverified_client, colleague)

    assert unverified_client.post(SETUP, {"code": old}).status_code == 200
    EnrolmentCode.objects.filter(pk=record.pk).update(expires_at=timezone.now())
    refused = unverified_client.post(SETUP, {"code": new})
    assert refused.status_code == 200 and not shows_the_key(refused)
    assert "kedaluwarsa" in text_of(refused)


def test_the_code_expiring_during_pairing_stops_it(unverified_client, colleague):
    code, record = enrolment_code_issue(user=colleague)
    sign_in(unverified_client, colleague)
    unverified_client.post(SETUP, {"code": code})
    device = TOTPDevice.objects.get(user=colleague, confirmed=False)
    EnrolmentCode.objects.filter(pk=record.pk).update(expires_at=timezone.now())

    response = unverified_client.post(SETUP, {"token": code_for(device)}, follow=True)

    device.refresh_from_db()
    assert not device.confirmed and not shows_the_key(response)
    assert unverified_client.get("/admin/").status_code == 302


def test_wrong_tries_spend_the_code(unverified_client, colleague):
    code, _record = enrolment_code_issue(user=colleague)
    sign_in(unverified_client, colleague)
    for _ in range(MAX_WRONG_TRIES):
        assert unverified_client.post(SETUP, {"code": "2222-3333-4444"}).status_code == 200

    assert not EnrolmentCode.objects.filter(user=colleague).exists()
    assert unverified_client.post(SETUP, {"code": code}).status_code == 200  # too late
    assert ModelLogEntry.objects.filter(action="security.enrolment_code_spent").count() == 1


def test_a_reset_gives_a_new_code_that_enrols(client, unverified_client, admin_member, colleague):
    TOTPDevice.objects.create(user=colleague, name="authenticator", confirmed=True)
    client.force_login(admin_member)

    shown = client.post(reverse("security:reset", args=[colleague.pk]))

    assert shown.status_code == 200
    assert "telah diatur ulang" in text_of(shown)
    code = soup(shown).select_one("[data-enrolment-code]").get_text()
    sign_in(unverified_client, colleague)
    assert unverified_client.post(SETUP, {"code": code}).status_code == 302
    assert pair(unverified_client, colleague).confirmed


def test_who_may_make_a_code(client, admin_member, colleague, boss, officer):
    url = reverse("security:enrolment-code", args=[colleague.pk])
    client.force_login(officer)  # no "change user" permission
    assert client.post(url).status_code == 403
    client.force_login(admin_member)
    assert client.post(reverse("security:enrolment-code", args=[boss.pk])).status_code == 403
    TOTPDevice.objects.create(user=colleague, name="authenticator", confirmed=True)
    response = client.post(url, follow=True)  # already set up: reset first
    assert response.redirect_chain == [(reverse("security:staff-devices"), 302)]
    assert not EnrolmentCode.objects.exists()


def test_the_staff_list_costs_the_same_for_more_accounts(client, boss, django_user_model):
    client.force_login(boss)
    url = reverse("security:staff-devices")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(5):
        user = django_user_model.objects.create_user(f"staf{number}", password="x")
        enrolment_code_issue(user=user, by=boss)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert len(soup(page).select("[data-enrolment-until]")) == 5


def test_the_command_prints_a_working_code(unverified_client, colleague):
    out = StringIO()
    call_command("enrolment_code", "joko", stdout=out)
    code = re.search(r"joko: (\S+)", out.getvalue()).group(1)

    sign_in(unverified_client, colleague)
    assert unverified_client.post(SETUP, {"code": code}).status_code == 302
    pair(unverified_client, colleague)
    with pytest.raises(CommandError, match="--reset"):
        call_command("enrolment_code", "joko", stdout=StringIO())
    call_command("enrolment_code", "joko", "--reset", stdout=StringIO())
    assert not TOTPDevice.objects.filter(user=colleague).exists()
    assert EnrolmentCode.objects.filter(user=colleague).exists()


def test_createsuperuser_prints_the_first_code(unverified_client, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    out = StringIO()
    call_command(
        "createsuperuser",
        interactive=False,
        username="camat",
        email="camat@kecamatan.id",
        stdout=out,
    )
    code = re.search(r"camat: (\S+)", out.getvalue()).group(1)
    from django.contrib.auth import get_user_model

    camat = get_user_model().objects.get(username="camat")
    sign_in(unverified_client, camat)
    assert unverified_client.post(SETUP, {"code": code}).status_code == 302
    assert pair(unverified_client, camat).confirmed


def test_a_new_account_leads_to_its_enrolment_code(client, admin_member):
    client.force_login(admin_member)
    response = client.post(reverse("wagtailusers_users:add"), new_user_data(), follow=True)

    from django.contrib.auth import get_user_model

    new = get_user_model().objects.get(username="baru")
    url = reverse("security:enrolment-code", args=[new.pk])
    assert response.redirect_chain == [(url, 302)]
    assert soup(response).select_one(f'form[method=post][action="{url}"]') is not None


def test_the_enrolment_pages_carry_no_inline_script_style_or_handler(
    client, unverified_client, boss, colleague
):
    """Under the admin's strict policy (tests/security/test_admin_csp.py)."""
    from tests.security.test_admin_csp import inline_scripts, inline_styles_and_handlers

    client.force_login(boss)
    url = reverse("security:enrolment-code", args=[colleague.pk])
    pages = [client.get(reverse("security:staff-devices")), client.get(url), client.post(url)]
    code = soup(pages[-1]).select_one("[data-enrolment-code]").get_text()
    sign_in(unverified_client, colleague)
    pages.append(unverified_client.get(SETUP))
    unverified_client.post(SETUP, {"code": code})
    pages.append(unverified_client.get(SETUP))
    assert shows_the_key(pages[-1])
    for page in pages:
        assert page.status_code == 200
        assert inline_scripts(page) == [] and inline_styles_and_handlers(page) == []
