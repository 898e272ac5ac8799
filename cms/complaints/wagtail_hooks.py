"""The "Pengaduan" area of the Wagtail admin: complaints, residents' personal data requests,
categories, villages (desa/kelurahan), holidays, reply templates.

Who sees what follows the model permissions: the "Petugas Pengaduan" group (migration 0002)
handles complaints without any page permission; editors without complaint permissions see
neither the menu nor any complaint URL.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.views.generic.models import DeleteView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_data_requests import DataRequestViewSet
from .admin_list import ComplaintIndexView
from .admin_views import (
    ComplaintCreateView,
    ComplaintDashboardPanel,
    ComplaintDetailView,
    user_can_handle_complaints,
)
from .models import Complaint, ComplaintCategory, Desa, Holiday, ReplyTemplate


class ComplaintViewSet(ModelViewSet):
    """Complaints are changed only through the workflow services: no edit, copy or delete view."""

    model = Complaint
    name = "complaints"  # reverse("complaints:inspect", args=[pk]) is the detail page
    icon = "mail"
    menu_label = _("Complaints")
    menu_order = 100
    index_view_class = ComplaintIndexView
    inspect_view_class = ComplaintDetailView
    add_view_class = ComplaintCreateView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 30
    add_to_reference_index = False

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in ("edit_url_name", "delete_url_name", "history_url_name", "usage_url_name"):
            view_kwargs[name] = None
        view_kwargs["inspect_url_name"] = self.get_url_name("inspect")
        return view_kwargs

    def get_add_view_kwargs(self, **kwargs):
        return kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", self.add_view, name="add"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
        ]

    @property
    def url_finder_class(self):
        finder = super().url_finder_class
        finder.edit_url_name = self.get_url_name("inspect")
        return finder


class CategoryDeleteView(DeleteView):
    """Refuse, with a message, to delete a category complaints still use (PROTECT)."""

    def form_valid(self, form):
        used = self.object.complaints.count()
        if used:
            messages.error(self.request, self.in_use_message(used))
            return redirect(self.get_success_url())
        return super().form_valid(form)

    def in_use_message(self, used: int) -> str:
        return ngettext(
            "This category is used by %(count)d complaint and cannot be deleted. "
            'Untick "offered in the form" instead.',
            "This category is used by %(count)d complaints and cannot be deleted. "
            'Untick "offered in the form" instead.',
            used,
        ) % {"count": used}


class DesaDeleteView(CategoryDeleteView):
    """A village complaints name stays: deleting it would change the published figures."""

    def in_use_message(self, used: int) -> str:
        return ngettext(
            "This village is named by %(count)d complaint and cannot be deleted. "
            'Untick "offered in the form" instead.',
            "This village is named by %(count)d complaints and cannot be deleted. "
            'Untick "offered in the form" instead.',
            used,
        ) % {"count": used}


class ComplaintCategoryViewSet(ModelViewSet):
    model = ComplaintCategory
    delete_view_class = CategoryDeleteView
    name = "complaint-categories"
    icon = "tag"
    menu_label = _("Categories")
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["name", "verify_days", "respond_days", "requires_nik", "is_active"]
    ordering = ["is_other", "sort_order", "name"]


class DesaViewSet(ModelViewSet):
    """The kecamatan's villages residents choose from; the public figures count by them."""

    model = Desa
    delete_view_class = DesaDeleteView
    name = "complaint-desa"
    icon = "site"
    menu_label = _("Villages (desa/kelurahan)")
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["name", "kind", "slug", "is_active"]
    ordering = ["sort_order", "name"]
    search_fields = ["name"]


class HolidayViewSet(ModelViewSet):
    model = Holiday
    name = "complaint-holidays"
    icon = "date"
    menu_label = _("Holidays")
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["date", "name"]
    ordering = ["-date"]
    search_fields = ["name"]


class ReplyTemplateViewSet(ModelViewSet):
    model = ReplyTemplate
    name = "complaint-reply-templates"
    icon = "comment"
    menu_label = _("Reply templates")
    inspect_view_enabled = True
    list_display = ["title"]
    search_fields = ["title", "text"]


class ComplaintsGroup(ViewSetGroup):
    menu_label = _("Complaints")
    menu_icon = "mail"
    menu_order = 150
    items = (
        ComplaintViewSet,
        DataRequestViewSet,
        ComplaintCategoryViewSet,
        DesaViewSet,
        HolidayViewSet,
        ReplyTemplateViewSet,
    )


@hooks.register("register_admin_viewset")
def register_complaints_viewsets():
    return ComplaintsGroup()


@hooks.register("construct_homepage_panels")
def add_complaints_panel(request, panels):
    if user_can_handle_complaints(request.user):
        panels.append(ComplaintDashboardPanel())


@hooks.register("insert_global_admin_css")
def complaints_admin_css():
    # The list's "Overdue" label is styled from this file (no inline style: strict CSP).
    href = versioned_static("complaints/admin.css")
    return format_html('<link rel="stylesheet" href="{}">', href)
