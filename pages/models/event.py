"""Events: sosialisasi and training sessions, listed as upcoming or past."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from pages.blocks import BodyBlock

from .base import ContentPage, IndexPage


class EventPage(ContentPage):
    page_description = _("A socialisation or training session with its time and place.")
    start = models.DateTimeField(_("starts"), db_index=True)
    end = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    audience = models.CharField(
        _("for whom"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Ibu rumah tangga, kader posyandu"),
    )
    what_to_bring = models.TextField(_("what to bring"), blank=True, max_length=1000)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["pages.EventIndexPage"]
    subpage_types = []
    template = "pages/event_page.html"

    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("place"),
        index.SearchField("audience"),
        index.SearchField("body"),
        index.FilterField("start"),
    ]
    content_panels = [
        *ContentPage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("place"),
                FieldPanel("audience"),
                FieldPanel("what_to_bring"),
            ],
            heading=_("When and where"),
        ),
        FieldPanel("body"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("start"),
        APIField("end"),
        APIField("place"),
        APIField("audience"),
        APIField("what_to_bring"),
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must come after the start.")})

    @property
    def is_past(self) -> bool:
        return (self.end or self.start) < timezone.now()


class EventIndexPage(IndexPage):
    page_description = _("The list of events, upcoming and past (one per language).")
    subpage_types = ["pages.EventPage"]
    template = "pages/event_index_page.html"

    class Meta:
        verbose_name = _("event list")
        verbose_name_plural = _("event lists")

    def filter_items(self, request, items):
        """Upcoming events soonest first by default; `?waktu=lalu` lists past ones, latest first."""
        items, extra = super().filter_items(request, items)
        now = timezone.now()
        ongoing = Q(end__gte=now) | Q(end__isnull=True, start__gte=now)
        if request.GET.get("waktu") == "lalu":
            past = {**extra, "showing_past": True, "extra_query": "waktu=lalu"}
            return items.exclude(ongoing).order_by("-start"), past
        return items.filter(ongoing).order_by("start"), {**extra, "showing_past": False}
