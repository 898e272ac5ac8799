"""Look-up hashes of phone numbers and NIKs: the complaint app normalises, security only hashes.

The digests are those stored before the normalising moved out of cms.security.crypto: a stored
hash must still find its complaint after the move.
"""

import pytest

from cms.complaints.hashing import lookup_hash
from cms.security import crypto

from .helpers import submit

PHONE = "86cf754fe18f328bbfc2d5d52838610039d5b31187f161b0c9af46a244fa76f4"
NIK = "7c3c194240de21fde128ad94b7c30099fda95f36ad363005cc2721fc182dc035"
FINGERPRINT = "1894d295feb37e74ad90423a96e26745cdbde6fba870c673becaa0ee3444eafc"


@pytest.fixture(autouse=True)
def _published_test_key(settings):
    settings.PERSONAL_DATA_HASH_KEY = "dev-only-not-secret-hash-key"


@pytest.mark.parametrize("phone", ["0812-3456-7890", "+62 812 3456 7890", "6281234567890"])
def test_a_phone_however_written_has_the_digest_stored_before(phone):
    assert lookup_hash(phone) == lookup_hash(phone, "phone") == PHONE


@pytest.mark.parametrize("nik", ["3201 0115.0790-0001", "3201011507900001"])
def test_a_nik_however_written_has_the_digest_stored_before(nik):
    assert lookup_hash(nik, "nik") == NIK


def test_other_kinds_are_hashed_as_given_apart_from_outer_spaces():
    assert lookup_hash('  {"a": 1}  ', "fingerprint") == FINGERPRINT


def test_nothing_given_has_no_hash():
    assert lookup_hash("") == lookup_hash("  ", "nik") == ""


def test_security_hashes_the_normalised_value_and_normalises_nothing_itself():
    assert crypto.lookup_hash("6281234567890", "phone") == PHONE
    assert crypto.lookup_hash("3201011507900001", "nik") == NIK
    assert crypto.lookup_hash("0812-3456-7890", "phone") != PHONE


@pytest.mark.django_db
def test_a_saved_complaint_stores_the_same_digests():
    complaint = submit(reporter_phone="0812-3456-7890")
    assert complaint.reporter_phone_hash == PHONE
