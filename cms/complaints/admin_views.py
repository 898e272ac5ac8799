"""Staff views in the Wagtail admin: list, detail with actions, entry on behalf, dashboard panel.

Views only check input and permissions, call one service and show its answer: the workflow
rules (which status may follow which, what each needs) are in services.py.
"""

import codecs

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.coreutils import multigetattr

from cms.security.models import PersonalDataAccess

from . import selectors, services
from .admin_forms import (
    ComplaintFilterSet,
    NoteForm,
    RedactForm,
    ReplyForm,
    StaffComplaintForm,
    StatusChangeForm,
)
from .errors import ComplaintError
from .models import Complaint, ReplyTemplate

PERSONAL_DATA = "complaints.view_personal_data"
EXPORT_PERSONAL_DATA = "complaints.export_personal_data"
HIDDEN = _("hidden")

# Characters a spreadsheet reads as the start of a formula (CSV injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _user_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()


def _assignee(complaint: Complaint) -> str:
    names = [_user_name(complaint.assigned_to), complaint.assigned_unit]
    return " / ".join(name for name in names if name)


class DueColumn(Column):
    """The date the next step is due, flagged when it has passed."""

    cell_template_name = "complaints/admin/due_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["due"] = instance.due_date
        context["overdue"] = instance.is_overdue(parent_context.get("today"))
        return context


class ComplaintIndexView(generic.IndexView):
    """The complaints list: filters, search by tracking code, due flags and a CSV download."""

    filterset_class = ComplaintFilterSet
    search_fields = ["tracking_code", "description"]  # see search_queryset
    search_backend_name = None
    default_ordering = "-created_at"
    page_title = _("Complaints")
    add_item_label = _("Enter a complaint for a resident")

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "tracking_code",
                label=_("Code"),
                sort_key="tracking_code",
                get_url=self.get_inspect_url,
            ),
            Column("category", label=_("Category"), accessor="category.display_name"),
            Column("kind", label=_("Kind"), accessor="get_kind_display"),
            StatusTagColumn(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                sort_key="status",
                primary=lambda complaint: not complaint.is_closed,
            ),
            DueColumn("due", label=_("Due")),
            Column("assigned", label=_("Assigned to"), accessor=_assignee),
            DateColumn("created_at", label=_("Received"), sort_key="created_at"),
        ]

    def get_base_queryset(self):
        return selectors.complaint_staff_list()

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return selectors.complaint_staff_search(
            queryset,
            self.search_query,
            by_phone=self.request.user.has_perm("complaints.view_personal_data"),
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["today"] = timezone.localdate()
        return context

    # --- The spreadsheet export: same filters and search as the list ---

    def dispatch(self, request, *args, **kwargs):
        # Downloading needs the view permission itself, not just any complaint permission.
        if self.is_export and not self.user_has_permission("view"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def show_export_buttons(self):
        return self.user_has_permission("view")

    @cached_property
    def list_export(self):
        fields = [
            "tracking_code",
            "created_at",
            "get_kind_display",
            "category.name",
            "get_status_display",
            "due_date",
            "location_text",
            "description",
            "public_description",
            "get_channel_display",
            "assigned",
            "referral",
            "closed_at",
            "resident_confirmed",
        ]
        if self.request.user.has_perm(EXPORT_PERSONAL_DATA):
            # The NIK only masked, even here: a spreadsheet travels further than the admin.
            fields += [
                "reporter_name",
                "reporter_phone",
                "reporter_email",
                "reporter_nik_masked",
                "get_privacy_display",
            ]
        return fields

    @cached_property
    def export_headings(self):
        return {
            "tracking_code": gettext("Tracking code"),
            "created_at": gettext("Received"),
            "get_kind_display": gettext("Kind"),
            "category.name": gettext("Category"),
            "get_status_display": gettext("Status"),
            "due_date": gettext("Due"),
            "location_text": gettext("Location"),
            "description": gettext("Description"),
            "public_description": gettext("Public version of the description"),
            "get_channel_display": gettext("Channel"),
            "assigned": gettext("Assigned to"),
            "referral": gettext("Where the resident should go instead"),
            "closed_at": gettext("Closed"),
            "resident_confirmed": gettext("Resident confirmed it is resolved"),
            "reporter_name": gettext("Resident's name"),
            "reporter_phone": gettext("Phone / WhatsApp"),
            "reporter_email": gettext("Email"),
            "reporter_nik_masked": gettext("NIK (masked)"),
            "get_privacy_display": gettext("Privacy"),
        }

    def get_filename(self):
        return f"pengaduan-{timezone.localdate():%Y-%m-%d}"

    def to_row_dict(self, item):
        return {
            field: _assignee(item) if field == "assigned" else multigetattr(item, field)
            for field in self.list_export
        }

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if isinstance(value, bool):
            value = gettext("yes") if value else gettext("no")
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            value = "'" + value  # shown as text, never run as a formula
        return value

    def stream_csv(self, queryset):
        # Excel opens UTF-8 correctly only with a byte order mark.
        yield codecs.BOM_UTF8.decode("utf-8")
        yield from super().stream_csv(queryset)

    def _log_personal_export(self, queryset):
        if self.request.user.has_perm(EXPORT_PERSONAL_DATA):
            PersonalDataAccess.record(
                self.request.user, PersonalDataAccess.Action.EXPORT, records=queryset.count()
            )

    def write_csv_response(self, queryset):
        self._log_personal_export(queryset)
        response = super().write_csv_response(queryset)
        response["Content-Type"] = "text/csv; charset=utf-8"
        response["Cache-Control"] = "private, no-store"
        return response

    def write_xlsx_response(self, queryset):
        self._log_personal_export(queryset)
        response = super().write_xlsx_response(queryset)
        response["Cache-Control"] = "private, no-store"
        return response


class ComplaintDetailView(generic.InspectView):
    """One complaint: everything staff know, the full history, and the actions.

    GET needs any complaint permission (view is enough); the actions need `change`.
    """

    template_name = "complaints/admin/detail.html"
    page_title = _("Complaint")

    ACTIONS = {
        "status": StatusChangeForm,
        "reply": ReplyForm,
        "note": NoteForm,
        "redact": RedactForm,
    }

    def get_object(self, queryset=None):
        return get_object_or_404(
            Complaint.objects.select_related(
                "category", "assigned_to", "entered_by", "duplicate_of"
            ),
            pk=self.pk,
        )

    def get_page_subtitle(self):
        return self.object.tracking_code

    @cached_property
    def can_act(self):
        return self.user_has_permission("change")

    def _forms(self, bound_action=None, data=None):
        complaint = self.object
        initial_reply = {}
        template_id = self.request.GET.get("template")
        if template_id and template_id.isdigit():
            template = ReplyTemplate.objects.filter(pk=template_id).first()
            if template is not None:
                initial_reply = {"template": template, "message": template.text}
        forms = {
            "status": StatusChangeForm(
                data if bound_action == "status" else None,
                complaint=complaint,
                prefix="status",
            ),
            "reply": ReplyForm(
                data if bound_action == "reply" else None, initial=initial_reply, prefix="reply"
            ),
            "note": NoteForm(data if bound_action == "note" else None, prefix="note"),
            "redact": RedactForm(
                data if bound_action == "redact" else None,
                initial={
                    "public_description": complaint.public_description or complaint.description,
                    "photo_hidden": complaint.photo_hidden,
                },
                prefix="redact",
            ),
        }
        return forms

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        complaint = self.object
        can_see_personal_data = self.request.user.has_perm(PERSONAL_DATA)
        if can_see_personal_data and complaint.has_personal_data:
            # Every opening of a resident's personal data is logged (docs/privacy.md).
            PersonalDataAccess.record(
                self.request.user, PersonalDataAccess.Action.VIEW, complaint=complaint
            )
        context.update(
            nik_revealed=kwargs.get("nik_revealed", False),
            data_requests=list(complaint.data_requests.defer("message"))
            if can_see_personal_data
            else [],
        )
        context.update(
            complaint=complaint,
            can_see_personal_data=can_see_personal_data,
            hidden_label=HIDDEN,
            events=list(selectors.complaint_staff_history(complaint)),
            can_act=self.can_act,
            forms=kwargs.get("forms") or (self._forms() if self.can_act else {}),
            reply_templates=list(ReplyTemplate.objects.only("pk", "title")) if self.can_act else [],
            today=timezone.localdate(),
            action_url=self.request.path,
        )
        return context

    def get_fields(self):
        return []  # the template lays the complaint out itself

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == "reveal_nik":
            return self._reveal_nik()
        if not self.can_act:
            raise PermissionDenied
        action = request.POST.get("action", "")
        if action not in self.ACTIONS:
            messages.error(request, gettext("Unknown action."))
            return HttpResponseRedirect(request.path)
        forms = self._forms(action, request.POST)
        form = forms[action]
        if form.is_valid():
            try:
                done = self._run(action, form)
            except ComplaintError as error:
                field = error.field if error.field in form.fields else None
                form.add_error(field, error.message)
            else:
                messages.success(request, done)
                return HttpResponseRedirect(request.path)
        messages.error(request, gettext("The action was not saved. See the message below."))
        context = self.get_context_data(forms=forms)
        context["failed_action"] = action
        return self.render_to_response(context, status=400)

    def _reveal_nik(self):
        """Show the whole NIK once, to staff who may see personal data; log that it was shown."""
        if not self.request.user.has_perm(PERSONAL_DATA):
            raise PermissionDenied
        if not self.object.reporter_nik:
            return HttpResponseRedirect(self.request.path)
        PersonalDataAccess.record(
            self.request.user, PersonalDataAccess.Action.REVEAL_NIK, complaint=self.object
        )
        context = self.get_context_data(nik_revealed=True)
        response = self.render_to_response(context)
        response["Cache-Control"] = "private, no-store"
        return response

    def _run(self, action, form) -> str:
        """Call the service for `action`; return the success message. Raise ComplaintError."""
        complaint, user, data = self.object, self.request.user, form.cleaned_data
        if action == "status":
            updated = services.complaint_change_status(
                complaint=complaint, officer=user, **form.service_kwargs()
            )
            return gettext("Status changed to %(status)s.") % {
                "status": updated.get_status_display()
            }
        if action == "reply":
            services.complaint_reply(
                complaint=complaint, officer=user, message=data["message"], public=True
            )
            return gettext("Reply sent to the resident.")
        if action == "note":
            services.complaint_reply(
                complaint=complaint, officer=user, message=data["message"], public=False
            )
            return gettext("Internal note saved.")
        services.complaint_redact(
            complaint=complaint,
            officer=user,
            public_description=data["public_description"],
            photo_hidden=data["photo_hidden"],
        )
        return gettext("Public version saved.")


class ComplaintCreateView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Enter a complaint brought to the office or phoned in, as the resident tells it."""

    permission_required = "add"
    model = Complaint
    template_name = "complaints/admin/create.html"
    form_class = StaffComplaintForm
    page_title = _("Enter a complaint for a resident")
    header_icon = "mail"
    index_url_name = None
    inspect_url_name = None
    add_url_name = None

    def get_breadcrumbs_items(self):
        items = []
        if self.index_url_name:
            items.append({"url": reverse(self.index_url_name), "label": gettext("Complaints")})
        items.append({"url": "", "label": self.get_page_title()})
        return self.breadcrumbs_items + items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_url"] = self.request.path
        return context

    def form_valid(self, form):
        try:
            complaint, _created = services.complaint_submit(
                data=form.service_data(),
                category=form.cleaned_data["category"],
                photo=form.cleaned_data.get("photo"),
                channel=form.cleaned_data["channel"],
                entered_by=self.request.user,
            )
        except ComplaintError as error:
            field = error.field if error.field in form.fields else None
            form.add_error(field, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            gettext("Complaint saved. Give the resident the tracking code %(code)s.")
            % {"code": complaint.tracking_code},
        )
        return HttpResponseRedirect(reverse(self.inspect_url_name, args=[complaint.pk]))

    def form_invalid(self, form):
        if form.is_bound and form.files.get("photo"):
            form.photo_lost = True
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ComplaintDashboardPanel(Component):
    """New, overdue and due-today counts on the admin home, each linking to its list."""

    name = "complaints"
    template_name = "complaints/admin/dashboard_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        counts = selectors.complaint_dashboard_counts()
        index = reverse("complaints:index")
        return {
            "rows": [
                (gettext("New, not yet verified"), counts["new"], f"{index}?status=diterima"),
                (gettext("Overdue"), counts["overdue"], f"{index}?due=overdue"),
                (gettext("Due today"), counts["due_today"], f"{index}?due=today"),
            ],
            "open": counts["open"],
            "index_url": index,
        }


def user_can_handle_complaints(user) -> bool:
    return user.has_perm("complaints.view_complaint")
