"""`manage.py load_demo`: load the demo kecamatan once, then print how to log in.

`make run` calls it before serving the site. A second run creates nothing and is quick.
"""

import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from demo.complaints import (
    OFFICER_PASSWORD,
    OFFICER_USERNAME,
    demo_officer,
    ensure_demo_complaints,
)
from demo.pages.loader import (
    ADMIN_URL,
    SITE_URL,
    STAFF_PASSWORD,
    STAFF_USERNAME,
    DemoLoader,
)
from demo.pages.neighbours import ensure_neighbours, ensure_regency, neighbour_urls
from demo.security import ensure_demo_two_factor
from demo.year import ensure_demo_year
from frontend.renditions import renditions_deferred, site_renditions_make_now
from pages import models as page_models

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


# Production refuses to load the demo unless this is given (docs/production.md).
UNSAFE_FLAG = "--unsafe-create-staff-with-published-passwords"


class Command(BaseCommand):
    help = "Load the demo kecamatan (pages, images, settings, a staff account) unless present."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-image-versions",
            action="store_true",
            help="Do not make the image versions (renditions) the pages show (about 250, "
            "1-2 minutes); the task worker or the first readers make them then.",
        )
        parser.add_argument(
            UNSAFE_FLAG,
            action="store_true",
            dest="unsafe_published_passwords",
            help=(
                "Run even where the settings are not the development or test ones (production). "
                "UNSAFE: creates a superuser and a complaint officer whose passwords are "
                "published in the README, so anyone may sign in as them; `check --deploy` then "
                "fails. Only for a throwaway demonstration server, never with real data."
            ),
        )

    def handle(self, *args, **options):
        # The dev and test settings alone set DEMO_KNOWN_TOTP; any other settings count as
        # production, where demo staff with published passwords must never appear by accident.
        if not getattr(settings, "DEMO_KNOWN_TOTP", False) and not options.get(
            "unsafe_published_passwords"
        ):
            raise CommandError(
                "load_demo refuses to run under production settings: it creates staff accounts "
                "whose passwords are published. Use the development settings, or add "
                f"{UNSAFE_FLAG} for a throwaway demonstration server."
            )
        with quiet_logger("wagtail", enabled=options["verbosity"] < 2), renditions_deferred():
            result = DemoLoader().run()
            neighbours = ensure_neighbours()
            ensure_regency()
        # Every image version the pages show, now rather than in a reader's first request.
        started = time.perf_counter()
        renditions = 0 if options["no_image_versions"] else site_renditions_make_now()
        complaints = ensure_demo_complaints()
        # The past year behind /transparansi/: complaints and survey answers month by month.
        year_complaints, year_answers = ensure_demo_year(demo_officer())
        if result.content_existed:
            self.stdout.write("The demo kecamatan already exists; no content was created.")
        else:
            self.stdout.write(self.style.SUCCESS("Demo kecamatan created: Kecamatan Sukamaju."))
            self.write_summary(result)
        if complaints:
            self.stdout.write(f"  created {complaints} demo complaints")
        if year_complaints or year_answers:
            self.stdout.write(
                f"  created {year_complaints} complaints and {year_answers} survey answers "
                "over the past twelve months"
            )
        if neighbours:
            self.stdout.write(f"  created {neighbours} more kecamatan of the same regency")
        two_factor = ensure_demo_two_factor([STAFF_USERNAME, OFFICER_USERNAME])
        if options["verbosity"] >= 1:
            self.write_login(result.staff_created, two_factor)
        if renditions:
            self.stdout.write(
                f"  made {renditions} image versions in {time.perf_counter() - started:.1f} s"
            )
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
            *[f"  Also:      {url}   ({name}, its own site)" for name, url in neighbour_urls()],
            f"  Admin:     {ADMIN_URL}",
            f"  Username:  {STAFF_USERNAME}",
            f"  Password:  {password}",
            f"  Complaint officer (no content rights): {OFFICER_USERNAME} / {OFFICER_PASSWORD}",
            *two_factor,
            "=" * 64,
            "",
        ]
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))
