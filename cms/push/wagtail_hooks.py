"""Push in the page editor: the sendings of an announcement (a panel of the announcement, see
pages/panels.py) and the "Kirim ulang peringatan" action."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem

from .admin_views import resend_allowed, resend_view, sendings_panel


@hooks.register("register_admin_urls")
def push_admin_urls():
    return [path("push/kirim-ulang/<int:page_id>/", resend_view, name="push_resend")]


hooks.register("announcement_info", sendings_panel)


class ResendMenuItem(ActionMenuItem):
    """In the editor's action menu of a live Darurat or Penting announcement: a link to the
    confirmation page, for those who may publish it."""

    label = _("Resend the warning")
    name = "action-push-resend"
    icon_name = "mail"
    order = 90

    def is_shown(self, context):
        if context["view"] != "edit" or context.get("locked_for_user"):
            return False
        return resend_allowed(context["page"].specific, context["request"].user)

    def get_url(self, parent_context):
        return reverse("push_resend", args=[parent_context["page"].pk])


@hooks.register("register_page_action_menu_item")
def push_resend_menu_item():
    return ResendMenuItem()
