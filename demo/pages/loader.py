"""Create the demo kecamatan in the database, once.

The demo is loaded when the default site has no Indonesian home page yet. Every object is
looked up (page by slug under its parent, image and document by title, category by slug, user
by username) before it is created, so a second run creates nothing.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from io import BytesIO
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import models, transaction
from modelcluster.models import get_all_child_relations
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site
from wagtail.search import index
from wagtail.users.models import UserProfile
from wagtail.utils.file import hash_filelike

from pages import models as page_models
from pages.models import Category, HomePage, KecamatanSettings

from . import content, images, pdf
from .text import Dates, DocRef, ImageRef, PageRef

STAFF_USERNAME = "staf"
STAFF_PASSWORD = "staf-demo-2026"
# Where the demo is served: DJANGO_BASE_URL (the Makefile sets it from HOST and PORT).
SITE_URL = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"
ADMIN_URL = SITE_URL + "admin/"


def demo_address() -> tuple[str, int]:
    """Return the (host name, port) the demo is served on, from DJANGO_BASE_URL."""
    base = urlparse(settings.WAGTAILADMIN_BASE_URL)
    return base.hostname or "localhost", base.port or (443 if base.scheme == "https" else 80)


class DemoDataError(Exception):
    """The demo content itself is invalid (a bug in demo/pages, not in the database)."""


@dataclass
class LoadResult:
    created: Counter = field(default_factory=Counter)
    content_existed: bool = False
    staff_created: bool = False
    search_hits: int = 0
    seconds: float = 0.0


class DemoLoader:
    def __init__(self, now=None):
        self.d = Dates(now)
        self.result = LoadResult()
        self.pages: dict[str, dict[str, Page]] = {"id": {}, "en": {}}
        self.images: dict[str, models.Model] = {}
        self.image_alt_en: dict[int, str] = {}
        self.documents: dict[str, models.Model] = {}
        self.categories: dict[str, Category] = {}

    # Entry point -----------------------------------------------------------------------------

    def run(self) -> LoadResult:
        started = time.monotonic()
        with transaction.atomic():
            self.locale_id = Locale.objects.get(language_code="id")
            self.locale_en = Locale.objects.get(language_code="en")
            if HomePage.objects.filter(locale=self.locale_id).exists():
                self.result.content_existed = True
            else:
                self.load_content()
            self.ensure_staff_user()
        self.ensure_search_index()
        self.result.seconds = time.monotonic() - started
        return self.result

    def load_content(self) -> None:
        self.ensure_categories()
        self.ensure_images()
        self.ensure_documents()
        specs = content.page_specs(self.d)
        for spec in specs:
            self.ensure_page(spec)
        for spec in specs:
            if spec.after:
                self.pages["id"][spec.key] = self.update_page(
                    self.pages["id"][spec.key], spec.after, "id"
                )
        for spec in specs:
            if spec.en is not None:
                self.ensure_translation(spec)
        for spec in specs:
            if spec.en is not None and spec.en_after:
                self.pages["en"][spec.key] = self.update_page(
                    self.pages["en"][spec.key], spec.en_after, "en"
                )
        self.ensure_settings()

    # Categories, images, documents -----------------------------------------------------------

    def ensure_categories(self) -> None:
        for slug, (name, name_en, _colour, _motif) in content.CATEGORIES.items():
            category, created = Category.objects.get_or_create(
                slug=slug, defaults={"name": name, "name_en": name_en}
            )
            self.categories[slug] = category
            self.result.created["categories"] += created

    def ensure_images(self) -> None:
        image_model = get_image_model()
        for spec in content.image_specs(self.d):
            image = image_model.objects.filter(title=spec.title).first()
            if image is None:
                if spec.kind == "logo":
                    data, ext = images.logo(content.THEME), "png"
                elif spec.kind == "infographic":
                    data, ext = images.infographic(spec.infographic), "png"
                else:
                    data, ext = images.card(*spec.card), "jpg"
                image = image_model(title=spec.title, description=spec.description)
                self._attach_file(image, data, f"demo-{spec.key}.{ext}")
                image.save()
                self.result.created["images"] += 1
            self.images[spec.key] = image
            self.image_alt_en[image.pk] = spec.description_en

    def ensure_documents(self) -> None:
        document_model = get_document_model()
        for spec in content.document_specs(self.d):
            document = document_model.objects.filter(title=spec.title).first()
            if document is None:
                document = document_model(title=spec.title)
                self._attach_file(document, pdf.simple_pdf(spec.heading, spec.lines), spec.filename)
                document.save()
                self.result.created["documents"] += 1
            self.documents[spec.key] = document

    @staticmethod
    def _attach_file(obj, data: bytes, filename: str) -> None:
        obj.file = ContentFile(data, name=filename)
        obj.file_size = len(data)
        obj.file_hash = hash_filelike(BytesIO(data))

    # Site and settings -----------------------------------------------------------------------

    def make_site_root(self, home: HomePage) -> None:
        """Point the default site at `home` and delete Wagtail's empty "Welcome" page.

        The site's address is DJANGO_BASE_URL (http://127.0.0.1:8000 by default), so the full
        URLs Wagtail builds (API detail and document links) open on the demo server.
        """
        hostname, port = demo_address()
        site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
        if site is None:
            Site.objects.create(
                hostname=hostname,
                port=port,
                root_page=home,
                is_default_site=True,
                site_name=content.NAME,
            )
            return
        previous = site.root_page
        site.root_page = home
        site.site_name = content.NAME
        site.hostname, site.port = hostname, port
        site.save()
        is_welcome_page = previous.content_type.model_class() is Page and previous.depth == 2
        if is_welcome_page and previous.pk != home.pk and not previous.get_children().exists():
            previous.delete()

    def ensure_settings(self) -> None:
        """Fill the kecamatan settings of the default site, unless someone already did."""
        site = Site.objects.get(is_default_site=True)
        settings = KecamatanSettings.for_site(site)
        if settings.regency or settings.logo_id:
            return
        for name, value in content.SETTINGS.items():
            setattr(settings, name, value)
        settings.logo = self.images["logo"]
        settings.full_clean()
        settings.save()
        self.result.created["settings"] += 1

    # Pages -----------------------------------------------------------------------------------

    def ensure_page(self, spec: content.PageSpec) -> Page:
        if spec.parent is None:
            parent = Page.get_first_root_node()
        else:
            parent = self.pages["id"][spec.parent]
        model = getattr(page_models, spec.model)
        page = model.objects.child_of(parent).filter(slug=spec.slug).first()
        if page is None:
            page = model(slug=spec.slug, locale=self.locale_id)
            self.assign(page, spec.fields, "id")
            parent.add_child(instance=page)
            page.save_revision().publish()
            self.result.created[f"{spec.model}:id"] += 1
            if isinstance(page, HomePage):
                self.make_site_root(page)
        self.pages["id"][spec.key] = page
        return page

    def ensure_translation(self, spec: content.PageSpec) -> Page:
        source = self.pages["id"][spec.key]
        page = source.get_translation_or_none(self.locale_en)
        if page is None:
            # Parents come first in the spec list, so copy_parents never has to alias one.
            page = source.copy_for_translation(self.locale_en, copy_parents=True).specific
            self.assign(page, spec.en, "en")
            # An image's description is Indonesian: the English page says what it shows.
            if getattr(page, "listing_image_id", None) and not page.listing_image_alt:
                page.listing_image_alt = self.image_alt_en.get(page.listing_image_id, "")
            # The revision carries the new values (child relations too); publishing saves them.
            page.save_revision().publish()
            self.result.created[f"{spec.model}:en"] += 1
        self.pages["en"][spec.key] = page.specific
        return page

    def update_page(self, page: Page, values: dict, lang: str) -> Page:
        """Set `values` on a fresh copy of `page`, publish it and return it."""
        # Reload first: publishing writes the tree fields (numchild, ...) of the object it is
        # given, and children added since through another instance would be lost.
        page = type(page).objects.get(pk=page.pk)
        self.assign(page, values, lang)
        page.save_revision().publish()
        return page

    def assign(self, page: Page, values: dict, lang: str) -> None:
        """Set `values` on `page`; child relations (attachments, ...) are saved with the page."""
        child_relations = {
            rel.get_accessor_name(): rel.related_model for rel in get_all_child_relations(page)
        }
        for name, value in values.items():
            if name in child_relations:
                related = child_relations[name]
                rows = [
                    related(**{k: self.resolve(v, lang, top=True) for k, v in row.items()})
                    for row in value
                ]
                setattr(page, name, rows)
                continue
            model_field = page._meta.get_field(name)
            if isinstance(model_field, StreamField):
                setattr(page, name, self.resolve(value, lang))
                self.validate_stream(page, model_field)
            elif name == "category":
                page.category = self.categories[value]
            else:
                setattr(page, name, self.resolve(value, lang, top=True))
        if len(getattr(page, "summary", "")) > 300:
            raise DemoDataError(f"The summary of {page.title!r} is longer than 300 characters.")

    def resolve(self, value, lang: str, top: bool = False):
        """Replace references by objects (`top`, a model field) or primary keys (stream data)."""
        if isinstance(value, PageRef):
            target = self.pages[lang].get(value.key) or self.pages["id"][value.key]
            return target if top else target.pk
        if isinstance(value, ImageRef):
            return self.images[value.key] if top else self.images[value.key].pk
        if isinstance(value, DocRef):
            return self.documents[value.key] if top else self.documents[value.key].pk
        if isinstance(value, dict):
            return {k: self.resolve(v, lang) for k, v in value.items()}
        if isinstance(value, list):
            return [self.resolve(v, lang) for v in value]
        return value

    @staticmethod
    def validate_stream(page: Page, model_field: StreamField) -> None:
        """Raise DemoDataError unless the stream would pass the admin's own validation."""
        try:
            model_field.stream_block.clean(getattr(page, model_field.name))
        except Exception as error:  # a ValidationError of blocks, or a malformed value
            details = error.as_json_data() if hasattr(error, "as_json_data") else repr(error)
            raise DemoDataError(
                f"{type(page).__name__} {page.title!r}, field {model_field.name}: {details}"
            ) from error

    # Staff user and search -------------------------------------------------------------------

    def ensure_staff_user(self) -> None:
        """Create the demo superuser if missing; an existing account is never changed."""
        user_model = get_user_model()
        if user_model.objects.filter(username=STAFF_USERNAME).exists():
            return
        user = user_model.objects.create_superuser(
            username=STAFF_USERNAME,
            email="staf.sukamaju@sumbermakmurkab.go.id",
            password=STAFF_PASSWORD,
            first_name="Staf",
            last_name="Kecamatan Sukamaju",
        )
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "id"
        profile.save()
        self.result.staff_created = True
        self.result.created["users"] += 1

    def ensure_search_index(self) -> None:
        """Make sure the pages are searchable; index them here if the task backend did not."""
        hits = list(Page.objects.live().search("KTP")[:50])
        if not hits:
            for page in Page.objects.live().filter(depth__gte=2).specific():
                index.insert_or_update_object(page)
            hits = list(Page.objects.live().search("KTP")[:50])
        self.result.search_hits = len(hits)
