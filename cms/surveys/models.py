"""Survey responses (SKM) and the number of service users per period, for the sample size.

A response holds no identity: no name, no contact, no address, no IP. What keeps ballot
stuffing down is one response per closed complaint, per-client rate limits (counted in the
cache under a hash) and staff voiding suspicious responses with a reason.
"""

import contextlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from .elements import ELEMENTS
from .periods import period_parse

SUGGESTION_MAX = 1000


def _score_field(element):
    return models.PositiveSmallIntegerField(
        element.name, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )


class SurveyResponse(models.Model):
    class Channel(models.TextChoices):
        SERVICE_PAGE = "layanan", _("Service page")
        DESK = "loket", _("QR code at the service desk")
        COMPLAINT = "pengaduan", _("After a closed complaint")
        API = "api", _("API / app")

    class AgeBand(models.TextChoices):
        UNDER_20 = "lt20", _("Under 20")
        FROM_20 = "20-29", _("20 to 29")
        FROM_30 = "30-39", _("30 to 39")
        FROM_40 = "40-49", _("40 to 49")
        FROM_50 = "50-59", _("50 to 59")
        FROM_60 = "60+", _("60 or older")

    class Sex(models.TextChoices):
        MALE = "L", _("Male")
        FEMALE = "P", _("Female")

    class Education(models.TextChoices):
        PRIMARY = "sd", _("Primary school or less")
        JUNIOR = "smp", _("Junior high school")
        SENIOR = "sma", _("Senior high school")
        DIPLOMA = "d1-d3", _("Diploma (D1 to D3)")
        BACHELOR = "d4-s1", _("Bachelor (D4/S1)")
        MASTER = "s2+", _("Master or doctorate (S2/S3)")

    class Occupation(models.TextChoices):
        CIVIL_SERVANT = "pns", _("Civil servant")
        MILITARY_POLICE = "tni-polri", _("Military or police")
        PRIVATE = "swasta", _("Private employee")
        SELF_EMPLOYED = "wirausaha", _("Self-employed")
        FARMER = "petani", _("Farmer or fisher")
        STUDENT = "pelajar", _("Pupil or student")
        HOME = "rumah-tangga", _("Homemaker")
        OTHER = "lainnya", _("Other")

    service = models.ForeignKey(
        "pages.ServicePage",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_responses",
        help_text=_("Empty for a response about a complaint that belongs to no service."),
    )
    complaint = models.OneToOneField(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="survey_response",
    )
    channel = models.CharField(
        _("reached through"), max_length=10, choices=Channel.choices, default=Channel.SERVICE_PAGE
    )
    u1 = _score_field(ELEMENTS[0])
    u2 = _score_field(ELEMENTS[1])
    u3 = _score_field(ELEMENTS[2])
    u4 = _score_field(ELEMENTS[3])
    u5 = _score_field(ELEMENTS[4])
    u6 = _score_field(ELEMENTS[5])
    u7 = _score_field(ELEMENTS[6])
    u8 = _score_field(ELEMENTS[7])
    u9 = _score_field(ELEMENTS[8])
    age_band = models.CharField(_("age"), max_length=6, choices=AgeBand.choices, blank=True)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    education = models.CharField(
        _("education"), max_length=6, choices=Education.choices, blank=True
    )
    occupation = models.CharField(
        _("occupation"), max_length=12, choices=Occupation.choices, blank=True
    )
    suggestion = models.TextField(_("suggestion"), max_length=SUGGESTION_MAX, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, db_index=True)
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True)

    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    void_reason = models.CharField(_("reason for voiding"), max_length=300, blank=True)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [models.Index(fields=["service", "submitted_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(**{f"{element.field}__range": (1, 4) for element in ELEMENTS}),
                name="survey_scores_1_to_4",
            ),
        ]

    def __str__(self):
        return f"SKM #{self.pk} {self.submitted_at:%Y-%m-%d}"

    @property
    def scores(self) -> list[int]:
        return [getattr(self, element.field) for element in ELEMENTS]

    @property
    def is_void(self) -> bool:
        return self.voided_at is not None


def period_validator(value: str):
    try:
        period_parse(value)
    except ValueError:
        raise ValidationError(_("Write a period as 2025, 2025-S1, 2025-Q3 or 2025-07.")) from None


class ServiceUserCount(models.Model):
    """How many people used a service (or the whole kecamatan) in a period; sizes the sample."""

    service = models.ForeignKey(
        "pages.ServicePage",
        verbose_name=_("service"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leave empty for all services of the kecamatan together."),
    )
    period = models.CharField(
        _("period"),
        max_length=7,
        validators=[period_validator],
        help_text=_("2025 for a year, 2025-S1 a semester, 2025-Q3 a quarter, 2025-07 a month."),
    )
    users = models.PositiveIntegerField(_("number of service users"))

    panels = [FieldPanel("service"), FieldPanel("period"), FieldPanel("users")]

    class Meta:
        ordering = ["-period"]
        verbose_name = _("number of service users")
        verbose_name_plural = _("numbers of service users")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "period"],
                condition=models.Q(service__isnull=False),
                name="service_users_once_per_period",
            ),
            models.UniqueConstraint(
                fields=["period"],
                condition=models.Q(service__isnull=True),
                name="kecamatan_users_once_per_period",
            ),
        ]

    def __str__(self):
        return f"{self.period}: {self.users}"

    def clean(self):
        if self.period:
            with contextlib.suppress(ValueError):  # period_validator reports it
                self.period = period_parse(self.period).key
