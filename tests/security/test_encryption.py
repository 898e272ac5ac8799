"""Personal data encrypted at rest, key rotation, and the keyed phone look-up."""

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from cms.complaints import services
from cms.complaints.hashing import lookup_hash
from cms.complaints.models import Complaint
from tests.complaints.helpers import submit

pytestmark = pytest.mark.django_db

NAME, PHONE, EMAIL = "Siti Rahayu", "0812 3456 7890", "siti.rahayu@contoh.id"


def raw_row(complaint):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reporter_name, reporter_phone, reporter_email, reporter_phone_hash "
            "FROM complaints_complaint WHERE id = %s",
            [complaint.pk],
        )
        return cursor.fetchone()


def test_the_database_column_holds_no_plaintext():
    complaint = submit(reporter_name=NAME, reporter_phone=PHONE, reporter_email=EMAIL)
    row = raw_row(complaint)
    stored = " ".join(row)
    for secret in (NAME, "Siti", PHONE, "34567890", "3456", EMAIL, "contoh.id"):
        assert secret not in stored
    assert all(value.startswith("gAAAAA") for value in row[:3])  # Fernet tokens
    fresh = Complaint.objects.get(pk=complaint.pk)
    assert (fresh.reporter_name, fresh.reporter_phone, fresh.reporter_email) == (
        NAME,
        PHONE,
        EMAIL,
    )


def test_empty_personal_data_stays_empty():
    complaint = submit(reporter_name="", reporter_phone="", reporter_email=EMAIL)
    assert raw_row(complaint)[:2] == ("", "") and raw_row(complaint)[3] == ""


def test_key_rotation_reencrypts_with_the_new_key(settings):
    old_key = settings.PERSONAL_DATA_KEYS[0]
    complaint = submit(reporter_name=NAME, reporter_phone=PHONE, reporter_email=EMAIL)
    before = raw_row(complaint)
    new_key = Fernet.generate_key().decode()
    settings.PERSONAL_DATA_KEYS = [new_key, old_key]
    # Old tokens still read with the old key second.
    assert Complaint.objects.get(pk=complaint.pk).reporter_name == NAME
    call_command("reencrypt_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = raw_row(complaint)
    assert after[:3] != before[:3] and after[3] == before[3]
    settings.PERSONAL_DATA_KEYS = [new_key]  # the old key is gone
    assert Complaint.objects.get(pk=complaint.pk).reporter_email == EMAIL
    settings.PERSONAL_DATA_KEYS = [old_key]
    with pytest.raises(ImproperlyConfigured):
        Complaint.objects.get(pk=complaint.pk)


def test_a_new_hash_key_is_applied_by_the_same_command(settings):
    complaint = submit(reporter_phone=PHONE)
    before = raw_row(complaint)[3]
    settings.PERSONAL_DATA_HASH_KEY = "another-hash-key"
    call_command("reencrypt_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert raw_row(complaint)[3] not in ("", before)


def test_staff_find_a_reporter_by_phone_however_written(officer_client):
    mine = submit(reporter_phone=PHONE)
    other = submit(reporter_phone="0813 1111 2222")
    response = officer_client.get(reverse("complaints:index"), {"q": "+62 812-3456-7890"})
    page = response.content.decode()
    assert mine.tracking_code in page and other.tracking_code not in page


def test_staff_find_a_reporter_by_whole_name_in_any_case(officer_client):
    mine = submit(reporter_name="Siti Rahayu")
    other = submit(reporter_name="Siti Aminah")
    described = submit(reporter_name="Budi", description="Rumah Siti Rahayu kebanjiran tiap hujan.")

    response = officer_client.get(reverse("complaints:index"), {"q": " SITI rahayu "})

    page = response.content.decode()
    assert mine.tracking_code in page and described.tracking_code in page
    assert other.tracking_code not in page
    # Encrypted at rest, found only through the keyed hash of the whole name.
    assert "Siti" not in " ".join(str(value) for value in raw_row(mine))
    assert mine.reporter_name_hash == lookup_hash("siti rahayu", "name")
    spaced = officer_client.get(reverse("complaints:index"), {"q": "siti   RAHAYU"})
    assert mine.tracking_code in spaced.content.decode()


def test_name_search_needs_the_personal_data_permission(client, viewer):
    mine = submit(reporter_name="Siti Rahayu")
    client.force_login(viewer)
    response = client.get(reverse("complaints:index"), {"q": "Siti Rahayu"})
    assert mine.tracking_code not in response.content.decode()


def test_phone_search_needs_the_personal_data_permission(client, viewer):
    mine = submit(reporter_phone=PHONE)
    client.force_login(viewer)
    response = client.get(reverse("complaints:index"), {"q": PHONE})
    assert mine.tracking_code not in response.content.decode()


def test_the_stored_fingerprint_of_a_complaint_is_keyed(settings):
    """The idempotency fingerprint covers the reporter's details next to text stored in clear:
    unkeyed, a copy of the database would let anyone try every phone number against it."""
    complaint = submit(reporter_phone=PHONE, idempotency_key="fingerprint-key-1")
    data = {field: getattr(complaint, field) for field in services.SUBMIT_FIELDS}
    stored = complaint.idempotency_fingerprint
    assert stored == services._fingerprint(data, complaint.category, None)
    settings.PERSONAL_DATA_HASH_KEY = "another-key-for-this-test"
    assert services._fingerprint(data, complaint.category, None) != stored
