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

    class Meta:
        ordering = ["-at"]
        verbose_name = _("personal data access")
        verbose_name_plural = _("personal data access log")

    def __str__(self):
        return f"{self.username} {self.action} {self.tracking_code or self.records}"

    @classmethod
    def record(cls, user, action, complaint=None, records=1):
        return cls.objects.create(
            user=user,
            username=user.get_username(),
            complaint=complaint,
            tracking_code=complaint.tracking_code if complaint is not None else "",
            action=action,
            records=records,
        )
