"""The JSON face of complaints: DESIGN.md's contract."""

import io
import uuid
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import override_settings

from cms.complaints.models import Complaint
from tests.utils import at_once

from .helpers import PERSONAL, VALID, advance, officer, submit, upload

pytestmark = pytest.mark.django_db
URL = "/api/v1/complaints/"


def post_json(client, body=None, key=None, **headers):
    if key:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(URL, body or dict(VALID), content_type="application/json", **headers)


def test_json_submission_answers_201_with_the_contract_fields(client):
    response = post_json(client, key=str(uuid.uuid4()))
    assert response.status_code == 201
    body = response.json()
    complaint = Complaint.objects.get()
    assert body["tracking_code"] == complaint.tracking_code
    assert body["status"] == "diterima"
    assert body["url"] == f"http://testserver/pengaduan/lacak/{complaint.tracking_code}/"
    assert response["Location"] == body["api_url"]
    assert complaint.channel == "api" and complaint.reporter_name == "Siti Rahayu"


def test_the_sites_own_form_names_the_web_channel_others_cannot_pick_staff_ones(client):
    """The outbox of this site's form sends `channel=web`; a client may not claim a channel
    staff record in the admin (at the office, by phone)."""
    web = post_json(client, dict(VALID, channel="web"), key=str(uuid.uuid4()))
    assert web.status_code == 201
    assert Complaint.objects.get().channel == "web"
    refused = post_json(client, dict(VALID, channel="walk_in"), key=str(uuid.uuid4()))
    assert refused.status_code == 400 and "channel" in refused.json()["errors"]
    form = client.post(
        URL, dict(VALID, channel="web"), HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4())
    )  # multipart, as the outbox sends it
    assert form.status_code == 201
    assert list(Complaint.objects.values_list("channel", flat=True)) == ["web", "web"]


def test_same_key_returns_the_same_complaint_with_200(client):
    key = str(uuid.uuid4())
    first = post_json(client, key=key)
    second = post_json(client, key=key)
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["tracking_code"] == second.json()["tracking_code"]
    assert Complaint.objects.count() == 1


def test_same_key_with_another_complaint_is_a_409(client):
    key = str(uuid.uuid4())
    post_json(client, key=key)
    response = post_json(client, dict(VALID, description="Sesuatu yang lain sama sekali."), key)
    assert response.status_code == 409
    assert "Idempotency-Key" in response.json()["errors"]
    assert Complaint.objects.count() == 1


def test_malformed_key_is_refused(client):
    response = post_json(client, key="a b")
    assert response.status_code == 400
    assert "Idempotency-Key" in response.json()["errors"]


def test_multipart_with_photo(client):
    data = dict(VALID)
    data["photo"] = upload()
    response = client.post(URL, data, HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
    assert response.status_code == 201
    assert Complaint.objects.get().photo


def test_every_invalid_field_is_named_in_the_shared_shape(client):
    body = {
        "kind": "gosip",
        "category": "tidak-ada",
        "description": "pendek",
        "latitude": "north",
        "reporter_email": "x",
        "privacy": "semua",
    }
    response = post_json(client, body)
    assert response.status_code == 400
    payload = response.json()
    assert set(payload) == {"message", "errors"}
    assert set(payload["errors"]) == {
        "kind",
        "category",
        "description",
        "latitude",
        "reporter_email",
        "privacy",
    }
    assert Complaint.objects.count() == 0


@pytest.mark.parametrize(
    "body",
    [
        {"description": ["a", "b"], "category": {"x": 1}},
        {"description": "x" * 5000, "category": "jalan-jembatan"},
        {"description": "Ada \x00 karakter aneh di sini", "category": "jalan-jembatan"},
        {"latitude": 1e308, "longitude": -1e308, "category": "jalan-jembatan"},
    ],
)
def test_nasty_input_is_a_400_never_a_500(client, body):
    response = post_json(client, body)
    assert response.status_code in (201, 400)
    if response.status_code == 201:  # control characters are stripped, the rest accepted
        assert "\x00" not in Complaint.objects.get().description


def test_messages_follow_accept_language(client):
    body = {"category": "jalan-jembatan", "description": "pendek"}
    indonesian = post_json(client, body).json()["errors"]["description"][0]
    english = post_json(client, body, HTTP_ACCEPT_LANGUAGE="en").json()["errors"]["description"][0]
    assert "karakter" in indonesian
    assert "characters" in english


@pytest.mark.parametrize("value", [{}, [], "tidak", 1])
def test_consent_to_contact_is_only_true_or_false(client, value):
    """Consent is never read from an object, a list or any text (a form checkbox would take
    any text as yes): a 400 naming the field. Found by the schema fuzz run."""
    response = post_json(client, dict(VALID, consent_contact=value))

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["consent_contact"]
    assert Complaint.objects.count() == 0


def test_a_list_or_object_is_an_error_of_its_own_field(client):
    response = post_json(client, dict(VALID, description=["Lampu", "mati"], location_text={}))

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"description", "location_text"}


def test_honeypot_is_refused(client):
    response = post_json(client, dict(VALID, website="spam"))
    assert response.status_code == 400
    assert Complaint.objects.count() == 0


@override_settings(COMPLAINT_SUBMIT_RATE=2)
def test_rate_limit_answers_429_with_retry_after_but_lets_retries_through(client):
    keys = [str(uuid.uuid4()) for _ in range(3)]
    assert post_json(client, key=keys[0]).status_code == 201
    assert post_json(client, key=keys[1]).status_code == 201
    limited = post_json(client, key=keys[2])
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0
    assert "Terlalu banyak" in limited.json()["message"]
    # A retry of something already stored still gets its answer.
    assert post_json(client, key=keys[0]).status_code == 200


def test_database_error_answers_503_and_the_retry_is_safe(client):
    key = str(uuid.uuid4())
    with mock.patch(
        "api.v1.complaints.services.complaint_submit", side_effect=OperationalError("db down")
    ):
        response = post_json(client, key=key)
    assert response.status_code == 503
    assert response["Retry-After"]
    assert post_json(client, key=key).status_code == 201
    assert post_json(client, key=key).status_code == 200
    assert Complaint.objects.count() == 1


def test_tracking_shows_status_and_timeline_but_no_personal_data(client):
    staff = officer("budi.petugas")
    complaint = advance(submit(privacy="anonymous"), "diverifikasi", actor=staff, note="Dicek.")
    response = client.get(f"{URL}{complaint.tracking_code.lower()}/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "diverifikasi"
    assert [entry["kind"] for entry in body["timeline"]] == ["created", "status"]
    assert body["timeline"][1]["message"] == "Dicek."
    raw = response.content.decode()
    for secret in (*PERSONAL, "budi"):
        assert secret not in raw


def test_confidential_complaint_text_is_not_shown_by_code(client):
    complaint = submit(privacy="confidential")
    body = client.get(f"{URL}{complaint.tracking_code}/").json()
    assert body["description"] is None and body["desa"] is None
    assert "location_text" not in body  # the resident's words about the place: staff only


def test_unknown_code_is_a_json_404(client):
    response = client.get(f"{URL}KCM-AAAA-AAAA/")
    assert response.status_code == 404
    assert "tracking_code" in response.json()["errors"]


@override_settings(COMPLAINT_TRACK_RATE=2)
def test_guessing_is_limited(client):
    codes = [client.get(f"{URL}KCM-AAAA-AAA{c}/").status_code for c in "ACDE"]
    assert codes == [404, 404, 429, 429]


def test_resident_reply_and_confirmation(client):
    staff = officer()
    complaint = submit()
    url = f"{URL}{complaint.tracking_code}/"
    response = client.post(
        f"{url}replies/",
        {"message": "Tambahan.", "reply_secret": complaint.reply_code},
        content_type="application/json",
    )
    assert response.status_code == 201
    response = client.post(
        f"{url}replies/", {"reply_secret": complaint.reply_code}, content_type="application/json"
    )
    assert response.status_code == 400 and "message" in response.json()["errors"]
    advance(complaint, "diverifikasi", "selesai", actor=staff)
    response = client.post(
        f"{url}confirmation/",
        {"solved": False, "reply_secret": complaint.reply_code},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "diproses"


def test_categories_list(client):
    items = client.get("/api/v1/complaint-categories/").json()["items"]
    assert items[-1]["slug"] == "lainnya"
    assert {"slug", "name", "description", "is_other", "requires_nik", "service_url"} == set(
        items[0]
    )
    english = client.get("/api/v1/complaint-categories/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["items"][-1]["name"] == "Other"


def test_public_list_has_no_personal_data_and_filters(client):
    staff = officer()
    shown = advance(submit(privacy="anonymous"), "diverifikasi", actor=staff)
    advance(submit(privacy="confidential"), "diverifikasi", actor=staff)
    submit()
    response = client.get(URL)
    body = response.json()
    assert body["meta"]["total_count"] == 1
    assert body["items"][0]["tracking_code"] == shown.tracking_code
    assert body["items"][0]["reporter_name"] == ""
    for secret in PERSONAL:
        assert secret not in response.content.decode()
    assert client.get(URL, {"status": "nope"}).status_code == 400
    assert client.get(URL, {"limit": "x"}).json()["errors"]["limit"]
    assert client.get(URL, {"category": "adminduk"}).json()["meta"]["total_count"] == 0


def test_cors_allows_the_idempotency_header_for_listed_origins(client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://portal.example.go.id"]
    response = client.options(
        URL,
        HTTP_ORIGIN="https://portal.example.go.id",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="content-type,idempotency-key",
    )
    assert "idempotency-key" in response["Access-Control-Allow-Headers"].lower()
    assert "POST" in response["Access-Control-Allow-Methods"]
    content = client.options(
        "/api/v2/pages/",
        HTTP_ORIGIN="https://portal.example.go.id",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "POST" not in content["Access-Control-Allow-Methods"]


def test_schema_documents_the_complaint_endpoints_and_their_fields(client):
    from cms.complaints.forms import ComplaintSubmitForm

    schema = client.get("/api/schema/?format=json").json()
    for path in (
        "/api/v1/complaints/",
        "/api/v1/complaints/{code}/",
        "/api/v1/complaint-categories/",
    ):
        assert path in schema["paths"], path
    documented = set(schema["components"]["schemas"]["ComplaintSubmitInput"]["properties"])
    # The form's fields, and the channel the API reads itself (api/v1/complaints.py).
    accepted = set(ComplaintSubmitForm.base_fields) - {"website"} | {"channel"}
    assert documented == accepted


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent sessions")
def test_racing_requests_with_one_key_store_one_complaint(client):
    """Eight threads post the same key at once; the database's unique constraint decides."""
    from django.test import Client

    key = str(uuid.uuid4())

    def send():
        response = Client().post(
            URL, dict(VALID), content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
        )
        return response.status_code, response.json().get("tracking_code")

    results = at_once(send)
    assert Complaint.objects.filter(idempotency_key=key).count() == 1
    assert sorted(code for code, _ in results).count(201) == 1
    assert {code for code, _ in results} <= {200, 201}
    assert len({tracking for _, tracking in results}) == 1


@pytest.mark.parametrize("body", ["[1, 2]", '"abc"', "123", "null"])
def test_json_that_is_not_an_object_is_a_400(client, body):
    response = client.post(URL, body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"]


def test_phone_coordinates_with_many_decimals_are_rounded(client):
    body = dict(VALID, latitude=-6.91474412345, longitude=107.60981098765)
    assert post_json(client, body).status_code == 201
    complaint = Complaint.objects.get()
    assert str(complaint.latitude) == "-6.914744" and str(complaint.longitude) == "107.609811"


@pytest.mark.parametrize("url", [URL, "/pengaduan/baru/"])
def test_an_upload_cut_short_stores_nothing(client, url):
    """A body shorter than its Content-Length (the line died mid-photo) is never stored.

    Django's parser would otherwise store the complaint without its photo, and the phone's retry
    with the whole photo would be refused as a different complaint (found by benchmarks/outbox.py).
    """
    from django.test.client import MULTIPART_CONTENT, encode_multipart

    from .helpers import jpeg_bytes

    photo = io.BytesIO(jpeg_bytes())
    photo.name = "jalan.jpg"
    body = encode_multipart(
        "BoUnDaRy", {**VALID, "idempotency_key": "cut-upload-1", "photo": photo}
    )
    cut = body[: len(body) // 2]
    response = client.generic(
        "POST",
        url,
        cut,
        content_type=MULTIPART_CONTENT,
        CONTENT_TYPE="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(len(body)),
        HTTP_IDEMPOTENCY_KEY="cut-upload-1",
        **{"wsgi.input": io.BytesIO(cut)},
    )

    assert response.status_code == 408
    assert not Complaint.objects.exists()
    assert (
        client.post(
            URL, {**VALID, "photo": upload()}, HTTP_IDEMPOTENCY_KEY="cut-upload-1"
        ).status_code
        == 201
    )


def test_a_client_can_show_residents_the_status_in_their_words(client):
    """`status_label` is the office term; `status_text` is what the tracking page says."""
    received = post_json(client, key=str(uuid.uuid4())).json()
    assert received["status_text"] == "Diterima, menunggu diperiksa"
    complaint = advance(
        Complaint.objects.get(), "diverifikasi", "didisposisikan", actor=officer("b")
    )
    tracked = client.get(f"{URL}{complaint.tracking_code}/").json()
    assert tracked["status_label"] == "Didisposisikan"
    assert tracked["status_text"] == "Diteruskan ke petugas yang menangani"
    listed = client.get(URL).json()["items"]
    assert [item["status_text"] for item in listed] == [tracked["status_text"]]
