"""OpenAPI schema of the content API: parameters, answers and the fields of every page type."""

from functools import cache

from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
)
from rest_framework import serializers

from api.limits import DETAIL_ONLY_FIELDS, ID_DIGITS, MAX_OFFSET
from api.schema import ERROR

NOT_MODIFIED = OpenApiResponse(
    description="Not modified: the copy named by If-None-Match is current."
)


def param(name, description, type_=str, enum=None):
    return OpenApiParameter(name, type_, OpenApiParameter.QUERY, description=description, enum=enum)


# Bounds the views enforce (api/limits.py), so clients and the fuzz test know them.
COUNT = {"type": "integer", "minimum": 0}
OFFSET = {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET}
ID = {"type": "integer", "minimum": 0, "maximum": 10**ID_DIGITS - 1}
# An id, or `root` for the site's home page.
TREE_ID = {"oneOf": [ID, {"type": "string", "enum": ["root"]}]}

COMMON = [
    param(
        "fields",
        "Comma-separated fields to add (`*` all, `-name` drop one, `_` none). Any field may "
        "be dropped, so the schemas below require none.",
    ),
    param("limit", "How many items (default 20, capped at 100).", COUNT),
    param("offset", "How many items to skip.", OFFSET),
    param("order", "Order by a field, `-` for descending, e.g. `-display_date`."),
    param("search", "Full-text search."),
]
PAGE_FILTERS = [
    param("type", "Page type, e.g. `pages.AnnouncementPage`; needed for type-specific fields."),
    param("locale", "Language of the pages.", enum=["id", "en"]),
    param("category", "Category slug (page types with a category)."),
    param("urgent", "Emergency announcements only (`true`) or none of them (`false`).", bool),
    param("pinned", "Pinned announcements (`type=pages.AnnouncementPage`).", bool),
    param("current", "Announcements not expired (`true`) or expired (`false`).", bool),
    param("upcoming", "Events not over yet, soonest first (`type=pages.EventPage`).", bool),
    param("child_of", "Children of this page id (`root`: of the home page).", TREE_ID),
    param("descendant_of", "Descendants of this page id (or `root`).", TREE_ID),
    param("translation_of", "Translations of this page id (or `root`).", TREE_ID),
]
CONDITIONAL = [
    OpenApiParameter("If-None-Match", str, OpenApiParameter.HEADER, description="An ETag."),
    OpenApiParameter(
        "If-Modified-Since", str, OpenApiParameter.HEADER, description="An HTTP date."
    ),
]


def list_schema(name: str, filters=()):
    return {
        "operation_id": f"{name.lower()}_list",
        "parameters": [*filters, *COMMON, *CONDITIONAL],
        "responses": {200: listing(name), 304: NOT_MODIFIED, 400: ERROR},
    }


def detail_schema(name: str):
    return {
        "operation_id": f"{name.lower()}_detail",
        "parameters": [COMMON[0], *CONDITIONAL],
        "responses": {200: detail(name), 304: NOT_MODIFIED, 400: ERROR, 404: ERROR},
    }


def find_schema(name: str, finder):
    return {
        "operation_id": f"{name.lower()}_find",
        "parameters": [finder],
        "responses": {
            302: OpenApiResponse(description="Redirect to the detail URL."),
            400: ERROR,
            404: ERROR,
        },
    }


# What each page type's fields hold, for the schema (docs/api.md says the same in words).
# One class per component: spectacular names a component after its class.
class RenditionSerializer(serializers.Serializer):
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    url = serializers.URLField()


class RenditionsSerializer(serializers.Serializer):
    webp = RenditionSerializer(many=True)
    jpeg = RenditionSerializer(many=True)


class ImageSerializer(serializers.Serializer):
    """An image as ready-made renditions (pages.api_fields.image_representation)."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    alt = serializers.CharField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    renditions = RenditionsSerializer()


class CategorySerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField(help_text="In the page's language.")


class BlockSerializer(serializers.Serializer):
    """One block of a StreamField; rich text in `value` is HTML with absolute links."""

    type = serializers.CharField()
    id = serializers.CharField()
    value = serializers.JSONField()


class CardSerializer(serializers.Serializer):
    """What a card shows (pages.api_fields.card_representation)."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    type = serializers.CharField()
    summary = serializers.CharField()
    display_date = serializers.DateField(required=False, help_text="Types that have one.")
    category = CategorySerializer(allow_null=True, required=False)
    listing_image = ImageSerializer(allow_null=True)
    html_url = serializers.URLField()
    detail_url = serializers.URLField()


class QuickLinkPageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    type = serializers.CharField()
    detail_url = serializers.URLField()


class QuickLinkSerializer(serializers.Serializer):
    label = serializers.CharField()
    url = serializers.URLField(help_text="Where the link goes, absolute.")
    page = QuickLinkPageSerializer(allow_null=True, help_text="The page chosen, if any.")


class PageLinkMetaSerializer(serializers.Serializer):
    type = serializers.CharField()
    detail_url = serializers.URLField()


class PageLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    meta = PageLinkMetaSerializer()
    title = serializers.CharField()


class AttachedDocumentMetaSerializer(serializers.Serializer):
    type = serializers.CharField()
    detail_url = serializers.URLField()
    download_url = serializers.URLField()


class AttachedDocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    meta = AttachedDocumentMetaSerializer()
    title = serializers.CharField()


class AttachmentMetaSerializer(serializers.Serializer):
    type = serializers.CharField()


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    meta = AttachmentMetaSerializer()
    document = AttachedDocumentSerializer()
    title = serializers.CharField()


# The items of /api/v2/ below list every field as optional: `?fields=` may drop any of them
# (`?fields=_` leaves an empty object). Without it, a list item has id, meta and title (and
# what `?fields=` adds); a detail has every field.
OPTIONAL = {"required": False}


class PageMetaSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="e.g. pages.AnnouncementPage", **OPTIONAL)
    detail_url = serializers.URLField(**OPTIONAL)
    html_url = serializers.URLField(**OPTIONAL)
    slug = serializers.CharField(**OPTIONAL)
    first_published_at = serializers.DateTimeField(allow_null=True, **OPTIONAL)
    locale = serializers.CharField(**OPTIONAL)


class MediaMetaSerializer(serializers.Serializer):
    type = serializers.CharField(**OPTIONAL)
    detail_url = serializers.URLField(**OPTIONAL)
    tags = serializers.ListField(child=serializers.CharField(), **OPTIONAL)
    download_url = serializers.URLField(help_text="The original file, absolute.", **OPTIONAL)


class ImageItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(**OPTIONAL)
    meta = MediaMetaSerializer(**OPTIONAL)
    title = serializers.CharField(**OPTIONAL)
    width = serializers.IntegerField(help_text="Details; in lists with ?fields=.", **OPTIONAL)
    height = serializers.IntegerField(help_text="Details; in lists with ?fields=.", **OPTIONAL)


class DocumentItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(**OPTIONAL)
    meta = MediaMetaSerializer(**OPTIONAL)
    title = serializers.CharField(**OPTIONAL)


# Fields whose shape is ours (pages/api_fields.py); the rest follow their model field.
SHAPES = {
    "listing_image": lambda **o: ImageSerializer(allow_null=True, **o),
    "image": lambda **o: ImageSerializer(allow_null=True, **o),
    "category": lambda **o: CategorySerializer(allow_null=True, **o),
    "featured_pages": lambda **o: CardSerializer(many=True, **o),
    "quick_links": lambda **o: QuickLinkSerializer(many=True, **o),
    "attachments": lambda **o: AttachmentSerializer(many=True, **o),
    "related_service": lambda **o: PageLinkSerializer(allow_null=True, **o),
    "is_expired": lambda **o: serializers.BooleanField(**o),
}


def _field(model, name, **options):
    """Return the schema field of `name`; `options` go to its constructor (a field set up
    after construction loses the change: DRF copies declared fields from their arguments)."""
    from django.db import models
    from wagtail.fields import RichTextField, StreamField

    if name in SHAPES:
        return SHAPES[name](**options)
    field = model._meta.get_field(name)
    if isinstance(field, StreamField):
        return BlockSerializer(many=True, **options)
    if isinstance(field, RichTextField):
        return serializers.CharField(help_text="HTML with absolute links.", **options)
    if field.choices:
        choices = [value for value, _label in field.choices]
        return serializers.ChoiceField(choices=choices, **options)
    for model_field, serializer_field in (
        (models.DateTimeField, serializers.DateTimeField),
        (models.DateField, serializers.DateField),
        (models.BooleanField, serializers.BooleanField),
        (models.IntegerField, serializers.IntegerField),
    ):
        if isinstance(field, model_field):
            return serializer_field(allow_null=field.null, **options)
    return serializers.CharField(allow_null=field.null, **options)


def page_types():
    """Return the page types clients read, in the order docs/api.md lists them."""
    from pages import models as pages

    return [
        pages.AnnouncementPage,
        pages.InfographicPage,
        pages.GuidePage,
        pages.ServicePage,
        pages.EventPage,
        pages.StandardPage,
        pages.HomePage,
    ]


def api_field_names(model) -> list[str]:
    return [field.name for field in model.api_fields]


@cache
def page_serializer(model, listed: bool):
    """The shape of one page of `model`: every api_field (details), or those a list offers.

    In a list, the type's own fields come only when asked for with ?fields=.
    """
    names = [name for name in api_field_names(model) if not (listed and name in DETAIL_ONLY_FIELDS)]
    attrs = {
        "id": serializers.IntegerField(**OPTIONAL),
        "meta": PageMetaSerializer(**OPTIONAL),
        "title": serializers.CharField(**OPTIONAL),
    }
    for name in names:
        attrs[name] = _field(model, name, **OPTIONAL)
    suffix = "ListItem" if listed else ""
    return type(f"{model.__name__}{suffix}Serializer", (serializers.Serializer,), attrs)


@cache
def _listing_class(name: str):
    if name == "Pages":
        items = PolymorphicProxySerializer(
            component_name="PageListItem",
            serializers=[page_serializer(model, listed=True) for model in page_types()],
            resource_type_field_name=None,
            many=True,
        )
    else:
        items = {"Images": ImageItemSerializer, "Documents": DocumentItemSerializer}[name](
            many=True
        )
    meta = type(
        f"{name}ListMetaSerializer",
        (serializers.Serializer,),
        {"total_count": serializers.IntegerField()},
    )
    return type(
        f"{name}ListSerializer", (serializers.Serializer,), {"meta": meta(), "items": items}
    )


def listing(name: str):
    return _listing_class(name)()


def page_detail():
    return PolymorphicProxySerializer(
        component_name="Page",
        serializers=[page_serializer(model, listed=False) for model in page_types()],
        resource_type_field_name=None,
    )


def detail(name: str):
    if name == "Pages":
        return page_detail()
    return {"Images": ImageItemSerializer, "Documents": DocumentItemSerializer}[name]()
