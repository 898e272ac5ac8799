"""The survey endpoints: DESIGN.md's contract for POST /api/v1/surveys/ and GET /api/v1/ikm/."""

import uuid

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from cms.complaints.models import Complaint
from cms.surveys.models import SurveyResponse
from cms.surveys.periods import period_current
from tests.complaints.helpers import advance, officer, submit

from .helpers import respond, service_page

pytestmark = pytest.mark.django_db
URL = "/api/v1/surveys/"
Status = Complaint.Status


def post(client, body, key=None, **headers):
    if key:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(URL, body, content_type="application/json", **headers)


def test_a_response_is_stored_and_answered_201(client, site_tree):
    service = service_page(site_tree)
    body = {
        "service": service.slug,
        "answers": [4, 3, 3, 2, 4, 4, 4, 3, 1],
        "age_band": "30-39",
        "sex": "P",
        "education": "sma",
        "occupation": "wirausaha",
        "suggestion": "Ruang tunggu panas.",
    }
    response = post(client, body, key=str(uuid.uuid4()))
    assert response.status_code == 201
    assert response.json()["service"] == service.slug
    stored = SurveyResponse.objects.get()
    assert stored.scores == body["answers"] and stored.channel == "api"
    assert (stored.age_band, stored.sex, stored.education, stored.occupation) == (
        "30-39",
        "P",
        "sma",
        "wirausaha",
    )


def test_a_repeat_with_the_same_key_counts_once(client, site_tree):
    service = service_page(site_tree)
    key = str(uuid.uuid4())
    first = post(client, {"service": service.slug, "answers": [3] * 9}, key)
    second = post(client, {"service": service.slug, "answers": [3] * 9}, key)
    assert (first.status_code, second.status_code) == (201, 200)
    assert SurveyResponse.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"answers": [3] * 9}, "service"),
        ({"service": "tidak-ada", "answers": [3] * 9}, "service"),
        ({"service": "SLUG", "answers": [3] * 8}, "answers"),
        ({"service": "SLUG", "answers": [3] * 8 + [5]}, "answers"),
        ({"service": "SLUG", "answers": "333333333"}, "answers"),
        ({"service": "SLUG", "answers": [3] * 9, "sex": "X"}, "sex"),
        ({"service": "SLUG", "answers": [3] * 9, "suggestion": "x" * 1001}, "suggestion"),
        ({"tracking_code": "KCM-0000-0000", "answers": [3] * 9}, "tracking_code"),
    ],
)
def test_bad_input_is_a_400_in_the_shared_error_shape(client, site_tree, body, field):
    service = service_page(site_tree)
    if body.get("service") == "SLUG":
        body = dict(body, service=service.slug)
    response = post(client, body)
    assert response.status_code == 400
    assert set(response.json()) == {"message", "errors"}
    assert field in response.json()["errors"]
    assert not SurveyResponse.objects.exists()


def test_errors_are_in_indonesian_by_default_and_english_on_request(client, site_tree):
    indonesian = post(client, {"answers": [3] * 9}).json()
    english = post(client, {"answers": [3] * 9}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert indonesian["errors"]["service"] == ["Pilih layanan yang Anda gunakan."]
    assert english["errors"]["service"] == ["Choose the service you used."]


def test_one_response_per_closed_complaint_through_the_api(client, site_tree):
    complaint = advance(submit(), Status.VERIFIED, Status.DONE, actor=officer())
    body = {
        "tracking_code": complaint.tracking_code.lower(),
        "answers": [4] * 9,
        "reply_secret": complaint.reply_code,
    }
    first = post(client, body)
    second = post(client, body)
    assert first.status_code == 201 and first.json()["tracking_code"] == complaint.tracking_code
    assert second.status_code == 409
    assert "tracking_code" in second.json()["errors"]
    assert SurveyResponse.objects.get().complaint == complaint


def test_only_the_reporter_rates_a_complaint_through_the_api(client, site_tree):
    """The public tracking code reads; rating the complaint needs its reply code (a stranger
    would otherwise move the satisfaction index with codes listed on /pengaduan/)."""
    complaint = advance(submit(), Status.VERIFIED, Status.DONE, actor=officer())
    body = {"tracking_code": complaint.tracking_code, "answers": [1] * 9}
    for proof in (None, "", "AAAAA-AAAAA"):
        sent = body if proof is None else {**body, "reply_secret": proof}
        refused = post(client, sent, key=str(uuid.uuid4()))
        assert refused.status_code == 403 and "reply_secret" in refused.json()["errors"]
    assert SurveyResponse.objects.count() == 0
    body["reply_secret"] = complaint.reply_code.lower().replace("-", " ")
    assert post(client, body, key=str(uuid.uuid4())).status_code == 201


def test_an_open_complaint_is_a_409(client, site_tree):
    complaint = submit()
    response = post(client, {"tracking_code": complaint.tracking_code, "answers": [4] * 9})
    assert response.status_code == 409


@override_settings(SURVEY_SUBMIT_RATE=3)
def test_a_client_is_rate_limited_but_retries_with_a_known_key_pass(client, site_tree):
    service = service_page(site_tree)
    keys = [str(uuid.uuid4()) for _ in range(4)]
    statuses = [
        post(client, {"service": service.slug, "answers": [3] * 9}, key).status_code for key in keys
    ]
    assert statuses == [201, 201, 201, 429]
    limited = post(client, {"service": service.slug, "answers": [3] * 9}, keys[3])
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert set(limited.json()) == {"message", "errors"}
    retry = post(client, {"service": service.slug, "answers": [3] * 9}, keys[0])
    assert retry.status_code == 200
    other_client = post(
        client, {"service": service.slug, "answers": [3] * 9}, REMOTE_ADDR="10.0.0.9"
    )
    assert other_client.status_code == 201
    assert SurveyResponse.objects.count() == 4


def test_ikm_endpoint_follows_the_contract(client, site_tree):
    service = service_page(site_tree)
    other = service_page(site_tree, slug="legalisasi", title="Legalisasi")
    respond(service, [4, 4, 3, 3, 4, 4, 4, 3, 2])
    respond(service, [3] * 9)
    period = period_current("year").key

    response = client.get(f"/api/v1/ikm/?service={service.slug}&period={period}")

    assert response.status_code == 200
    [item] = response.json()["items"]
    assert {"service", "period", "respondents", "elements", "ikm", "grade"} <= set(item)
    assert item["service"] == service.slug and item["period"] == period
    assert item["respondents"] == 2
    assert item["elements"] == [3.5, 3.5, 3.0, 3.0, 3.5, 3.5, 3.5, 3.0, 2.5]
    assert item["ikm"] == 80.56 and item["grade"] == "B"

    everything = client.get(f"/api/v1/ikm/?period={period}").json()["items"]
    assert [row["service"] for row in everything] == [None, other.slug, service.slug]
    assert everything[1]["respondents"] == 0 and everything[1]["ikm"] is None


@pytest.mark.parametrize("period", ["2025", "2025-S2", "2025-Q3", "2025-07"])
def test_ikm_accepts_every_period_kind(client, site_tree, period):
    response = client.get(f"/api/v1/ikm/?period={period}")
    assert response.status_code == 200
    assert response.json()["items"][0]["period"] == period


@pytest.mark.parametrize("query", ["period=2025-13", "period=kemarin", "service=tidak-ada"])
def test_ikm_bad_parameters_are_400(client, site_tree, query):
    response = client.get(f"/api/v1/ikm/?{query}")
    assert response.status_code == 400
    assert set(response.json()) == {"message", "errors"}


def test_the_schema_documents_the_survey_and_open_data_endpoints(client, site_tree):
    schema = client.get("/api/schema/?format=json").json()
    for path in (
        "/api/v1/surveys/",
        "/api/v1/ikm/",
        "/api/v1/transparency/",
        "/api/v1/transparency.csv",
    ):
        assert path in schema["paths"], path
    assert (
        "text/csv"
        in schema["paths"]["/api/v1/transparency.csv"]["get"]["responses"]["200"]["content"]
    )


@pytest.mark.parametrize(
    ("channel", "stored"),
    [("layanan", "layanan"), ("loket", "loket"), (None, "api")],
)
def test_the_site_tells_how_a_service_response_was_reached(client, site_tree, channel, stored):
    """The offline survey sends through the API; its channel still counts for the statistics."""
    service = service_page(site_tree)
    body = {"service": service.slug, "answers": [3] * 9}
    if channel:
        body["channel"] = channel
    assert post(client, body, key=str(uuid.uuid4())).status_code == 201
    assert SurveyResponse.objects.get().channel == stored


def test_the_complaint_channel_needs_a_closed_complaint(client, site_tree):
    service = service_page(site_tree)
    refused = post(client, {"service": service.slug, "answers": [3] * 9, "channel": "pengaduan"})
    assert refused.status_code == 400 and "channel" in refused.json()["errors"]

    complaint = advance(submit(), Status.VERIFIED, Status.DONE, actor=officer())
    body = {
        "tracking_code": complaint.tracking_code,
        "answers": [3] * 9,
        "channel": "pengaduan",
        "reply_secret": complaint.reply_code,
    }
    assert post(client, body, key=str(uuid.uuid4())).status_code == 201
    stored = SurveyResponse.objects.get()
    assert stored.channel == "pengaduan" and stored.complaint == complaint


OPEN_DATA = ["/api/v1/ikm/", "/api/v1/transparency/", "/api/v1/transparency.csv"]


@pytest.mark.parametrize("url", OPEN_DATA)
@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("year=2025", "year"),
        ("periode=2025", "periode"),
        ("period=", "period"),
        ("period=2025&period=2024", "period"),
        ("period=2025-13", "period"),
        ("format=csv", "format"),
        ("period=2025%00", "period"),
    ],
)
def test_open_data_refuses_parameters_it_does_not_understand(client, site_tree, url, query, named):
    """A mistyped or unknown parameter is a 400 naming it, never the default figures."""
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"message", "errors"} and named in body["errors"], body


@pytest.mark.parametrize("query", ["service=", "service=tidak-ada", "service=a&service=b"])
def test_ikm_refuses_an_empty_unknown_or_repeated_service(client, site_tree, query):
    service_page(site_tree)
    response = client.get(f"/api/v1/ikm/?{query}")
    assert response.status_code == 400 and "service" in response.json()["errors"]


def test_an_unknown_parameter_is_named_in_the_clients_language(client, site_tree):
    indonesian = client.get("/api/v1/ikm/?tahun=2025").json()
    english = client.get("/api/v1/ikm/?tahun=2025", HTTP_ACCEPT_LANGUAGE="en").json()
    assert indonesian["message"] == "Parameter kueri tidak dikenal: 'tahun'."
    assert english["errors"] == {"tahun": ["Unknown query parameter: 'tahun'."]}


@pytest.mark.parametrize("url", OPEN_DATA)
def test_open_data_answers_a_conditional_get_with_304(client, site_tree, url):
    """ETag and Last-Modified follow the figures' version: a current copy costs no query and no
    body; any change to the data behind the figures gives a new ETag."""
    service = service_page(site_tree)
    respond(service, [4] * 9)
    first = client.get(url)
    assert first.status_code == 200
    etag, modified = first["ETag"], first["Last-Modified"]
    assert etag.startswith('W/"') and "max-age=300" in first["Cache-Control"]

    with CaptureQueriesContext(connection) as queries:
        again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == etag and len(queries.captured_queries) == 0
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    # Another language is another answer (names of services and categories).
    assert client.get(url, HTTP_IF_NONE_MATCH=etag, HTTP_ACCEPT_LANGUAGE="en").status_code == 200

    respond(service, [1] * 9)
    changed = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
