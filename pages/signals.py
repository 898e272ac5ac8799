"""Keep cached fragments and ETags honest: anything that changes what readers see bumps them.

That is a page published, unpublished or deleted, and an image, document or category edited
(their alt text, files and names show inside pages and API answers).
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

CONTENT_VERSION_KEY = "pages:content-version"
CONTENT_CHANGED_KEY = "pages:content-changed-at"


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


page_published.connect(bump_content_version, dispatch_uid="pages-bump-published")
page_unpublished.connect(bump_content_version, dispatch_uid="pages-bump-unpublished")
post_delete.connect(bump_content_version, sender=Page, dispatch_uid="pages-bump-deleted")

for model in (get_image_model(), get_document_model(), "pages.Category"):
    label = model if isinstance(model, str) else model._meta.label_lower
    post_save.connect(bump_content_version, sender=model, dispatch_uid=f"bump-saved-{label}")
    post_delete.connect(bump_content_version, sender=model, dispatch_uid=f"bump-deleted-{label}")
