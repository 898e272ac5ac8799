"""What a page looks like when shared: Open Graph and Twitter tags, the share image, JSON-LD.

Longer than 400 lines because the tags, the generated share card and the structured data of
every page type must agree with each other, and read best together.

WhatsApp shows a preview only for an image it can fetch quickly and that is small: we give
a 1200x630 JPEG rendition cropped around the focal point, at most 200 KB
(../shared/reference/pwa.md section 5), or, for a page without an image, a card drawn with
Pillow (the kecamatan's logo, name and the page title), cached.
"""

import hashlib
import io
import json

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.html import strip_tags
from django.utils.translation import get_language
from PIL import Image, ImageDraw, ImageFont
from wagtail.models import Page, Site

from pages.models import (
    AnnouncementPage,
    EventPage,
    GuidePage,
    HomePage,
    InfographicPage,
    KecamatanSettings,
    ServicePage,
)
from pages.signals import content_version

from .renditions import SHARE_SPEC, renditions_enqueue, renditions_missing, share_source_image

SHARE_SIZE = (1200, 630)
MAX_SHARE_BYTES = 200 * 1024
# Tried in order until the rendition fits in MAX_SHARE_BYTES.
SHARE_SPECS = (
    SHARE_SPEC,
    "fill-1200x630-c100|format-jpeg|jpegquality-60",
    "fill-1200x630-c100|format-jpeg|jpegquality-45",
)
LOCALES = {"id": "id_ID", "en": "en_US"}
CARD_MAX_AGE = 86400


def share_rendition(image):
    """Return the smallest-loss JPEG rendition of `image` that stays within 200 KB."""
    rendition = None
    for spec in SHARE_SPECS:
        rendition = image.get_rendition(spec)
        size = getattr(rendition, "_share_size", None)
        if size is None:
            try:
                size = rendition.file.size
            except (OSError, ValueError):
                size = 0
        if size <= MAX_SHARE_BYTES:
            return rendition
    return rendition


def absolute(request, path: str) -> str:
    """Return `path` on the site's own address (Settings > Sites), as a canonical URL should be."""
    site = Site.find_for_request(request)
    if site is not None and path.startswith("/"):
        return site.root_url + path
    return request.build_absolute_uri(path)


def canonical_url(request, page) -> str:
    """Return the page's full URL without query string or fragment (campaign-free)."""
    if page is not None and getattr(page, "pk", None):
        return page.get_full_url(request)
    return absolute(request, request.path)


def live_translations(page) -> dict:
    """Return {language code: live page} of `page` and its translations, asked once per page
    object: the share tags and the language switch both need it (one query for both)."""
    found = getattr(page, "_live_translations", None)
    if found is None:
        found = {
            translation.locale.language_code: translation
            for translation in page.get_translations(inclusive=True).live().select_related("locale")
        }
        page._live_translations = found
    return found


def _translated_locales(page, language: str) -> list[str]:
    """og:locale:alternate of the languages the page exists in (live), other than this one;
    every language for a view that is not a page (its address exists in each)."""
    others = [code for code, _name in settings.LANGUAGES if code != language]
    if page is not None and getattr(page, "pk", None):
        live = live_translations(page)
        others = [code for code in others if code in live]
    return [LOCALES.get(code, code) for code in others]


def social_meta(
    request, page, kecamatan: KecamatanSettings, title: str = "", description: str = ""
) -> dict:
    """Return what the head's share tags need (one rendition query at most).

    `title` and `description` are what the page's <title> and meta description say (base.html
    captures them): a view that is not a Wagtail page shares under its own title and
    description, not the kecamatan's name alone. The home page shares under the kecamatan's
    name, not the title of its page in the tree ("Beranda").
    """
    language = get_language() or settings.LANGUAGE_CODE
    locale_alternates = _translated_locales(page, language)
    page = page.specific if page is not None and hasattr(page, "specific") else page
    if isinstance(page, HomePage):
        title = getattr(page, "seo_title", "") or kecamatan.full_name or kecamatan.name
    else:
        title = (
            getattr(page, "seo_title", "") or getattr(page, "title", "") or title or kecamatan.name
        )
    description = (
        getattr(page, "search_description", "") or getattr(page, "summary", "") or description or ""
    ).strip()
    image = share_source_image(page) if page is not None else None
    meta = {
        "type": "article"
        if isinstance(page, (AnnouncementPage, GuidePage, InfographicPage))
        else "website",
        "title": title,
        "description": description[:300],
        "url": canonical_url(request, page),
        "site_name": kecamatan.name,
        "locale": LOCALES.get(language, language),
        "locale_alternates": locale_alternates,
    }
    if image is not None and renditions_missing(image, SHARE_SPECS[:1]):
        # Not made yet. It never takes the last rendition a request may make (the page's
        # visible pictures come first): the worker makes it and the drawn card stands in.
        made = getattr(request, "renditions_made", 0)
        if made + 1 < settings.RENDITIONS_PER_REQUEST:
            request.renditions_made = made + 1
        else:
            request.renditions_pending = True
            renditions_enqueue(image.pk, SHARE_SPECS[:1])
            image = None
    if image is not None:
        rendition = share_rendition(image)
        alt = page.listing_image_alt if image.pk == getattr(page, "listing_image_id", 0) else ""
        meta.update(
            image=absolute(request, rendition.url),
            image_width=rendition.width,
            image_height=rendition.height,
            image_alt=alt or image.default_alt_text or title,
        )
    else:
        card = (
            reverse("share-card", args=[page.pk])
            if getattr(page, "pk", None)
            else reverse("share-card-site")
        )
        meta.update(
            image=absolute(request, card),
            image_width=SHARE_SIZE[0],
            image_height=SHARE_SIZE[1],
            image_alt=title,
        )
    return meta


# Generated cards --------------------------------------------------------------------------------

FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)


def _font(size: int):
    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def _wrap(draw, text: str, font, width: int, max_lines: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        if len(lines) == max_lines:
            break
    if line and len(lines) < max_lines:
        lines.append(line)
    if len(lines) == max_lines and " ".join(lines) != " ".join(words):
        lines[-1] = lines[-1].rstrip(".,;:") + "…"
    return lines


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def draw_card(title: str, kecamatan: KecamatanSettings) -> bytes:
    """Return a 1200x630 JPEG: the theme colour, the logo, the kecamatan's name, the title."""
    background = _hex(kecamatan.theme_color or "#0b5d3b")
    card = Image.new("RGB", SHARE_SIZE, background)
    draw = ImageDraw.Draw(card)
    left = 80
    if kecamatan.logo_id:
        try:
            with kecamatan.logo.get_rendition("fill-160x160").file.open("rb") as handle:
                logo = Image.open(handle).convert("RGBA")
                card.paste(logo, (left, 70), logo)
        except (OSError, ValueError):
            pass
    name_font, title_font = _font(40), _font(64)
    draw.text((left + 190, 110), kecamatan.name, font=name_font, fill="white")
    if kecamatan.regency:
        draw.text((left + 190, 160), kecamatan.regency, font=_font(30), fill=(220, 235, 228))
    y = 300
    for line in _wrap(draw, title, title_font, SHARE_SIZE[0] - 2 * left, 3):
        draw.text((left, y), line, font=title_font, fill="white")
        y += 80
    draw.rectangle((0, SHARE_SIZE[1] - 16, SHARE_SIZE[0], SHARE_SIZE[1]), fill=(255, 255, 255))
    out = io.BytesIO()
    card.save(out, "JPEG", quality=82, optimize=True)
    return out.getvalue()


def _card_response(request, title: str, kecamatan, key: str):
    etag = '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'
    # A 304 (weak comparison, lists of tags and `*` as HTTP says) when the client's copy is
    # current: the card is neither drawn nor read from the cache.
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified["ETag"] = etag
        not_modified["Cache-Control"] = f"public, max-age={CARD_MAX_AGE}"
        return not_modified
    data = cache.get(f"share-card:{etag}")
    if data is None:
        data = draw_card(title, kecamatan)
        cache.set(f"share-card:{etag}", data, CARD_MAX_AGE)
    response = HttpResponse(data, content_type="image/jpeg")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={CARD_MAX_AGE}"
    return response


def share_card(request, page_id: int):
    """The generated share image of a live public page."""
    page = Page.objects.live().public().filter(pk=page_id).first()
    site = Site.find_for_request(request)
    if page is None or site is None:
        raise Http404(page_id)
    kecamatan = KecamatanSettings.for_site(site)
    key = f"{page.pk}:{page.title}:{kecamatan.name}:{kecamatan.theme_color}:{content_version()}"
    return _card_response(request, page.title, kecamatan, key)


def share_card_site(request):
    """The generated share image for pages that are not content pages (search, forms)."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404("no site")
    kecamatan = KecamatanSettings.for_site(site)
    key = f"site:{kecamatan.name}:{kecamatan.theme_color}:{content_version()}"
    return _card_response(request, kecamatan.full_name or kecamatan.name, kecamatan, key)


# Structured data (schema.org JSON-LD) ----------------------------------------------------------


def _text(value) -> str:
    return " ".join(strip_tags(str(value or "")).split())


def _event_address(page, kecamatan) -> dict:
    """Return a schema.org PostalAddress for an event: the place as staff wrote it (hall and
    street), in the kecamatan, regency and province of the site's settings, in Indonesia.

    A bare text copy of the place's name is no address to a search engine or a map
    (https://developers.google.com/search/docs/appearance/structured-data/event).
    """
    locality = ", ".join(part for part in (kecamatan.name, kecamatan.regency) if part)
    address = {
        "@type": "PostalAddress",
        "streetAddress": _text(page.place),
        "addressLocality": locality,
        "addressRegion": kecamatan.province,
        "addressCountry": "ID",
    }
    return {key: value for key, value in address.items() if value}


def structured_data(request, page, kecamatan: KecamatanSettings, meta: dict) -> str:
    """Return the page's JSON-LD (as a JSON string safe to put in a <script> element), or ""."""
    page = page.specific if page is not None and hasattr(page, "specific") else page
    publisher = {
        "@type": "GovernmentOrganization",
        "name": kecamatan.name,
        "url": absolute(request, "/"),
    }
    data = None
    if isinstance(page, HomePage):
        data = {
            **publisher,
            "@context": "https://schema.org",
            "description": meta["description"],
            "logo": meta["image"],
        }
        if kecamatan.address:
            data["address"] = _text(kecamatan.address)
        if kecamatan.phone:
            data["telephone"] = kecamatan.phone
        if kecamatan.email:
            data["email"] = kecamatan.email
    elif isinstance(page, (AnnouncementPage, InfographicPage)):
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": page.title[:110],
            "description": meta["description"],
            "image": [meta["image"]],
            "datePublished": page.published_at.isoformat(),
            "dateModified": (page.last_published_at or page.first_published_at).isoformat()
            if page.last_published_at or page.first_published_at
            else None,
            "inLanguage": get_language(),
            "mainEntityOfPage": meta["url"],
            "author": publisher,
            "publisher": publisher,
        }
    elif isinstance(page, GuidePage):
        steps = []
        for position, block in enumerate(page.steps, start=1):
            value = block.value
            steps.append(
                {
                    "@type": "HowToStep",
                    "position": position,
                    "name": _text(value.get("title")),
                    "text": _text(value.get("text")) or _text(value.get("title")),
                }
            )
        data = {
            "@context": "https://schema.org",
            "@type": "HowTo",
            "name": page.title,
            "description": meta["description"],
            "image": meta["image"],
            "inLanguage": get_language(),
            "step": steps,
        }
        if page.estimated_time:
            data["timeRequired"] = _text(page.estimated_time)
        if page.estimated_cost:
            data["estimatedCost"] = _text(page.estimated_cost)
    elif isinstance(page, EventPage):
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": page.title,
            "description": meta["description"],
            "image": [meta["image"]],
            "startDate": page.start.isoformat(),
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "eventStatus": "https://schema.org/EventScheduled",
            "location": {
                "@type": "Place",
                "name": _text(page.place),
                "address": _event_address(page, kecamatan),
            },
            "organizer": publisher,
        }
        if page.end:
            data["endDate"] = page.end.isoformat()
    elif isinstance(page, ServicePage):
        data = {
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "name": page.title,
            "description": meta["description"],
            "url": meta["url"],
            "provider": publisher,
            "serviceType": page.get_group_display() if hasattr(page, "get_group_display") else "",
        }
    if data is None:
        return ""
    data = {key: value for key, value in data.items() if value not in (None, "", [])}
    # Escape "<", ">" and "&" so the JSON can never close the <script> element it sits in.
    return (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
