from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import enrolment
from .models import PersonalDataAccess
from .users import may_manage, refuse_bulk_action_on_superusers
from .views import may_reset


class AdminOnlyMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser or request.user.has_perm("auth.change_user")


@hooks.register("register_settings_menu_item")
def register_staff_devices_menu_item():
    return AdminOnlyMenuItem(
        _("Two-factor sign-in"), reverse("security:staff-devices"), icon_name="lock", order=610
    )


@hooks.register("register_log_actions")
def register_two_factor_log_actions(actions):
    # Shown in the user's history (Users → the user → History) and in Reports → Site history.
    actions.register_action(
        "security.reset_two_factor",
        _("Reset two-factor sign-in"),
        _("Two-factor sign-in reset: set up again at the next sign-in"),
    )
    actions.register_action(
        enrolment.ISSUE_ACTION,
        _("Issue two-factor enrolment code"),
        _("Two-factor enrolment code issued (valid once)"),
    )
    actions.register_action(
        enrolment.ENROL_ACTION,
        _("Set up two-factor sign-in with an enrolment code"),
        _("Set up two-factor sign-in with an enrolment code"),
    )
    actions.register_action(
        enrolment.SPENT_ACTION,
        _("Enrolment code spent by wrong tries"),
        _(
            "Enrolment code spent by repeated wrong tries: someone who knows the password may "
            "be guessing"
        ),
    )


@hooks.register("after_create_user")
def make_enrolment_code_for_new_account(request, user):
    """A new account signs in only with an enrolment code: go straight to making one."""
    if may_reset(request.user) and may_manage(request.user, user):
        return redirect("security:enrolment-code", user.pk)
    return None


@hooks.register("register_account_menu_item")
def register_backup_codes_item(request):
    return {
        "url": reverse("security:backup-codes"),
        "label": _("New backup codes"),
        "help_text": _("Make a new set of one-time codes for when your phone is not at hand."),
    }


class ReadOnlyPolicy(ModelPermissionPolicy):
    """The access log is evidence: nobody adds, edits or deletes entries in the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


class AccessLogViewSet(ModelViewSet):
    model = PersonalDataAccess
    icon = "view"
    menu_label = _("Personal data access log")
    add_to_settings_menu = True
    menu_order = 620
    list_display = ["at", "username", "action", "tracking_code", "records"]
    list_filter = ["action"]
    search_fields = ["username", "tracking_code", "query_hash"]
    inspect_view_enabled = False
    copy_view_enabled = False
    add_to_reference_index = False
    form_fields = ["action"]  # required by ModelViewSet; the policy refuses add and edit


register_permission_policy(PersonalDataAccess, ReadOnlyPolicy(PersonalDataAccess))


@hooks.register("register_admin_viewset")
def register_access_log_viewset():
    return AccessLogViewSet("personal-data-access")


@hooks.register("insert_global_admin_js")
def admin_init_script():
    """Runs the start-up calls our admin templates write as data (strict CSP: admin_csp.py)."""
    return format_html('<script src="{}"></script>', static("security/admin-init.js"))


hooks.register("before_bulk_action", refuse_bulk_action_on_superusers)
