"""Open311 API keys in the Wagtail admin (Settings → Open311 API keys), for superusers and
staff given the key permissions: make a key per client (shown once), set its hourly limit,
revoke it by unticking "active". Keys are never deleted, so the log keeps naming their client.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from .keys import api_key_issue
from .models import ApiKey

# The session entry holding a new key's secret between the form's POST and the page that
# shows it (sessions live in the database, never in a cookie); taken out when shown.
NEW_KEY = "open311-new-key"


class ApiKeyCreateView(CreateView):
    """Save the key, then send the browser to a page of its own that shows the secret once
    (never in a message or a cookie: whoever holds it may submit complaints). Redirecting
    after the POST means reloading that page cannot make a second key."""

    def form_valid(self, form):
        key = form.save(commit=False)
        key.created_by = self.request.user
        secret = api_key_issue(key)
        self.request.session[NEW_KEY] = {"pk": key.pk, "secret": secret}
        return redirect("open311_keys:created", key.pk)


def key_created(request, pk):
    """Show a new key's secret to the staff member who made it, once; afterwards (a reload,
    a shared link) say it is no longer shown."""
    if not request.user.has_perm("open311.add_apikey"):
        raise PermissionDenied
    key = get_object_or_404(ApiKey, pk=pk)
    new = request.session.get(NEW_KEY) or {}
    secret = new.get("secret") if new.get("pk") == key.pk else None
    if secret:
        del request.session[NEW_KEY]
    return TemplateResponse(
        request,
        "open311/admin/key_created.html",
        {"key": key, "secret": secret, "index_url": reverse("open311_keys:index")},
    )


class ApiKeyViewSet(ModelViewSet):
    model = ApiKey
    icon = "key"
    menu_label = _("Open311 API keys")
    add_to_settings_menu = True
    add_view_class = ApiKeyCreateView
    form_fields = ["client_name", "contact", "hourly_limit", "is_active"]
    list_display = [
        "client_name",
        "prefix",
        # Wagtail's BooleanColumn names its tick "True" to screen readers: plain words instead.
        Column(
            "is_active",
            label=_("active"),
            accessor=lambda key: _("Yes") if key.is_active else _("No"),
        ),
        "hourly_limit",
        "last_used_at",
        "requests_sent",
    ]
    list_filter = ["is_active"]
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("created/<int:pk>/", key_created, name="created"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs["delete_url_name"] = None
        return view_kwargs


@hooks.register("register_admin_viewset")
def register_api_keys():
    return ApiKeyViewSet("open311_keys")
