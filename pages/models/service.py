"""The service catalogue (layanan), after the PATEN scheme and its service standard.

The standard's components follow PermenPAN-RB 15/2014 (Pedoman Standar Pelayanan):
persyaratan, sistem/prosedur, waktu, biaya/tarif, produk, penanganan pengaduan.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from pages.blocks import BodyBlock

from .base import ContentPage, IndexPage

LIST_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class ServicePage(ContentPage):
    page_description = _(
        "A service of the kecamatan with its service standard: requirements, procedure, "
        "time, cost, product and complaints."
    )

    class Group(models.TextChoices):
        LICENSING = "perizinan", _("Licensing")
        NON_LICENSING = "non-perizinan", _("Non-licensing")
        CIVIL_REGISTRY = "adminduk", _("Civil registration")

    group = models.CharField(
        _("service group"), max_length=20, choices=Group.choices, default=Group.NON_LICENSING
    )
    requirements = RichTextField(_("requirements (persyaratan)"), features=LIST_FEATURES)
    procedure = RichTextField(
        _("system and procedure (sistem, mekanisme, prosedur)"), features=LIST_FEATURES
    )
    duration = models.CharField(
        _("completion time (waktu penyelesaian)"), max_length=120, help_text=_("E.g. 1 working day")
    )
    cost = models.CharField(
        _("cost or tariff (biaya/tarif)"),
        max_length=120,
        default="Gratis",
        help_text=_("E.g. Free"),
    )
    product = models.CharField(_("service product (produk layanan)"), max_length=200)
    complaint_handling = RichTextField(
        _("complaints, suggestions and feedback (pengaduan)"), features=LIST_FEATURES, blank=True
    )
    desk = models.CharField(
        _("service desk"), max_length=120, blank=True, help_text=_("E.g. Loket 2 PATEN")
    )
    contact = models.CharField(_("contact"), max_length=120, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("more information"), blank=True)

    parent_page_types = ["pages.ServiceIndexPage"]
    subpage_types = []
    template = "pages/service_page.html"

    search_fields = [
        *ContentPage.search_fields,
        index.SearchField("requirements"),
        index.SearchField("procedure"),
        index.SearchField("product"),
        index.FilterField("group"),
    ]
    content_panels = [
        *ContentPage.content_panels,
        FieldPanel("group"),
        MultiFieldPanel(
            [
                FieldPanel("requirements"),
                FieldPanel("procedure"),
                FieldPanel("duration"),
                FieldPanel("cost"),
                FieldPanel("product"),
                FieldPanel("complaint_handling"),
            ],
            heading=_("Service standard"),
        ),
        MultiFieldPanel([FieldPanel("desk"), FieldPanel("contact")], heading=_("Where to go")),
        FieldPanel("body"),
    ]
    api_fields = [
        *ContentPage.api_fields,
        APIField("group"),
        APIField("requirements"),
        APIField("procedure"),
        APIField("duration"),
        APIField("cost"),
        APIField("product"),
        APIField("complaint_handling"),
        APIField("desk"),
        APIField("contact"),
        APIField("body"),
    ]

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def guides(self):
        """Return the live guides of this page's language that explain this service.

        A translated guide may still point at the Indonesian service, so match on the
        service's translation key rather than on the page itself.
        """
        from .guide import GuidePage

        return (
            GuidePage.objects.live()
            .public()
            .filter(
                locale_id=self.locale_id,
                related_service__translation_key=self.translation_key,
            )
            .order_by("title")
        )


class ServiceIndexPage(IndexPage):
    page_description = _("The service catalogue (one per language).")
    subpage_types = ["pages.ServicePage"]
    template = "pages/service_index_page.html"

    class Meta:
        verbose_name = _("service catalogue")
        verbose_name_plural = _("service catalogues")

    def items(self):
        """Return services grouped as PATEN groups them, alphabetical within a group."""
        return super().items().order_by("group", "title")
