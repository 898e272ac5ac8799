"""Purging the cache in front of the app (Varnish, a CDN) when content changes.

Wagtail's frontend cache module (`wagtail.contrib.frontend_cache`, configured from settings:
docs/scale-out.md) purges a page's own URL when it is published or unpublished. A page also
shows in its parents' listings, the home page, the feeds, the sitemap and search, so those are
purged with it, once the change is committed (a cache refilled before the commit would keep the
old page). What changes every page (an emergency announcement, which is a banner on every
page; the kecamatan's settings, an image, a document, a category, a site, a privacy setting, a
page moved or deleted: pages/signals.py) purges the whole site, as it moves the app's own
content version.

A path ending in `*` stands for every path under it (deploy/varnish/layanan.vcl bans them by
prefix; a CDN purges the prefix or everything). The content API purges its own answers
(api/front_cache.py). Only answers the app marks for shared caches are kept there at all
(`s-maxage`: cms/http_cache.py `share`).
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from pages.models import AnnouncementPage
from pages.signals import CHANGES_RENDERED_PAGES

EVERYTHING = "/*"


def purging() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge_after_commit(urls) -> None:
    urls = sorted(set(urls))
    if urls:
        transaction.on_commit(lambda: purge_urls_from_cache(urls))


def site_roots() -> list[str]:
    return [site.root_url for site in Site.objects.all()]


def language_paths(language: str) -> list[str]:
    """Return the feeds (as a prefix), the sitemap and search of `language`."""
    with translation.override(language):
        feeds = reverse("feed-announcements").rsplit("/pengumuman/", 1)[0] + "/*"
        return [feeds, reverse("search")]


def page_urls(page) -> list[str]:
    """Return what shows `page` besides its own URL: the listings above it, up to the home page
    (live ancestors below the root), the feeds, the sitemap and search of its language."""
    page = page.specific_deferred
    urls = []
    for ancestor in page.get_ancestors().filter(depth__gt=1).live().specific():
        url = ancestor.get_full_url()
        if url:
            urls.append(url)
    site = page.get_site()
    if site is not None:
        root = site.root_url
        urls += [root + path for path in language_paths(page.locale.language_code)]
        urls.append(root + "/sitemap.xml")
    return urls


def changes_every_page(page) -> bool:
    """Return True for an emergency announcement, now or before this change: its banner is on
    every page while it is live."""
    return page.specific_deferred.pk in emergencies_before(page) or (
        getattr(page.specific_deferred, "urgency", None) == AnnouncementPage.Urgency.EMERGENCY
    )


def emergencies_before(page) -> set[int]:
    return getattr(page, "_front_cache_emergency", set())


def announcement_saving(sender, instance, **kwargs) -> None:
    """Note whether the stored announcement was an emergency before this save (a publish that
    makes it normal must take its banner off every page)."""
    if instance.pk and purging() and not kwargs.get("raw"):
        was = AnnouncementPage.objects.filter(
            pk=instance.pk, urgency=AnnouncementPage.Urgency.EMERGENCY, live=True
        ).exists()
        instance._front_cache_emergency = {instance.pk} if was else set()


def page_changed(sender, instance, **kwargs) -> None:
    if not purging():
        return
    if changes_every_page(instance):
        purge_after_commit(root + EVERYTHING for root in site_roots())
    else:
        purge_after_commit(page_urls(instance))


def everything_changed(sender, instance=None, **kwargs) -> None:
    if not purging() or kwargs.get("raw"):
        return
    purge_after_commit(root + EVERYTHING for root in site_roots())


page_published.connect(page_changed, dispatch_uid="front-cache-published")
page_unpublished.connect(page_changed, dispatch_uid="front-cache-unpublished")
pre_save.connect(announcement_saving, sender=AnnouncementPage, dispatch_uid="front-cache-urgency")
post_page_move.connect(everything_changed, dispatch_uid="front-cache-moved")
post_delete.connect(everything_changed, sender=Page, dispatch_uid="front-cache-deleted")
for model in CHANGES_RENDERED_PAGES:
    label = model if isinstance(model, str) else model._meta.label_lower
    post_save.connect(everything_changed, sender=model, dispatch_uid=f"front-cache-{label}")
    post_delete.connect(everything_changed, sender=model, dispatch_uid=f"front-cache-del-{label}")
