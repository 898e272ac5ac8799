"""Infographics: a (possibly tall) image with a required text equivalent."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.search import index

from pages.api_fields import ImageRenditionsField

from .base import ContentPage, IndexPage


class InfographicPage(ContentPage):
    page_description = _("An image that explains figures or a process, with its text equivalent.")
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("infographic image"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("At least 1440 pixels wide; it may be tall. Residents can open it full size."),
    )
    text_equivalent = RichTextField(
        _("text equivalent"),
        features=["h2", "h3", "bold", "italic", "ol", "ul", "link"],
        help_text=_(
            "Everything the image says, written out: for screen readers and for readers on "
            "slow connections who do not load the image."
        ),
    )
    data_source = models.CharField(_("data source"), max_length=200, blank=True)
    data_date = models.DateField(_("date of the data"), null=True, blank=True)

    parent_page_types = ["pages.InfographicIndexPage"]
    subpage_types = []
    template = "pages/infographic_page.html"

    search_fields = [*ContentPage.search_fields, index.SearchField("text_equivalent")]
    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("image"),
        FieldPanel("text_equivalent"),
        MultiFieldPanel(
            [FieldPanel("data_source"), FieldPanel("data_date")], heading=_("Source of the data")
        ),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("image", serializer=ImageRenditionsField()),
        APIField("text_equivalent"),
        APIField("data_source"),
        APIField("data_date"),
    ]

    class Meta:
        verbose_name = _("infographic")
        verbose_name_plural = _("infographics")


class InfographicIndexPage(IndexPage):
    page_description = _("The list of infographics (one per language).")
    subpage_types = ["pages.InfographicPage"]
    template = "pages/infographic_index_page.html"

    class Meta:
        verbose_name = _("infographic list")
        verbose_name_plural = _("infographic lists")
