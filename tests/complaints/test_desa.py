"""The village (desa/kelurahan) of a complaint comes from the list staff keep, never from text a
resident typed: the form, the API, the admin, the public pages and the matching of old ones."""

import io
import uuid

import pytest
from django.core.management import call_command
from django.urls import reverse

from cms.complaints.desa import desa_key, desa_named_in
from cms.complaints.models import Complaint, Desa
from tests.utils import main_text, soup, text_of

from .helpers import VALID, officer, submit

pytestmark = pytest.mark.django_db
NEW = "/pengaduan/baru/"


@pytest.fixture
def villages():
    return {
        desa.slug: desa
        for desa in [
            Desa.objects.create(name="Sukamaju", slug="sukamaju", sort_order=1),
            Desa.objects.create(name="Sukamaju Kidul", slug="sukamaju-kidul", sort_order=2),
            Desa.objects.create(name="Mekarsari", slug="mekarsari", kind="kelurahan"),
            Desa.objects.create(name="Lama", slug="lama", is_active=False),
        ]
    }


def test_the_form_offers_the_listed_villages_and_not_known(site_tree, client, villages):
    form = soup(client.get(NEW)).find("select", attrs={"name": "desa"})
    options = [(option["value"], option.get_text()) for option in form.find_all("option")]
    assert options == [
        ("", "Tidak tahu / di luar daftar"),
        ("mekarsari", "Kelurahan Mekarsari"),
        ("sukamaju", "Desa Sukamaju"),
        ("sukamaju-kidul", "Desa Sukamaju Kidul"),
    ]  # not the village staff took off the list


def test_the_chosen_village_is_stored_and_shown_publicly_the_typed_place_is_not(
    site_tree, client, villages
):
    data = dict(VALID, idempotency_key="form-key-desa1", desa="sukamaju-kidul")
    data["location_text"] = "Gang Mawar no. 12, rumah Bu Siti"
    assert client.post(NEW, data).status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.desa == villages["sukamaju-kidul"]
    advance_to_public(complaint)
    for url in (f"/pengaduan/lacak/{complaint.tracking_code}/", "/pengaduan/"):
        text = main_text(client.get(url))
        assert "Desa Sukamaju Kidul" in text and "Gang Mawar" not in text
    body = client.get(f"/api/v1/complaints/{complaint.tracking_code}/").json()
    assert body["desa"] == "Desa Sukamaju Kidul" and "Gang Mawar" not in str(body)
    listed = client.get("/api/v1/complaints/").json()
    assert "Gang Mawar" not in str(listed) and "Desa Sukamaju Kidul" in str(listed)


def advance_to_public(complaint):
    from cms.complaints import services

    services.complaint_change_status(complaint=complaint, to="diverifikasi", officer=officer())


def test_not_known_is_allowed_and_a_village_off_the_list_is_refused(site_tree, client, villages):
    data = dict(VALID, idempotency_key="form-key-desa2", desa="")
    assert client.post(NEW, data).status_code == 302
    assert Complaint.objects.get().desa is None
    refused = client.post(NEW, dict(data, idempotency_key="form-key-desa3", desa="camatkorup"))
    assert refused.status_code == 400
    assert "tidak ada di daftar" in text_of(refused)
    taken_off = client.post(NEW, dict(data, idempotency_key="form-key-desa4", desa="lama"))
    assert taken_off.status_code == 400 and Complaint.objects.count() == 1


def test_the_api_takes_a_village_slug_and_lists_the_villages(client, villages):
    listed = client.get("/api/v1/desa/").json()["items"]
    assert [item["slug"] for item in listed] == ["mekarsari", "sukamaju", "sukamaju-kidul"]
    assert listed[0] == {
        "slug": "mekarsari",
        "name": "Mekarsari",
        "kind": "kelurahan",
        "display_name": "Kelurahan Mekarsari",
    }
    url = "/api/v1/complaints/"
    body = dict(VALID, desa="mekarsari")
    created = client.post(
        url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4())
    )
    assert created.status_code == 201
    assert Complaint.objects.get().desa == villages["mekarsari"]
    refused = client.post(
        url,
        dict(body, desa="Desa Camatkorup Hore"),
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()),
    )
    assert refused.status_code == 400 and "desa" in refused.json()["errors"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Desa Sukamaju RT 02/RW 01, depan balai desa", "sukamaju"),
        ("desa sukamaju kidul, gang mawar", "sukamaju-kidul"),
        ("Kelurahan Mekarsari, Jalan Melati", "mekarsari"),
        ("Kel. MEKARSARI RT 3", "mekarsari"),
        ("sukamaju", "sukamaju"),
        ("Jalan poros desa Sukamaju di depan SDN 2", "sukamaju"),
        ("Desa Camatkorup Hore", None),  # not on the list: no desa
        ("Pasar Sukamaju", None),  # not said to be the desa
        ("depan balai desa", None),
        ("", None),
    ],
)
def test_an_old_location_text_finds_a_listed_village_only_by_its_exact_name(text, found, villages):
    listed = {desa_key(desa.name): desa.pk for desa in villages.values()}
    expected = villages[found].pk if found else None
    assert desa_named_in(text, listed) == expected


def test_old_complaints_get_their_village_once_staff_list_it():
    old = submit(location_text="Desa Sukamaju RT 03")
    typed = submit(location_text="Desa Camatkorup Hore")
    sukamaju = Desa.objects.create(name="Sukamaju", slug="sukamaju")
    out = io.StringIO()
    call_command("match_complaint_desa", stdout=out)
    assert "Gave 1 complaints" in out.getvalue()
    old.refresh_from_db()
    typed.refresh_from_db()
    assert (old.desa, typed.desa) == (sukamaju, None)
    assert not Desa.objects.filter(name__icontains="camatkorup").exists()


def test_staff_keep_the_list_and_cannot_delete_a_village_complaints_name(client):
    staff = officer()
    client.force_login(staff)
    index = reverse("complaint-desa:index")
    assert client.get(index).status_code == 200
    response = client.post(
        reverse("complaint-desa:add"),
        {"name": "Margahayu", "kind": "desa", "slug": "margahayu", "sort_order": 0, "is_active": 1},
    )
    assert response.status_code == 302
    margahayu = Desa.objects.get(slug="margahayu")
    submit(desa=margahayu)
    client.post(reverse("complaint-desa:delete", args=[margahayu.pk]))
    assert Desa.objects.filter(pk=margahayu.pk).exists()
