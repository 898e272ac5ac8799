"""Template helpers for the installable app: manifest shortcuts and install/offline bits."""

import json as json_module

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext

from pages.models import AnnouncementIndexPage, GuideIndexPage

register = template.Library()

# Complaint pages (DESIGN.md "Pages residents use"); built by the complaints issue.
NEW_COMPLAINT_URL = "/pengaduan/baru/"
TRACK_COMPLAINT_URL = "/pengaduan/lacak/"


def index_url(model, request) -> str:
    """Return the URL of the first live `model` index page in the active language, or ""."""
    language = get_language() or settings.LANGUAGE_CODE
    page = (
        model.objects.live()
        .public()
        .filter(locale__language_code=language)
        .order_by("path")
        .first()
    )
    return page.get_url(request) if page else ""


@register.simple_tag(takes_context=True)
def manifest_shortcuts(context) -> list[dict]:
    """Return the manifest's shortcuts (Chromium passes at most four to Android launchers)."""
    request = context.get("request")

    # pgettext with literal strings, so that makemessages extracts the context too.
    shortcuts = [
        (
            pgettext("app shortcut", "New complaint"),
            pgettext("app shortcut", "Complaint"),
            NEW_COMPLAINT_URL,
            "new",
        ),
        (
            pgettext("app shortcut", "Track a complaint"),
            pgettext("app shortcut", "Track"),
            TRACK_COMPLAINT_URL,
            "track",
        ),
        (
            pgettext("app shortcut", "Announcements"),
            pgettext("app shortcut", "News"),
            index_url(AnnouncementIndexPage, request),
            "news",
        ),
        (
            pgettext("app shortcut", "Guides"),
            pgettext("app shortcut", "Guides"),
            index_url(GuideIndexPage, request),
            "guide",
        ),
    ]
    return [
        {
            "name": name,
            "short_name": short_name,
            "url": url,
            "icons": [
                {
                    "src": static(f"pwa/shortcut-{icon}.png"),
                    "sizes": "96x96",
                    "type": "image/png",
                    "purpose": "any",
                }
            ],
        }
        for name, short_name, url, icon in shortcuts
        if url
    ][:4]


@register.filter
def short_name(name: str) -> str:
    """Return a home-screen label: "Kecamatan Sukamaju" -> "Kec. Sukamaju" (launchers cut ~12)."""
    if name.lower().startswith("kecamatan "):
        return "Kec. " + name[len("kecamatan ") :]
    return name


@register.filter(name="json")
def as_json(value) -> str:
    """Return `value` as a JSON literal, for templates that are JSON (the manifest), not HTML."""
    # Safe in JSON: nothing here is HTML. Lazy translations become their text (the encoder).
    return mark_safe(json_module.dumps(value, cls=DjangoJSONEncoder))
