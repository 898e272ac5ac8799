"""How-to guides (panduan): what to bring, numbered steps, time and cost."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from pages.blocks import BodyBlock, StepBlock, VideoBlock

from .base import ContentPage, IndexPage


class GuidePage(ContentPage):
    page_description = _("A how-to guide: what to prepare and numbered steps.")
    requirements = StreamField(
        [("item", blocks.CharBlock(label=_("Requirement"), max_length=200))],
        verbose_name=_("what you need beforehand"),
        blank=True,
    )
    steps = StreamField([("step", StepBlock())], verbose_name=_("steps"), min_num=1)
    estimated_time = models.CharField(
        _("estimated time"), max_length=100, blank=True, help_text=_("E.g. 30 minutes")
    )
    estimated_cost = models.CharField(
        _("estimated cost"), max_length=100, blank=True, help_text=_("E.g. Free")
    )
    related_service = models.ForeignKey(
        "pages.ServicePage",
        verbose_name=_("related service"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    video = StreamField(
        [("video", VideoBlock())],
        verbose_name=_("video"),
        blank=True,
        max_num=1,
        help_text=_("Optional. It is only downloaded when the reader taps it."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("notes"), blank=True)

    parent_page_types = ["pages.GuideIndexPage"]
    subpage_types = []
    template = "pages/guide_page.html"

    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("requirements"),
        index.SearchField("steps"),
        index.SearchField("body"),
    ]
    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("requirements"),
        FieldPanel("steps"),
        MultiFieldPanel(
            [
                FieldPanel("estimated_time"),
                FieldPanel("estimated_cost"),
                FieldPanel("related_service"),
            ],
            heading=_("Time, cost and service"),
        ),
        FieldPanel("video"),
        FieldPanel("body"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("requirements"),
        APIField("steps"),
        APIField("estimated_time"),
        APIField("estimated_cost"),
        APIField("related_service"),
        APIField("video"),
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")


class GuideIndexPage(IndexPage):
    page_description = _("The list of guides (one per language).")
    subpage_types = ["pages.GuidePage"]
    template = "pages/guide_index_page.html"

    class Meta:
        verbose_name = _("guide list")
        verbose_name_plural = _("guide lists")
