"""The NIK: checked when a category asks for it, dropped otherwise, encrypted, masked, private."""

import csv
import datetime
import io
import logging

import pytest
from cryptography.fernet import Fernet
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cms.complaints.errors import ComplaintError
from cms.complaints.hashing import lookup_hash
from cms.complaints.models import Complaint, ComplaintCategory
from cms.complaints.nik import PROVINCES, nik_mask, nik_validate
from cms.security.models import PersonalDataAccess
from tests.utils import main_text, soup, text_of

from .helpers import VALID, advance, officer, submit

Status = Complaint.Status
NIK = "3201011507900001"  # 32 Jawa Barat, 01, 01, a man born 15-07-1990, serial 0001
MASKED = "3201\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022" + "0001"
# Pieces that would give the NIK away, whatever the page does with it.
TRACES = (NIK, "01150790", "1507900001", MASKED)
NEW = "/pengaduan/baru/"
API = "/api/v1/complaints/"


def with_nik(nik=NIK, **overrides):
    """Return a complaint in the civil-registration topic (which asks for the NIK) as a form."""
    return {**VALID, "category": "adminduk", "reporter_nik": nik, **overrides}


@pytest.fixture
def nik_topic(db):
    ComplaintCategory.objects.filter(slug="adminduk").update(requires_nik=True)
    return ComplaintCategory.objects.get(slug="adminduk")


def assert_no_nik(text: str):
    for trace in TRACES:
        assert trace not in text


def raw_nik(complaint) -> tuple[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reporter_nik, reporter_nik_hash FROM complaints_complaint WHERE id = %s",
            [complaint.pk],
        )
        return cursor.fetchone()


# --- Checking the number ---


@pytest.mark.parametrize(
    "typed",
    [
        NIK,
        "3201 0115 0790 0001",  # as people group it
        "3201.0115.0790.0001",  # as some cards print it
        " 32-01-01-150790-0001 ",
        "3201014107900001",  # a woman born on the 1st: 01 + 40
        "3201017107900001",  # a woman born on the 31st: 31 + 40 (July has 31 days)
        "3201010101000001",  # born 1 January
        "3201013112990001",  # born 31 December
        "3201012902000001",  # 29 February 2000, a leap year
        "3201016902040001",  # a woman born on 29 February 2004
        "1101011507900001",  # the first province code, Aceh
        "9601011507900001",  # the last, Papua Barat Daya
        "6501011507900001",  # Kalimantan Utara
        "3201011507909999",
    ],
)
def test_plausible_numbers_are_accepted_and_normalised(typed):
    assert nik_validate(typed) == "".join(ch for ch in typed if ch.isdigit())


@pytest.mark.parametrize(
    "typed",
    [
        "\u0663\u0662\u0660\u0661\u0660\u0661\u0661\u0665\u0660\u0667\u0669\u0660\u0660\u0660\u0660\u0661",
        "\uff13\uff12\uff10\uff11 0115 0790 0001",  # full-width digits, as some keyboards type
    ],
)
def test_decimal_digits_of_other_scripts_are_stored_as_ascii(typed):
    """Arabic-Indic or full-width digits are the same number: kept as ASCII, never as typed."""
    assert nik_validate(typed) == NIK


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("3201O11507900001", "nik_digits"),  # a letter O for a zero
        ("327315\u00b9507890042", "nik_digits"),  # a superscript one: isdigit, not a decimal
        ("3201011507\u2460\u24ea0001", "nik_digits"),  # circled one and zero
        ("", "nik_digits"),
        ("320101150790001", "nik_length"),  # 15 digits
        ("32010115079000011", "nik_length"),  # 17 digits
        ("1001011507900001", "nik_province"),  # 10 is no province
        ("2001011507900001", "nik_province"),
        ("9701011507900001", "nik_province"),  # BPS numbering, not the NIK's
        ("0001011507900001", "nik_province"),
        ("3200011507900001", "nik_region"),  # regency 00
        ("3201001507900001", "nik_region"),  # district 00
        ("3201010007900001", "nik_birth_date"),  # day 00
        ("3201013207900001", "nik_birth_date"),  # day 32
        ("3201014007900001", "nik_birth_date"),  # 40: a woman's day 0
        ("3201017207900001", "nik_birth_date"),  # 72: a woman's day 32
        ("3201011500900001", "nik_birth_date"),  # month 00
        ("3201011513900001", "nik_birth_date"),  # month 13
        ("3201013104900001", "nik_birth_date"),  # 31 April
        ("3201017104900001", "nik_birth_date"),  # a woman's 31 April
        ("3201013002000001", "nik_birth_date"),  # 30 February
        ("3201012902010001", "nik_birth_date"),  # 29 February 2001 / 1901
        ("3201016902030001", "nik_birth_date"),  # a woman's 29 February 2003
        ("3201011507900000", "nik_serial"),
    ],
)
def test_implausible_numbers_are_refused_each_with_its_reason(typed, code):
    with pytest.raises(ValidationError) as refused:
        nik_validate(typed)
    assert refused.value.code == code


def test_messages_are_indonesian_and_name_the_problem():
    def message(typed):
        with pytest.raises(ValidationError) as refused:
            nik_validate(typed)
        return refused.value.messages[0]

    assert "16 angka" in message("320101150790001") and "15" in message("320101150790001")
    assert "angka" in message("3201O11507900001")
    assert "provinsi" in message("1001011507900001") and "10" in message("1001011507900001")
    assert "tanggal lahir" in message("3201013207900001")
    assert "40" in message("3201013207900001")  # explains the rule for women
    assert "0000" in message("3201011507900000")


def test_the_province_list_is_the_38_kemendagri_codes():
    assert len(PROVINCES) == 38
    assert min(PROVINCES) == "11" and max(PROVINCES) == "96"


def test_masking_shows_the_first_and_last_four_digits_only():
    assert nik_mask(NIK) == MASKED
    assert nik_mask("") == ""


# --- The resident's form and the API ---


def test_form_has_no_nik_field_while_no_topic_asks_for_it(site_tree, client):
    page = soup(client.get(NEW))
    assert page.find(attrs={"name": "reporter_nik"}) is None


def test_form_offers_the_nik_field_for_the_topics_that_ask_for_it(site_tree, client, nik_topic):
    page = soup(client.get(NEW))
    box = page.find(attrs={"data-nik-field": True})
    assert box["data-nik-categories"] == "adminduk"
    field = box.find("input", attrs={"name": "reporter_nik"})
    assert field["inputmode"] == "numeric" and field["autocomplete"] == "off"
    assert "NIK" in text_of(box)


def test_topic_that_asks_for_it_needs_the_nik_even_without_javascript(site_tree, client, nik_topic):
    response = client.post(NEW, with_nik(""))
    assert response.status_code == 400
    assert not Complaint.objects.exists()
    error = soup(response).find(id="id_reporter_nik_error")
    assert "NIK" in text_of(error) and "16" in text_of(error)


def test_an_implausible_nik_gets_its_reason_next_to_the_field(site_tree, client, nik_topic):
    response = client.post(NEW, with_nik("3201013207900001"))
    assert response.status_code == 400
    assert "tanggal lahir" in text_of(soup(response).find(id="id_reporter_nik_error"))
    assert not Complaint.objects.exists()


def test_a_nik_typed_with_spaces_and_dots_is_stored_as_16_digits(site_tree, client, nik_topic):
    response = client.post(NEW, with_nik("3201 0115.0790 0001", idempotency_key="nik-key-0001"))
    assert response.status_code == 302
    assert Complaint.objects.get().reporter_nik == NIK


def test_a_nik_sent_for_another_topic_is_never_stored(site_tree, client, nik_topic):
    response = client.post(NEW, with_nik(category="jalan-jembatan"))
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.reporter_nik == "" and raw_nik(complaint) == ("", "")


def test_api_requires_and_checks_the_nik_for_its_topic(client, nik_topic):
    missing = client.post(API, with_nik(""), content_type="application/json")
    assert missing.status_code == 400
    assert "NIK" in missing.json()["errors"]["reporter_nik"][0]
    wrong = client.post(API, with_nik("1001011507900001"), content_type="application/json")
    assert "provinsi" in wrong.json()["errors"]["reporter_nik"][0]
    created = client.post(API, with_nik("3201.0115.0790.0001"), content_type="application/json")
    assert created.status_code == 201
    assert_no_nik(created.content.decode())
    assert Complaint.objects.get().reporter_nik == NIK


def test_digit_like_characters_are_a_400_on_the_api_and_the_form(site_tree, client, nik_topic):
    """A superscript digit is isdigit() but no decimal: refused with the NIK message, no 500."""
    superscript = "327315\u00b9507890042"
    api = client.post(API, with_nik(superscript), content_type="application/json")
    assert api.status_code == 400
    assert "hanya berisi angka" in api.json()["errors"]["reporter_nik"][0]
    form = client.post(NEW, with_nik(superscript))
    assert form.status_code == 400
    assert "hanya berisi angka" in text_of(soup(form).find(id="id_reporter_nik_error"))
    arabic = "".join(chr(0x0660 + int(digit)) for digit in NIK)
    created = client.post(API, with_nik(arabic), content_type="application/json")
    assert created.status_code == 201
    assert Complaint.objects.get().reporter_nik == NIK


def test_categories_api_says_which_topics_ask_for_the_nik(client, nik_topic):
    items = client.get("/api/v1/complaint-categories/").json()["items"]
    asking = {item["slug"] for item in items if item["requires_nik"]}
    assert asking == {"adminduk"}


def test_service_refuses_a_missing_nik_for_staff_entry_too(nik_topic):
    with pytest.raises(ComplaintError) as refused:
        submit(category="adminduk")
    assert refused.value.field == "reporter_nik"


# --- At rest, looked up, shown to staff ---


def test_the_database_holds_a_token_and_a_keyed_hash_not_the_nik(nik_topic):
    complaint = submit(category="adminduk", reporter_nik=NIK)
    token, nik_hash = raw_nik(complaint)
    assert token.startswith("gAAAAA")
    assert_no_nik(token + nik_hash)
    assert nik_hash == lookup_hash("3201 0115 0790 0001", "nik") and len(nik_hash) == 64
    assert Complaint.objects.get(pk=complaint.pk).reporter_nik == NIK


def test_staff_find_a_complaint_by_nik_however_typed(officer_client, nik_topic):
    mine = submit(category="adminduk", reporter_nik=NIK)
    other = submit(category="adminduk", reporter_nik="3201014107900002")
    page = officer_client.get(reverse("complaints:index"), {"q": "3201.0115.0790.0001"})
    assert mine.tracking_code in page.content.decode()
    assert other.tracking_code not in page.content.decode()


def test_nik_search_needs_the_personal_data_permission(client, viewer, nik_topic):
    mine = submit(category="adminduk", reporter_nik=NIK)
    client.force_login(viewer)
    page = client.get(reverse("complaints:index"), {"q": NIK})
    assert mine.tracking_code not in page.content.decode()


def test_staff_see_the_nik_masked_and_reveal_it_on_purpose_which_is_logged(
    officer_client, officer, nik_topic
):
    complaint = submit(category="adminduk", reporter_nik=NIK)
    url = reverse("complaints:inspect", args=[complaint.pk])
    detail = officer_client.get(url)
    assert MASKED in detail.content.decode() and NIK not in detail.content.decode()
    assert not PersonalDataAccess.objects.filter(action="reveal_nik").exists()

    revealed = officer_client.post(url, {"action": "reveal_nik"})
    assert revealed.status_code == 200
    assert NIK in text_of(soup(revealed).find(attrs={"data-nik-full": True}))
    assert "no-store" in revealed["Cache-Control"]
    entry = PersonalDataAccess.objects.get(action="reveal_nik")
    assert (entry.user, entry.complaint) == (officer, complaint)
    # Shown once: the next visit is masked again.
    assert NIK not in officer_client.get(url).content.decode()


def test_staff_without_the_personal_data_permission_see_no_nik_and_cannot_reveal(
    client, viewer, nik_topic
):
    complaint = submit(category="adminduk", reporter_nik=NIK)
    client.force_login(viewer)
    url = reverse("complaints:inspect", args=[complaint.pk])
    assert_no_nik(client.get(url).content.decode())
    # Wagtail answers a missing permission with a redirect to the dashboard.
    assert client.post(url, {"action": "reveal_nik"}).status_code in (302, 403)
    assert not PersonalDataAccess.objects.exists()


def test_the_staff_list_never_shows_the_nik(officer_client, nik_topic):
    submit(category="adminduk", reporter_nik=NIK)
    assert_no_nik(officer_client.get(reverse("complaints:index")).content.decode())


def download(client) -> tuple[str, list[dict]]:
    response = client.get(reverse("complaints:index"), {"export": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return body, list(csv.DictReader(io.StringIO(body)))


def test_export_without_the_export_permission_has_no_nik(officer_client, nik_topic):
    submit(category="adminduk", reporter_nik=NIK)
    body, rows = download(officer_client)
    assert rows and not any("NIK" in heading for heading in rows[0])
    assert_no_nik(body)


def test_export_with_the_permission_has_the_nik_masked_only(client, officer, nik_topic):
    officer.user_permissions.add(Permission.objects.get(codename="export_personal_data"))
    submit(category="adminduk", reporter_nik=NIK)
    client.force_login(officer)
    body, rows = download(client)
    assert rows[0]["NIK (disamarkan)"] == MASKED
    assert NIK not in body


def test_staff_enter_a_nik_for_a_resident_at_the_desk(officer_client, nik_topic):
    form = {
        "channel": "walk_in",
        "kind": "permohonan",
        "category": nik_topic.pk,
        "description": "Mohon bantuan perubahan data KK karena pindah alamat.",
        "reporter_phone": "0812 3456 7890",
        "privacy": "confidential",
    }
    refused = officer_client.post(reverse("complaints:add"), form)
    assert refused.status_code == 400 and not Complaint.objects.exists()
    stored = officer_client.post(reverse("complaints:add"), {**form, "reporter_nik": NIK})
    assert stored.status_code == 302
    assert Complaint.objects.get().reporter_nik == NIK


# --- Never public, never logged, never indexed ---


def test_public_pages_and_api_never_show_the_nik(site_tree, client, nik_topic):
    complaint = submit(category="adminduk", reporter_nik=NIK, privacy="public")
    advance(complaint, Status.VERIFIED, actor=officer())
    code = complaint.tracking_code
    for url in (
        f"/pengaduan/terkirim/{code}/",
        f"/pengaduan/lacak/{code}/",
        "/pengaduan/",
        f"/api/v1/complaints/{code}/",
        "/api/v1/complaints/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_no_nik(response.content.decode())
    assert code in main_text(client.get("/pengaduan/"))  # it is public, just without the NIK
    # The site search repeats what was typed, and finds no complaint.
    assert code not in client.get("/cari/", {"q": NIK}).content.decode()


def test_complaints_with_a_nik_are_not_in_the_search_index(nik_topic):
    from wagtail.search.index import Indexed
    from wagtail.search.models import IndexEntry

    submit(category="adminduk", reporter_nik=NIK)
    assert not issubclass(Complaint, Indexed)
    assert not IndexEntry.objects.filter(content_type__app_label="complaints").exists()


def test_the_nik_never_reaches_the_logs(site_tree, client, officer_client, nik_topic, caplog):
    caplog.set_level(logging.DEBUG)
    client.post(NEW, with_nik("3201013207900001"))  # refused
    client.post(NEW, with_nik(idempotency_key="nik-log-0001"))
    client.post(API, with_nik(), content_type="application/json")
    client.post(API, with_nik("9701011507900001"), content_type="application/json")
    complaint = Complaint.objects.first()
    officer_client.post(
        reverse("complaints:inspect", args=[complaint.pk]), {"action": "reveal_nik"}
    )
    assert Complaint.objects.count() == 2
    logged = caplog.text + " ".join(str(record.args) for record in caplog.records)
    for trace in (*TRACES, "3201013207900001", "9701011507900001"):
        assert trace not in logged


# --- Retention and key rotation ---


def test_retention_purge_erases_the_nik_and_its_hash(nik_topic):
    complaint = submit(category="adminduk", reporter_nik=NIK)
    Complaint.objects.filter(pk=complaint.pk).update(
        status=Status.DONE, closed_at=timezone.now() - datetime.timedelta(days=800)
    )
    call_command("purge_personal_data", stdout=io.StringIO())
    assert raw_nik(complaint) == ("", "")
    complaint.refresh_from_db()
    assert complaint.reporter_nik == "" and complaint.description


def test_retention_purge_erases_a_nik_left_as_the_only_personal_data(nik_topic):
    complaint = submit(
        category="adminduk",
        reporter_nik=NIK,
        reporter_name="",
        reporter_phone="",
        reporter_email="",
    )
    Complaint.objects.filter(pk=complaint.pk).update(
        status=Status.DONE, closed_at=timezone.now() - datetime.timedelta(days=800)
    )
    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "1 complaints" in out.getvalue() and raw_nik(complaint) == ("", "")


def test_key_rotation_reencrypts_the_nik_and_rehashes_it(settings, nik_topic):
    complaint = submit(category="adminduk", reporter_nik=NIK)
    token, nik_hash = raw_nik(complaint)
    old_key = settings.PERSONAL_DATA_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.PERSONAL_DATA_KEYS = [new_key, old_key]
    settings.PERSONAL_DATA_HASH_KEY = "another-hash-key"
    call_command("reencrypt_personal_data", stdout=io.StringIO())
    new_token, new_hash = raw_nik(complaint)
    assert new_token != token and new_token.startswith("gAAAAA")
    assert new_hash == lookup_hash(NIK, "nik") != nik_hash
    settings.PERSONAL_DATA_KEYS = [new_key]  # the old key is gone
    assert Complaint.objects.get(pk=complaint.pk).reporter_nik == NIK


# --- The demo ---


def test_demo_civil_registration_topic_asks_for_a_nik(db):
    from demo.complaints import DEMO_NIK, ensure_demo_complaints

    ensure_demo_complaints()
    assert ComplaintCategory.objects.get(slug="adminduk").requires_nik
    ktp = Complaint.objects.get(idempotency_key="demo-ktp-belum-jadi")
    assert ktp.reporter_nik == nik_validate(DEMO_NIK["demo-ktp-belum-jadi"])
    assert ktp.data_requests.filter(status="terbuka").count() == 1
    assert ensure_demo_complaints() == 0  # a second run adds nothing
    assert ktp.data_requests.count() == 1
