"""Purging the content API's answers from the cache in front of the app when pages change.

The pages endpoint answers lists (with any filter: the front cache drops them all with the
path, deploy/varnish/layanan.vcl), a page's details and `find`; a page published or
unpublished purges those three on every site, once committed. What changes every answer
(images, documents, settings: pages/signals.py) purges the whole site in frontend/front_cache.py,
the API included. Only answers the API marks for shared caches are kept there (api/cache.py).
"""

from django.conf import settings
from django.db import transaction
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Site
from wagtail.signals import page_published, page_unpublished

PAGES = "/api/v2/pages/"


def page_answers(page) -> list[str]:
    """Return the API addresses whose answers may show `page`, on every site."""
    paths = [PAGES, f"{PAGES}{page.pk}/", f"{PAGES}find/"]
    return [site.root_url + path for site in Site.objects.all() for path in paths]


def page_changed(sender, instance, **kwargs) -> None:
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    urls = page_answers(instance)
    transaction.on_commit(lambda: purge_urls_from_cache(urls))


page_published.connect(page_changed, dispatch_uid="api-front-cache-published")
page_unpublished.connect(page_changed, dispatch_uid="api-front-cache-unpublished")
