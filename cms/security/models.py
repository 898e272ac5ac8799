from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PersonalDataAccess(models.Model):
    """One time staff saw residents' personal data: who, when, which record (UU PDP)."""

    class Action(models.TextChoices):
        VIEW = "view", _("Opened a complaint")
        EXPORT = "export", _("Exported a list")
        REVEAL_NIK = "reveal_nik", _("Revealed a NIK")
        DATA_REQUEST = "request", _("Showed data for a data request")
        REPLY_CODE = "reply_code", _("Issued a reply code")
        PHOTO = "photo", _("Viewed a complaint photo")
        SEARCH = "search", _("Searched complaints")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff user"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text too: the log outlives accounts and complaints.
    username = models.CharField(_("user name"), max_length=150)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        verbose_name=_("complaint"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tracking_code = models.CharField(_("tracking code"), max_length=13, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    records = models.PositiveIntegerField(_("records"), default=1)
    # A search's term is often personal data itself (a phone number, a NIK, a name): the log,
    # kept longer than the data, holds only its keyed hash, made by the app that owns the data
    # (a phone's equals the complaint's reporter_phone_hash). docs/privacy.md#access-log
    query_hash = models.CharField(_("search term (keyed hash)"), max_length=64, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data access log")

    def __str__(self):
        return f"{self.username} {self.action} {self.tracking_code or self.records}"

    @classmethod
    def record(cls, user, action, complaint=None, records=1, query_hash=""):
        return cls.objects.create(
            user=user,
            username=user.get_username(),
            complaint=complaint,
            tracking_code=complaint.tracking_code if complaint is not None else "",
            action=action,
            records=records,
            query_hash=query_hash,
        )


class EnrolmentCode(models.Model):
    """A single-use code an admin gives a colleague so they can set up two-factor sign-in.

    Without one, a password alone cannot pair an authenticator app (cms/security/enrolment.py).
    Only a hash is kept; the code itself is shown once, to the admin who issued it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff user"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    code_hash = models.CharField(max_length=128)
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(db_index=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    wrong_tries = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("two-factor enrolment code")
        verbose_name_plural = _("two-factor enrolment codes")

    def __str__(self):
        return f"{self.user_id} {self.expires_at:%Y-%m-%d %H:%M}"
