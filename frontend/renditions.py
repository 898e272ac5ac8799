"""Image versions (renditions) are made by the task worker, never many while a reader waits.

Making a rendition decodes the original (up to 40 megapixels) and encodes AVIF, WebP or JPEG:
0.1 to 1 s each, and a page with a few images asks for dozens. Made inside the first request
for a page, that took 2 to 12 s on the demo and ran into gunicorn's timeout in production. So:

- `ROLES` lists exactly the filter specs the templates ask for, per place an image is shown;
  `page_image_specs` finds a page's images and the specs each needs.
- When an image is uploaded (the listing image's versions) and when a page is published
  (the specs of its images), `renditions_enqueue` hands the work to the task worker
  (`renditions_make`, one rendition at a time so the worker's memory stays that of one).
  `load_demo` makes them too.
- At render time the image tags of `{% load layanan_images %}` (`image`, `srcset_image`,
  `picture`, as Wagtail's) use the renditions that exist. A request may make one missing
  rendition (the middle-sized WebP, the one the low-data placeholder names); the rest are
  enqueued, and a tag with none at all shows the original file at the rendition's size. Such a
  page is marked `request.renditions_pending` and the page cache does not keep it.

Outside a request (management commands, the task worker) the tags behave as Wagtail's.
"""

import contextlib
import contextvars
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django_tasks import task
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage, Filter, SourceImageIOError
from wagtail.images.shortcuts import get_renditions_or_not_found

# Filter specs per place an image is shown; each line as the template writes it.
ROLES = {
    # components/card.html: listings (home, index pages, search)
    "card": ("format-{avif,webp,jpeg} fill-{320x180,640x360}",),
    # components/hero_image.html: announcements and events show their listing image on top
    "hero": ("format-{avif,webp,jpeg} fill-{400x225,800x450,1200x675}",),
    # components/blocks/image.html: an image with caption in a body
    "figure": ("format-{avif,webp,jpeg} width-{400,800,1200}",),
    # pages/guide_page.html: a step's image
    "step": ("format-{avif,webp,jpeg} width-{400,800}",),
    # pages/infographic_page.html
    "infographic": ("format-{avif,webp,jpeg} width-{360,720,1080}",),
    # components/blocks/video.html: the thumbnail before the video is loaded
    "video": ("fill-640x360",),
    # base.html: the kecamatan's logo in the header
    "logo": ("format-webp fill-{48x48,96x96}",),
}
# The share picture in the page head (frontend/sharing.py tries lower qualities after it only
# when it is over 200 KB), for the page's share image.
SHARE_SPEC = "fill-1200x630-c100|format-jpeg|jpegquality-78"
# What an image gets when uploaded, before any page shows it: most images become a page's
# listing image (a card in listings, the picture on top of an announcement or event). The
# others are made when the page showing the image is published.
UPLOAD_ROLES = ("card", "hero")
# A missing rendition is enqueued once per this many seconds, however many readers ask.
ENQUEUE_QUIET_SECONDS = 120


def role_specs(*roles: str) -> list[str]:
    """Return the filter specs of `roles`, expanded, in order, without repeats."""
    specs = []
    for role in roles:
        for line in ROLES[role]:
            specs.extend(Filter.expand_spec(line.split()))
    return list(dict.fromkeys(specs))


# -- which images a page shows ----------------------------------------------------------


def share_source_image(page):
    """Return the image that best stands for the page when shared, or None."""
    from pages.models import HomePage, InfographicPage

    if isinstance(page, InfographicPage) and page.image_id:
        return page.image
    if getattr(page, "listing_image_id", None):
        return page.listing_image
    if isinstance(page, HomePage) and getattr(page, "hero_image_id", None):
        return page.hero_image
    return None


def page_image_specs(page) -> dict[int, list[str]]:
    """Return {image id: filter specs} for the images `page` shows and the places it shows them."""
    from pages.blocks import ImageWithCaptionBlock, StepBlock, VideoBlock
    from pages.models import AnnouncementPage, EventPage, InfographicPage

    struct_roles = {ImageWithCaptionBlock: "figure", StepBlock: "step", VideoBlock: "video"}
    page = page.specific
    found: dict[int, list[str]] = {}

    def add(image, role):
        if image is not None:
            specs = found.setdefault(image.pk, [])
            specs.extend(spec for spec in role_specs(role) if spec not in specs)

    share_image = share_source_image(page)
    if share_image is not None:  # the picture WhatsApp and others show (page head)
        found.setdefault(share_image.pk, []).append(SHARE_SPEC)
    if getattr(page, "listing_image_id", None):
        add(page.listing_image, "card")
        if isinstance(page, AnnouncementPage | EventPage):  # shown on top of the page too
            add(page.listing_image, "hero")
    if isinstance(page, InfographicPage) and page.image_id:
        add(page.image, "infographic")

    def walk(value, role=None):
        if isinstance(value, AbstractImage):
            if role:
                add(value, role)
        elif isinstance(value, StreamValue):
            for child in value:
                walk(child.value)
        elif isinstance(value, StructValue):
            inner = struct_roles.get(type(value.block), role)
            for item in value.values():
                walk(item, inner)
        elif isinstance(value, ListValue | list | tuple):
            for item in value:
                walk(item, role)

    for field in page._meta.get_fields():
        if field.__class__.__name__ == "StreamField":
            walk(getattr(page, field.name))
    return found


# -- making them in the worker -----------------------------------------------------------

_deferred: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "renditions_deferred", default=False
)


@contextlib.contextmanager
def renditions_deferred():
    """Enqueue nothing inside (load_demo makes what its pages need once, at the end)."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def renditions_enqueue(image_id: int, specs) -> None:
    """Ask the task worker for the renditions `specs` of an image, once the data is committed."""
    specs = list(specs)
    if not specs or _deferred.get():
        return
    digest = hashlib.md5("|".join(specs).encode(), usedforsecurity=False).hexdigest()
    key = f"renditions-enqueued:{image_id}:{digest}"

    def enqueue():
        if cache.add(key, True, ENQUEUE_QUIET_SECONDS):
            renditions_make.enqueue(image_id, specs)

    transaction.on_commit(enqueue)


@task()
def renditions_make(image_id: int, specs: list[str]) -> int:
    """The task: make the missing renditions `specs` of an image; return how many were made."""
    image = get_image_model().objects.filter(pk=image_id).first()
    if image is None:  # deleted since
        return 0
    return renditions_make_now(image, specs)


def renditions_missing(image, specs) -> list[Filter]:
    """Return the filters of `specs` that have no rendition of `image` yet."""
    filters = [image.clean_filter_for_svg(Filter(spec=spec)) for spec in specs]
    filters = list(dict.fromkeys(filters))
    found = image.find_existing_renditions(*filters)
    return [filter for filter in filters if filter not in found]


def renditions_make_now(image, specs) -> int:
    """Make the missing renditions of `image` one at a time; return how many were made."""
    made = 0
    for filter in renditions_missing(image, specs):
        try:
            image.get_rendition(filter)
        except SourceImageIOError:
            return made  # the original file is gone: nothing to make
        made += 1
    return made


def page_renditions_make_now(page) -> int:
    """Make every missing rendition a page's images need (load_demo, tests)."""
    Image = get_image_model()
    made = 0
    for image_id, specs in page_image_specs(page).items():
        image = Image.objects.filter(pk=image_id).first()
        if image is not None:
            made += renditions_make_now(image, specs)
    return made


def site_renditions_make_now() -> int:
    """Make every missing rendition the live pages and the logos need; return how many."""
    from wagtail.models import Page

    from pages.models import KecamatanSettings

    made = sum(page_renditions_make_now(page) for page in Page.objects.live().specific())
    for kecamatan in KecamatanSettings.objects.select_related("logo").exclude(logo=None):
        made += renditions_make_now(kecamatan.logo, role_specs("logo"))
    return made


# -- using them in a request -------------------------------------------------------------


def renditions_for_request(context, image, filter_specs) -> dict:
    """Return {spec: rendition} for an image tag, making at most RENDITIONS_PER_REQUEST a request.

    Renditions that are missing once the budget is spent are enqueued and left out; when none
    is left, the original file stands in, sized as the first spec would be.
    """
    request = context.get("request")
    if request is None:
        return get_renditions_or_not_found(image, filter_specs)
    filters = []
    for filter in filter_specs:
        filter = image.clean_filter_for_svg(
            filter if isinstance(filter, Filter) else Filter(spec=filter)
        )
        if filter not in filters:
            filters.append(filter)
    found = image.find_existing_renditions(*filters)
    missing = [filter for filter in filters if filter not in found]
    while missing and getattr(request, "renditions_made", 0) < settings.RENDITIONS_PER_REQUEST:
        pick = _most_needed(missing)
        request.renditions_made = getattr(request, "renditions_made", 0) + 1
        try:
            found[pick] = image.create_rendition(pick)
        except SourceImageIOError:
            return get_renditions_or_not_found(image, filter_specs)
        missing.remove(pick)
    if missing:
        request.renditions_pending = True
        renditions_enqueue(image.pk, [filter.spec for filter in missing])
    _cache_renditions(image, found)
    if not found:
        return {filters[0].spec: _original_standing_in(image, filters[0])}
    return {filter.spec: found[filter] for filter in filters if filter in found}


def _most_needed(filters: list[Filter]) -> Filter:
    """The middle-sized WebP when there is one (what phones load, and the low-data size)."""
    webp = [filter for filter in filters if "format-webp" in filter.spec]
    group = webp or filters
    return group[len(group) // 2]


def _cache_renditions(image, found) -> None:
    """Keep found renditions in Wagtail's rendition cache, as Image.get_renditions does."""
    Rendition = image.get_rendition_model()
    additions = {
        Rendition.construct_cache_key(image, filter.get_cache_key(image), filter.spec): rendition
        for filter, rendition in found.items()
        if not getattr(rendition, "_from_cache", False)
    }
    if additions:
        Rendition.cache_backend.set_many(additions)


def _original_standing_in(image, filter):
    """An unsaved rendition whose file is the original, at the size `filter` would give."""
    Rendition = image.get_rendition_model()
    width, height = filter.get_transform(image).size
    rendition = Rendition(image=image, filter_spec=filter.spec, width=width, height=height)
    rendition.file.name = image.file.name
    return rendition
