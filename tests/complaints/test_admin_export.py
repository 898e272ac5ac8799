"""The spreadsheet download of the complaints list: filtered like the list, personal data only
for staff allowed to export it."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from cms.complaints.models import Complaint
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

Status = Complaint.Status


def download(client, **params) -> tuple[bytes, list[dict]]:
    response = client.get(reverse("complaints:index"), {"export": "csv", **params})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    return body, list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_starts_with_a_byte_order_mark_for_excel(officer_client):
    ComplaintFactory(description="Jalan berlubang di depan SDN 2, hati-hati.")

    body, rows = download(officer_client)

    assert body.startswith(b"\xef\xbb\xbf")
    assert rows[0]["Uraian"] == "Jalan berlubang di depan SDN 2, hati-hati."


def test_csv_leaves_out_personal_data_without_the_export_permission(officer_client, officer):
    ComplaintFactory(reporter_name="Siti Aminah", reporter_phone="0812 3456 7890")
    assert officer.has_perm("complaints.view_personal_data")  # seeing is not exporting

    body, rows = download(officer_client)

    assert b"Siti Aminah" not in body and b"0812 3456 7890" not in body
    assert "Nama warga" not in rows[0]


def test_csv_includes_personal_data_with_the_export_permission(client, officer):
    officer.user_permissions.add(Permission.objects.get(codename="export_personal_data"))
    complaint = ComplaintFactory(reporter_name="Siti Aminah", reporter_phone="0812 3456 7890")
    client.force_login(officer)

    _body, rows = download(client)

    assert rows[0]["Kode lacak"] == complaint.tracking_code
    assert rows[0]["Nama warga"] == "Siti Aminah"
    assert rows[0]["Telepon / WhatsApp"] == "0812 3456 7890"


def test_csv_is_filtered_and_searched_like_the_list(officer_client):
    from cms.complaints.models import Desa

    mekarsari = Desa.objects.create(name="Mekarsari", slug="mekarsari")
    sukamaju = Desa.objects.create(name="Sukamaju", slug="sukamaju")
    wanted = ComplaintFactory(status=Status.VERIFIED, desa=mekarsari)
    ComplaintFactory(status=Status.VERIFIED, desa=sukamaju)
    ComplaintFactory(status=Status.RECEIVED, desa=mekarsari)

    _body, rows = download(officer_client, status="diverifikasi", desa=mekarsari.pk)

    assert [row["Kode lacak"] for row in rows] == [wanted.tracking_code]
    assert rows[0]["Desa/kelurahan"] == "Desa Mekarsari"


def test_csv_cells_never_start_a_spreadsheet_formula(officer_client):
    ComplaintFactory(description='=HYPERLINK("http://jahat.example","klik")')

    _body, rows = download(officer_client)

    assert rows[0]["Uraian"].startswith("'=")


def test_csv_is_refused_to_editors(client, editor):
    ComplaintFactory(reporter_name="Siti Aminah")
    client.force_login(editor)

    response = client.get(reverse("complaints:index"), {"export": "csv"})

    assert response.status_code == 302
    assert b"Siti Aminah" not in response.content


def test_csv_needs_the_view_permission_not_just_add(client, django_user_model):
    clerk = django_user_model.objects.create_user(username="loket", password="x-12345678")
    for codename in ("access_admin", "add_complaint"):
        clerk.user_permissions.add(Permission.objects.get(codename=codename))
    ComplaintFactory(description="Rahasia kantor, jangan diunduh.")
    client.force_login(clerk)

    response = client.get(reverse("complaints:index"), {"export": "csv"})

    assert response.status_code == 302
    assert b"Rahasia kantor" not in response.content
