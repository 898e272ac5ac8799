"""A new kecamatan on an install that already serves others: its site, tree and settings.

One install can serve every kecamatan of a regency (docs/regency.md). Each kecamatan is a
Wagtail site with its own hostname and home page tree: the home, the five listings residents
know (announcements, infographics, guides, services, events) in Indonesian and English, and
its own Settings > Kecamatan. Staff then fill the tree in the admin as on a first install.
`manage.py add_kecamatan` calls this; so does the demo.
"""

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from pages.models import (
    AnnouncementIndexPage,
    EventIndexPage,
    GuideIndexPage,
    HomePage,
    InfographicIndexPage,
    KecamatanSettings,
    RegencyHomePage,
    ServiceIndexPage,
)

HOSTNAME = re.compile(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$"
)


class KecamatanSiteError(ValueError):
    """The new kecamatan cannot be made as asked (the message says why)."""


@dataclass
class Listing:
    model: type
    slug: str


# The listings every kecamatan starts with; slugs as residents know them from the first one.
LISTINGS = [
    Listing(AnnouncementIndexPage, "pengumuman"),
    Listing(InfographicIndexPage, "infografis"),
    Listing(GuideIndexPage, "panduan"),
    Listing(ServiceIndexPage, "layanan"),
    Listing(EventIndexPage, "kegiatan"),
]


def _texts(model: type, name: str) -> dict:
    """Return the starting title, summary and introduction of a listing in the active language."""
    texts = {
        AnnouncementIndexPage: (_("Announcements"), _("Official announcements of %(name)s.")),
        InfographicIndexPage: (_("Infographics"), _("%(name)s in pictures, each with its text.")),
        GuideIndexPage: (_("Guides"), _("Step by step: what to bring and where to go.")),
        ServiceIndexPage: (
            _("Service catalogue"),
            _("Requirements, procedure, time and cost of each service of %(name)s."),
        ),
        EventIndexPage: (_("Events"), _("Upcoming events of %(name)s, soonest first.")),
    }
    title, summary = texts[model]
    return {"title": title, "summary": summary % {"name": name}, "show_in_menus": True}


def _free_hostname(hostname: str, port: int) -> str:
    hostname = hostname.strip().lower()
    if not HOSTNAME.match(hostname):
        raise KecamatanSiteError(_("%(host)s is not a host name.") % {"host": hostname})
    if Site.objects.filter(hostname=hostname, port=port).exists():
        raise KecamatanSiteError(
            _("%(host)s:%(port)s already serves a site.") % {"host": hostname, "port": port}
        )
    return hostname


def _free_slug(name: str, hostname: str, prefix: str) -> str:
    slug = slugify(name.removeprefix(prefix).strip()) or slugify(prefix)
    if Page.objects.child_of(Page.get_first_root_node()).filter(slug=slug).exists():
        slug = slugify(hostname.replace(".", "-"))
    return slug


def _site(name: str, hostname: str, port: int, home: Page, *, regency: str, province: str):
    """Create the site serving `home` and its Settings > Kecamatan (name, regency, province)."""
    site = Site.objects.create(hostname=hostname, port=port, root_page=home, site_name=name)
    settings = KecamatanSettings.for_site(site)
    settings.name, settings.regency, settings.province = name, regency, province
    settings.save()
    return site


@transaction.atomic
def create_regency_site(name: str, hostname: str, port: int = 80, province: str = "") -> Site:
    """Create the regency's own site at `hostname`:`port`: a RegencyHomePage (the urgent
    announcements of every kecamatan and their directory), in Indonesian and English.

    Raise KecamatanSiteError when the hostname is malformed or already serves a site.
    """
    hostname = _free_hostname(hostname, port)
    indonesian = Locale.objects.get_or_create(language_code="id")[0]
    english = Locale.objects.filter(language_code="en").first()
    slug = _free_slug(name, hostname, "Kabupaten ")

    def texts() -> dict:  # in the active language
        summary = _("The kecamatan of %(name)s: urgent news and where to find each office.")
        return {"title": _("Home"), "hero_title": name, "summary": summary % {"name": name}}

    with translation.override("id"):
        home = RegencyHomePage(slug=slug, locale=indonesian, **texts())
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
    if english is not None:
        with translation.override("en"):
            translated = home.copy_for_translation(english, copy_parents=True).specific
            for field, value in texts().items():
                setattr(translated, field, value)
            translated.save_revision().publish()
    return _site(name, hostname, port, home, regency=name, province=province)


@transaction.atomic
def create_kecamatan_site(
    name: str, hostname: str, port: int = 80, regency: str = "", province: str = ""
) -> Site:
    """Create the site of kecamatan `name` at `hostname`:`port`, with its tree and settings.

    Raise KecamatanSiteError when the hostname is malformed or already serves a site.
    """
    hostname = _free_hostname(hostname, port)
    indonesian = Locale.objects.get_or_create(language_code="id")[0]
    english = Locale.objects.filter(language_code="en").first()
    root = Page.get_first_root_node()
    slug = _free_slug(name, hostname, "Kecamatan ")

    with translation.override("id"):
        home = HomePage(
            title=_("Home"),
            slug=slug,
            locale=indonesian,
            hero_title=name,
            summary=_("Information and services of %(name)s.") % {"name": name},
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        listings = []
        for listing in LISTINGS:
            page = listing.model(
                slug=listing.slug, locale=indonesian, **_texts(listing.model, name)
            )
            home.add_child(instance=page)
            page.save_revision().publish()
            listings.append(page)

    if english is not None:
        with translation.override("en"):
            for page in [home, *listings]:
                translated = page.copy_for_translation(english, copy_parents=True).specific
                if isinstance(translated, HomePage):
                    translated.title = _("Home")
                    translated.summary = _("Information and services of %(name)s.") % {"name": name}
                else:
                    for field, value in _texts(type(translated), name).items():
                        setattr(translated, field, value)
                translated.save_revision().publish()

    return _site(name, hostname, port, home, regency=regency, province=province)
