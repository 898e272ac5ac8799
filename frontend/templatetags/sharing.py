"""Share tags for the page head and the share bar."""

from django import template
from django.utils.safestring import mark_safe

from frontend import discovery, sharing

register = template.Library()


class CaptureNode(template.Node):
    # Blocks inside are found by {% extends %} (Django looks through child_nodelists).
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name):
        self.nodelist, self.name = nodelist, name

    def render(self, context):
        context[self.name] = " ".join(self.nodelist.render(context).split())
        return ""


@register.tag
def capture(parser, token):
    """`{% capture as name %}...{% endcapture %}` renders its content into `name`, printing
    nothing. base.html captures the title and description blocks that each template fills,
    so the share tags of a view that is not a Wagtail page say what its <title> says."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.inclusion_tag("components/social_meta.html", takes_context=True)
def social_meta(context):
    """Open Graph, Twitter card, canonical, hreflang, feeds and JSON-LD for the current page."""
    request = context["request"]
    page = context.get("page")
    kecamatan = context["settings"]["pages"]["KecamatanSettings"]
    meta = sharing.social_meta(
        request,
        page,
        kecamatan,
        title=context.get("head_title", ""),
        description=context.get("head_description", ""),
    )
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
