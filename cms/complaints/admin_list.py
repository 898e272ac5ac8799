"""The complaints list in the Wagtail admin: filters, search by tracking code (and phone or NIK
for who may see personal data), due flags, and the spreadsheet export of the same list.
"""

import codecs

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, StatusTagColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.coreutils import multigetattr

from cms.security.models import PersonalDataAccess

from . import selectors
from .admin_forms import ComplaintFilterSet
from .models import Complaint

EXPORT_PERSONAL_DATA = "complaints.export_personal_data"

# Characters a spreadsheet reads as the start of a formula (CSV injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _user_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name().strip() or user.get_username()


def _assignee(complaint: Complaint) -> str:
    names = [_user_name(complaint.assigned_to), complaint.assigned_unit]
    return " / ".join(name for name in names if name)


def _snippet(complaint: Complaint) -> str:
    """The start of the description on one line: enough to tell complaints apart in the list."""
    return Truncator(" ".join(complaint.description.split())).chars(90)


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
                classname="complaint-code",  # admin.css: never broken at its dashes
            ),
            Column("description", label=_("Description"), accessor=_snippet),
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
        by_phone = self.request.user.has_perm("complaints.view_personal_data")
        found = selectors.complaint_staff_search(queryset, self.search_query, by_phone=by_phone)
        # Which complaints staff looked for is access to personal data (UU PDP): logged with
        # the number found and the term's keyed hash, not the term (docs/privacy.md).
        PersonalDataAccess.record(
            self.request.user,
            PersonalDataAccess.Action.SEARCH,
            records=found.count(),
            query_hash=selectors.complaint_search_term_hash(self.search_query, by_phone),
        )
        return found

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
            "desa",
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
            # The location text is the resident's (it may be their house): as personal data.
            fields += [
                "location_text",
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
            "desa": gettext("Village (desa/kelurahan)"),
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
