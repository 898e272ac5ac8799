"""Staff two-factor sign-in: nothing under /admin/ without a verified device."""

import time

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.complaints.helpers import officer, submit, upload
from tests.utils import soup

PASSWORD = "kata-sandi-yang-panjang"
ADMIN_PAGES = [
    "/admin/",
    "/admin/pages/",
    "/admin/users/",
    "/admin/images/",
    "/admin/complaints/",
    "/admin/2fa/staff/",
    "/admin/2fa/backup-codes/",
]


def code_for(device, offset=0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def sign_in(client, user):
    """The real first step: Wagtail's sign-in form with the password."""
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:300]


def give_enrolment_code(client, user, next_url=""):
    """An admin made `user` an enrolment code; the signed-in `user` types it on the set-up
    page, which then shows the QR code (cms/security/enrolment.py)."""
    from cms.security.enrolment import enrolment_code_issue

    code, _record = enrolment_code_issue(user=user)
    response = client.post(reverse("security:setup"), {"code": code, "next": next_url})
    assert response.status_code == 302, response.content[:500]
    return code


@pytest.fixture
def paired(boss):
    return TOTPDevice.objects.create(user=boss, name="authenticator", confirmed=True)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_no_admin_page_without_a_device(unverified_client, boss, url):
    sign_in(unverified_client, boss)
    response = unverified_client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:setup") + "?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_no_admin_page_before_the_code(unverified_client, boss, paired, url):
    sign_in(unverified_client, boss)
    response = unverified_client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:verify") + "?next=")


@pytest.mark.django_db
def test_setup_with_qr_then_backup_codes(unverified_client, boss):
    sign_in(unverified_client, boss)
    give_enrolment_code(unverified_client, boss, next_url="/admin/pages/")
    page = unverified_client.get(reverse("security:setup") + "?next=/admin/pages/")
    html = soup(page)
    assert html.find("svg")  # the QR code, drawn on the server
    device = TOTPDevice.objects.get(user=boss, confirmed=False)
    assert html.select_one("[data-otp-secret]").get_text().replace(" ", "")
    # A wrong code keeps the device unconfirmed.
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"
    response = unverified_client.post(reverse("security:setup"), {"token": wrong})
    assert response.status_code == 200 and "token" in response.context["form"].errors
    assert unverified_client.get("/admin/").status_code == 302

    time.sleep(1.1)  # django-otp slows down guessing: 1 s after one failure, then doubling
    response = unverified_client.post(
        reverse("security:setup"), {"token": code_for(device), "next": "/admin/pages/"}
    )
    codes = [code.get_text() for code in soup(response).select(".otp-backup-codes code")]
    assert len(codes) == 10 and len(set(codes)) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert unverified_client.get("/admin/").status_code == 200
    assert StaticDevice.objects.get(user=boss).token_set.count() == 10


@pytest.mark.django_db
def test_code_from_the_app_opens_the_admin(unverified_client, boss, paired):
    sign_in(unverified_client, boss)
    bad = unverified_client.post(reverse("security:verify"), {"token": "000000x"})
    assert bad.status_code == 200 and unverified_client.get("/admin/").status_code == 302
    time.sleep(1.1)  # throttled for a second after a failure
    response = unverified_client.post(
        reverse("security:verify"), {"token": code_for(paired), "next": "/admin/pages/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert unverified_client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_verify_refuses_an_outside_next(unverified_client, boss, paired):
    sign_in(unverified_client, boss)
    response = unverified_client.post(
        reverse("security:verify"), {"token": code_for(paired), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.django_db
def test_a_backup_code_works_once(client, unverified_client, boss, paired):
    client.force_login(boss)
    page = client.post(reverse("security:backup-codes"))
    code = soup(page).select_one(".otp-backup-codes code").get_text()

    sign_in(unverified_client, boss)
    assert unverified_client.post(reverse("security:verify"), {"token": code}).status_code == 302
    assert unverified_client.get("/admin/").status_code == 200
    unverified_client.logout()
    sign_in(unverified_client, boss)
    again = unverified_client.post(reverse("security:verify"), {"token": code})
    assert again.status_code == 200
    assert unverified_client.get("/admin/").status_code == 302


@pytest.mark.django_db
def test_backup_codes_have_no_look_alike_characters_and_are_read_as_typed(
    client, unverified_client, boss, paired
):
    client.force_login(boss)
    codes = set()
    for _ in range(5):
        page = client.post(reverse("security:backup-codes"))
        codes |= {code.get_text() for code in soup(page).select(".otp-backup-codes code")}

    assert len(codes) == 50
    assert not set("".join(codes)) & set("0o1liOI")
    # Typed from paper: capitals and a space in the middle still match (the last set counts).
    code = soup(page).select_one(".otp-backup-codes code").get_text()
    typed = f"{code[:5].upper()} {code[5:].upper()}"
    sign_in(unverified_client, boss)
    assert unverified_client.post(reverse("security:verify"), {"token": typed}).status_code == 302


@pytest.mark.django_db
def test_a_stolen_password_cannot_add_a_second_device(unverified_client, boss, paired):
    sign_in(unverified_client, boss)
    response = unverified_client.get(reverse("security:setup"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("security:verify"))
    assert not TOTPDevice.objects.filter(user=boss, confirmed=False).exists()


@pytest.mark.django_db
def test_outside_the_admin_an_unverified_account_is_anonymous(unverified_client, client):
    complaint = submit(photo=upload(), privacy="private")
    staff = officer()
    staff.set_password(PASSWORD)
    staff.save()
    url = reverse("complaint-photo", args=[complaint.tracking_code])
    sign_in(unverified_client, staff)
    assert unverified_client.get(url).status_code == 404
    client.force_login(staff)
    assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_an_admin_resets_a_colleagues_device(client, boss, django_user_model):
    colleague = officer()
    TOTPDevice.objects.create(user=colleague, name="authenticator", confirmed=True)
    client.force_login(boss)
    listing = client.get(reverse("security:staff-devices"))
    assert colleague.username in listing.content.decode()
    response = client.post(reverse("security:reset", args=[colleague.pk]))
    assert response.status_code == 200  # the new enrolment code, shown once
    assert not TOTPDevice.objects.filter(user=colleague).exists()


@pytest.mark.django_db
def test_only_admins_may_reset(client, boss, paired):
    colleague = officer()
    colleague.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(colleague)
    assert client.get(reverse("security:staff-devices")).status_code == 403
    assert client.post(reverse("security:reset", args=[boss.pk])).status_code == 403
    assert TOTPDevice.objects.filter(user=boss).exists()
