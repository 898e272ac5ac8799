"""Draft preview for external front ends: a signed, short-lived token per page.

An editor opens "Preview in apps" in the admin (api/wagtail_hooks.py) and gets a token; a
client sends it to /api/v2/preview/?token=... and receives the page's latest draft in the
same JSON as /api/v2/pages/<id>/. The token names the page only, so a client sees later
edits too until the token expires.
"""

from django.core import signing
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from wagtail.models import Page

from api.schema import ERROR
from api.v2 import schema
from api.v2.pages import PagesApi

# The signing salt (a name, not a module path): changing it voids every token handed out.
SALT = "api.preview"
MAX_AGE = 60 * 60  # one hour


def preview_token(page) -> str:
    """Return a token that lets a client read `page`'s latest draft for MAX_AGE seconds."""
    return signing.dumps({"page": page.pk}, salt=SALT)


def preview_page(token: str):
    """Return the latest draft of the page the token names; raise PermissionDenied if bad."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
        page = Page.objects.get(pk=data["page"]).specific
    except (signing.BadSignature, KeyError, TypeError, Page.DoesNotExist):
        raise PermissionDenied(_("The preview token is not valid or has expired.")) from None
    return page.get_latest_revision_as_object()


class PagePreviewApi(PagesApi):
    """GET /api/v2/preview/?token=...: a draft, never cached by anyone."""

    name = "preview"
    known_query_parameters = frozenset({"token", "fields", "rich_text_format"})

    def filterable_fields(self, model) -> set[str]:
        return set()  # a preview is found by its token: no field filters

    @classmethod
    def get_urlpatterns(cls):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name == "listing"]

    @extend_schema(
        operation_id="preview_detail",
        parameters=[
            OpenApiParameter(
                "token", str, OpenApiParameter.QUERY, required=True, description="Preview token."
            ),
            schema.COMMON[0],
        ],
        responses={200: schema.page_detail(), 400: ERROR, 403: ERROR},
    )
    def listing_view(self, request):
        """Return the latest draft of the page a preview token names."""
        self.check_query_parameters(Page.objects.none())
        page = preview_page(request.GET.get("token", ""))
        self._preview = page
        serializer = self.get_serializer(page)
        response = Response(serializer.data)
        response["Cache-Control"] = "private, no-store"
        return response

    def get_serializer_class(self):
        return self._get_serializer_class(
            self.request.wagtailapi_router, type(self._preview), [], show_details=True
        )


def preview_api_url(request, page) -> str:
    """Return the absolute preview URL of `page` for a client."""
    url = reverse("wagtailapi:preview:listing")
    return request.build_absolute_uri(f"{url}?token={preview_token(page)}")
