"""Real clients: georeport (PyPI, the Open311 GeoReport v2 client that installs on Python 3.11;
it only reads, "does not currently support the creation of new 311 service requests") reads
a request back over HTTP from a live server, after a submission sent as its POST would be; and a
FixMyStreet-style sequence written from the spec (discovery, services, definition, POST, then
polling the request), in XML as FixMyStreet speaks it.

`three` (Code for America, the one client with POST) is Python 2 only (`itertools.ifilter`),
and `open311` 1.1 fails at import on Python 3: neither can run here.
"""

import pytest
import requests
from georeport import GeoReport

from cms.complaints.models import Complaint, ComplaintCategory
from tests.complaints.helpers import advance, officer

from .helpers import ROOT, element_value

FORM = {
    "service_code": "jalan-jembatan",
    "lat": "-6.914744",
    "long": "107.609810",
    "description": "Jembatan kayu di Dusun Kaler retak, berbahaya untuk anak sekolah.",
    "first_name": "Budi",
    "last_name": "Santoso",
    "email": "budi@contoh.id",
    "attribute[privacy]": "public",
}


# Restores the migrations' data afterwards (Wagtail's root, groups, starter categories): later
# tests need it. SQLite's migration tests, which flush without it, run last (tests/conftest.py).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_georeport_reads_what_a_client_submitted(live_server, api_key):
    root = live_server.url + ROOT
    # A transactional test that ran before flushed the starter categories (migration 0002).
    ComplaintCategory.objects.get_or_create(
        slug="jalan-jembatan", defaults={"name": "Jalan dan jembatan"}
    )
    sent = requests.post(root + "requests.json", data={**FORM, "api_key": api_key}, timeout=30)
    assert sent.status_code == 201
    code = sent.json()[0]["service_request_id"]
    complaint = Complaint.objects.get(tracking_code=code)
    advance(complaint, "diverifikasi", actor=officer())

    for output_format in ("json", "xml"):
        client = GeoReport(root, output_format=output_format)
        services = client.get_service_list()
        assert "jalan-jembatan" in [service["service_code"] for service in services]
        definition = client.get_service_definition("jalan-jembatan")
        assert definition["service_code"] == "jalan-jembatan"
        request = client.get_service_request(code)
        assert request["service_request_id"] == code
        assert request["status"] == "open"
        assert request["description"] == FORM["description"]
        assert "Budi" not in str(request) and "budi@contoh.id" not in str(request)
        listed = client.get_service_requests(service_request_id=code)
        if output_format == "xml":  # xmltodict gives one item as a dict
            listed = [listed] if isinstance(listed, dict) else listed
        assert [item["service_request_id"] for item in listed] == [code]


@pytest.mark.django_db
def test_a_fixmystreet_style_sequence_in_xml(client, api_key):
    from defusedxml import ElementTree

    def xml(response, root):
        assert response.status_code in (200, 201), response.content
        node = ElementTree.fromstring(response.content)
        assert node.tag == root
        return element_value(node)

    discovery = xml(client.get(ROOT + "discovery.xml"), "discovery")
    base = discovery["endpoints"][0]["url"].removeprefix("http://testserver")
    services = xml(client.get(base + "services.xml"), "services")
    service = next(item for item in services if item["service_code"] == "jalan-jembatan")
    if service["metadata"] == "true":
        definition = xml(client.get(base + "services/jalan-jembatan.xml"), "service_definition")
        assert not [a for a in definition["attributes"] if a["required"] == "true"]
    created = xml(
        client.post(
            base + "requests.xml",
            {**FORM, "api_key": api_key},
            headers={"Idempotency-Key": "fms-report-1234"},
        ),
        "service_requests",
    )
    code = created[0]["service_request_id"]
    # FixMyStreet asks again after a timeout: the same report, not a second one.
    again = xml(
        client.post(
            base + "requests.xml",
            {**FORM, "api_key": api_key},
            headers={"Idempotency-Key": "fms-report-1234"},
        ),
        "service_requests",
    )
    assert again[0]["service_request_id"] == code
    complaint = Complaint.objects.get()
    staff = officer()
    advance(complaint, "diverifikasi", actor=staff)
    (polled,) = xml(client.get(base + f"requests/{code}.xml"), "service_requests")
    assert polled["status"] == "open"
    advance(complaint, "selesai", actor=staff, note="Jembatan sudah diperbaiki.")
    (polled,) = xml(
        client.get(base + "requests.xml", {"service_request_id": code}), "service_requests"
    )
    assert polled["status"] == "closed"
    assert "Jembatan sudah diperbaiki." in polled["status_notes"]
