"""Which kecamatan a complaint belongs to, when one install serves several (docs/regency.md).

Each kecamatan is a Wagtail site. A complaint belongs to the site that answered the request it
came in (`complaint_site`: the host the resident or client reached, never a value they chose),
and the public lists, tracking and figures of a host show that site's complaints only.

Categories, with their SLA targets, belong to a site too: each kecamatan keeps its own list.
A site made later (`manage.py add_kecamatan`, or Settings > Sites in the admin) starts with
copies of the default site's categories, same slugs, so its form works at once and a client
names a topic the same way on every kecamatan's host.
"""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Site

from .models import ComplaintCategory

# What a copy keeps; not the related service page, which is a page of the other site's tree.
COPIED_FIELDS = (
    "name",
    "name_en",
    "slug",
    "description",
    "verify_days",
    "respond_days",
    "is_other",
    "is_active",
    "requires_nik",
    "sort_order",
)


def complaint_site(request) -> Site | None:
    """Return the site answering `request` (Wagtail's Site.find_for_request, cached on the
    request), or None when no site answers its host (then it lists, finds and accepts nothing)."""
    return Site.find_for_request(request)


def complaint_site_url(complaint, path: str) -> str:
    """Return `path` as an absolute URL on the host of the complaint's own kecamatan, where its
    code is known: the default site's through WAGTAILADMIN_BASE_URL (as a one-kecamatan install
    always did), another site's from its host name and port (Wagtail's Site.root_url)."""
    site = complaint.site
    if site.is_default_site:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
    return site.root_url + path


def complaint_categories_copy(site: Site, source: Site | None = None) -> int:
    """Give `site` copies of the categories of `source` (default: the default site), unless it
    has categories already; return how many were made."""
    source = source or Site.objects.filter(is_default_site=True).first()
    if source is None or source.pk == site.pk or site.complaint_categories.exists():
        return 0
    copies = [
        ComplaintCategory(site=site, **{field: getattr(category, field) for field in COPIED_FIELDS})
        for category in ComplaintCategory.objects.filter(site=source)
    ]
    return len(ComplaintCategory.objects.bulk_create(copies))


@receiver(post_save, sender=Site, dispatch_uid="complaint-categories-for-new-site")
def _new_site_gets_categories(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        complaint_categories_copy(instance)
