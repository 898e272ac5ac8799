"""Admin: a "Preview in apps" button that hands editors a preview token for clients."""

from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Page

from api.v2.preview import MAX_AGE, preview_api_url, preview_token


def preview_token_view(request, page_id):
    """Return {"token", "url", "expires_in"} for a page the user may edit."""
    page = get_object_or_404(Page, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        return JsonResponse({"message": str(_("Permission denied.")), "errors": {}}, status=403)
    response = JsonResponse(
        {
            "token": preview_token(page),
            "url": preview_api_url(request, page),
            "expires_in": MAX_AGE,
        }
    )
    response["Cache-Control"] = "private, no-store"
    return response


@hooks.register("register_admin_urls")
def register_preview_url():
    return [path("api-preview/<int:page_id>/", preview_token_view, name="api_preview_token")]


@hooks.register("register_page_header_buttons")
def preview_button(page, user, view_name, next_url=None):
    if page.depth > 1 and page.permissions_for_user(user).can_edit():
        yield Button(
            _("Preview in apps"),
            url=reverse("api_preview_token", args=[page.pk]),
            icon_name="view",
            priority=80,
        )
