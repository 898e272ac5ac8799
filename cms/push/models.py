"""Phones that asked for Web Push, what they asked about, and each announcement's sending.

A subscription is personal data (UU PDP): its endpoint URL identifies one browser on one phone,
its keys read what is sent to it. Endpoint and keys are encrypted at rest
(cms/security/crypto.py); a keyed hash of the endpoint finds a subscription again when the same
phone subscribes or unsubscribes. Nothing else about the resident is kept.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms.security.crypto import EncryptedCharField, EncryptedTextField

DARURAT = "darurat"
EVENTS = "events"
CATEGORY_PREFIX = "category:"
COMPLAINT_PREFIX = "complaint:"


class Subscription(models.Model):
    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+", verbose_name=_("site")
    )
    endpoint = EncryptedTextField(_("endpoint"))
    endpoint_hash = models.CharField(max_length=64, unique=True, editable=False)
    p256dh = EncryptedCharField(max_length=200)
    auth = EncryptedCharField(max_length=100)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("push subscription")
        verbose_name_plural = _("push subscriptions")

    def __str__(self):
        return f"Subscription {self.pk}"

    def info(self) -> dict:
        """Return the subscription as the browser gave it (PushSubscription JSON)."""
        return {"endpoint": self.endpoint, "keys": {"p256dh": self.p256dh, "auth": self.auth}}


class Topic(models.Model):
    """One thing a subscription asked to hear about.

    `name` is `darurat`, `events`, `category:<slug>` or `complaint:<tracking code>` (the reply
    code that proved the reporter is never stored). A complaint topic keeps a keyed hash of the
    complaint's reply nonce at subscription time: once staff issue a new reply code, the phone
    that subscribed with the old one hears nothing more.
    """

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="topics")
    name = models.CharField(max_length=80, db_index=True)
    complaint = models.ForeignKey(
        "complaints.Complaint",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    proof_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "name"], name="push_topic_unique")
        ]

    def __str__(self):
        return self.name


class Broadcast(models.Model):
    """One sending of one page to its subscribers, with what came of it: an announcement (on
    first publishing, or resent by staff) or an event's reminder the day before it starts (at
    most one per event, which the constraint below guarantees)."""

    class Kind(models.TextChoices):
        ANNOUNCEMENT = "announcement", _("Announcement")
        EVENT = "event", _("Event reminder")

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        DONE = "done", _("Sent")

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ANNOUNCEMENT)
    urgency = models.CharField(max_length=10)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    resend = models.BooleanField(default=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveIntegerField(default=0)
    sent = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    removed = models.PositiveIntegerField(
        default=0, help_text="Subscriptions the push service said are gone (404/410), deleted."
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["page"], condition=models.Q(kind="event"), name="push_event_reminded_once"
            )
        ]
        verbose_name = _("push sending")
        verbose_name_plural = _("push sendings")

    def __str__(self):
        return f"Broadcast {self.pk} of page {self.page_id}"

    @property
    def outcome(self) -> str:
        """Return the state in staff's words, saying so when phones were missed: "Sent" over a
        warning that reached no phone would be read as delivered."""
        if self.state == self.State.DONE and self.failed:
            if self.sent == 0:
                return str(_("None delivered"))
            return str(_("Sent, some failed"))
        return str(self.get_state_display())
