"""Forms staff use in the Wagtail admin. They check input only; every rule lives in services.

Longer than 400 lines because it holds every admin form of the complaint workflow (list filters,
the detail page's actions, desk entry, data requests) side by side, each short.
"""

import re

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.models import Site

from . import selectors
from .codes import tracking_code_normalize
from .models import (
    DESCRIPTION_MAX,
    DESCRIPTION_MIN,
    Complaint,
    ComplaintCategory,
    DataRequest,
    Desa,
    ReplyTemplate,
)
from .services import NEXT

Status = Complaint.Status

# A reply template marks what staff must fill in with square brackets: "[isi tanggal]".
PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,60}\]")


def placeholders_left(text: str) -> list[str]:
    """Return the template placeholders still in `text`, each once, in order."""
    return list(dict.fromkeys(PLACEHOLDER.findall(text or "")))


# The order in which the next statuses are offered: the usual path first.
STATUS_ORDER = list(Status.values)


def _user_label(user) -> str:
    return user.get_full_name().strip() or user.get_username()


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _user_label(obj)


# --- The list: filters ---


class ComplaintFilterSet(WagtailFilterSet):
    DUE_OVERDUE = "overdue"
    DUE_TODAY = "today"

    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Complaint.Kind.choices)
    category = django_filters.ModelChoiceFilter(
        label=_("Category"), queryset=ComplaintCategory.objects.all()
    )
    desa = django_filters.ModelChoiceFilter(
        label=_("Village (desa/kelurahan)"),
        queryset=Desa.objects.all(),
        null_label=_("Not stated / other"),
    )
    due = django_filters.ChoiceFilter(
        label=_("Deadline"),
        choices=[(DUE_OVERDUE, _("Overdue")), (DUE_TODAY, _("Due today"))],
        method="filter_due",
    )
    assigned_to = django_filters.ModelChoiceFilter(
        label=_("Assigned officer"),
        queryset=selectors.complaint_officers(),
        null_label=_("Not assigned"),
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Received between"), widget=DateRangePickerWidget
    )

    class Meta:
        model = Complaint
        fields = ["status", "kind", "category", "desa", "due", "assigned_to", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["assigned_to"].label_from_instance = _user_label

    def filter_due(self, queryset, name, value):
        if value == self.DUE_OVERDUE:
            return selectors.complaint_overdue(queryset)
        if value == self.DUE_TODAY:
            return selectors.complaint_due_today(queryset)
        return queryset


# --- The detail page: actions ---


class StatusField(forms.ChoiceField):
    """Offer the allowed next statuses, but pass any known status on to the service.

    The service's transition table is the one judge: a stale form (someone else changed the
    complaint meanwhile) gets the service's message, not a generic "invalid choice".
    """

    def valid_value(self, value):
        return value in Status.values


class StatusChangeForm(forms.Form):
    status = StatusField(label=_("New status"))
    assigned_to = OfficerChoiceField(
        label=_("Assign to officer"),
        queryset=selectors.complaint_officers(),
        required=False,
        help_text=_("For the status Assigned: an officer, or a unit below."),
    )
    assigned_unit = forms.CharField(
        label=_("or to a unit"),
        max_length=100,
        required=False,
        help_text=_("E.g. Seksi Pemerintahan, or a village office."),
    )
    referral = forms.CharField(
        label=_("Where the resident should go instead"),
        max_length=300,
        required=False,
        help_text=_("For Not our authority, e.g. SP4N-LAPOR! at lapor.go.id."),
    )
    duplicate_of = forms.CharField(
        label=_("Tracking code of the original complaint"),
        max_length=20,
        required=False,
        help_text=_("For Duplicate."),
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=DESCRIPTION_MAX,
        required=False,
        help_text=_("Required when rejecting: the reason."),
    )
    # No default: a routing note meant for staff must never reach the resident by a box
    # nobody unticked, so every status change says who reads it.
    audience = forms.ChoiceField(
        label=_("Who reads this status change and its note"),
        choices=[
            ("public", _("The resident too: shown on the tracking page, email and SMS sent")),
            ("internal", _("Staff only: the resident is not told")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether the resident is told.")},
    )
    publish = forms.BooleanField(
        label=_("Show the complaint in the public list"),
        required=False,
        initial=True,
        help_text=_("Only on verification. A confidential complaint is never public."),
    )

    def __init__(self, *args, complaint: Complaint, **kwargs):
        super().__init__(*args, **kwargs)
        self.complaint = complaint
        allowed = NEXT.get(complaint.status, frozenset())
        self.fields["status"].choices = [("", "---------")] + [
            (value, Status(value).label) for value in STATUS_ORDER if value in allowed
        ]
        self.fields["assigned_to"].queryset = selectors.complaint_officers()
        self.asks_publish = (
            complaint.status == Status.RECEIVED
            and complaint.privacy != Complaint.Privacy.CONFIDENTIAL
        )
        if not self.asks_publish:
            del self.fields["publish"]

    def clean_duplicate_of(self):
        raw = self.cleaned_data.get("duplicate_of", "").strip()
        if not raw:
            return None
        code = tracking_code_normalize(raw)
        original = Complaint.objects.filter(tracking_code=code).first() if code else None
        if original is None:
            raise forms.ValidationError(_("No complaint has this tracking code."))
        return original

    def service_kwargs(self) -> dict:
        """Return the arguments for services.complaint_change_status."""
        data = self.cleaned_data
        return {
            "to": data["status"],
            "note": data["note"],
            "public": data["audience"] == "public",
            "assigned_to": data["assigned_to"],
            "assigned_unit": data["assigned_unit"],
            "duplicate_of": data["duplicate_of"],
            "referral": data["referral"],
            "publish": data["publish"] if self.asks_publish else None,
        }


class ReplyForm(forms.Form):
    """A public reply to the resident, signed as the kecamatan, usually from a template."""

    # Set by "Use template" above the form; sent as it is when the text is left empty.
    template = forms.ModelChoiceField(
        queryset=ReplyTemplate.objects.all(), required=False, widget=forms.HiddenInput
    )
    message = forms.CharField(
        label=_("Reply to the resident"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=DESCRIPTION_MAX,
        required=False,
        help_text=_("Shown on the tracking page and sent by email; signed as the kecamatan."),
    )

    def clean(self):
        data = super().clean()
        # Without JavaScript a template can be sent as it is: its text becomes the reply.
        if not (data.get("message") or "").strip() and data.get("template"):
            data["message"] = data["template"].text
        # The resident must never read "Perkiraan selesai: [isi tanggal]".
        left = placeholders_left(data.get("message", ""))
        if left:
            self.add_error(
                "message",
                _("Fill in or remove what is in square brackets before sending: %(left)s")
                % {"left": ", ".join(left)},
            )
        return data


class NoteForm(forms.Form):
    message = forms.CharField(
        label=_("Internal note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=DESCRIPTION_MAX,
        required=False,
        help_text=_("Only staff see it; never shown to the resident or the public."),
    )


class RedactForm(forms.Form):
    public_description = forms.CharField(
        label=_("Public version of the description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=DESCRIPTION_MAX,
        required=False,
        help_text=_(
            "Remove names, addresses, numbers and anything else personal. "
            "Leave empty to publish the description as written."
        ),
    )
    photo_hidden = forms.BooleanField(label=_("Hide the photo from the public"), required=False)


# --- Entering a complaint for a resident at the desk or on the phone ---


class SiteCategoryChoiceField(forms.ModelChoiceField):
    """A category, named with its kecamatan when the install serves more than one: the
    complaint is that category's kecamatan's."""

    several_sites = None  # asked once per form (fields are copied for each form)

    def label_from_instance(self, obj):
        if self.several_sites is None:
            self.several_sites = Site.objects.count() > 1
        if self.several_sites:
            return f"{obj.display_name} ({obj.site.site_name or obj.site.hostname})"
        return obj.display_name


class StaffComplaintForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("How it reached us"),
        choices=[
            (Complaint.Channel.WALK_IN, Complaint.Channel.WALK_IN.label),
            (Complaint.Channel.PHONE, Complaint.Channel.PHONE.label),
            (Complaint.Channel.OTHER, Complaint.Channel.OTHER.label),
        ],
        initial=Complaint.Channel.WALK_IN,
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Complaint.Kind.choices, initial=Complaint.Kind.COMPLAINT
    )
    category = SiteCategoryChoiceField(
        label=_("Category"),
        queryset=ComplaintCategory.objects.filter(is_active=True)
        .select_related("site")
        .order_by("site__site_name", "site_id", "is_other", "sort_order", "name"),
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 6}),
        min_length=DESCRIPTION_MIN,
        max_length=DESCRIPTION_MAX,
        help_text=_("In the resident's words: what, where, since when."),
    )
    desa = forms.ModelChoiceField(
        label=_("Village (desa/kelurahan)"),
        queryset=Desa.objects.filter(is_active=True),
        required=False,
        empty_label=_("Not known / not in the list"),
        help_text=_("The public figures count complaints by this list (Complaints > Villages)."),
    )
    location_text = forms.CharField(
        label=_("Location"),
        max_length=300,
        required=False,
        help_text=_("RT/RW, street, landmark. Staff only."),
    )
    latitude = forms.DecimalField(
        label=_("Latitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        required=False,
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG, WebP or HEIC, at most 10 MB."),
    )
    reporter_name = forms.CharField(label=_("Resident's name"), max_length=100, required=False)
    reporter_phone = forms.CharField(
        label=_("Phone / WhatsApp"),
        max_length=20,
        required=False,
        validators=Complaint._meta.get_field("reporter_phone").validators,
    )
    reporter_email = forms.EmailField(label=_("Email"), required=False)
    reporter_nik = forms.CharField(
        label=_("NIK"),
        max_length=40,
        required=False,
        help_text=_(
            "Only for categories that ask for the NIK (then required); ignored for the others."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    privacy = forms.ChoiceField(
        label=_("Privacy"),
        choices=Complaint.Privacy.choices,
        initial=Complaint.Privacy.ANONYMOUS,
        help_text=_("Ask the resident. Confidential complaints are never shown publicly."),
    )
    consent_contact = forms.BooleanField(
        label=_("Resident agrees to be contacted for a satisfaction survey"), required=False
    )

    def service_data(self) -> dict:
        """Return the `data` argument for services.complaint_submit."""
        data = dict(self.cleaned_data)
        for key in ("channel", "category", "photo"):
            data.pop(key, None)
        return data


# --- Residents' personal data requests ---


class DataRequestCorrectForm(forms.Form):
    """The reporter's details as they should be; prefilled with what is on file."""

    reporter_name = forms.CharField(label=_("Resident's name"), max_length=100, required=False)
    reporter_phone = forms.CharField(
        label=_("Phone / WhatsApp"),
        max_length=20,
        required=False,
        validators=Complaint._meta.get_field("reporter_phone").validators,
    )
    reporter_email = forms.EmailField(label=_("Email"), required=False)
    reporter_nik = forms.CharField(
        label=_("NIK"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    note = forms.CharField(
        label=_("Note (staff only)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, with_nik: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_nik:
            del self.fields["reporter_nik"]

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("note", None)
        return data


class DataRequestEraseForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked that no law requires us to keep this data"),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )
    note = forms.CharField(
        label=_("Note (staff only)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DataRequestCloseForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (DataRequest.Status.DONE, _("Done: answered")),
            (DataRequest.Status.REJECTED, DataRequest.Status.REJECTED.label),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note (staff only)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when rejecting: the reason, e.g. an exception of UU PDP article 15."),
    )
