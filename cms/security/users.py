"""Least privilege in Wagtail's user admin: only a superuser makes, edits or unmakes superusers.

The "Admin" group may change users (auth.change_user), which Wagtail's own user views take as
enough to tick "Administrator" (is_superuser) and to edit a superuser, password included. Here
(installed through `cms.security.users_app.WagtailUsersConfig`, which replaces "wagtail.users" in
INSTALLED_APPS) a user who is not a superuser:

- gets no "Administrator" field on the add and edit forms (the field is gone from the form, so a
  posted `is_superuser=on` is ignored);
- cannot open or post the edit page of a superuser (back to the list with a message), sees no
  edit link for one in the list and cannot change one with a bulk action.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.users import forms as wagtail_forms
from wagtail.users.views import users as wagtail_users


def may_manage(actor, target) -> bool:
    """Whether `actor` may change `target`'s account, roles or second factor."""
    return bool(actor.is_superuser or not target.is_superuser)


class _NoSuperuserFieldMixin:
    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is None or not for_user.is_superuser:
            self.fields.pop("is_superuser", None)


class UserCreationForm(_NoSuperuserFieldMixin, wagtail_forms.UserCreationForm):
    pass


class UserEditForm(_NoSuperuserFieldMixin, wagtail_forms.UserEditForm):
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
    """before_bulk_action hook: no bulk change of a superuser by someone who is not one."""
    from wagtail.users.views.bulk_actions.user_bulk_action import UserBulkAction

    if not isinstance(action, UserBulkAction) or request.user.is_superuser:
        return None
    if any(getattr(obj, "is_superuser", False) for obj in objects):
        messages.error(request, _("Only a superuser may change a superuser's account."))
        return redirect("wagtailusers_users:index")
    return None
