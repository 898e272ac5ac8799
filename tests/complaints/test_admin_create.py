"""Staff enter a complaint for a resident who came to the office or phoned."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cms.complaints.models import Complaint, ComplaintCategory
from tests.utils import soup, text_of

pytestmark = pytest.mark.django_db

ADD = "complaints:add"


def form_data(**overrides):
    data = {
        "channel": "phone",
        "kind": "pengaduan",
        "category": ComplaintCategory.objects.get(slug="penerangan-jalan").pk,
        "description": "Lampu jalan depan masjid mati sejak tiga hari.",
        "location_text": "Desa Sukamaju RT 01/RW 02",
        "reporter_name": "Pak Darto",
        "reporter_phone": "0813 1111 2222",
        "reporter_email": "",
        "privacy": "confidential",
    }
    data.update(overrides)
    return data


def jpeg(size=(400, 300)) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, "#3366aa").save(buffer, "JPEG")
    return SimpleUploadedFile("foto.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_officer_enters_a_phoned_in_complaint(officer_client, officer, settings):
    assert officer_client.get(reverse(ADD)).status_code == 200

    response = officer_client.post(reverse(ADD), form_data(photo=jpeg()))

    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:inspect", args=[complaint.pk])
    assert (complaint.channel, complaint.entered_by) == (Complaint.Channel.PHONE, officer)
    assert complaint.reporter_name == "Pak Darto"
    assert complaint.privacy == Complaint.Privacy.CONFIDENTIAL
    assert complaint.photo  # processed and stored privately by the service
    created = complaint.events.get()
    assert created.actor == officer
    page = officer_client.get(response["Location"])
    assert complaint.tracking_code in text_of(page)  # the message to read out to the resident


def test_a_request_without_any_contact_is_refused_next_to_the_phone_field(officer_client):
    response = officer_client.post(
        reverse(ADD), form_data(kind="permohonan", reporter_phone="", reporter_email="")
    )

    assert response.status_code == 400
    assert not Complaint.objects.exists()
    phone = soup(response).find(attrs={"name": "reporter_phone"})
    errors = phone.find_parent(class_="w-field__wrapper").select_one(".w-field__errors")
    assert text_of(errors)
    # Nothing typed is lost.
    assert "Lampu jalan depan masjid" in text_of(soup(response).find("textarea"))


def test_a_photo_that_is_not_an_image_is_refused_next_to_the_photo_field(officer_client):
    fake = SimpleUploadedFile("foto.jpg", b"bukan gambar", content_type="image/jpeg")

    response = officer_client.post(reverse(ADD), form_data(photo=fake))

    assert response.status_code == 400
    assert not Complaint.objects.exists()
    photo = soup(response).find(attrs={"name": "photo"})
    assert text_of(photo.find_parent(class_="w-field__wrapper").select_one(".w-field__errors"))


def test_only_desk_channels_are_offered(officer_client):
    options = soup(officer_client.get(reverse(ADD))).select('select[name="channel"] option')

    assert {option["value"] for option in options} == {"walk_in", "phone", "other"}
    response = officer_client.post(reverse(ADD), form_data(channel="web"))
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_a_reader_cannot_enter_complaints(client, viewer):
    client.force_login(viewer)

    response = client.post(reverse(ADD), form_data())

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not Complaint.objects.exists()
