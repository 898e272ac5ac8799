"""OpenAPI schema: what the whole schema shares (settings.SPECTACULAR_SETTINGS names the hooks).

The content face's parts are in api/v2/schema.py; the resident endpoints (api/v1/) describe
themselves next to their views, with `error` for their error answers.
"""

from drf_spectacular.utils import OpenApiResponse, inline_serializer
from rest_framework import serializers

PUBLIC_PREFIXES = ("/api/", "/open311/")


def only_public_api(endpoints):
    """Keep the endpoints under /api/ and /open311/ (Open311 GeoReport v2 describes itself
    in open311/schema.py); Wagtail's admin API lives under /admin/."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith(PUBLIC_PREFIXES)]


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


def error(description: str) -> OpenApiResponse:
    """Return an error answer in the shared shape, described for one status."""
    return OpenApiResponse(ERROR.response, description=description)


def page_schemas_any_of(result, generator, request, public):
    """Postprocessing: a page matches its type's schema and maybe others, so anyOf, not oneOf.

    `?fields=` may drop any field (even `id`), so an item can fit several page types at
    once; JSON Schema's oneOf would then call it invalid. drf-spectacular writes every
    PolymorphicProxySerializer as oneOf.
    """
    for name in ("Page", "PageListItem"):
        component = result.get("components", {}).get("schemas", {}).get(name)
        if component and "oneOf" in component:
            component["anyOf"] = component.pop("oneOf")
    return result
