"""Serializer fields the page types name in their `api_fields`.

They turn what the database holds into what a client can show at once: renditions with
sizes and absolute URLs, rich text as display HTML with absolute links, a category as
{slug, name}. None of them queries per item when the view prefetched what they read
(see api.views.PagesApi.get_queryset).
"""

import re
from functools import cache

from rest_framework import serializers
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock
from wagtail.rich_text import RichText, expand_db_html

# Ready-made renditions: WebP for browsers that read it, JPEG for the rest.
RENDITION_WIDTHS = (320, 640, 1024)
RENDITION_FORMATS = ("webp", "jpeg")
RENDITION_SPECS = {
    (fmt, width): f"width-{width}|format-{fmt}"
    for fmt in RENDITION_FORMATS
    for width in RENDITION_WIDTHS
}
# A root-relative link or source: href="/x" but not protocol-relative href="//x".
RELATIVE_URL = re.compile(r'(\s(?:href|src)=")(/(?!/)[^"]*)"')


def absolute(request, url: str) -> str:
    """Return `url` as an absolute URL (unchanged when it already is one or no request)."""
    if request is None or not url or not url.startswith("/") or url.startswith("//"):
        return url
    return request.build_absolute_uri(url)


def rich_text_html(request, source: str) -> str:
    """Return display HTML for stored rich text, with every site link absolute."""
    html = expand_db_html(source or "")
    if request is None:
        return html
    return RELATIVE_URL.sub(lambda m: f'{m.group(1)}{absolute(request, m.group(2))}"', html)


@cache
def rendition_filters() -> dict:
    """Return one Filter per spec, made once: a Filter parses its spec on first use only."""
    from wagtail.images.models import Filter

    return {spec: Filter(spec=spec) for spec in RENDITION_SPECS.values()}


def image_representation(request, image) -> dict | None:
    """Return the image as {id, title, alt, width, height, renditions: {webp: [...], jpeg: [...]}}.

    Renditions come from the image's prefetched `renditions` when the view prefetched them,
    so a listing makes no query per image.
    """
    if image is None:
        return None
    filters = rendition_filters()
    found = image.get_renditions(*filters.values())
    renditions = {fmt: [] for fmt in RENDITION_FORMATS}
    for (fmt, _width), spec in RENDITION_SPECS.items():
        rendition = found[spec]
        renditions[fmt].append(
            {
                "width": rendition.width,
                "height": rendition.height,
                "url": absolute(request, rendition.url),
            }
        )
    alt = getattr(image, "contextual_alt_text", None) or image.default_alt_text
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt or "",
        "width": image.width,
        "height": image.height,
        "renditions": renditions,
    }


class ImageRenditionsField(serializers.Field):
    """An image as WebP and JPEG renditions 320, 640 and 1024 px wide, absolute URLs."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, image):
        return image_representation(self.context.get("request"), image)


class RichTextHtmlField(serializers.CharField):
    """A RichTextField as display HTML with absolute links."""

    def to_representation(self, value):
        return rich_text_html(self.context.get("request"), str(value))


class CategoryField(serializers.Field):
    """The page's category as {slug, name}, the name in the page's own language."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, page):
        category = page.category
        if category is None:
            return None
        english = page.locale.language_code == "en" and category.name_en
        return {"slug": category.slug, "name": category.name_en if english else category.name}


class StreamField(serializers.Field):
    """A StreamField as structured JSON: [{type, id, value}], ready to render.

    Rich text becomes display HTML with absolute links; images become renditions; pages and
    documents become {id, title, url} with an absolute URL; other values are as Wagtail
    gives them.
    """

    def to_representation(self, stream):
        return self.block(stream.stream_block, stream)

    def block(self, block, value):
        request = self.context.get("request")
        if value is None:
            return None
        if isinstance(block, blocks.StreamBlock):
            return [
                {
                    "type": child.block_type,
                    "id": child.id,
                    "value": self.block(child.block, child.value),
                }
                for child in value
            ]
        if isinstance(block, blocks.ListBlock):
            return [self.block(block.child_block, item) for item in value]
        if isinstance(block, (ImageBlock, ImageChooserBlock)):
            return image_representation(request, value)
        if isinstance(block, blocks.StructBlock):
            data = {
                name: self.block(child, value.get(name))
                for name, child in block.child_blocks.items()
            }
            if isinstance(data.get("url"), str):
                data["url"] = absolute(request, data["url"])
            return data
        if isinstance(block, blocks.RichTextBlock):
            source = value.source if isinstance(value, RichText) else str(value)
            return rich_text_html(request, source)
        if isinstance(block, blocks.PageChooserBlock):
            page = value.specific_deferred if hasattr(value, "specific_deferred") else value
            url = absolute(request, page.get_url(request))
            return {"id": page.pk, "title": page.title, "url": url}
        if isinstance(block, DocumentChooserBlock):
            return {"id": value.pk, "title": value.title, "url": absolute(request, value.url)}
        return block.get_api_representation(value, self.context)
