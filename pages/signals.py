"""Keep cached fragments and ETags honest: anything that changes what readers see bumps them.

That is a page published, unpublished, moved or deleted, an image, document or category edited
(their alt text, files and names show inside pages and API answers), the kecamatan's settings
(name, contact, logo and colours in every page), a site or a page's privacy changed.

Time changes pages too: an announcement leaves the listings and the banner at its `valid_until`,
an event moves from upcoming to past. `next_content_boundary()` tells caches when that happens
next, so nothing cached outlives it.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

CONTENT_VERSION_KEY = "pages:content-version"
CONTENT_CHANGED_KEY = "pages:content-changed-at"
BOUNDARY_KEY = "pages:next-boundary:{version}"
NO_BOUNDARY = "none"  # cached when nothing is due: cache.get() cannot tell None from a miss
BOUNDARY_RECHECK = 3600  # seconds; look again at least hourly even when nothing is due


def content_version() -> int:
    """Return a number that changes whenever published content changes."""
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        version = 1
        cache.add(CONTENT_VERSION_KEY, version, timeout=None)
    return version


def content_changed_at():
    """Return when published content last changed (publish, unpublish, delete), or None."""
    return cache.get(CONTENT_CHANGED_KEY)


def bump_content_version(**kwargs) -> None:
    cache.set(CONTENT_CHANGED_KEY, timezone.now().replace(microsecond=0), timeout=None)
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:
        cache.set(CONTENT_VERSION_KEY, 2, timeout=None)


def next_content_boundary():
    """Return the next moment time alone changes a rendered page, or None if none is due.

    That is the earliest future `valid_until` of a live announcement (it leaves the listings,
    the home page and the emergency banner, and its own page says it expired) and the earliest
    future start or end of a live event (upcoming becomes past). Cached until that moment, per
    content version, so a cache hit costs no query.
    """
    from django.db.models import Min

    from pages.models import AnnouncementPage, EventPage

    key = BOUNDARY_KEY.format(version=content_version())
    now = timezone.now()
    cached = cache.get(key)
    if cached == NO_BOUNDARY:
        return None
    if cached is not None and cached > now:
        return cached
    candidates = [
        AnnouncementPage.objects.live()
        .filter(valid_until__gt=now)
        .aggregate(at=Min("valid_until"))["at"],
        EventPage.objects.live().filter(start__gt=now).aggregate(at=Min("start"))["at"],
        EventPage.objects.live().filter(end__gt=now).aggregate(at=Min("end"))["at"],
    ]
    due = [moment for moment in candidates if moment is not None]
    boundary = min(due) if due else None
    if boundary is None:
        cache.set(key, NO_BOUNDARY, BOUNDARY_RECHECK)
    else:
        seconds = (boundary - now).total_seconds()
        cache.set(key, boundary, max(1, min(BOUNDARY_RECHECK, int(seconds) + 1)))
    return boundary


page_published.connect(bump_content_version, dispatch_uid="pages-bump-published")
page_unpublished.connect(bump_content_version, dispatch_uid="pages-bump-unpublished")
post_delete.connect(bump_content_version, sender=Page, dispatch_uid="pages-bump-deleted")
post_page_move.connect(bump_content_version, dispatch_uid="pages-bump-moved")

CHANGES_RENDERED_PAGES = (
    get_image_model(),
    get_document_model(),
    "pages.Category",
    "pages.KecamatanSettings",
    Site,
    PageViewRestriction,
)
for model in CHANGES_RENDERED_PAGES:
    label = model if isinstance(model, str) else model._meta.label_lower
    post_save.connect(bump_content_version, sender=model, dispatch_uid=f"bump-saved-{label}")
    post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"bump-deleted-{label}")
