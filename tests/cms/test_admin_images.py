"""Images staff upload in the Wagtail admin: the same pixel limit as residents' photos."""

import pytest
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.complaints.helpers import jpeg_bytes, png_zeros, upload

pytestmark = pytest.mark.django_db


def _add(client, name, data, content_type):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Foto kegiatan",
            "collection": Collection.get_first_root_node().pk,
            "file": upload(name, data, content_type),
        },
    )


def test_admin_refuses_an_image_over_40_megapixels(client, superuser, settings):
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    client.force_login(superuser)
    response = _add(client, "layar.png", png_zeros(7745, 7745), "image/png")
    assert response.status_code == 200  # the form again, with its error
    errors = response.context["form"].errors["file"]
    assert any("59985025" in error for error in errors)
    assert not get_image_model().objects.filter(title="Foto kegiatan").exists()


def test_admin_takes_a_4000_by_3000_photo(client, superuser):
    client.force_login(superuser)
    response = _add(client, "kegiatan.jpg", jpeg_bytes(size=(4000, 3000)), "image/jpeg")
    assert response.status_code == 302
    image = get_image_model().objects.get(title="Foto kegiatan")
    assert (image.width, image.height) == (4000, 3000)
