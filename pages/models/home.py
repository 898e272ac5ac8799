"""The home page: urgent news first, then the latest, featured guides and quick links."""

from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable

from pages.api_fields import FeaturedPagesField, QuickLinksField
from pages.blocks import QuickLinkBlock

from .announcement import AnnouncementIndexPage, AnnouncementPage
from .base import BasePage, for_cards
from .event import EventPage
from .guide import GuidePage
from .infographic import InfographicPage

LATEST_COUNT = 6
HIGHLIGHT_COUNT = 3


class HomePage(BasePage):
    page_description = _("The front page of the site (one per language).")
    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=400, blank=True)
    quick_links = StreamField(
        [("link", QuickLinkBlock())],
        verbose_name=_("quick links"),
        blank=True,
        max_num=8,
        help_text=_("Shortcuts to the complaint form, services and the most used guides."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "pages.AnnouncementIndexPage",
        "pages.InfographicIndexPage",
        "pages.GuideIndexPage",
        "pages.ServiceIndexPage",
        "pages.EventIndexPage",
        "pages.StandardPage",
    ]
    template = "pages/home_page.html"

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Hero")),
        FieldPanel("quick_links"),
        InlinePanel("featured_pages", label=_("Featured guide or infographic"), max_num=6),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("hero_title"),
        APIField("hero_text"),
        APIField("quick_links", serializer=QuickLinksField()),
        APIField("featured_pages", serializer=FeaturedPagesField()),
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def announcements(self):
        """Return current announcements of this home page's tree: urgent and pinned first."""
        rank = Case(
            When(urgency=AnnouncementPage.Urgency.EMERGENCY, then=Value(0)),
            When(Q(urgency=AnnouncementPage.Urgency.IMPORTANT) | Q(pinned=True), then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        return for_cards(
            AnnouncementPage.objects.descendant_of(self)
            .live()
            .public()
            .current()
            .annotate(rank=rank)
            .order_by("rank", "-display_date", "-pk")
        )

    def featured(self) -> list:
        """Return the featured guides and infographics, live, in this home page's language.

        An editor may have picked the Indonesian page on the English home: its translation is
        shown. A fixed number of queries, whatever the number of pages.
        """
        keys = list(
            self.featured_pages.order_by("sort_order").values_list(
                "page__translation_key", flat=True
            )
        )
        found = {}
        for model in (GuidePage, InfographicPage):
            pages = model.objects.filter(translation_key__in=keys, locale_id=self.locale_id)
            for page in for_cards(pages.live().public()):
                found[page.translation_key] = page
        return [found[key] for key in keys if key in found]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        announcements = list(self.announcements()[: LATEST_COUNT + HIGHLIGHT_COUNT])
        context["highlighted"] = [a for a in announcements if a.rank < 2][:HIGHLIGHT_COUNT]
        context["latest"] = [a for a in announcements if a not in context["highlighted"]][
            :LATEST_COUNT
        ]
        context["featured"] = self.featured()
        context["announcement_index"] = (
            AnnouncementIndexPage.objects.child_of(self).live().public().first()
        )
        now = timezone.now()
        context["events"] = for_cards(
            EventPage.objects.descendant_of(self)
            .live()
            .public()
            .filter(Q(end__gte=now) | Q(end__isnull=True, start__gte=now))
            .order_by("start")
        )[:3]
        return context


class HomeFeaturedPage(Orderable):
    home = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_pages")
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("page", ["pages.GuidePage", "pages.InfographicPage"])]
    api_fields = [APIField("page")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured page")
        verbose_name_plural = _("featured pages")
