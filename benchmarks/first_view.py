"""The first view of a freshly published page with a new image: how long the reader waits.

Builds a throwaway site in an in-memory SQLite database (test settings), uploads a 4000 x 3000
photo, publishes an announcement that shows it on top and in its body, and times the first
`GET` of the page three ways, each with a new photo:

- before: every rendition made inside the request (Wagtail's tags without a budget; how the
  site worked before renditions moved to the task worker);
- no worker yet: the task worker has not run; the request makes at most one rendition and
  enqueues the rest (frontend/renditions.py);
- after the worker: the worker ran after publishing (its time is printed too).

Server time in one process, as a running worker: the same test client for every case (a new
one would load the middleware again), `Accept-Encoding: br, gzip` as a browser sends (the
first reader of a page pays for its kept brotli and gzip copies). Budget (issue 14): at most
300 ms after the worker.

    .venv/bin/python benchmarks/first_view.py
"""

import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")


def photo() -> bytes:
    from PIL import Image

    # Smooth areas and grain, like a photo (pure noise would be far slower to encode).
    base = Image.linear_gradient("L").resize((4000, 3000))
    grain = Image.effect_noise((4000, 3000), 20)
    image = Image.merge("RGB", (base, Image.blend(base, grain, 0.3), base.rotate(180)))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def main() -> None:
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.files.base import ContentFile
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment
    from wagtail.images import get_image_model

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)

    from tests.factories import AnnouncementPageFactory, HomePageFactory, ImageFactory, paragraph

    Rendition = get_image_model().get_rendition_model()
    HomePageFactory()
    # Warm up: templates compiled, URLs resolved, modules imported, as in a running worker.
    # One client for every case: each new test client loads the middleware again (WhiteNoise
    # then scans every static file, about 1 s here), which a running worker did at its start.
    client = Client()
    client.get(AnnouncementPageFactory().url)
    data = photo()
    no_worker = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    worker = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    print(f"{'case':34} {'worker':>8} {'first view':>11} {'renditions in the view':>23}")
    for case, tasks, budget in (
        ("before (all made in the request)", no_worker, 10_000),
        ("no worker yet (budget 1)", no_worker, 1),
        ("after the worker ran", worker, 1),
    ):
        cache.clear()
        with override_settings(TASKS=tasks, RENDITIONS_PER_REQUEST=budget):
            started = time.perf_counter()
            image = ImageFactory(file=ContentFile(data, name="jalan.jpg"))
            figure = {"image": {"image": image.pk, "alt_text": "Jalan", "decorative": False}}
            page = AnnouncementPageFactory(
                listing_image=image,
                body=[paragraph("<p>Isi.</p>"), {"type": "image", "value": figure}],
            )
            worker_seconds = time.perf_counter() - started if tasks is worker else 0.0
            before = Rendition.objects.count()
            started = time.perf_counter()
            response = client.get(page.url, headers={"accept-encoding": "br, gzip"})
            seconds = time.perf_counter() - started
            assert response.status_code == 200, response.status_code
            made = Rendition.objects.count() - before
        shown = f"{worker_seconds:.1f} s" if tasks is worker else "-"
        print(f"{case:34} {shown:>8} {seconds:>9.2f} s {made:>23}")


if __name__ == "__main__":
    main()
