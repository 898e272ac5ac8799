"""Template helpers for the public site."""

import datetime
import re

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from frontend.renditions import renditions_for_request
from frontend.sharing import live_translations
from pages.models import AnnouncementPage
from pages.phones import phone_parse, phone_spans
from pages.signals import content_version
from pages.sites import in_site

register = template.Library()

BANNER_MAX_AGE = 300  # seconds; an expiring banner is re-checked at least this often


@register.inclusion_tag("components/urgent_banner.html", takes_context=True)
def urgent_banner(context):
    """Render this site's live emergency announcements of the active language, until they expire.

    Each kecamatan warns its own residents: another site's emergency is not shown here.
    """
    language = get_language() or "id"
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    key = f"urgent-banner:{site.pk if site else 0}:{language}:{content_version()}"
    banner = cache.get(key)
    if banner is None:
        locale = Locale.objects.filter(language_code=language).first()
        pages = in_site(AnnouncementPage.objects.live().public().current().urgent(), site)
        if locale is not None:
            pages = pages.filter(locale=locale)
        banner = [
            {"title": page.title, "url": page.get_url(request), "valid_until": page.valid_until}
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


def _switch_origin(request):
    """Return the live page a reader switched language from (?asal=<id>), or None."""
    origin = request.GET.get("asal", "") if request is not None else ""
    if not origin.isdigit() or len(origin) > 12:
        return None
    return Page.objects.live().select_related("locale").filter(pk=int(origin)).first()


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
        for code, translation in live_translations(page).items():
            url = translation.get_url(request)
            if url:  # None under no site this process knows (a site just added elsewhere)
                urls[code] = url + suffix
        missing = {code for code, _name in settings.LANGUAGES} - urls.keys()
        if missing:
            ancestors = page.get_ancestors().filter(depth__gte=2).order_by("-depth")
            for ancestor in ancestors:
                for translation in ancestor.get_translations().live().select_related("locale"):
                    code = translation.locale.language_code
                    url = translation.get_url(request)
                    if code in missing and url:
                        # ?asal= lets that page's own switch lead back here, not to the list.
                        urls[code] = f"{url}?asal={page.pk}"
                        missing.discard(code)
                if not missing:
                    break
    elif request is not None and request.resolver_match is not None:
        for code, _name in settings.LANGUAGES:
            urls[code] = translate_url(request.path, code) + suffix
    origin = _switch_origin(request)
    if origin is not None:
        urls[origin.locale.language_code] = origin.get_url(request)
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
            renditions = renditions_for_request(context, image, [self.spec.resolve(context)])
            rendition = next(iter(renditions.values()))
            # Not made yet (the task worker will): the original stands in, with its size.
            size = rendition.file.size if rendition.pk else image.get_file_size()
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


@register.filter
def html_datetime(value) -> str:
    """Return `value` as a valid HTML `datetime` attribute: local time, whole seconds, offset.

    `|date:'c'` keeps microseconds, which the HTML global date and time syntax refuses
    (https://html.spec.whatwg.org/multipage/common-microsyntaxes.html#global-dates-and-times).
    """
    if not isinstance(value, datetime.datetime):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()


@register.filter
def phone_link(raw: str):
    """Return a settings number written the one way (pages/phones.py) as a tap-to-call link;
    text that holds no number comes back as it is (escaped)."""
    phone = phone_parse(raw or "")
    if phone is None:
        return raw
    return format_html('<a href="{}" class="phone">{}</a>', phone.tel, phone.text)


# Text between tags, and whether we are inside a link (a number already linked stays as it is).
TAG = re.compile(r"(<[^>]*>)")


def phone_links_html(html: str) -> str:
    """Return rendered HTML with every phone number in its text written the one way and made
    a tel: link; numbers inside links and tags are left alone."""
    out, inside_link = [], 0
    for part in TAG.split(html):
        if part.startswith("<"):
            name = part[1:].lstrip("/").split(maxsplit=1)[0].rstrip(">").lower() if part[1:] else ""
            if name == "a":
                inside_link += -1 if part.startswith("</") else 1
            out.append(part)
            continue
        if inside_link > 0:
            out.append(part)
            continue
        position = 0
        for start, end, phone in phone_spans(part):
            out.append(part[position:start])
            out.append(format_html('<a href="{}" class="phone">{}</a>', phone.tel, phone.text))
            position = end
        out.append(part[position:])
    return "".join(out)


class PhoneLinksNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        # The nodelist's output is HTML the template already escaped.
        return mark_safe(phone_links_html(self.nodelist.render(context)))


@register.tag("phone_links")
def phone_links(parser, token):
    """`{% phone_links %}...{% endphone_links %}`: numbers in what staff wrote become tap-to-call
    links, all written one way (pages/phones.py)."""
    nodelist = parser.parse(("endphone_links",))
    parser.delete_first_token()
    return PhoneLinksNode(nodelist)


@register.filter
def phone_text(raw: str) -> str:
    """Return a number written the one way, without a link (a WhatsApp link opens a chat)."""
    phone = phone_parse(raw or "")
    return phone.text if phone else raw
