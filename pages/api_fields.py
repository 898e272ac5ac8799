"""Serializer fields the page types name in their `api_fields`.

They turn what the database holds into what a client can show at once: renditions with
sizes and absolute URLs, rich text as display HTML with absolute links, a category as
{slug, name}. None of them queries per item when the view prefetched what they read
(the content API's PagesApi.build_queryset does).

They live with the content, as Wagtail's convention has it: the page models import them,
and the JSON face (api/) imports them from here; nothing here imports api/.
"""

import re
from functools import cache

from django.urls import reverse
from rest_framework import serializers
from wagtail import blocks
from wagtail.api.utils import get_full_url
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


def category_representation(page, language: str | None = None) -> dict | None:
    """Return the page's category as {slug, name}, the name in the page's own language.

    `language` is the page's language code when the caller knows it (else page.locale says).
    """
    category = getattr(page, "category", None)
    if category is None:
        return None
    language = language or page.locale.language_code
    english = language == "en" and category.name_en
    return {"slug": category.slug, "name": category.name_en if english else category.name}


def page_type(page) -> str:
    return f"{page._meta.app_label}.{type(page).__name__}"


def detail_url(request, page) -> str:
    """Return the page's API address, as its own `meta.detail_url` spells it."""
    return get_full_url(request, reverse("wagtailapi:pages:detail", args=[page.pk]))


def html_url(request, page) -> str | None:
    """Return the page's address on the site, as its own `meta.html_url` spells it."""
    return page.get_full_url(request)


def card_representation(request, page, language: str | None = None) -> dict:
    """Return what a card of `page` shows, as the site's own cards (components/card.html).

    {id, title, type, summary, display_date (types that have one), category (types that have
    one), listing_image, html_url, detail_url}: reads nothing the queryset did not join in
    (pages.models.base.for_cards), so a list of cards costs no query per card.
    """
    card = {"id": page.pk, "title": page.title, "type": page_type(page), "summary": page.summary}
    if hasattr(page, "display_date"):
        card["display_date"] = page.display_date.isoformat() if page.display_date else None
    if hasattr(page, "category_id"):
        card["category"] = category_representation(page, language)
    card["listing_image"] = image_representation(request, page.listing_image)
    card["html_url"] = html_url(request, page)
    card["detail_url"] = detail_url(request, page)
    return card


class CategoryField(serializers.Field):
    """The page's category as {slug, name}, the name in the page's own language."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, page):
        return category_representation(page)


class FeaturedPagesField(serializers.Field):
    """The home page's featured guides and infographics, as cards (see card_representation).

    The same pages, in the same order and language, as the home page shows
    (HomePage.featured): live and public ones only, in a fixed number of queries.
    """

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        kwargs["source"] = "*"
        super().__init__(**kwargs)

    def to_representation(self, home):
        request = self.context.get("request")
        # Featured pages are in the home page's language (HomePage.featured).
        language = home.locale.language_code
        return [card_representation(request, page, language) for page in home.featured()]


class QuickLinksField(serializers.Field):
    """The home page's quick links as [{label, url, page}], `url` always absolute.

    `url` is where the link goes (the chosen page's address, or the address typed in);
    `page` is {id, title, type, detail_url} when a page was chosen, else null.
    """

    def to_representation(self, stream):
        request = self.context.get("request")
        links = []
        for child in stream:
            value = child.value
            page = value.get("page")
            if page is not None:
                page = page.specific_deferred if hasattr(page, "specific_deferred") else page
                url = html_url(request, page)
                target = {
                    "id": page.pk,
                    "title": page.title,
                    "type": page_type(page),
                    "detail_url": detail_url(request, page),
                }
            else:
                url, target = value.get("url") or "", None
                if url.startswith("/") and not url.startswith("//"):
                    url = get_full_url(request, url)
            links.append({"label": value.get("label", ""), "url": url, "page": target})
        return links


class AbsoluteImageDownloadUrlField(serializers.Field):
    """An image's original file as an absolute URL (Wagtail's own is relative)."""

    def get_attribute(self, instance):
        return instance

    def to_representation(self, image):
        # The same base as Wagtail's document download_url and every detail_url.
        return get_full_url(self.context.get("request"), image.file.url)
