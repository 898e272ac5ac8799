"""Template helpers for the public site."""

import datetime

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

from pages.models import AnnouncementPage
from pages.signals import content_version

register = template.Library()

BANNER_MAX_AGE = 300  # seconds; an expiring banner is re-checked at least this often


@register.inclusion_tag("components/urgent_banner.html")
def urgent_banner():
    """Render the live emergency announcements of the active language, until they expire."""
    language = get_language() or "id"
    key = f"urgent-banner:{language}:{content_version()}"
    banner = cache.get(key)
    if banner is None:
        locale = Locale.objects.filter(language_code=language).first()
        pages = AnnouncementPage.objects.live().public().current().urgent()
        if locale is not None:
            pages = pages.filter(locale=locale)
        banner = [
            {"title": page.title, "url": page.url, "valid_until": page.valid_until}
            for page in pages.order_by("-display_date")[:3]
        ]
        timeout = BANNER_MAX_AGE
        ends = [item["valid_until"] for item in banner if item["valid_until"]]
        if ends:
            seconds_left = (min(ends) - timezone.now()).total_seconds()
            timeout = max(1, min(timeout, int(seconds_left) + 1))
        cache.set(key, banner, timeout)
    now = timezone.now()
    return {
        "items": [item for item in banner if not item["valid_until"] or item["valid_until"] > now]
    }


@register.simple_tag(takes_context=True)
def translation_links(context):
    """Return [(language_code, language_name, url, is_active)] for the language switch.

    A page links to its own translation, keeping the query string (a listing's filter or tab);
    an untranslated page links to its nearest translated ancestor, else that language's home.
    A view that is not a page (search) links to the same view in the other language.
    """
    request = context.get("request")
    page = context.get("page")
    active = get_language() or settings.LANGUAGE_CODE
    query = request.META.get("QUERY_STRING", "") if request is not None else ""
    suffix = f"?{query}" if query else ""
    urls = {}
    if page is not None and getattr(page, "pk", None):
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            urls[translation.locale.language_code] = translation.get_url(request) + suffix
        missing = {code for code, _name in settings.LANGUAGES} - urls.keys()
        if missing:
            ancestors = page.get_ancestors().filter(depth__gte=2).order_by("-depth")
            for ancestor in ancestors:
                for translation in ancestor.get_translations().live().select_related("locale"):
                    code = translation.locale.language_code
                    if code in missing:
                        urls[code] = translation.get_url(request)
                        missing.discard(code)
                if not missing:
                    break
    elif request is not None and request.resolver_match is not None:
        for code, _name in settings.LANGUAGES:
            urls[code] = translate_url(request.path, code) + suffix
    links = []
    for code, name in settings.LANGUAGES:
        url = urls.get(code) or ("/" if code == settings.LANGUAGE_CODE else f"/{code}/")
        links.append((code, name, url, code == active))
    return links


@register.simple_tag(takes_context=True)
def site_menu(context):
    """Return {"home_url", "items": [{"title", "url"}]} for the active language's home page.

    Items are the home page's live children marked "show in menus"; cached until content changes.
    """
    request = context.get("request")
    if request is None:
        return {"home_url": "/", "items": []}
    site = Site.find_for_request(request)
    if site is None:
        return {"home_url": "/", "items": []}
    language = get_language() or "id"
    key = f"site-menu:{site.pk}:{language}:{content_version()}"
    menu = cache.get(key)
    if menu is None:
        home = site.root_page.localized
        menu = {
            "home_url": home.get_url(request) or "/",
            "items": [
                {"title": child.title, "url": child.get_url(request)}
                for child in home.get_children().live().public().in_menu()
            ]
            # Not a page: the complaint service every resident should find from anywhere.
            + [{"title": gettext("Complaints"), "url": reverse("complaint-new")}],
        }
        cache.set(key, menu, 3600)
    return menu


# -- Low-data mode ---------------------------------------------------------------------------


def kilobytes(size: int) -> str:
    return f"{max(1, round(size / 1024))} KB"


class LowDataNode(template.Node):
    """Render an image normally, or as a tap-to-load placeholder when the reader saves data.

    Normal mode wraps it in `<div class="lowdata" data-bytes=...>` so the low-data switch in
    the footer (site.js) can swap images not yet loaded for placeholders. With `Save-Data: on`
    the image is put in an inert `<template>` (no request, not even from the preload scanner)
    behind a link showing its size; site.js swaps it in on tap, and without JavaScript the link
    opens the image itself.
    """

    def __init__(self, image, spec, nodelist):
        self.image, self.spec, self.nodelist = image, spec, nodelist

    def render(self, context):
        inner = self.nodelist.render(context)
        image = self.image.resolve(context)
        if not image:
            return inner
        try:
            rendition = image.get_rendition(self.spec.resolve(context))
            size = rendition.file.size
        except OSError:  # a missing source file (SourceImageIOError)
            return inner
        if not context.get("save_data"):
            return format_html('<div class="lowdata" data-bytes="{}">{}</div>', size, inner)
        label = _("Image %(size)s – tap to load") % {"size": kilobytes(size)}
        return format_html(
            '<div class="lowdata lowdata--off" data-bytes="{}"><a class="lowdata__load" '
            'href="{}" data-lowdata-load>{}</a><template>{}</template></div>',
            size,
            rendition.url,
            label,
            inner,
        )


@register.tag("lowdata")
def lowdata(parser, token):
    """`{% lowdata image "format-webp|fill-800x450" %}<picture ...>{% endlowdata %}`.

    The spec names the rendition whose size the placeholder shows (the one a phone loads).
    """
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError("{% lowdata image spec %} takes two arguments")
    nodelist = parser.parse(("endlowdata",))
    parser.delete_first_token()
    return LowDataNode(parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), nodelist)


@register.simple_tag
def complaint_form_url(page) -> str:
    """Return the complaint form's URL with the topic linked to this service page preselected.

    A category points at the Indonesian page; its translations share the translation key.
    """
    from django.urls import reverse

    from cms.complaints.models import ComplaintCategory

    url = reverse("complaint-new")
    slug = (
        ComplaintCategory.objects.filter(
            is_active=True, service_page__translation_key=page.translation_key
        )
        .values_list("slug", flat=True)
        .first()
    )
    return f"{url}?kategori={slug}" if slug else url


@register.filter
def local_moment(value):
    """An ISO 8601 timestamp (as kept in cached figures) as an aware local datetime, for |date."""
    if isinstance(value, str):
        try:
            value = datetime.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value
