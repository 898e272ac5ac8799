"""An Open311 client's API key: who it is, whether it still works, when it was last used.

Only a hash of the key is stored (keys.py makes and checks them); the key itself is shown to
staff once, when it is made.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class ApiKey(models.Model):
    client_name = models.CharField(
        _("client"),
        max_length=100,
        help_text=_("Who uses this key, e.g. “SP4N-LAPOR! Kabupaten” or “FixMyStreet Bandung”."),
    )
    contact = models.CharField(
        _("technical contact"),
        max_length=200,
        blank=True,
        help_text=_("Whom to call when the client misbehaves or the key must change."),
    )
    prefix = models.CharField(_("key starts with"), max_length=12, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Untick to revoke the key: it stops working at once."),
    )
    hourly_limit = models.PositiveIntegerField(
        _("submissions per hour"),
        default=100,
        help_text=_("New service requests this key may send per hour; 0 means no limit."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    requests_sent = models.PositiveIntegerField(
        _("service requests sent"), default=0, editable=False
    )

    panels = [
        FieldPanel("client_name"),
        FieldPanel("contact"),
        FieldPanel("hourly_limit"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["client_name", "-created_at"]
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")

    def __str__(self):
        return f"{self.client_name} ({self.prefix}…)"
