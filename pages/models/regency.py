"""The regency's (kabupaten) home page: the urgent news of every kecamatan and their directory.

A regency that runs its kecamatan's sites from one install (docs/regency.md) gives itself a
site too, whose home is this page. Everything on it is read from the kecamatan's own sites,
in a fixed number of queries whatever their number.
"""

from dataclasses import dataclass

from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Page, Site

from .announcement import AnnouncementPage
from .base import BasePage, for_cards
from .home import HomePage
from .settings import KecamatanSettings

URGENT_COUNT = 12


@dataclass
class Kecamatan:
    """One entry of the regency's directory."""

    site: Site
    settings: KecamatanSettings
    home: Page | None  # its home page in the language of the regency page shown
    root_paths: tuple[str, ...]  # the url_path of its home in every language

    @property
    def name(self) -> str:
        return self.settings.name or self.site.site_name or self.site.hostname

    def holds(self, page: Page) -> bool:
        return page.url_path.startswith(self.root_paths)


class RegencyHomePage(BasePage):
    page_description = _(
        "The front page of a regency's site: urgent announcements of every kecamatan and their "
        "directory (one per language)."
    )
    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=400, blank=True)

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["pages.StandardPage"]
    template = "pages/regency_home_page.html"

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Hero")),
    ]
    api_fields = [*BasePage.api_fields, APIField("hero_title"), APIField("hero_text")]

    class Meta:
        verbose_name = _("regency home page")
        verbose_name_plural = _("regency home pages")

    def kecamatan(self) -> list[Kecamatan]:
        """Return every site whose home is a kecamatan's home page, by name (three queries)."""
        sites = {
            site.pk: site
            for site in Site.objects.filter(
                root_page__content_type__model=HomePage._meta.model_name,
                root_page__content_type__app_label=HomePage._meta.app_label,
            ).select_related("root_page")
        }
        found = {s.site_id: s for s in KecamatanSettings.objects.filter(site_id__in=sites)}
        roots = {site.root_page.translation_key: site.pk for site in sites.values()}
        homes = {
            roots[home.translation_key]: home
            for home in HomePage.objects.live().filter(
                translation_key__in=roots, locale_id=self.locale_id
            )
        }
        paths: dict[int, list[str]] = {}
        for entry in Site.get_site_root_paths():
            paths.setdefault(entry.site_id, []).append(entry.root_path)
        entries = [
            Kecamatan(
                site=site,
                settings=found.get(pk) or KecamatanSettings(site=site, name=site.site_name),
                home=homes.get(pk),
                root_paths=tuple(paths.get(pk, ())),
            )
            for pk, site in sites.items()
        ]
        return sorted(entries, key=lambda entry: entry.name.lower())

    def urgent(self, kecamatan: list[Kecamatan]) -> list[AnnouncementPage]:
        """Return the current emergency and important announcements of every kecamatan in
        this page's language, emergencies first, newest first; each knows its kecamatan
        (`.kecamatan`)."""
        prefixes = Q()
        for entry in kecamatan:
            for path in entry.root_paths:
                prefixes |= Q(url_path__startswith=path)
        if not prefixes:
            return []
        rank = Case(
            When(urgency=AnnouncementPage.Urgency.EMERGENCY, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        pages = list(
            for_cards(
                AnnouncementPage.objects.live()
                .public()
                .current()
                .filter(prefixes, locale_id=self.locale_id)
                .filter(
                    urgency__in=[
                        AnnouncementPage.Urgency.EMERGENCY,
                        AnnouncementPage.Urgency.IMPORTANT,
                    ]
                )
                .annotate(rank=rank)
                .order_by("rank", "-display_date", "-pk")
            )[:URGENT_COUNT]
        )
        for page in pages:
            page.kecamatan = next((e for e in kecamatan if e.holds(page)), None)
        return pages

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        kecamatan = self.kecamatan()
        context["kecamatan"] = kecamatan
        context["urgent"] = self.urgent(kecamatan)
        return context
