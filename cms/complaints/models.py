"""Complaints and requests from residents, their history, and what staff manage around them.

Personal data (reporter name, phone, email, NIK) is kept apart from what may ever be public; the
selectors decide what leaves the building. Photos live in private storage (PRIVATE_MEDIA_ROOT)
and are served only by a view that checks who asks.
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxLengthValidator, MinLengthValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from cms.security.crypto import (
    EncryptedCharField,
    EncryptedEmailField,
    EncryptedTextField,
    lookup_hash,
)

from .nik import nik_mask

DESCRIPTION_MIN = 10
DESCRIPTION_MAX = 4000


def private_storage():
    """Storage outside MEDIA_ROOT with no public URL."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


def photo_upload_to(instance, filename):
    # Never the resident's file name (it can carry a name or a date); the extension is ours.
    return f"complaints/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.jpg"


class ComplaintCategory(models.Model):
    """What a complaint is about, in plain words; staff keep the list short (about 20)."""

    name = models.CharField(_("name"), max_length=80)
    name_en = models.CharField(_("name in English"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(
        _("short explanation"),
        max_length=200,
        blank=True,
        help_text=_("Shown under the name in the complaint form."),
    )
    service_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("related service page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verify_days = models.PositiveSmallIntegerField(_("verify within (working days)"), default=3)
    respond_days = models.PositiveSmallIntegerField(
        _("respond within (working days)"),
        default=5,
        help_text=_("Counted from verification."),
    )
    is_other = models.BooleanField(
        _("catch-all category"),
        default=False,
        help_text=_('The "Other" choice, always listed last.'),
    )
    is_active = models.BooleanField(_("offered in the form"), default=True)
    requires_nik = models.BooleanField(
        _("asks for the NIK"),
        default=False,
        help_text=_(
            "Only for topics that cannot be handled without the resident's national ID number "
            "(e.g. civil registration). The form then asks for it and it is required."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("service_page"),
        FieldPanel("verify_days"),
        FieldPanel("respond_days"),
        FieldPanel("requires_nik"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
        FieldPanel("is_other"),
    ]

    class Meta:
        ordering = ["is_other", "sort_order", "name"]
        verbose_name = _("complaint category")
        verbose_name_plural = _("complaint categories")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class Holiday(models.Model):
    """A public holiday or collective leave day (cuti bersama): no working day for the SLA clock."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("date"), FieldPanel("name")]

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"


class ReplyTemplate(models.Model):
    """A ready answer staff start from; signed as the kecamatan when sent."""

    title = models.CharField(_("title"), max_length=100)
    text = models.TextField(_("text"), max_length=2000)

    panels = [FieldPanel("title"), FieldPanel("text")]

    class Meta:
        ordering = ["title"]
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")

    def __str__(self):
        return self.title


phone_validator = RegexValidator(
    r"^\+?[0-9][0-9 \-]{6,18}$",
    _("Enter a phone or WhatsApp number using digits, e.g. 0812 3456 7890."),
)


class Complaint(models.Model):
    class Kind(models.TextChoices):
        COMPLAINT = "pengaduan", _("Complaint")
        ASPIRATION = "aspirasi", _("Aspiration or suggestion")
        INFORMATION = "informasi", _("Request for information")
        REQUEST = "permohonan", _("Service request")

    class Status(models.TextChoices):
        RECEIVED = "diterima", _("Received")
        VERIFIED = "diverifikasi", _("Verified")
        ASSIGNED = "didisposisikan", _("Assigned")
        IN_PROGRESS = "diproses", _("In progress")
        DONE = "selesai", _("Done")
        REJECTED = "ditolak", _("Rejected")
        NOT_COMPETENT = "bukan_wewenang", _("Not our authority")
        DUPLICATE = "duplikat", _("Duplicate")

    class Privacy(models.TextChoices):
        PUBLIC = "public", _("Public")
        ANONYMOUS = "anonymous", _("Anonymous (public without my name)")
        CONFIDENTIAL = "confidential", _("Confidential (never public)")

    class Channel(models.TextChoices):
        WEB = "web", _("Website")
        API = "api", _("API / app")
        WALK_IN = "walk_in", _("At the office")
        PHONE = "phone", _("Phone")
        OTHER = "other", _("Other (letter, social media)")

    tracking_code = models.CharField(_("tracking code"), max_length=13, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.COMPLAINT)
    category = models.ForeignKey(
        ComplaintCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    description = models.TextField(
        _("description"),
        validators=[MinLengthValidator(DESCRIPTION_MIN), MaxLengthValidator(DESCRIPTION_MAX)],
    )
    public_description = models.TextField(
        _("public version of the description"),
        blank=True,
        max_length=DESCRIPTION_MAX,
        help_text=_("Leave empty to show the description as written; edit to redact."),
    )
    location_text = models.CharField(
        _("location"),
        max_length=300,
        blank=True,
        help_text=_("Village, RT/RW, landmark."),
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    photo = models.FileField(
        _("photo"), storage=private_storage, upload_to=photo_upload_to, blank=True
    )
    photo_hidden = models.BooleanField(
        _("hide photo from the public"),
        default=False,
        help_text=_("For photos that show faces, house numbers or other personal details."),
    )
    # Personal data: never public, never in the search index or the public API; encrypted
    # at rest (cms/security/crypto.py), phone looked up by its keyed hash.
    reporter_name = EncryptedCharField(_("reporter name"), max_length=100, blank=True)
    reporter_phone = EncryptedCharField(
        _("phone / WhatsApp"), max_length=20, blank=True, validators=[phone_validator]
    )
    reporter_phone_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    reporter_email = EncryptedEmailField(_("email"), blank=True)
    # Only for categories with requires_nik (cms/complaints/nik.py); shown masked.
    reporter_nik = EncryptedCharField(_("NIK"), max_length=16, blank=True)
    reporter_nik_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    privacy = models.CharField(
        _("privacy"), max_length=12, choices=Privacy.choices, default=Privacy.ANONYMOUS
    )
    consent_contact = models.BooleanField(
        _("agrees to be contacted for a satisfaction survey"), default=False
    )
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.WEB
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    is_public = models.BooleanField(
        _("shown in the public list"),
        default=False,
        help_text=_("Set when staff verify a public or anonymous complaint."),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_complaints",
    )
    assigned_unit = models.CharField(_("assigned unit"), max_length=100, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
    )
    referral = models.CharField(
        _("where to go instead"),
        max_length=300,
        blank=True,
        help_text=_("For complaints outside our authority, e.g. SP4N-LAPOR! at lapor.go.id."),
    )

    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    verify_due = models.DateField(_("verify by"))
    respond_due = models.DateField(_("respond by"))
    resident_confirmed = models.BooleanField(
        _("resident confirmed it is resolved"), null=True, blank=True
    )
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)

    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    idempotency_fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        permissions = [
            ("view_personal_data", _("Can see reporters' personal data")),
            ("export_personal_data", _("Can export reporters' personal data")),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True) | models.Q(latitude__range=(-90, 90)),
                name="complaint_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True) | models.Q(longitude__range=(-180, 180)),
                name="complaint_longitude_range",
            ),
        ]

    def __str__(self):
        return self.tracking_code

    def save(self, *args, **kwargs):
        self.reporter_phone_hash = lookup_hash(self.reporter_phone or "")
        self.reporter_nik_hash = lookup_hash(self.reporter_nik or "", "nik")
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            hashes = {f"{name}_hash" for name in ("reporter_phone", "reporter_nik")}
            kwargs["update_fields"] = {
                *update_fields,
                *(name for name in hashes if name.removesuffix("_hash") in update_fields),
            }
        super().save(*args, **kwargs)

    @property
    def reporter_nik_masked(self) -> str:
        """Return the NIK as staff see it by default: 3201••••••••0001."""
        return nik_mask(self.reporter_nik or "")

    @property
    def has_personal_data(self) -> bool:
        return bool(
            self.reporter_name or self.reporter_phone or self.reporter_email or self.reporter_nik
        )

    CLOSED = frozenset({Status.DONE, Status.REJECTED, Status.NOT_COMPETENT, Status.DUPLICATE})

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED

    @property
    def is_verified(self) -> bool:
        return self.status != self.Status.RECEIVED

    @cached_property
    def shown_description(self) -> str:
        return self.public_description or self.description

    @property
    def public_name(self) -> str:
        """Return the name shown publicly: only for public complaints."""
        if self.privacy == self.Privacy.PUBLIC and self.reporter_name:
            return self.reporter_name
        return ""

    @property
    def photo_is_public(self) -> bool:
        return bool(self.photo) and self.is_public and not self.photo_hidden

    @property
    def due_date(self):
        """Return the date the next step is due, or None once closed."""
        if self.is_closed:
            return None
        return self.verify_due if self.status == self.Status.RECEIVED else self.respond_due

    def is_overdue(self, today=None) -> bool:
        due = self.due_date
        return due is not None and due < (today or timezone.localdate())

    def clean(self):
        if self.privacy == self.Privacy.CONFIDENTIAL and self.is_public:
            raise ValidationError(
                {"is_public": _("A confidential complaint can never be shown publicly.")}
            )


class ComplaintEvent(models.Model):
    """One line of a complaint's history: status changes, replies, notes."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Received")
        STATUS = "status", _("Status change")
        REPLY = "reply", _("Reply from the kecamatan")
        NOTE = "note", _("Internal note")
        RESIDENT_REPLY = "resident_reply", _("Additional information from the resident")
        RESIDENT_CONFIRM = "resident_confirm", _("Resident confirmed it is resolved")
        REOPENED = "reopened", _("Reopened by the resident")
        REDACTED = "redacted", _("Redacted for publication")
        # A resident's personal data request (UU PDP) and its handling; never public.
        DATA_REQUEST = "data_request", _("Personal data request received")
        DATA_SHOWN = "data_shown", _("Personal data shown for a data request")
        DATA_CORRECTED = "data_corrected", _("Personal data corrected")
        DATA_ERASED = "data_erased", _("Personal data erased")
        DATA_REQUEST_CLOSED = "data_request_closed", _("Personal data request closed")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    old_status = models.CharField(max_length=16, choices=Complaint.Status.choices, blank=True)
    new_status = models.CharField(max_length=16, choices=Complaint.Status.choices, blank=True)
    message = models.TextField(_("message"), blank=True, max_length=DESCRIPTION_MAX)
    is_public = models.BooleanField(_("visible to the resident and public"), default=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("complaint history entry")
        verbose_name_plural = _("complaint history")

    def __str__(self):
        return f"{self.complaint_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"


# UU PDP: restricting or delaying processing is due within 3 x 24 hours of a request (the
# controller duties around articles 41 to 44, reference/domain.md 5.3). The reference found no
# verified deadline for answering access and correction requests (same section, marked
# unverified): we hold every kind of request to the same 3 x 24 hours, counted in hours,
# weekends included, which meets the strictest reading.
DATA_REQUEST_RESPONSE_HOURS = 3 * 24


class DataRequest(models.Model):
    """A resident's request to see, correct or erase their data (UU PDP articles 5 to 8, 14).

    It is the "recorded request" of article 14: who asked is proven by the tracking code and
    the phone or email on file, and nothing new about them is stored except what they wrote
    in the message, encrypted.
    """

    class Kind(models.TextChoices):
        ACCESS = "akses", _("See my data (access)")
        CORRECTION = "koreksi", _("Correct my data")
        ERASURE = "hapus", _("Erase my data")

    class Status(models.TextChoices):
        OPEN = "terbuka", _("Open")
        DONE = "selesai", _("Done")
        REJECTED = "ditolak", _("Rejected")

    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="data_requests",
    )
    kind = models.CharField(_("request"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    message = EncryptedTextField(_("message from the resident"), blank=True)
    created_at = models.DateTimeField(_("received at"), default=timezone.now, db_index=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    staff_note = models.TextField(_("staff note"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.complaint_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def due_at(self) -> datetime.datetime:
        return self.created_at + datetime.timedelta(hours=DATA_REQUEST_RESPONSE_HOURS)

    def is_overdue(self, now=None) -> bool:
        return self.is_open and self.due_at < (now or timezone.now())
