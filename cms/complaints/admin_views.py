"""Staff views in the Wagtail admin: a complaint's detail with its actions, entry on behalf of a
resident, the dashboard panel. The list and its export are in admin_list.py.

Views only check input and permissions, call one service and show its answer: the workflow
rules (which status may follow which, what each needs) are in services/.
"""

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
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin

from cms.security.models import PersonalDataAccess

from . import selectors, services
from .admin_forms import (
    NoteForm,
    RedactForm,
    ReplyForm,
    StaffComplaintForm,
    StatusChangeForm,
)
from .errors import ComplaintError
from .models import Complaint, ReplyTemplate

PERSONAL_DATA = "complaints.view_personal_data"
HIDDEN = _("hidden")


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
            new_reply_code=kwargs.get("new_reply_code", ""),
            reply_code_sent=kwargs.get("reply_code_sent", False),
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
        if request.POST.get("action") == "reply_code":
            return self._reissue_reply_code()
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

    def _reissue_reply_code(self):
        """Give the complaint a new reply code, shown once here to pass on; the old one stops
        working. Optionally sent to the reporter's email and phone. Logged in the access log."""
        complaint, user = self.object, self.request.user
        code = services.complaint_reply_code_reissue(complaint=complaint, officer=user)
        PersonalDataAccess.record(user, PersonalDataAccess.Action.REPLY_CODE, complaint=complaint)
        sent = False
        if self.request.POST.get("send") and (complaint.reporter_email or complaint.reporter_phone):
            services.complaint_reply_code_send(complaint=complaint)
            sent = True
        self.object = self.get_object()
        context = self.get_context_data(new_reply_code=code, reply_code_sent=sent)
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
                # Entered by staff: the kecamatan of the category they chose.
                site=form.cleaned_data["category"].site,
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
            gettext(
                "Complaint saved. Give the resident the tracking code %(code)s and, to them "
                "only, the reply code %(reply_code)s: with it they add information, confirm "
                "or reopen."
            )
            % {"code": complaint.tracking_code, "reply_code": complaint.reply_code},
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
