"""Which pages belong to which site: one install can serve several kecamatan (docs/regency.md).

A Wagtail site is a hostname and a root page; the root's translations are roots of their own
trees (the English home beside the Indonesian one), so "this site's pages" means the pages
under any translation of its root. Filtering uses the tree `path`, which the search backend
also filters on; the roots' paths are cached until content changes.
"""

from django.core.cache import cache
from django.db.models import Q, QuerySet
from wagtail.models import Page, Site

from pages.signals import content_version


def tree_paths(site: Site | None) -> list[str]:
    """Return the tree path of the site's root page in every language ([] without a site)."""
    if site is None:
        return []
    key = f"site-tree-paths:{site.pk}:{site.root_page_id}:{content_version()}"
    paths = cache.get(key)
    if paths is None:
        root = Page.objects.filter(pk=site.root_page_id).values("translation_key")
        paths = sorted(Page.objects.filter(translation_key__in=root).values_list("path", flat=True))
        cache.set(key, paths, 3600)
    return paths


def root_url_paths(site: Site | None) -> list[str]:
    """Return the url_path of the site's root in every language, from Wagtail's cached site
    root paths (which routing and page URLs load anyway: usually no query of its own)."""
    if site is None:
        return []
    return [entry.root_path for entry in Site.get_site_root_paths() if entry.site_id == site.pk]


def in_site(queryset: QuerySet, site: Site | None, searchable: bool = False) -> QuerySet:
    """Return the pages of `queryset` under `site`'s root (any language); none without a site.

    Pages under no site (a tree not yet given a hostname) are left out too: they have no
    address to show. `searchable`: filter on the tree path, which the search backend can
    filter on (url_path it cannot), at the cost of one cached query.
    """
    field, paths = ("path", tree_paths(site)) if searchable else ("url_path", root_url_paths(site))
    if not paths:
        return queryset.none()
    match = Q()
    for path in paths:
        match |= Q(**{f"{field}__startswith": path})
    return queryset.filter(match)
