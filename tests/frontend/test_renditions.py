"""Image versions are made by the task worker, not while a reader waits for a page.

A page's first view used to make every rendition its images need (2 to 12 s on the demo, a
500 at gunicorn's timeout in production). Publishing now asks the task worker for them; a
request makes at most one and enqueues the rest (frontend/renditions.py).
"""

import pytest
from django_tasks import default_task_backend
from wagtail.images import get_image_model

from frontend.renditions import page_image_specs, site_renditions_make_now
from tests.factories import AnnouncementPageFactory, ImageFactory, paragraph

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_budget(settings):
    settings.RENDITIONS_PER_REQUEST = 1  # as production (the test settings lift it)


Rendition = get_image_model().get_rendition_model()
NO_WORKER = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _publish_with_new_image(capture):
    """Upload an image, publish an announcement showing it on top and in its body."""
    with capture(execute=True):  # what commits in the admin: the enqueued tasks go out
        image = ImageFactory(width=320, height=240)
        figure = {"image": {"image": image.pk, "alt_text": "Jalan", "decorative": False}}
        page = AnnouncementPageFactory(
            listing_image=image,
            body=[paragraph("<p>Isi.</p>"), {"type": "image", "value": figure}],
        )
    return image, page


def test_the_specs_made_are_the_ones_the_page_needs(site_tree):
    image = ImageFactory()
    page = AnnouncementPageFactory(listing_image=image)
    specs = page_image_specs(page)[image.pk]
    assert "format-webp|fill-640x360" in specs  # the card in listings
    assert "format-avif|fill-1200x675" in specs  # the picture on top of the announcement
    assert "fill-1200x630-c100|format-jpeg|jpegquality-78" in specs  # the share picture
    assert len(specs) == 6 + 9 + 1


def test_after_the_worker_ran_the_first_view_makes_no_rendition(
    site_tree, client, django_capture_on_commit_callbacks
):
    # Tests run tasks at once (ImmediateBackend): the worker's queue is done on commit.
    _image, page = _publish_with_new_image(django_capture_on_commit_callbacks)
    made = Rendition.objects.count()
    assert made >= 6 + 9 + 9  # card, top picture, figure in the body

    assert client.get(page.url).status_code == 200
    assert client.get(site_tree.announcements.url).status_code == 200  # its card
    assert Rendition.objects.count() == made


def test_without_the_worker_a_view_makes_at_most_one_and_enqueues_the_rest(
    site_tree, client, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = NO_WORKER
    image, page = _publish_with_new_image(django_capture_on_commit_callbacks)
    assert Rendition.objects.count() == 0
    default_task_backend.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(page.url)
    assert response.status_code == 200
    assert Rendition.objects.count() <= 1
    html = response.content.decode()
    assert image.file.url in html  # the original stands in where nothing exists yet
    names = [result.task.name for result in default_task_backend.results]
    assert "renditions_make" in names  # the rest, for the worker
    # The page with stand-ins is not kept: the next reader gets the real versions.
    assert response["X-Page-Cache"] != "hit"
    assert client.get(page.url)["X-Page-Cache"] != "hit"


def test_load_demo_way_makes_every_version_the_live_pages_show(
    site_tree, client, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = NO_WORKER
    _image, page = _publish_with_new_image(django_capture_on_commit_callbacks)
    assert site_renditions_make_now() >= 6 + 9 + 9
    made = Rendition.objects.count()
    client.get(page.url)
    client.get(site_tree.announcements.url)
    assert Rendition.objects.count() == made
