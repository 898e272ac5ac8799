"""Open311 API keys in the Wagtail admin (Settings → Open311 API keys), for superusers and
staff given the key permissions: make a key per client (shown once), set its hourly limit,
revoke it by unticking "active". Keys are never deleted, so the log keeps naming their client.
"""

from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic.models import CreateView
from wagtail.admin.viewsets.model import ModelViewSet

from .keys import api_key_issue
from .models import ApiKey


class ApiKeyCreateView(CreateView):
    """Save the key and show its secret once, on a page of its own (never in a message or a
    cookie: whoever holds it may submit complaints)."""

    def form_valid(self, form):
        key = form.save(commit=False)
        key.created_by = self.request.user
        secret = api_key_issue(key)
        return TemplateResponse(
            self.request,
            "open311/admin/key_created.html",
            {"key": key, "secret": secret, "index_url": self.get_success_url()},
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
        "is_active",
        "hourly_limit",
        "last_used_at",
        "requests_sent",
    ]
    list_filter = ["is_active"]
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs["delete_url_name"] = None
        return view_kwargs


@hooks.register("register_admin_viewset")
def register_api_keys():
    return ApiKeyViewSet("open311_keys")
