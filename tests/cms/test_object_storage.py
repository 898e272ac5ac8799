"""Uploads on S3-compatible object storage (docs/scale-out.md), against a real moto server.

Wagtail's images and their renditions go to the public bucket and are read from there by URL;
complaint photos go to the private bucket only, reach staff through the view that checks who
asks, and an erasure or the retention purge deletes their objects.
"""

import io
import urllib.error
import urllib.request
import uuid
from datetime import timedelta

import pytest
from django.core.files.images import ImageFile
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from PIL import Image as PillowImage
from wagtail.images.models import Image

from cms.complaints import services
from cms.complaints.models import Complaint
from tests.complaints.helpers import jpeg_bytes, officer, submit, upload
from tests.factories import png_bytes
from tests.object_store import ObjectStore

pytest.importorskip("storages")
pytest.importorskip("moto")
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def object_store():
    store = ObjectStore().start()
    yield store
    store.stop()


@pytest.fixture
def buckets(object_store):
    """A public and a private bucket of this test's own, and the app's STORAGES set to them."""
    public, private = f"media-{uuid.uuid4().hex[:12]}", f"private-{uuid.uuid4().hex[:12]}"
    object_store.create_buckets(public, private)
    with override_settings(STORAGES=object_store.storages(public, private)):
        yield public, private


def test_images_and_their_renditions_are_in_the_public_bucket(object_store, buckets):
    public, private = buckets
    image = Image.objects.create(
        title="Balai desa", file=ImageFile(io.BytesIO(png_bytes(640, 360)), name="balai.png")
    )
    rendition = image.get_rendition("fill-160x90")

    keys = object_store.keys(public)
    assert image.file.name in keys and rendition.file.name in keys
    assert object_store.keys(private) == []
    # Served by the object store at its public URL (no signature: one URL for every reader).
    assert rendition.url.startswith(f"{object_store.endpoint}/{public}/")
    assert "Signature" not in rendition.url
    with urllib.request.urlopen(rendition.url, timeout=5) as answer:
        assert PillowImage.open(io.BytesIO(answer.read())).size == (160, 90)


def test_a_complaint_photo_is_only_in_the_private_bucket(object_store, buckets):
    public, private = buckets
    complaint = submit(photo=upload(data=jpeg_bytes()))

    assert object_store.keys(private) == [complaint.photo.name]
    assert object_store.keys(public) == []
    stored = object_store.client().head_object(Bucket=private, Key=complaint.photo.name)
    assert stored["CacheControl"] == "private, no-store"
    acl = object_store.client().get_object_acl(Bucket=private, Key=complaint.photo.name)
    assert all("AllUsers" not in str(grant["Grantee"]) for grant in acl["Grants"])
    # Not readable without credentials, unlike the public bucket's images.
    unsigned = f"{object_store.endpoint}/{private}/{complaint.photo.name}"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(unsigned, timeout=5)
    assert refused.value.code == 403
    # A URL, if one is ever made, is signed and lives a minute.
    assert "X-Amz-Expires=60" in complaint.photo.url


def test_staff_get_the_photo_streamed_by_the_view_and_others_do_not(
    object_store, buckets, site_tree, client
):
    complaint = submit(photo=upload(data=jpeg_bytes(size=(800, 600))))
    url = f"/pengaduan/foto/{complaint.tracking_code}/"

    assert client.get(url).status_code == 404  # not public: the view refuses

    client.force_login(officer())
    response = client.get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    body = b"".join(response.streaming_content)
    assert PillowImage.open(io.BytesIO(body)).size == (800, 600)


def test_erasure_deletes_the_photo_object(
    object_store, buckets, django_capture_on_commit_callbacks
):
    _public, private = buckets
    complaint, other = (submit(photo=upload(data=jpeg_bytes())) for _ in range(2))

    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_personal_data_erase(Complaint.objects.filter(pk=complaint.pk))

    assert object_store.keys(private) == [other.photo.name]


def test_the_retention_purge_deletes_the_photo_objects(
    object_store, buckets, django_capture_on_commit_callbacks, settings
):
    _public, private = buckets
    old = submit(photo=upload(data=jpeg_bytes()))
    kept = submit(photo=upload(data=jpeg_bytes()))
    long_ago = timezone.now() - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS + 1)
    Complaint.objects.filter(pk=old.pk).update(status=Complaint.Status.DONE, closed_at=long_ago)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_personal_data", stdout=io.StringIO())

    assert object_store.keys(private) == [kept.photo.name]


def test_object_storage_needs_a_private_bucket_of_its_own(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from cms.settings.base import s3_storages

    monkeypatch.delenv("DJANGO_MEDIA_S3_BUCKET", raising=False)
    assert s3_storages() == {}  # the local folders, for a newcomer
    monkeypatch.setenv("DJANGO_MEDIA_S3_BUCKET", "media")
    for private in ("", "media"):
        monkeypatch.setenv("DJANGO_MEDIA_S3_PRIVATE_BUCKET", private)
        with pytest.raises(ImproperlyConfigured):
            s3_storages()
