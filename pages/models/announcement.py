"""Announcements (pengumuman): urgent ones become a site-wide banner until they expire."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from pages.blocks import BodyBlock
from pages.panels import PageInfoPanel

from .base import ContentPage, IndexPage


class AnnouncementQuerySet(PageQuerySet):
    def current(self):
        """Return announcements that have no end date or whose end date is still ahead."""
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gt=timezone.now()))

    def urgent(self):
        return self.filter(urgency=AnnouncementPage.Urgency.EMERGENCY)


class AnnouncementPage(ContentPage):
    page_description = _(
        "News for residents: notices, schedules, warnings. Can be urgent, pinned or expire."
    )

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("Normal")
        IMPORTANT = "penting", _("Important")
        EMERGENCY = "darurat", _("Emergency")

    urgency = models.CharField(
        _("urgency"),
        max_length=10,
        choices=Urgency.choices,
        default=Urgency.NORMAL,
        db_index=True,
        help_text=_("An emergency announcement shows as a banner on every page until it expires."),
    )
    pinned = models.BooleanField(
        _("pinned"), default=False, help_text=_("Pinned announcements come first on the home page.")
    )
    valid_until = models.DateTimeField(
        _("valid until"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("After this moment it leaves the listings and is marked as expired."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    objects = PageManager.from_queryset(AnnouncementQuerySet)()

    parent_page_types = ["pages.AnnouncementIndexPage"]
    subpage_types = []
    template = "pages/announcement_page.html"

    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("body"),
        index.FilterField("urgency"),
        index.FilterField("valid_until"),
    ]
    content_panels = [
        *ContentPage.content_panels,
        MultiFieldPanel(
            [FieldPanel("urgency"), FieldPanel("pinned"), FieldPanel("valid_until")],
            heading=_("Urgency and validity"),
        ),
        # What other apps know of a published announcement (push: sendings and their counts).
        PageInfoPanel("announcement_info", heading=_("Notifications sent")),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Attachments"), heading=_("Attachments")),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("urgency"),
        APIField("pinned"),
        APIField("valid_until"),
        APIField("is_expired"),
        APIField("body"),
        APIField("attachments"),
    ]

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")

    @property
    def is_expired(self) -> bool:
        return self.valid_until is not None and self.valid_until <= timezone.now()


class AnnouncementAttachment(Orderable):
    page = ParentalKey(AnnouncementPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField(
        _("link text"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to use the document's title."),
    )

    panels = [FieldPanel("document"), FieldPanel("title")]
    api_fields = [APIField("document"), APIField("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")


class AnnouncementIndexPage(IndexPage):
    page_description = _("The list of announcements (one per language).")
    subpage_types = ["pages.AnnouncementPage"]
    template = "pages/announcement_index_page.html"

    class Meta:
        verbose_name = _("announcement list")
        verbose_name_plural = _("announcement lists")

    def items(self):
        """Return current announcements only: expired ones leave the listing."""
        return super().items().current()
