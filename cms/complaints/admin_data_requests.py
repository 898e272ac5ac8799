"""Residents' personal data requests in the Wagtail admin: the list and one request's page.

Only staff who may see reporters' personal data (complaints.view_personal_data: the groups
Petugas Pengaduan and Admin) see the menu item, the list or a request. Showing the data is a
deliberate step (a button), logged in the personal data access log; every handling step is
written to the complaint's history without the data itself (services.data_request_*).
"""

from django.contrib.admin.utils import quote
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from cms.security.models import PersonalDataAccess

from . import selectors, services
from .admin_forms import DataRequestCloseForm, DataRequestCorrectForm, DataRequestEraseForm
from .errors import ComplaintError
from .models import Complaint, DataRequest

PERSONAL_DATA = "complaints.view_personal_data"
Kind = DataRequest.Kind


class PersonalDataRequestPolicy(ModelPermissionPolicy):
    """A data request is personal data: view and handle it with the personal-data permission.

    Nobody adds, edits or deletes requests in the admin: residents make them, the detail
    page's actions handle them.
    """

    def user_has_permission(self, user, action):
        return action in ("view", "change") and user.is_active and user.has_perm(PERSONAL_DATA)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(DataRequest, PersonalDataRequestPolicy(DataRequest))


class DataRequestMenuItem(MenuItem):
    """The menu entry, with the number of open requests in its label."""

    def is_shown(self, request):
        return request.user.has_perm(PERSONAL_DATA)

    def render_component(self, request):
        label = self.label
        count = selectors.data_request_open_count()
        if count:
            label = f"{label} ({count})"
        return LinkMenuItem(self.name, label, self.url, icon_name=self.icon_name, attrs=self.attrs)


class DeadlineColumn(Column):
    """When the answer is due (3 x 24 hours after the request), flagged once late."""

    cell_template_name = "complaints/admin/data_request_due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["due"] = instance.due_at if instance.is_open else None
        context["overdue"] = instance.is_overdue(parent_context.get("now"))
        return context


class DataRequestIndexView(generic.IndexView):
    default_ordering = "-created_at"
    page_title = _("Personal data requests")

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "pk",
                label=_("No."),
                sort_key="pk",
                get_url=lambda request: reverse("data-requests:inspect", args=[quote(request.pk)]),
            ),
            Column("complaint", label=_("Tracking code"), accessor="complaint.tracking_code"),
            Column("kind", label=_("Request"), accessor="get_kind_display"),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                sort_key="status",
                primary=lambda request: request.is_open,
            ),
            DeadlineColumn("due", label=_("Answer due")),
            DateColumn("created_at", label=_("Received"), sort_key="created_at"),
            Column("handled_by", label=_("Handled by"), accessor=_handler),
        ]

    def get_base_queryset(self):
        return selectors.data_request_staff_list()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["now"] = timezone.now()
        return context


def _same_person(complaint) -> list:
    """Return [(tracking code, admin URL)] of other complaints with the same phone or NIK.

    A request is about the person, not one complaint: staff see where else the same data
    sits (compared by the keyed hashes, nothing decrypted).
    """
    match = Q()
    if complaint.reporter_phone_hash:
        match |= Q(reporter_phone_hash=complaint.reporter_phone_hash)
    if complaint.reporter_nik_hash:
        match |= Q(reporter_nik_hash=complaint.reporter_nik_hash)
    if not match:
        return []
    others = (
        Complaint.objects.filter(match)
        .exclude(pk=complaint.pk)
        .order_by("-created_at")
        .values_list("pk", "tracking_code")
    )
    return [(code, reverse("complaints:inspect", args=[pk])) for pk, code in others]


def _handler(data_request) -> str:
    user = data_request.handled_by
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()


class DataRequestDetailView(generic.InspectView):
    """One request: what was asked, the deadline, and the actions for its kind."""

    template_name = "complaints/admin/data_request_detail.html"
    page_title = _("Personal data request")

    def get_object(self, queryset=None):
        return get_object_or_404(
            DataRequest.objects.select_related("complaint__category", "handled_by"), pk=self.pk
        )

    def get_page_subtitle(self):
        return self.object.complaint.tracking_code

    def get_fields(self):
        return []

    def _forms(self, shown=False, bound=None, data=None):
        data_request, complaint = self.object, self.object.complaint
        if not data_request.is_open:
            return {}
        forms = {"close": DataRequestCloseForm(data if bound == "close" else None, prefix="close")}
        if data_request.kind == Kind.CORRECTION and (shown or bound == "correct"):
            # Prefilled with what is on file: only once the data was deliberately shown.
            forms["correct"] = DataRequestCorrectForm(
                data if bound == "correct" else None,
                initial={
                    "reporter_name": complaint.reporter_name,
                    "reporter_phone": complaint.reporter_phone,
                    "reporter_email": complaint.reporter_email,
                    "reporter_nik": complaint.reporter_nik,
                },
                with_nik=complaint.category.requires_nik or bool(complaint.reporter_nik),
                prefix="correct",
            )
        if data_request.kind == Kind.ERASURE:
            forms["erase"] = DataRequestEraseForm(
                data if bound == "erase" else None, prefix="erase"
            )
        return forms

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data_request = self.object
        shown = kwargs.get("shown", False)
        context.update(
            data_request=data_request,
            complaint=data_request.complaint,
            shown=shown,
            forms=kwargs.get("forms") or self._forms(shown=shown),
            now=timezone.now(),
            action_url=self.request.path,
            complaint_url=reverse("complaints:inspect", args=[data_request.complaint_id]),
            same_person=_same_person(data_request.complaint),
        )
        return context

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        if action == "show" and self.object.is_open:
            return self._show()
        forms = self._forms(bound=action, data=request.POST)
        form = forms.get(action)
        if form is None:
            # A closed request, or an action that does not fit its kind.
            messages.error(request, gettext("This action is not possible for this request."))
            return HttpResponseRedirect(request.path)
        if form.is_valid():
            try:
                done = self._run(action, form)
            except ComplaintError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, done)
                return HttpResponseRedirect(request.path)
        context = self.get_context_data(forms=forms, shown=action == "correct")
        context["failed_action"] = action
        response = self.render_to_response(context, status=400)
        response["Cache-Control"] = "private, no-store"
        return response

    def _show(self):
        services.data_request_show(data_request=self.object, officer=self.request.user)
        PersonalDataAccess.record(
            self.request.user,
            PersonalDataAccess.Action.DATA_REQUEST,
            complaint=self.object.complaint,
        )
        response = self.render_to_response(self.get_context_data(shown=True))
        response["Cache-Control"] = "private, no-store"
        return response

    def _run(self, action, form) -> str:
        user, data = self.request.user, form.cleaned_data
        if action == "correct":
            services.data_request_correct(
                data_request=self.object, officer=user, changes=form.changes(), note=data["note"]
            )
            return gettext("The data was corrected and the request closed as done.")
        if action == "erase":
            services.data_request_erase(data_request=self.object, officer=user, note=data["note"])
            return gettext("The personal data was erased and the request closed as done.")
        services.data_request_close(
            data_request=self.object, officer=user, status=data["status"], note=data["note"]
        )
        return gettext("The request was closed.")


class DataRequestViewSet(ModelViewSet):
    """Only a list and a detail page: requests come from residents, actions handle them."""

    model = DataRequest
    name = "data-requests"
    icon = "user"
    menu_label = _("Personal data requests")
    index_view_class = DataRequestIndexView
    inspect_view_class = DataRequestDetailView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_per_page = 30
    add_to_reference_index = False
    form_fields = ["staff_note"]  # required by ModelViewSet; the policy refuses add and edit

    @property
    def menu_item_class(self):
        return DataRequestMenuItem

    def get_permissions_to_register(self):
        # Nothing to tick in Groups: access follows "Can see reporters' personal data" alone.
        return Permission.objects.none()

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        for name in (
            "add_url_name",
            "edit_url_name",
            "delete_url_name",
            "history_url_name",
            "usage_url_name",
        ):
            view_kwargs[name] = None
        view_kwargs["inspect_url_name"] = self.get_url_name("inspect")
        return view_kwargs

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("<int:pk>/", self.inspect_view, name="inspect"),
        ]
