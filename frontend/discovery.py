"""How search engines and feed readers find the content: sitemap.xml, robots.txt, RSS/Atom.

The sitemap lists every live, public page of both languages once, each with its
translations as `hreflang` alternates (https://developers.google.com/search/docs/specialty/
international/localized-versions#sitemap). Feeds carry announcements (all, or one category)
and events, newest first, with absolute links and no tracking parameters.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from pages.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    Category,
    EventIndexPage,
    EventPage,
    KecamatanSettings,
)
from pages.sites import in_site

FEED_ITEMS = 30
# Hidden from crawlers: the admin, the API's machine answers and staff documents. Residents'
# own pages (tracking, receipt) are not listed: they say `noindex`, which a crawler can read
# only on a page it may fetch, in both languages alike.
ROBOTS_DISALLOW = ["/admin/", "/api/", "/documents/"]
# Public pages that are views rather than Wagtail pages, by URL name, in every language.
SITEMAP_VIEWS = ["complaint-list", "transparency", "privacy", "install_help"]


def _site(request) -> Site:
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("no site")
    return site


def sitemap(request):
    """Return sitemap.xml: live public pages of every locale with their alternates (2 queries)."""
    site = _site(request)
    # This site's pages only: Site.get_site_root_paths() lists every site's roots.
    pages = (
        in_site(Page.objects.live().public(), site)
        .filter(depth__gt=1)
        .exclude(url_path="/")
        .select_related("locale")
        .only("id", "url_path", "translation_key", "last_published_at", "locale__language_code")
        .order_by("path")
    )
    base = site.root_url
    entries = []
    by_translation = defaultdict(list)
    for page in pages:
        url = page.get_url(request=request)  # uses the site's cached root paths, no query
        if not url:
            continue
        location = url if url.startswith("http") else base + url
        entry = {
            "location": location,
            "lastmod": page.last_published_at,
            "language": page.locale.language_code,
            "key": page.translation_key,
        }
        entries.append(entry)
        by_translation[page.translation_key].append(entry)
    languages = [code for code, _name in settings.LANGUAGES]
    for name in SITEMAP_VIEWS:
        for language in languages:
            with translation.override(language):
                location = base + reverse(name)
            entry = {"location": location, "lastmod": None, "language": language, "key": name}
            entries.append(entry)
            by_translation[name].append(entry)
    for entry in entries:
        siblings = by_translation[entry["key"]]
        entry["alternates"] = siblings if len(siblings) > 1 else []
    response = render(
        request, "discovery/sitemap.xml", {"entries": entries}, content_type="application/xml"
    )
    response["Cache-Control"] = "public, max-age=3600"
    return response


def robots(request):
    lines = ["User-agent: *", *[f"Disallow: {path}" for path in ROBOTS_DISALLOW]]
    from frontend.sharing import absolute

    lines.append(f"Sitemap: {absolute(request, '/sitemap.xml')}")
    response = HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


class AnnouncementFeed(Feed):
    """RSS 2.0 of current announcements (all, or of one category by slug)."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, category=None):
        self.request = request
        self.language = translation.get_language()
        self.kecamatan = KecamatanSettings.for_request(request)
        self.site = Site.find_for_request(request)  # each kecamatan's feed has its own pages
        if category is None:
            return None
        found = Category.objects.filter(slug=category).first()
        if found is None:
            raise Http404(category)
        return found

    def title(self, category):
        name = self.kecamatan.name
        if category is not None:
            return _("%(category)s – announcements of %(name)s") % {
                "category": category.label,
                "name": name,
            }
        return _("Announcements of %(name)s") % {"name": name}

    index_model = AnnouncementIndexPage

    def link(self, category):
        index = (
            in_site(self.index_model.objects.live(), self.site)
            .filter(locale__language_code=self.language)
            .order_by("path")
            .first()
        )
        url = index.get_full_url(self.request) if index else self.request.build_absolute_uri("/")
        return f"{url}?kategori={category.slug}" if category is not None else url

    def description(self, category):
        return _("The latest announcements, newest first.")

    def items(self, category):
        queryset = (
            in_site(AnnouncementPage.objects.live().public(), self.site)
            .filter(locale__language_code=self.language)
            .select_related("category")
            .order_by("-display_date", "-first_published_at")
        )
        if category is not None:
            queryset = queryset.filter(category=category)
        return list(queryset[:FEED_ITEMS])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    item_guid_is_permalink = True

    def author_name(self, category):
        # Atom requires an author (RFC 4287, 4.1.1); the kecamatan publishes everything.
        return self.kecamatan.name

    def author_link(self, category):
        return self.request.build_absolute_uri("/")

    def item_pubdate(self, item):
        # The date the page shows (pages.models.base.ContentPage.published_at).
        return item.published_at

    def item_updateddate(self, item):
        return max(filter(None, [item.last_published_at, item.published_at]))

    def item_categories(self, item):
        return [item.category.name] if item.category_id else []


class AnnouncementAtomFeed(AnnouncementFeed):
    feed_type = Atom1Feed

    def subtitle(self, category):
        return self.description(category)


class EventFeed(AnnouncementFeed):
    """RSS 2.0 of upcoming events, soonest first."""

    index_model = EventIndexPage

    def get_object(self, request, category=None):
        return super().get_object(request, None)

    def title(self, category):
        return _("Events of %(name)s") % {"name": self.kecamatan.name}

    def description(self, category):
        return _("Upcoming events, soonest first.")

    def items(self, category):
        return list(
            in_site(EventPage.objects.live().public(), self.site)
            .filter(locale__language_code=self.language)
            .filter(Q(end__gte=timezone.now()) | Q(end__isnull=True, start__gte=timezone.now()))
            .order_by("start")[:FEED_ITEMS]
        )

    def item_categories(self, item):
        return []


class EventAtomFeed(EventFeed):
    feed_type = Atom1Feed

    def subtitle(self, category):
        return self.description(category)


def feed_links(request) -> list[tuple[str, str, str]]:
    """Return (title, type, url) of the feeds, for <link rel="alternate"> in the page head."""
    return [
        (_("Announcements (RSS)"), "application/rss+xml", reverse("feed-announcements")),
        (_("Announcements (Atom)"), "application/atom+xml", reverse("feed-announcements-atom")),
        (_("Events (RSS)"), "application/rss+xml", reverse("feed-events")),
    ]
