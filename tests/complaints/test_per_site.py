"""Complaints belong to the kecamatan whose host received them (docs/regency.md).

Sukamaju (the default site) and Cibodas beside it, made as staff make one, each get a public
complaint whose text names it; every face that lists, finds or counts complaints is asked on
both hosts, and neither shows the other's: the form and its topics, the public list, tracking
by code, /api/v1/, Open311 and the transparency figures.
"""

import json
import uuid
from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import Site

from cms.complaints.models import Complaint, ComplaintCategory
from pages.kecamatan_sites import create_kecamatan_site
from tests.utils import count_queries, main_text, soup

from .helpers import VALID, advance, officer, submit, upload

pytestmark = pytest.mark.django_db

OTHER = "cibodas.localhost"
OURS_TEXT = "Lampu jalan di Gang Sukamaju mati sejak seminggu."
THEIRS_TEXT = "Tanggul kecil di bantaran Sungai Cibodas retak dan rembes."
UNKNOWN_TOPIC = "Topik ini tidak ada. Pilih salah satu dari daftar."
OPEN311 = "/open311/v2/"


@pytest.fixture
def api_key(site_tree) -> str:
    from open311.keys import api_key_issue
    from open311.models import ApiKey

    return api_key_issue(ApiKey(client_name="SP4N-LAPOR! Kabupaten"))


@pytest.fixture
def kecamatan(site_tree):
    """The default kecamatan (site_tree) and Cibodas, each with one verified public complaint."""
    default = Site.objects.get(is_default_site=True)
    other = create_kecamatan_site("Kecamatan Cibodas", OTHER)
    staff = officer()
    ours = advance(submit(description=OURS_TEXT), "diverifikasi", actor=staff)
    theirs = advance(submit(description=THEIRS_TEXT, site=other), "diverifikasi", actor=staff)
    return SimpleNamespace(default=default, other=other, ours=ours, theirs=theirs, staff=staff)


def on(host=None) -> Client:
    return Client(HTTP_HOST=host) if host else Client()


def text(response) -> str:
    return response.content.decode()


def test_a_new_kecamatan_starts_with_copies_of_the_categories(kecamatan):
    ours = ComplaintCategory.objects.filter(site=kecamatan.default)
    theirs = ComplaintCategory.objects.filter(site=kecamatan.other)
    fields = ["slug", "name", "name_en", "verify_days", "respond_days", "is_other", "sort_order"]
    assert list(theirs.values_list(*fields)) == list(ours.values_list(*fields))
    assert len(theirs) >= 10 and not theirs.exclude(service_page=None).exists()
    # Copies: a kecamatan changing its SLA target leaves the other's alone.
    theirs.filter(slug="jalan-jembatan").update(respond_days=2)
    assert ours.get(slug="jalan-jembatan").respond_days == 5


def test_a_site_made_in_the_admin_gets_categories_too(kecamatan):
    site = Site.objects.create(
        hostname="mekarsari.localhost", root_page=kecamatan.other.root_page, site_name="M"
    )
    assert site.complaint_categories.filter(slug="jalan-jembatan").exists()


def test_the_form_the_api_and_open311_record_the_site_that_answered(kecamatan, api_key):
    """Whichever host a complaint reaches is its kecamatan; a `site` sent along is ignored."""
    form = on(OTHER).post(
        "/pengaduan/kirim/", dict(VALID, idempotency_key="form-key-0001", site=kecamatan.default.pk)
    )
    assert form.status_code == 302
    api = on(OTHER).post(
        "/api/v1/complaints/",
        dict(VALID, site=kecamatan.default.pk),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
    )
    assert api.status_code == 201
    open311 = on(OTHER).post(
        f"{OPEN311}requests.json",
        {
            "api_key": api_key,
            "service_code": "jalan-jembatan",
            "description": VALID["description"],
            "address_string": "RT 02/RW 01",
        },
    )
    assert open311.status_code == 201
    codes = [
        form["Location"].rstrip("/").rsplit("/", 1)[-1],
        api.json()["tracking_code"],
        json.loads(open311.content)[0]["service_request_id"],
    ]
    for complaint in Complaint.objects.filter(tracking_code__in=codes).select_related("category"):
        assert complaint.site == kecamatan.other
        assert complaint.category.site == kecamatan.other
    assert Complaint.objects.filter(tracking_code__in=codes).count() == 3


def test_a_category_of_another_site_is_an_unknown_topic(kecamatan, api_key):
    ComplaintCategory.objects.create(
        site=kecamatan.default, slug="pasar-sukamaju", name="Pasar Sukamaju"
    )
    assert "pasar-sukamaju" in text(on().get("/pengaduan/baru/"))
    assert "pasar-sukamaju" in text(on().get("/api/v1/complaint-categories/"))

    assert "pasar-sukamaju" not in text(on(OTHER).get("/pengaduan/baru/"))
    assert "pasar-sukamaju" not in text(on(OTHER).get("/api/v1/complaint-categories/"))
    assert "pasar-sukamaju" not in text(on(OTHER).get(f"{OPEN311}services.json"))
    form = on(OTHER).post(
        "/pengaduan/kirim/", dict(VALID, category="pasar-sukamaju", idempotency_key="form-key-02")
    )
    assert form.status_code == 400 and UNKNOWN_TOPIC in main_text(form)
    api = on(OTHER).post(
        "/api/v1/complaints/",
        dict(VALID, category="pasar-sukamaju"),
        content_type="application/json",
    )
    assert api.status_code == 400 and api.json()["errors"]["category"] == [UNKNOWN_TOPIC]
    listed = on(OTHER).get("/api/v1/complaints/?category=pasar-sukamaju")
    assert listed.status_code == 400
    assert listed.json()["errors"]["category"] == ["Kategori tidak dikenal."]
    open311 = on(OTHER).post(
        f"{OPEN311}requests.json",
        {
            "api_key": api_key,
            "service_code": "pasar-sukamaju",
            "description": VALID["description"],
            "address_string": "Pasar desa",
        },
    )
    assert open311.status_code == 404
    assert on(OTHER).get(f"{OPEN311}services/pasar-sukamaju.json").status_code == 404
    assert on(OTHER).get(f"{OPEN311}requests.json?service_code=pasar-sukamaju").status_code == 404
    assert Complaint.objects.count() == 2


@pytest.mark.parametrize(
    "path",
    ["/pengaduan/", "/api/v1/complaints/", f"{OPEN311}requests.json", f"{OPEN311}requests.xml"],
)
def test_public_lists_show_only_their_own_sites_complaints(kecamatan, path):
    here, there = text(on().get(path)), text(on(OTHER).get(path))
    assert kecamatan.ours.tracking_code in here and kecamatan.theirs.tracking_code not in here
    assert kecamatan.theirs.tracking_code in there and kecamatan.ours.tracking_code not in there
    assert "Gang Sukamaju" in here and "Gang Sukamaju" not in there
    assert "Sungai Cibodas" in there and "Sungai Cibodas" not in here


@override_settings(COMPLAINT_TRACK_RATE=3)
def test_a_code_of_another_site_is_unknown_here_and_counts_as_a_guess(kecamatan):
    ours, theirs = kecamatan.ours.tracking_code, kecamatan.theirs.tracking_code
    client = on(OTHER)
    assert client.get(f"/pengaduan/lacak/{ours}/").status_code == 404
    assert client.get(f"/api/v1/complaints/{ours}/").status_code == 404
    assert client.get(f"{OPEN311}requests/{ours}.json").status_code == 404
    # Three misses: the same limit as any wrong code, then even this host's own code waits.
    assert client.get(f"/pengaduan/lacak/{theirs}/").status_code == 429
    assert on(OTHER).get(f"/pengaduan/lacak/{theirs}/", REMOTE_ADDR="10.0.0.9").status_code == 200
    assert on().get(f"/pengaduan/lacak/{ours}/", REMOTE_ADDR="10.0.0.9").status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/transparency/", "/api/v1/transparency.csv"])
def test_the_transparency_figures_count_each_sites_own_complaints(kecamatan, path):
    submit(site=kecamatan.other, category="sampah-kebersihan")  # Cibodas: two, Sukamaju: one
    here, there = on().get(path), on(OTHER).get(path)
    assert here.status_code == there.status_code == 200
    if path.endswith(".csv"):
        assert ",complaints,all,received,1\n" in text(here)
        assert ",complaints,all,received,2\n" in text(there)
        assert "sampah-kebersihan" not in text(here) and "sampah-kebersihan" in text(there)
        return
    ours, theirs = here.json()["complaints"], there.json()["complaints"]
    assert (ours["received"], theirs["received"]) == (1, 2)
    assert [row["slug"] for row in ours["by_category"]] == ["jalan-jembatan"]
    assert {row["slug"] for row in theirs["by_category"]} == {"jalan-jembatan", "sampah-kebersihan"}
    assert sum(month["received"] for month in there.json()["trend"]) == 2


def test_the_transparency_page_shows_each_sites_own_count(kecamatan):
    submit(site=kecamatan.other)
    submit(site=kecamatan.other)
    here, there = on().get("/transparansi/"), on(OTHER).get("/transparansi/")
    assert here.context["complaints"]["received"] == 1
    assert there.context["complaints"]["received"] == 3


def test_an_idempotency_key_used_on_another_site_never_gives_its_complaint(kecamatan):
    key = str(uuid.uuid4())
    sent = {"data": dict(VALID), "content_type": "application/json", "HTTP_IDEMPOTENCY_KEY": key}
    first = on().post("/api/v1/complaints/", **sent)
    again = on(OTHER).post("/api/v1/complaints/", **sent)
    assert first.status_code == 201 and again.status_code == 409
    assert first.json()["tracking_code"] not in text(again)


def test_residents_messages_link_to_their_kecamatans_host(
    kecamatan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = submit(site=kecamatan.other)
    [message] = [sent for sent in mail.outbox if sent.to == [VALID["reporter_email"]]]
    assert f"http://{OTHER}/pengaduan/lacak/{complaint.tracking_code}/" in message.body


@pytest.mark.parametrize("path", ["/pengaduan/", "/api/v1/complaints/", f"{OPEN311}requests.json"])
def test_query_counts_stay_the_same_however_many_complaints_a_site_has(kecamatan, path):
    client = on(OTHER)
    one = count_queries(client, path)
    for _number in range(4):
        advance(submit(site=kecamatan.other), "diverifikasi", actor=kecamatan.staff)
    for _number in range(3):  # the other site's grow too, and cost nothing here
        advance(submit(), "diverifikasi", actor=kecamatan.staff)
    assert count_queries(client, path) == one


def test_staff_entering_a_complaint_choose_a_category_named_with_its_kecamatan(
    kecamatan, officer_client
):
    """Until staff are scoped to a kecamatan, the desk form offers every site's categories;
    the complaint belongs to the chosen category's kecamatan."""
    page = text(officer_client.get(reverse("complaints:add")))
    assert "Jalan dan jembatan (Kecamatan Cibodas)" in page
    theirs = ComplaintCategory.objects.get(site=kecamatan.other, slug="penerangan-jalan")
    response = officer_client.post(
        reverse("complaints:add"),
        {
            "channel": "phone",
            "kind": "pengaduan",
            "category": theirs.pk,
            "description": "Lampu jalan depan masjid Cibodas mati sejak tiga hari.",
            "privacy": "confidential",
        },
    )
    assert response.status_code == 302
    assert Complaint.objects.get(category=theirs).site == kecamatan.other


def test_a_category_is_made_for_a_kecamatan_its_slug_unique_there(
    kecamatan, client, django_user_model
):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@b.id", "x"))
    add = reverse("complaint-categories:add")
    form = soup(client.get(add)).find("select", attrs={"name": "site"})
    assert form.find("option", selected=True)["value"] == str(kecamatan.default.pk)
    fields = {"name": "Pasar", "slug": "jalan-jembatan", "verify_days": 3, "respond_days": 5}
    fields.update(sort_order=0, is_active="on")
    taken = client.post(add, dict(fields, site=kecamatan.other.pk))
    assert taken.status_code == 200
    assert "Kecamatan ini sudah punya kategori dengan slug ini." in text(taken)
    made = client.post(add, dict(fields, slug="pasar", site=kecamatan.other.pk))
    assert made.status_code == 302
    assert ComplaintCategory.objects.get(slug="pasar").site == kecamatan.other


def test_staff_see_any_sites_photo_from_the_admins_host_residents_only_on_its_own(
    kecamatan, officer_client
):
    complaint = advance(
        submit(site=kecamatan.other, photo=upload()), "diverifikasi", actor=kecamatan.staff
    )
    path = f"/pengaduan/foto/{complaint.tracking_code}/"
    assert officer_client.get(path).status_code == 200  # the admin's detail page shows it
    assert on().get(path).status_code == 404
    assert on(OTHER).get(path).status_code == 200
