"""`manage.py load_demo`: load the demo kecamatan once, then print how to log in.

`make run` calls it before serving the site. A second run creates nothing and is quick.
"""

import logging
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from cms.complaints.demo import OFFICER_PASSWORD, OFFICER_USERNAME, ensure_demo_complaints
from cms.security.demo import ensure_demo_two_factor
from pages import models as page_models
from pages.demo.loader import (
    ADMIN_URL,
    SITE_URL,
    STAFF_PASSWORD,
    STAFF_USERNAME,
    DemoLoader,
)

PAGE_TYPES = [
    "HomePage",
    "AnnouncementIndexPage",
    "AnnouncementPage",
    "InfographicIndexPage",
    "InfographicPage",
    "GuideIndexPage",
    "GuidePage",
    "ServiceIndexPage",
    "ServicePage",
    "EventIndexPage",
    "EventPage",
    "StandardPage",
]


@contextmanager
def quiet_logger(name: str, enabled: bool = True):
    """Silence `name`'s INFO lines (one per page created and published) for the duration."""
    logger = logging.getLogger(name)
    level = logger.level
    if enabled:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


class Command(BaseCommand):
    help = "Load the demo kecamatan (pages, images, settings, a staff account) unless present."

    def handle(self, *args, **options):
        with quiet_logger("wagtail", enabled=options["verbosity"] < 2):
            result = DemoLoader().run()
        complaints = ensure_demo_complaints()
        if result.content_existed:
            self.stdout.write("The demo kecamatan already exists; no content was created.")
        else:
            self.stdout.write(self.style.SUCCESS("Demo kecamatan created: Kecamatan Sukamaju."))
            self.write_summary(result)
        if complaints:
            self.stdout.write(f"  created {complaints} demo complaints")
        two_factor = ensure_demo_two_factor([STAFF_USERNAME, OFFICER_USERNAME])
        if options["verbosity"] >= 1:
            self.write_login(result.staff_created, two_factor)
        self.stdout.write(
            f"Search check: {result.search_hits} live pages match 'KTP'. "
            f"Took {result.seconds:.1f} s."
        )

    def write_summary(self, result) -> None:
        created = result.created
        self.stdout.write(
            f"  created {created['images']} images, {created['documents']} documents, "
            f"{created['categories']} categories, {created['users']} users"
        )
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.stdout.write(f"  {'page type':<24}{'id':>5}{'en':>5}")
        for name in PAGE_TYPES:
            model = getattr(page_models, name)
            counts = [
                model.objects.filter(locale=locales[code]).count() if code in locales else 0
                for code in ("id", "en")
            ]
            self.stdout.write(f"  {name:<24}{counts[0]:>5}{counts[1]:>5}")
        self.stdout.write(
            f"  totals: {Page.objects.filter(depth__gte=2).count()} pages, "
            f"{get_image_model().objects.count()} images, "
            f"{get_document_model().objects.count()} documents, "
            f"{get_user_model().objects.count()} users"
        )

    def write_login(self, staff_created: bool, two_factor: list[str]) -> None:
        password = STAFF_PASSWORD if staff_created else f"{STAFF_PASSWORD} (unless changed since)"
        lines = [
            "",
            "=" * 64,
            f"  Site:      {SITE_URL}   (English: {SITE_URL}en/)",
            f"  Admin:     {ADMIN_URL}",
            f"  Username:  {STAFF_USERNAME}",
            f"  Password:  {password}",
            f"  Complaint officer (no content rights): {OFFICER_USERNAME} / {OFFICER_PASSWORD}",
            *two_factor,
            "=" * 64,
            "",
        ]
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
