"""What one photo may cost: the pixel limit through the resident's form and the API.

A 230 KB PNG of 7745 x 7745 pixels once cost a worker 739 MB; it is now refused from its
header, before a pixel is decoded (benchmarks/upload_memory.py measures the memory).
"""

import io
import uuid

import pytest
from PIL import Image

from cms.complaints.models import Complaint
from tests.utils import soup

from .helpers import VALID, jpeg_bytes, png_zeros, upload

NEW = "/pengaduan/baru/"
API = "/api/v1/complaints/"
REFUSED = "Foto terlalu besar: 60 megapiksel, paling banyak 25 megapiksel."


@pytest.fixture(scope="module")
def hostile_png():
    data = png_zeros(7745, 7745)
    with Image.open(io.BytesIO(data)) as image:
        assert (image.size, image.mode) == ((7745, 7745), "RGBA")
    return data


def _stored_size(complaint):
    with complaint.photo.open("rb") as handle:
        return Image.open(handle).size


def test_form_refuses_the_60_megapixel_png_and_keeps_what_was_typed(site_tree, client, hostile_png):
    data = dict(VALID, idempotency_key="form-key-pixels")
    data["photo"] = upload("layar.png", hostile_png, "image/png")
    response = client.post(NEW, data)
    assert response.status_code == 400
    page = soup(response)
    assert REFUSED in page.find(id="id_photo_error").get_text()
    assert page.find("textarea", attrs={"name": "description"}).text.strip() == VALID["description"]
    assert page.find("input", attrs={"name": "reporter_name"})["value"] == "Siti Rahayu"
    assert Complaint.objects.count() == 0


def test_api_refuses_the_60_megapixel_png_in_the_shared_error_shape(db, client, hostile_png):
    data = dict(VALID, photo=upload("layar.png", hostile_png, "image/png"))
    response = client.post(API, data, HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"message", "errors"}
    assert REFUSED in body["errors"]["photo"][0]
    assert Complaint.objects.count() == 0


def test_form_takes_a_4000_by_3000_jpeg_and_stores_it_at_1600_pixels(site_tree, client):
    data = dict(VALID, idempotency_key="form-key-big-jpeg")
    data["photo"] = upload("kamera.jpg", jpeg_bytes(size=(4000, 3000)))
    response = client.post(NEW, data)
    assert response.status_code == 302
    assert _stored_size(Complaint.objects.get()) == (1600, 1200)


def test_api_takes_a_4000_by_3000_jpeg_and_stores_it_at_1600_pixels(db, client):
    data = dict(VALID, photo=upload("kamera.jpg", jpeg_bytes(size=(3000, 4000))))
    response = client.post(API, data, HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
    assert response.status_code == 201
    assert _stored_size(Complaint.objects.get()) == (1200, 1600)
