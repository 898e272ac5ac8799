"""The one definition of what a resident may send; the HTML form and the JSON API both use it.

Field names follow the contract in DESIGN.md, so a client can post the same names to
`/pengaduan/baru/` and `POST /api/v1/complaints/`.
"""

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from cms.security.honeypot import HoneypotInput

from .models import DESCRIPTION_MAX, DESCRIPTION_MIN, Complaint, DataRequest, phone_validator
from .nik import nik_validate
from .selectors import complaint_categories, complaint_desa_choices
from .wording import RESIDENT_PRIVACY

IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9_\-]{8,64}$")
# Characters a browser or a phone keyboard never needs in text fields, but an attacker might use.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _clean_text(value: str) -> str:
    return CONTROL.sub("", value or "").strip()


class CategoryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class ComplaintSubmitForm(forms.Form):
    """The complaint as a resident sends it to `site` (the kecamatan answering the request):
    only that site's categories are choices; another site's slug is an unknown topic."""

    kind = forms.ChoiceField(
        label=_("What do you want to send?"),
        choices=Complaint.Kind.choices,
        initial=Complaint.Kind.COMPLAINT,
        required=False,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what you want to send."),
            "invalid_choice": _("Choose one of the kinds in the list."),
        },
    )
    category = CategoryChoiceField(
        label=_("Topic"),
        queryset=complaint_categories(None),  # the site's, set in __init__
        to_field_name="slug",
        empty_label=_("Choose a topic"),
        error_messages={
            "required": _("Choose the topic that fits best (or Other)."),
            "invalid_choice": _("This topic does not exist. Choose one from the list."),
        },
    )
    description = forms.CharField(
        label=_("Describe the problem or your request"),
        min_length=DESCRIPTION_MIN,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happened, since when, and what you expect. At least 10 characters."),
        error_messages={
            "required": _("Write what the complaint is about."),
            "min_length": _("Write a little more: at least %(limit_value)d characters."),
            "max_length": _("Keep it under %(limit_value)d characters (now %(show_value)d)."),
        },
    )
    # From the list staff keep (the public figures count by it); never what a resident types.
    desa = forms.ModelChoiceField(
        label=_("Village (desa/kelurahan)"),
        queryset=complaint_desa_choices(),
        to_field_name="slug",
        required=False,
        empty_label=_("Not known / not in the list"),
        error_messages={
            "invalid_choice": _(
                "This village is not in the list. Choose one from the list, or “Not known”."
            )
        },
    )
    location_text = forms.CharField(
        label=_("Location"),
        required=False,
        max_length=300,
        help_text=_("RT/RW, street, a landmark. Seen by staff only."),
        error_messages={"max_length": _("Keep the location under %(limit_value)d characters.")},
    )
    latitude = forms.DecimalField(
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("The location from your phone could not be read.")},
    )
    longitude = forms.DecimalField(
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("The location from your phone could not be read.")},
    )
    photo = forms.FileField(
        label=_("Photo (optional)"),
        required=False,
        help_text=_("JPEG, PNG, WebP or HEIC, at most 10 MB. We remove the location data in it."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    reporter_name = forms.CharField(label=_("Your name"), required=False, max_length=100)
    reporter_phone = forms.CharField(
        label=_("Phone or WhatsApp number"),
        required=False,
        max_length=20,
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    reporter_email = forms.EmailField(
        label=_("Email"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Enter an email address like nama@contoh.id.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    # Only for categories that ask for it (ComplaintCategory.requires_nik); dropped otherwise.
    reporter_nik = forms.CharField(
        label=_("NIK (national ID number)"),
        required=False,
        max_length=40,  # 16 digits plus the spaces and dots people type
        help_text=_("The 16 digits on your KTP or family card (KK). Never shown publicly."),
        error_messages={"max_length": _("A NIK has 16 digits.")},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    privacy = forms.ChoiceField(
        label=_("Who may see your complaint?"),
        choices=RESIDENT_PRIVACY,
        initial=Complaint.Privacy.ANONYMOUS,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose who may see your complaint.")},
    )
    consent_contact = forms.BooleanField(
        label=_("You may contact me later to ask how satisfied I am with the service."),
        required=False,
    )
    # A field people never see (hidden with CSS and aria-hidden); bots fill everything in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=HoneypotInput(),
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.site = site
        self.fields["category"].queryset = complaint_categories(site)
        self.fields["reporter_name"].widget.attrs["autocomplete"] = "name"

    def _clean_coordinate(self, name):
        # Phones report more decimals than the 6 we keep (about 10 cm): round, never refuse.
        value = self.cleaned_data[name]
        return None if value is None else value.quantize(Decimal("0.000001"))

    def clean_latitude(self):
        return self._clean_coordinate("latitude")

    def clean_longitude(self):
        return self._clean_coordinate("longitude")

    def clean_description(self):
        return _clean_text(self.cleaned_data["description"])

    def clean_location_text(self):
        return _clean_text(self.cleaned_data["location_text"])

    def clean_reporter_name(self):
        return _clean_text(self.cleaned_data["reporter_name"])

    def clean_reporter_phone(self):
        return " ".join(self.cleaned_data["reporter_phone"].split())

    def clean_kind(self):
        return self.cleaned_data["kind"] or Complaint.Kind.COMPLAINT

    def clean(self):
        data = super().clean()
        category = data.get("category")
        raw = data.get("reporter_nik") or ""
        if "reporter_nik" in self.errors:
            return data
        if category is None or not category.requires_nik:
            # Never kept for a topic that does not need it, even if sent.
            data["reporter_nik"] = ""
        elif not raw.strip():
            self.add_error(
                "reporter_nik",
                _("This topic needs your NIK (the 16-digit number on your KTP or family card)."),
            )
        else:
            try:
                data["reporter_nik"] = nik_validate(raw)
            except ValidationError as error:
                self.add_error("reporter_nik", error)
        return data

    @cached_property
    def nik_category_slugs(self) -> list[str]:
        """Return the slugs of the offered categories that ask for a NIK (for the page)."""
        return list(
            complaint_categories(self.site).filter(requires_nik=True).values_list("slug", flat=True)
        )

    def clean_privacy(self):
        return self.cleaned_data["privacy"] or Complaint.Privacy.ANONYMOUS

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def service_data(self) -> dict:
        """Return the cleaned fields the service stores (category and photo go separately)."""
        data = dict(self.cleaned_data)
        for name in ("category", "photo", "website"):
            data.pop(name, None)
        return data


class DataRequestForm(forms.Form):
    """A resident asks to see, correct or erase their data: tracking code plus proof."""

    tracking_code = forms.CharField(
        label=_("Tracking code"),
        max_length=40,
        help_text=_("From your receipt, e.g. KCM-7QX4-9PAD."),
        error_messages={"required": _("Write the tracking code of your complaint.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    contact = forms.CharField(
        label=_("Phone number or email you gave with the complaint"),
        max_length=254,
        help_text=_("So that we know the data is yours. It is compared, not stored again."),
        error_messages={"required": _("Write the phone number or email you gave.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    kind = forms.ChoiceField(
        label=_("What do you ask for?"),
        choices=DataRequest.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what you want us to do with your data."),
            "invalid_choice": _("Choose one of the options in the list."),
        },
    )
    message = forms.CharField(
        label=_("Message (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("E.g. what is wrong and what is right. Kept encrypted."),
        error_messages={"max_length": _("Keep it under %(limit_value)d characters.")},
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=HoneypotInput(),
    )

    def clean_message(self):
        return _clean_text(self.cleaned_data["message"])

    def clean_contact(self):
        return _clean_text(self.cleaned_data["contact"])

    def is_bot(self) -> bool:
        return bool(self.data.get("website"))


def idempotency_key_clean(raw: str | None) -> str | None:
    """Return a usable key, None when absent; raise ValueError for a malformed one."""
    if raw is None or raw == "":
        return None
    if not IDEMPOTENCY_KEY.match(raw):
        raise ValueError(raw)
    return raw


def request_body_complete(request) -> bool:
    """Return False if the client sent less than its Content-Length said (a cut upload).

    Django's multipart parser stops quietly at the end of a short body, dropping the unfinished
    part: a connection lost in the middle of the photo would store the complaint without it, and
    the phone's retry with the whole photo would then be refused as a different complaint.
    Call after the body was parsed (request.POST / request.data).
    """
    request = getattr(request, "_request", request)  # DRF's Request wraps Django's
    stream = getattr(request, "_stream", None)
    position, limit = getattr(stream, "_pos", None), getattr(stream, "limit", None)
    return position is None or limit is None or position >= limit
