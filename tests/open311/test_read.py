"""GeoReport v2 reads, in JSON and XML, against the spec's documented shapes
(http://wiki.open311.org/GeoReport_v2/): discovery, services, definitions, requests, errors."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.complaints.models import ComplaintCategory, Desa
from open311.projection import REQUEST_FIELDS
from tests.complaints.helpers import PERSONAL, advance, officer, submit, upload

from .helpers import ROOT, get, items, parsed

pytestmark = pytest.mark.django_db
FORMATS = ["json", "xml"]
SERVICE_FIELDS = {
    "service_code",
    "service_name",
    "description",
    "metadata",
    "type",
    "keywords",
    "group",
}


def public_complaint(**extra):
    """A verified public complaint with a village, a position and a photo."""
    desa = Desa.objects.get_or_create(name="Sukamaju", slug="sukamaju")[0]
    complaint = submit(
        desa=desa,
        latitude=Decimal("-6.914744"),
        longitude=Decimal("107.609810"),
        photo=upload(),
        **extra,
    )
    return advance(complaint, "diverifikasi", actor=officer(username=f"p{complaint.pk}"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_discovery_names_the_endpoint_formats_and_jurisdiction(client, fmt):
    response = get(client, "discovery", fmt)
    assert response.status_code == 200
    assert "Accept-Language" in response["Vary"]  # messages follow it
    data = parsed(response, fmt)
    if fmt == "xml":
        tag, data = data
        assert tag == "discovery"
    assert {"changeset", "contact", "key_service", "endpoints"} <= set(data)
    assert data["jurisdiction_id"] == "testserver"
    (endpoint,) = data["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver" + ROOT
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    assert endpoint["type"] in {"production", "test"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_services_are_the_complaint_categories(client, fmt):
    ComplaintCategory.objects.filter(slug="adminduk").update(requires_nik=True)
    services = items(get(client, "services", fmt), fmt, "services")
    codes = [service["service_code"] for service in services]
    assert codes == list(
        ComplaintCategory.objects.filter(is_active=True).values_list("slug", flat=True)
    )
    for service in services:
        assert set(service) == SERVICE_FIELDS
        assert service["type"] == "realtime"
        assert service["metadata"] in (True, "true")


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_nik_category_defines_a_required_nik_attribute(client, fmt):
    ComplaintCategory.objects.filter(slug="adminduk").update(requires_nik=True)
    data = parsed(get(client, "services/adminduk", fmt), fmt)
    if fmt == "xml":
        tag, data = data
        assert tag == "service_definition"
    assert data["service_code"] == "adminduk"
    attributes = {attribute["code"]: attribute for attribute in data["attributes"]}
    assert set(attributes) == {"privacy", "kind", "desa", "nik"}
    nik = attributes["nik"]
    assert nik["required"] in (True, "true") and nik["datatype"] == "string"
    privacy = attributes["privacy"]
    assert privacy["datatype"] == "singlevaluelist"
    assert {value["key"] for value in privacy["values"]} == {"public", "anonymous", "confidential"}
    orders = [int(attribute["order"]) for attribute in data["attributes"]]
    assert len(set(orders)) == len(orders) and min(orders) >= 1


def test_other_categories_ask_no_nik(client):
    data = parsed(get(client, "services/jalan-jembatan", "json"), "json")
    assert "nik" not in {attribute["code"] for attribute in data["attributes"]}


@pytest.mark.parametrize("fmt", FORMATS)
def test_errors_are_the_specs_list_with_404_400_403(client, fmt, api_key):
    cases = [
        (get(client, "services/tidak-ada", fmt), 404),
        (get(client, "requests/KCM-0000-0000", fmt), 404),
        (get(client, "requests", fmt, status="pending"), 400),
        (get(client, "requests", fmt, start_date="kemarin"), 400),
        (
            get(
                client,
                "requests",
                fmt,
                start_date="2026-01-01T00:00:00Z",
                end_date="2026-06-01T00:00:00Z",
            ),
            400,
        ),
        (get(client, "requests", fmt, page_size="-3"), 400),
        (get(client, "services", fmt, jurisdiction_id="bandung.go.id"), 404),
        (client.post(f"{ROOT}requests.{fmt}", {"service_code": "jalan-jembatan"}), 403),
        (client.post(f"{ROOT}requests.{fmt}", {"api_key": "o311_salah"}), 403),
        (client.post(f"{ROOT}requests.{fmt}", {"api_key": api_key}), 400),
        (get(client, "tokens/abcdefgh", fmt), 403),
    ]
    for response, status in cases:
        assert response.status_code == status, response.content
        (error,) = items(response, fmt, "errors")
        assert int(error["code"]) == status
        assert error["description"]


def test_an_unknown_address_is_a_json_404(client):
    response = client.get(ROOT + "requests.csv")
    assert response.status_code == 404
    assert parsed(response, "json")[0]["code"] == 404


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_public_request_in_the_specs_shape_without_personal_data(client, fmt):
    complaint = public_complaint()
    (item,) = items(
        get(client, f"requests/{complaint.tracking_code}", fmt), fmt, "service_requests"
    )
    assert tuple(item) == REQUEST_FIELDS
    assert item["service_request_id"] == complaint.tracking_code
    assert item["status"] == "open"
    assert item["service_code"] == "jalan-jembatan"
    assert item["address"] == "Desa Sukamaju"
    # Rounded to about 110 m, never the exact position.
    assert float(item["lat"]) == -6.915 and float(item["long"]) == 107.61
    assert item["media_url"].endswith(f"/pengaduan/foto/{complaint.tracking_code}/")
    # The public timeline in the words residents read (cms/complaints/wording.py).
    assert "Sudah diperiksa petugas" in item["status_notes"]
    requested = datetime.datetime.fromisoformat(item["requested_datetime"])
    assert requested.utcoffset() == datetime.timedelta(hours=7)
    assert item["expected_datetime"]
    text = str(item)
    for personal in (*PERSONAL, "Desa Sukamaju RT 02", "914744", "60981"):
        assert personal not in text


def test_a_hidden_photo_and_anonymous_name_stay_private(client):
    complaint = public_complaint(privacy="anonymous")
    complaint.photo_hidden = True
    complaint.save(update_fields=["photo_hidden"])
    (item,) = parsed(get(client, f"requests/{complaint.tracking_code}", "json"), "json")
    assert item["media_url"] is None
    assert "Siti" not in str(item)


def test_a_complaint_waiting_for_verification_shows_status_only(client):
    complaint = submit()
    (item,) = parsed(get(client, f"requests/{complaint.tracking_code}", "json"), "json")
    assert item["status"] == "open"
    assert item["description"] is None and item["address"] is None and item["lat"] is None
    assert items(get(client, "requests", "json"), "json", "service_requests") == []


def test_confidential_complaints_never_appear(client, api_key):
    complaint = public_complaint(privacy="confidential")
    assert get(client, f"requests/{complaint.tracking_code}", "json").status_code == 404
    listed = parsed(
        get(
            client, "requests", "json", service_request_id=complaint.tracking_code, api_key=api_key
        ),
        "json",
    )
    assert listed == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_filters_status_service_code_ids_and_paging(client, fmt):
    first, second = public_complaint(), public_complaint(category="sampah-kebersihan")
    advance(second, "selesai", actor=officer(username="penutup"))
    codes = lambda **params: [  # noqa: E731
        item["service_request_id"]
        for item in items(get(client, "requests", fmt, **params), fmt, "service_requests")
    ]
    assert codes() == [second.tracking_code, first.tracking_code]
    assert codes(status="closed") == [second.tracking_code]
    assert codes(status="open") == [first.tracking_code]
    assert codes(status="open,closed") == [second.tracking_code, first.tracking_code]
    assert codes(service_code="jalan-jembatan") == [first.tracking_code]
    assert codes(service_request_id=first.tracking_code, status="closed") == [first.tracking_code]
    assert codes(page_size="1", page="2") == [first.tracking_code]
    assert codes(start_date="2000-01-01T00:00:00+07:00", end_date="2000-02-01T00:00:00+07:00") == []


def test_listing_costs_the_same_queries_for_one_or_many(client):
    public_complaint()
    client.get(ROOT + "requests.json")  # warm the site and settings caches
    with CaptureQueriesContext(connection) as one:
        client.get(ROOT + "requests.json")
    for _index in range(4):
        public_complaint()
    with CaptureQueriesContext(connection) as five:
        response = client.get(ROOT + "requests.json")
    assert len(parsed(response, "json")) == 5
    assert len(five) == len(one) <= 6


def test_a_nul_in_a_parameter_is_a_400_not_a_database_error(client):
    """PostgreSQL refuses NUL in text: without the check this was a 503 there."""
    for query in ("service_code=a%00b", "service_request_id=KCM%00", "jurisdiction_id=%00"):
        response = client.get(f"{ROOT}requests.json?{query}")
        assert response.status_code == 400, query
        assert "NUL" in parsed(response, "json")[0]["description"]


def test_xml_stays_well_formed_whatever_staff_wrote(client):
    """A control character in a staff reply (pasted from a document) cannot break the XML."""
    complaint = public_complaint()
    from cms.complaints import services

    services.complaint_reply(
        complaint=complaint, officer=officer(username="penjawab"), message="Sudah\x0bdicek."
    )
    (item,) = items(
        get(client, f"requests/{complaint.tracking_code}", "xml"), "xml", "service_requests"
    )
    assert "Sudahdicek." in item["status_notes"]


def test_each_kecamatan_names_itself_responsible_for_its_own_complaints(site_tree):
    """A complaint belongs to the kecamatan whose host received it (docs/regency.md): its own
    host names that kecamatan responsible, another kecamatan's host does not know its code (a
    fresh-eyes walk once saw Cibodas named responsible for Sukamaju's complaints)."""
    from django.test import Client
    from wagtail.models import Site

    from pages.kecamatan_sites import create_kecamatan_site
    from pages.models import KecamatanSettings

    default = KecamatanSettings.for_site(Site.objects.get(is_default_site=True))
    default.name = "Kecamatan Sukamaju"
    default.save()
    cibodas = create_kecamatan_site("Kecamatan Cibodas", "cibodas.localhost")
    complaint = public_complaint()
    theirs = public_complaint(site=cibodas)

    on_cibodas = Client(HTTP_HOST="cibodas.localhost")
    answer = get(on_cibodas, f"requests/{complaint.tracking_code}", "json")
    assert answer.status_code == 404
    answer = get(on_cibodas, f"requests/{theirs.tracking_code}", "json")
    assert [item["agency_responsible"] for item in parsed(answer, "json")] == ["Kecamatan Cibodas"]
    answer = get(Client(), f"requests/{complaint.tracking_code}", "json")
    assert [item["agency_responsible"] for item in parsed(answer, "json")] == ["Kecamatan Sukamaju"]
