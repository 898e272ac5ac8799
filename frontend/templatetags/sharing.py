"""Share tags for the page head and the share bar."""

from django import template
from django.utils.safestring import mark_safe

from frontend import discovery, sharing

register = template.Library()


@register.inclusion_tag("components/social_meta.html", takes_context=True)
def social_meta(context):
    """Open Graph, Twitter card, canonical, hreflang, feeds and JSON-LD for the current page."""
    request = context["request"]
    page = context.get("page")
    kecamatan = context["settings"]["pages"]["KecamatanSettings"]
    meta = sharing.social_meta(request, page, kecamatan)
    return {
        "meta": meta,
        "json_ld": mark_safe(sharing.structured_data(request, page, kecamatan, meta)),  # noqa: S308 (escaped JSON)
        "feeds": discovery.feed_links(request),
    }


@register.inclusion_tag("components/share_bar.html", takes_context=True)
def share_bar(context, title=None):
    """Share buttons without any third-party code: plain links, the Web Share API in JS."""
    request = context["request"]
    page = context.get("page")
    return {
        "url": sharing.canonical_url(request, page),
        "title": title or getattr(page, "title", ""),
    }
