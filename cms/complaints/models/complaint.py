"""A complaint or request from a resident, and its history (ComplaintEvent).

Personal data (reporter name, phone, email, NIK, the exact location) is kept apart from what
may ever be public; the selectors decide what leaves the building. Photos live in private
storage (a private bucket, or PRIVATE_MEDIA_ROOT) and are served only by a view that checks
who asks.
"""

import uuid
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinLengthValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from cms.security.crypto import EncryptedCharField, EncryptedDecimalField, EncryptedEmailField

from ..hashing import lookup_hash
from ..nik import nik_mask
from ..reply_codes import reply_code_for
from ..wording import resident_status_label
from .reference import ComplaintCategory, Desa
from .storage import private_storage

DESCRIPTION_MIN = 10
DESCRIPTION_MAX = 4000
AREA = Decimal("0.001")  # about 110 m of latitude: the coarse coordinates' precision
AREA_FIELD = {"max_digits": 6, "decimal_places": 3, "null": True, "blank": True, "editable": False}


def photo_upload_to(instance, filename):
    # Never the resident's file name (it can carry a name or a date); the extension is ours.
    return f"complaints/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.jpg"


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

    # The kecamatan (Wagtail site) that answered the request it came in, never a client's choice;
    # public lists, tracking and figures keep to it (docs/regency.md).
    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.PROTECT, related_name="complaints", editable=False
    )
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
    # From the list staff keep, never typed: the public figures count complaints per desa.
    # Empty: the resident did not know it or it is outside the list ("lainnya").
    desa = models.ForeignKey(
        Desa,
        verbose_name=_("village (desa/kelurahan)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    # Where exactly, as the resident gave it: personal data (it may be their home), encrypted
    # and erased with the reporter's details. Coordinates to 6 places (about 10 cm).
    location_text = EncryptedCharField(
        _("location"),
        max_length=300,
        blank=True,
        help_text=_("RT/RW, street, landmark."),
    )
    latitude = EncryptedDecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = EncryptedDecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    # The coordinates rounded to 3 places (about 110 m), for anything that may become public;
    # none for a confidential complaint. Set on save from the precise ones.
    area_latitude = models.DecimalField(_("latitude (about 110 m)"), **AREA_FIELD)
    area_longitude = models.DecimalField(_("longitude (about 110 m)"), **AREA_FIELD)
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
    # The whole name, any case and spacing, finds the reporter's complaints (hashing.py).
    reporter_name_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
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
    # The reporter's reply code is derived from it (reply_codes.py), never stored. NULL for
    # complaints made before reply codes existed: their reporter proves it with their contact.
    reply_nonce = models.CharField(max_length=32, null=True, blank=True, editable=False)
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
        # The coordinates' ranges are checked by validators: encrypted, the database cannot.
        constraints = [
            models.CheckConstraint(
                condition=models.Q(area_latitude__isnull=True)
                | models.Q(area_latitude__range=(-90, 90)),
                name="complaint_area_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(area_longitude__isnull=True)
                | models.Q(area_longitude__range=(-180, 180)),
                name="complaint_area_longitude_range",
            ),
        ]

    def __str__(self):
        return self.tracking_code

    def save(self, *args, **kwargs):
        self.reporter_name_hash = lookup_hash(self.reporter_name or "", "name")
        self.reporter_phone_hash = lookup_hash(self.reporter_phone or "")
        self.reporter_nik_hash = lookup_hash(self.reporter_nik or "", "nik")
        self.area_latitude, self.area_longitude = self.area_coordinates()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            derived = {
                "reporter_name_hash": "reporter_name",
                "reporter_phone_hash": "reporter_phone",
                "reporter_nik_hash": "reporter_nik",
                "area_latitude": "latitude",
                "area_longitude": "longitude",
            }
            kwargs["update_fields"] = {
                *update_fields,
                *(name for name, source in derived.items() if source in update_fields),
            }
        super().save(*args, **kwargs)

    def area_coordinates(self) -> tuple[Decimal | None, Decimal | None]:
        """Return the coordinates rounded to about 110 m; (None, None) when there are none or
        the complaint is confidential (never public, so nothing to coarsen for)."""
        if (
            self.latitude is None
            or self.longitude is None
            or self.privacy == self.Privacy.CONFIDENTIAL
        ):
            return None, None
        return (
            Decimal(self.latitude).quantize(AREA, rounding=ROUND_HALF_UP),
            Decimal(self.longitude).quantize(AREA, rounding=ROUND_HALF_UP),
        )

    @property
    def reply_code(self) -> str:
        """Return the reporter's reply code (`XXXXX-XXXXX`), "" for a complaint without one.

        Only for the reporter: the creating answer, the receipt, their messages, staff re-issuing.
        """
        return reply_code_for(self.tracking_code, self.reply_nonce)

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
    def resident_status(self) -> str:
        """Return the status in a resident's words (wording.py), not the office term."""
        return resident_status_label(self.status)

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
        # Staff gave the reporter a new reply code (the old one stops working); never public.
        REPLY_CODE_ISSUED = "reply_code_issued", _("New reply code issued")

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
