"""OpenAPI schema: our public endpoints only."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers


def only_public_api(endpoints):
    """Keep the endpoints under /api/ (Wagtail's admin API lives under /admin/)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/")]


ERROR = OpenApiResponse(
    inline_serializer(
        "Error",
        {
            "message": serializers.CharField(),
            "errors": serializers.DictField(
                child=serializers.ListField(child=serializers.CharField())
            ),
        },
    ),
    description='The shared error shape: {"message": ..., "errors": {parameter: [..]}}.',
)
NOT_MODIFIED = OpenApiResponse(
    description="Not modified: the copy named by If-None-Match is current."
)


def listing(name: str):
    return inline_serializer(
        f"{name}List",
        {
            "meta": inline_serializer(
                f"{name}ListMeta", {"total_count": serializers.IntegerField()}
            ),
            "items": serializers.ListField(child=serializers.DictField()),
        },
    )


def param(name, description, type_=str, enum=None):
    return OpenApiParameter(name, type_, OpenApiParameter.QUERY, description=description, enum=enum)


COMMON = [
    param("fields", "Comma-separated fields to add (`*` all, `-name` drop one)."),
    param("limit", "How many items (default 20, capped at 100).", int),
    param("offset", "How many items to skip.", int),
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
    param("child_of", "Children of this page id.", int),
    param("descendant_of", "Descendants of this page id.", int),
    param("translation_of", "Translations of this page id.", int),
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
        "responses": {200: OpenApiTypes.OBJECT, 304: NOT_MODIFIED, 400: ERROR, 404: ERROR},
    }


def find_schema(name: str, finder):
    return {
        "operation_id": f"{name.lower()}_find",
        "parameters": [finder],
        "responses": {302: OpenApiResponse(description="Redirect to the detail URL."), 404: ERROR},
    }
