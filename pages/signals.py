"""Keep cached fragments and ETags honest: anything that changes what readers see bumps them.

That is a page published, unpublished, moved or deleted, an image, document or category edited
(their alt text, files and names show inside pages and API answers), the kecamatan's settings
(name, contact, logo and colours in every page), a site or a page's or a collection's privacy
changed.

Time changes pages too: an announcement leaves the listings and the banner at its `valid_until`,
an event moves from upcoming to past. `next_content_boundary()` tells caches when that happens
next, so nothing cached outlives it; `last_content_boundary()` when it last happened, so a
`Last-Modified` is never older than the page it describes.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

CONTENT_VERSION_KEY = "pages:content-version"
CONTENT_CHANGED_KEY = "pages:content-changed-at"
BOUNDARY_KEY = "pages:boundaries:{version}"
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


def content_boundaries():
    """Return (last, next): the latest moment up to now and the earliest one after it at which
    time alone changed or will change a rendered page; either is None when there is none.

    Such a moment is the `valid_until` of a live announcement (it leaves the listings, the home
    page and the emergency banner, and its own page says it expired) and the start or end of a
    live event (upcoming becomes past). Two queries, cached per content version until the next
    moment, so a cache hit costs none.
    """
    from django.db.models import Max, Min, Q

    from pages.models import AnnouncementPage, EventPage

    key = BOUNDARY_KEY.format(version=content_version())
    now = timezone.now()
    cached = cache.get(key)
    if cached is not None:
        last, upcoming = cached
        if (upcoming is None or upcoming > now) and (last is None or last <= now):
            return last, upcoming
    announcements = AnnouncementPage.objects.live().aggregate(
        last=Max("valid_until", filter=Q(valid_until__lte=now)),
        next=Min("valid_until", filter=Q(valid_until__gt=now)),
    )
    events = EventPage.objects.live().aggregate(
        last_start=Max("start", filter=Q(start__lte=now)),
        next_start=Min("start", filter=Q(start__gt=now)),
        last_end=Max("end", filter=Q(end__lte=now)),
        next_end=Min("end", filter=Q(end__gt=now)),
    )
    passed = [announcements["last"], events["last_start"], events["last_end"]]
    due = [announcements["next"], events["next_start"], events["next_end"]]
    passed = [moment for moment in passed if moment is not None]
    due = [moment for moment in due if moment is not None]
    last = max(passed) if passed else None
    upcoming = min(due) if due else None
    seconds = BOUNDARY_RECHECK
    if upcoming is not None:
        seconds = max(1, min(BOUNDARY_RECHECK, int((upcoming - now).total_seconds()) + 1))
    cache.set(key, (last, upcoming), seconds)
    return last, upcoming


def next_content_boundary():
    """Return the next moment time alone changes a rendered page, or None if none is due."""
    return content_boundaries()[1]


def last_content_boundary():
    """Return the latest moment, up to now, at which time alone changed a rendered page."""
    return content_boundaries()[0]


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
    CollectionViewRestriction,  # images and documents the content API leaves out
)
for model in CHANGES_RENDERED_PAGES:
    label = model if isinstance(model, str) else model._meta.label_lower
    post_save.connect(bump_content_version, sender=model, dispatch_uid=f"bump-saved-{label}")
    post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"bump-deleted-{label}")
