"""Plain pages (Tentang kami, Kontak, Kebijakan privasi, ...)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from pages.blocks import BodyBlock

from .base import BasePage


class StandardPage(BasePage):
    page_description = _("A plain page, such as About us or the privacy policy.")
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = ["pages.StandardPage"]
    template = "pages/standard_page.html"

    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
