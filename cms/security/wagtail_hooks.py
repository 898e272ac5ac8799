from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


class AdminOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or request.user.has_perm("auth.change_user")


@hooks.register("register_settings_menu_item")
def register_staff_devices_menu_item():
    return AdminOnlyMenuItem(
        _("Two-factor sign-in"), reverse("security:staff-devices"), icon_name="lock", order=610
    )


@hooks.register("register_account_menu_item")
def register_backup_codes_item(request):
    return {
        "url": reverse("security:backup-codes"),
        "label": _("New backup codes"),
        "help_text": _("Make a new set of one-time codes for when your phone is not at hand."),
    }
