"""The exact location is personal data: encrypted at rest, rounded to about 110 m for anything
public (none for confidential complaints), never public, erased with the reporter's details;
the migration (test_location_migration.py) encrypts rows stored before."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from cms.complaints import services
from cms.complaints.models import Complaint, Desa

from .helpers import officer, submit

LATITUDE, LONGITUDE = Decimal("-6.914744"), Decimal("107.609810")
PLACE = "Gang Mawar no. 12, rumah Bu Siti"
EXACT = ("914744", "60981", "Gang Mawar")


def raw_row(pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT location_text, latitude, longitude FROM complaints_complaint WHERE id = %s",
            [pk],
        )
        return repr(cursor.fetchone())


def located(**extra) -> Complaint:
    return submit(location_text=PLACE, latitude=LATITUDE, longitude=LONGITUDE, **extra)


@pytest.mark.django_db
def test_the_exact_location_is_encrypted_and_rounded_beside_it():
    complaint = located()
    stored = raw_row(complaint.pk)
    assert not any(part in stored for part in EXACT)
    assert "-6.91" not in stored and "107.6" not in stored
    complaint = Complaint.objects.get(pk=complaint.pk)
    assert (complaint.location_text, complaint.latitude, complaint.longitude) == (
        PLACE,
        LATITUDE,
        LONGITUDE,
    )
    assert (complaint.area_latitude, complaint.area_longitude) == (
        Decimal("-6.915"),
        Decimal("107.610"),
    )


@pytest.mark.django_db
def test_a_confidential_complaint_keeps_no_rounded_coordinates():
    complaint = Complaint.objects.get(pk=located(privacy="confidential").pk)
    assert complaint.latitude == LATITUDE  # staff still see where
    assert (complaint.area_latitude, complaint.area_longitude) == (None, None)


@pytest.mark.django_db
def test_coordinates_on_the_equator_are_encrypted_too():
    complaint = submit(latitude=Decimal("0.000000"), longitude=Decimal("0.000000"))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT latitude, longitude FROM complaints_complaint WHERE id = %s", [complaint.pk]
        )
        stored = cursor.fetchone()
    assert all(isinstance(value, str) and value.startswith("gAAAA") for value in stored)
    assert Complaint.objects.get(pk=complaint.pk).latitude == Decimal("0")


@pytest.mark.django_db
def test_no_public_page_api_or_figure_shows_the_exact_location(client, site_tree):
    desa = Desa.objects.create(name="Sukamaju", slug="sukamaju")
    complaint = located(desa=desa)
    services.complaint_change_status(complaint=complaint, to="diverifikasi", officer=officer())
    code = complaint.tracking_code
    year = timezone.localdate().year
    for url in (
        f"/pengaduan/lacak/{code}/",
        "/pengaduan/",
        f"/api/v1/complaints/{code}/",
        "/api/v1/complaints/",
        f"/api/v1/transparency/?period={year}",
        f"/api/v1/transparency.csv?period={year}",
        f"/transparansi/?periode={year}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert not any(part in text for part in EXACT), url
    assert "Desa Sukamaju" in client.get(f"/pengaduan/lacak/{code}/").content.decode()


@pytest.mark.django_db
def test_erasure_and_the_retention_purge_take_the_location_and_keep_the_desa(settings):
    desa = Desa.objects.create(name="Sukamaju", slug="sukamaju")
    by_request, by_purge = located(desa=desa), located(desa=desa, reporter_name="")
    services.complaint_personal_data_erase(Complaint.objects.filter(pk=by_request.pk))
    Complaint.objects.filter(pk=by_purge.pk).update(
        reporter_phone="",
        reporter_email="",
        status=Complaint.Status.DONE,
        closed_at=timezone.now() - datetime.timedelta(days=731),
    )
    call_command("purge_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for complaint in Complaint.objects.filter(pk__in=[by_request.pk, by_purge.pk]):
        assert complaint.location_text == "" and complaint.desa == desa
        assert (complaint.latitude, complaint.longitude) == (None, None)
        assert (complaint.area_latitude, complaint.area_longitude) == (None, None)


@pytest.mark.django_db
def test_reencryption_rotates_the_location_too(settings):
    from cryptography.fernet import Fernet

    complaint = located()
    before = raw_row(complaint.pk)
    settings.PERSONAL_DATA_KEYS = [Fernet.generate_key().decode(), *settings.PERSONAL_DATA_KEYS]
    call_command("reencrypt_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.PERSONAL_DATA_KEYS = settings.PERSONAL_DATA_KEYS[:1]  # the new key alone
    assert raw_row(complaint.pk) != before
    complaint = Complaint.objects.get(pk=complaint.pk)
    assert (complaint.location_text, complaint.latitude) == (PLACE, LATITUDE)
