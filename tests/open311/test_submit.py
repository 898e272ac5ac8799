"""POST requests: the same rules as /api/v1/complaints/ (one form, one service), a key per
client, idempotency, the per-key limit, and the spec's answer in JSON and XML."""

import pytest
from django.test import override_settings

from cms.complaints.models import Complaint, ComplaintCategory
from open311.keys import api_key_issue
from open311.models import ApiKey
from tests.complaints.helpers import jpeg_bytes

from .helpers import ROOT, items

pytestmark = pytest.mark.django_db
NIK = "3201011507900001"


def body(api_key, **extra):
    return {
        "api_key": api_key,
        "service_code": "jalan-jembatan",
        "lat": "-6.914744",
        "long": "107.609810",
        "description": "Lampu jalan di depan balai desa mati sejak seminggu.",
        "first_name": "Siti",
        "last_name": "Rahayu",
        "email": "siti.rahayu@contoh.id",
        "phone": "0812 3456 7890",
        **extra,
    }


def post(client, fmt, data, **headers):
    return client.post(f"{ROOT}requests.{fmt}", data, headers=headers)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_request_becomes_a_complaint_and_answers_its_id(client, api_key, fmt):
    response = post(client, fmt, body(api_key))
    assert response.status_code == 201
    (answer,) = items(response, fmt, "service_requests")
    complaint = Complaint.objects.get()
    assert answer["service_request_id"] == complaint.tracking_code
    assert complaint.tracking_code in answer["service_notice"]
    assert "token" not in answer
    assert complaint.channel == "api" and complaint.privacy == "anonymous"
    assert complaint.reporter_name == "Siti Rahayu"
    assert complaint.reporter_email == "siti.rahayu@contoh.id"
    key = ApiKey.objects.get()
    assert key.requests_sent == 1 and key.last_used_at is not None


def test_the_nik_is_checked_as_in_the_form(client, api_key):
    ComplaintCategory.objects.filter(slug="adminduk").update(requires_nik=True)
    missing = post(client, "json", body(api_key, service_code="adminduk"))
    assert missing.status_code == 400
    assert missing.json()[0]["description"].startswith("attribute[nik]:")
    wrong = post(
        client, "json", body(api_key, service_code="adminduk", **{"attribute[nik]": "123"})
    )
    assert wrong.status_code == 400
    right = post(client, "json", body(api_key, service_code="adminduk", **{"attribute[nik]": NIK}))
    assert right.status_code == 201
    assert Complaint.objects.get().reporter_nik == NIK


def test_attributes_and_address_map_onto_the_complaint(client, api_key):
    data = body(
        api_key,
        lat="",
        long="",
        address_string="Jl. Merdeka 5, RT 02/RW 03",
        **{"attribute[privacy]": "confidential", "attribute[kind]": "aspirasi"},
    )
    assert post(client, "json", data).status_code == 201
    complaint = Complaint.objects.get()
    assert complaint.location_text == "Jl. Merdeka 5, RT 02/RW 03"
    assert (complaint.privacy, complaint.kind) == ("confidential", "aspirasi")


def test_bad_input_is_a_400_naming_the_parameter(client, api_key):
    cases = {
        "description": body(api_key, description="pendek"),
        "service_code": body(api_key, service_code=""),
        "lat": body(api_key, lat="utara"),
        "email": body(api_key, email="bukan-email"),
        "attribute[privacy]": body(api_key, **{"attribute[privacy]": "rahasia"}),
        "location": body(api_key, lat="", long=""),
    }
    for name, data in cases.items():
        response = post(client, "json", data)
        assert response.status_code == 400, name
        if name != "location":
            assert name in response.json()[0]["description"]
    assert post(client, "json", body(api_key, service_code="tidak-ada")).status_code == 404
    assert Complaint.objects.count() == 0


def test_a_photo_goes_through_the_same_photo_handling(client, api_key):
    from django.core.files.uploadedfile import SimpleUploadedFile

    photo = SimpleUploadedFile("foto.jpg", jpeg_bytes(), "image/jpeg")
    assert post(client, "json", body(api_key, media=photo)).status_code == 201
    assert Complaint.objects.get().photo
    broken = SimpleUploadedFile("foto.jpg", b"not an image", "image/jpeg")
    response = post(client, "json", body(api_key, media=broken))
    assert response.status_code == 400
    assert response.json()[0]["description"].startswith("media:")


def test_media_url_is_never_fetched(client, api_key):
    response = post(client, "json", body(api_key, media_url="http://127.0.0.1:9/foto.jpg"))
    assert response.status_code == 201
    assert "media_url" in response.json()[0]["service_notice"]
    assert not Complaint.objects.get().photo


def test_a_revoked_key_is_refused(client, api_key):
    ApiKey.objects.update(is_active=False)
    response = post(client, "json", body(api_key))
    assert response.status_code == 403
    assert response.json()[0]["description"].startswith("api_key tidak sah")  # Indonesian
    english = client.post(f"{ROOT}requests.json", body(api_key), headers={"Accept-Language": "en"})
    assert english.json()[0]["description"].startswith("Invalid api_key")
    assert Complaint.objects.count() == 0


def test_the_idempotency_key_gives_the_same_request_back(client, api_key):
    first = post(client, "json", body(api_key), **{"Idempotency-Key": "kunci-0001"})
    again = post(client, "json", body(api_key), **{"Idempotency-Key": "kunci-0001"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()[0]["service_request_id"] == again.json()[0]["service_request_id"]
    assert Complaint.objects.count() == 1
    other = post(
        client,
        "json",
        body(api_key, description="Sesuatu yang lain sama sekali di sini."),
        **{"Idempotency-Key": "kunci-0001"},
    )
    assert other.status_code == 409
    bad = post(client, "json", body(api_key), **{"Idempotency-Key": "x"})
    assert bad.status_code == 400


def test_two_clients_may_use_the_same_idempotency_key(client, api_key):
    other_key = api_key_issue(ApiKey(client_name="FixMyStreet"))
    for secret in (api_key, other_key):
        response = post(client, "json", body(secret), **{"Idempotency-Key": "laporan-1"})
        assert response.status_code == 201
    assert Complaint.objects.count() == 2


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_token_is_the_idempotency_key_read_back_with_the_api_key(client, api_key, fmt):
    post(client, "json", body(api_key), **{"Idempotency-Key": "laporan-42"})
    code = Complaint.objects.get().tracking_code
    response = client.get(f"{ROOT}tokens/laporan-42.{fmt}", {"api_key": api_key})
    (answer,) = items(response, fmt, "service_requests")
    assert answer == {"service_request_id": code, "token": "laporan-42"}
    other = api_key_issue(ApiKey(client_name="Orang lain"))
    assert client.get(f"{ROOT}tokens/laporan-42.json", {"api_key": other}).status_code == 404


def test_each_key_has_its_own_hourly_limit(client, api_key):
    ApiKey.objects.update(hourly_limit=2)
    statuses = [
        post(client, "json", body(api_key, description=f"Lampu jalan mati nomor {n}.")).status_code
        for n in range(3)
    ]
    assert statuses == [201, 201, 429]
    other = api_key_issue(ApiKey(client_name="Aplikasi desa"))
    assert post(client, "json", body(other)).status_code == 201


@override_settings(COMPLAINT_SUBMIT_RATE=1)
def test_the_per_address_limit_of_residents_does_not_apply_to_a_keyed_client(client, api_key):
    for n in range(3):
        response = post(client, "json", body(api_key, description=f"Jalan rusak nomor {n} ya."))
        assert response.status_code == 201


def test_a_json_body_is_a_400_not_a_500(client, api_key):
    response = client.post(
        ROOT + "requests.json", data=b'{"api_key": 1}', content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()[0]["code"] == 400


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_parameter_sent_twice_is_refused_not_dropped(client, api_key, fmt):
    data = body(api_key)
    data["service_code"] = ["jalan-jembatan", "adminduk"]
    data["attribute[privacy]"] = ["public", "confidential"]
    response = post(client, fmt, data)
    assert response.status_code == 400
    descriptions = [error["description"] for error in items(response, fmt, "errors")]
    assert [text.split(" ")[0] for text in descriptions] == ["service_code", "attribute[privacy]"]
    assert Complaint.objects.count() == 0


def test_a_coordinate_that_is_no_number_is_explained_to_the_developer(client, api_key):
    response = post(client, "json", body(api_key, lat="abc"))
    assert response.status_code == 400
    assert [error["description"] for error in response.json()] == [
        "lat: diharapkan derajat desimal (WGS84), misalnya -6.914744."
    ]
