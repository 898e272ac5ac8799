"""Least privilege in Wagtail's user admin: only a superuser makes, edits or unmakes superusers,
and nobody gives a group that grants more than they hold (cms/security/grants.py).

The "Admin" group may change users (auth.change_user), which Wagtail's own user views take as
enough to tick "Administrator" (is_superuser) and to edit a superuser, password included. Here
(installed through `cms.security.users_app.WagtailUsersConfig`, which replaces "wagtail.users" in
INSTALLED_APPS) a user who is not a superuser:

- gets no "Administrator" field on the add and edit forms (the field is gone from the form, so a
  posted `is_superuser=on` is ignored);
- cannot open or post the edit page of a superuser (back to the list with a message), sees no
  edit link for one in the list and cannot change one with a bulk action;
- is offered only the groups they may give (grants.grantable_group_ids) on the add and edit
  forms and in the "Assign role" bulk action; memberships of other groups are kept as they are
  (only a superuser gives or takes them).
"""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.shortcuts import redirect
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users import forms as wagtail_forms
from wagtail.users.views import users as wagtail_users

from .grants import grantable_group_ids


def may_manage(actor, target) -> bool:
    """Whether `actor` may change `target`'s account, roles or second factor."""
    return bool(actor.is_superuser or not target.is_superuser)


class _LeastPrivilegeFormMixin:
    """No "Administrator" field, and only the groups `for_user` may give, unless a superuser."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_groups = []
        if for_user is not None and for_user.is_superuser:
            return
        self.fields.pop("is_superuser", None)
        field = self.fields.get("groups")
        if field is None:
            return
        grantable = grantable_group_ids(for_user) if for_user is not None else set()
        field.queryset = Group.objects.filter(pk__in=grantable).order_by("name")
        if self.instance.pk:
            self.kept_groups = list(self.instance.groups.exclude(pk__in=grantable).order_by("name"))
        if self.kept_groups:
            field.help_text = format_lazy(
                "{} {}",
                gettext_lazy("Also in, kept as it is (only a superuser may change it):"),
                ", ".join(group.name for group in self.kept_groups),
            )

    def clean_groups(self):
        return [*self.cleaned_data["groups"], *self.kept_groups]


class UserCreationForm(_LeastPrivilegeFormMixin, wagtail_forms.UserCreationForm):
    pass


class UserEditForm(_LeastPrivilegeFormMixin, wagtail_forms.UserEditForm):
    pass


class _ForUserFormMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}


class CreateView(_ForUserFormMixin, wagtail_users.CreateView):
    pass


class EditView(_ForUserFormMixin, wagtail_users.EditView):
    def dispatch(self, request, *args, **kwargs):
        if not may_manage(request.user, self.object):
            messages.error(request, _("Only a superuser may change a superuser's account."))
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)


class IndexView(wagtail_users.IndexView):
    def get_edit_url(self, instance):
        if may_manage(self.request.user, instance):
            return super().get_edit_url(instance)
        return None


class UserViewSet(wagtail_users.UserViewSet):
    index_view_class = IndexView
    add_view_class = CreateView
    edit_view_class = EditView

    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm


def refuse_bulk_action_on_superusers(request, action_type, objects, action):
    """before_bulk_action hook: no bulk change of a superuser by someone who is not one, and no
    "Assign role" of a group that grants more than the actor holds."""
    from wagtail.users.views.bulk_actions.user_bulk_action import UserBulkAction

    if not isinstance(action, UserBulkAction) or request.user.is_superuser:
        return None
    if any(getattr(obj, "is_superuser", False) for obj in objects):
        messages.error(request, _("Only a superuser may change a superuser's account."))
        return redirect("wagtailusers_users:index")
    role = getattr(action, "cleaned_form", None) and action.cleaned_form.cleaned_data.get("role")
    if role is not None and role.pk not in grantable_group_ids(request.user):
        messages.error(
            request,
            _("Only a superuser may give the group %(group)s: it grants more than you hold.")
            % {"group": role.name},
        )
        return redirect("wagtailusers_users:index")
    return None


class SuperuserOnlyPolicy(ModelPermissionPolicy):
    """Groups (their names, members' rights, page, collection and site permissions) are managed
    by superusers only, whatever auth permissions a group holds: a group that could edit groups
    could grant itself anything short of superuser (docs/privacy.md, Roles)."""

    def user_has_permission(self, user, action):
        return bool(user.is_active and user.is_superuser)

    def user_has_any_permission(self, user, actions):
        return bool(user.is_active and user.is_superuser)

    def users_with_any_permission(self, actions):
        return get_user_model().objects.filter(is_active=True, is_superuser=True)
