"""Admin downloads of a page's printable poster, and of the poster for the app itself.

`/admin/poster/<page id>/halaman.png` (or `.pdf`) is the poster of a live page; on a home page,
`/admin/poster/<page id>/aplikasi.png` invites residents to install the app. Only staff who may
edit the page get it; the address on the QR code is the page's canonical one, in the page's own
language (an English page gives its /en/ address and English words). A page with a view
restriction of its own or above it (Wagtail's Privacy: a password, signed-in users or groups)
gets none: its QR code would lead residents to a page they cannot open.

`/admin/survei/poster/<service slug>/` is the satisfaction survey's A4 poster for a service
desk, for staff who may see survey responses: HTML to print, or the same poster as PNG or PDF.
"""

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone, translation
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction

from cms.surveys.selectors import survey_service_by_slug
from frontend.posters import FORMATS, PosterContent, poster_file
from frontend.sharing import canonical_url
from pages.models import ContentPage, EventPage, HomePage, KecamatanSettings

KINDS = ("halaman", "aplikasi")
MAX_TEXT = 300


def _plain(text: str) -> str:
    return " ".join((text or "").split())[:MAX_TEXT]


def restricted_paths(user) -> tuple[str, ...]:
    """Return the tree paths of every page with a view restriction (its descendants share the
    prefix): one query, kept on `user` for the rest of the request, as Wagtail keeps their page
    permissions, so a page listing's buttons cost no query per page."""
    paths = getattr(user, "_poster_restricted_paths", None)
    if paths is None:
        paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
        user._poster_restricted_paths = paths
    return paths


def is_restricted(page, user) -> bool:
    """Whether `page` or a page above it has a view restriction (password, login, groups)."""
    return page.path.startswith(restricted_paths(user))  # False for an empty tuple


def page_poster_content(request, page) -> PosterContent:
    """Return what the poster of `page` (a specific, live page) says, in the active language."""
    kicker = ""
    if isinstance(page, ContentPage):
        kicker = str(capfirst(page._meta.verbose_name))
    if isinstance(page, EventPage):
        when = dateformat.format(timezone.localtime(page.start), "l, j F Y, H:i")
        kicker = " · ".join(part for part in (kicker, when, page.place) if part)
    text = getattr(page, "summary", "") or page.search_description
    return PosterContent(
        title=page.title,
        text=_plain(text),
        url=canonical_url(request, page),
        call_to_action=_("Scan to read this on your phone"),
        kicker=kicker,
    )


def app_poster_content(request, home, kecamatan: KecamatanSettings) -> PosterContent:
    """Return what the poster inviting residents to install the app says."""
    return PosterContent(
        title=_("Install the %(name)s app on your phone") % {"name": kecamatan.name},
        text=_(
            "Announcements, services and their requirements, events and complaints in one "
            "place, light on data and readable offline. Open the address, then tap “Install” "
            "or “Add to Home screen” in the browser menu."
        ),
        url=canonical_url(request, home),
        call_to_action=_("Scan to install the app"),
        kicker=_("Free, no app store needed"),
    )


def poster_download(request, page_id: int, kind: str, fmt: str):
    """Return the poster as an attachment; 404 for an unknown or unpublished page, back to the
    page's editor with a message for a restricted one."""
    if kind not in KINDS or fmt not in FORMATS:
        raise Http404(kind)
    page = Page.objects.filter(pk=page_id).first()
    if page is None:
        raise Http404(page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    page = page.specific
    site = page.get_site()
    if not page.live or site is None or page.get_url(request) is None:
        raise Http404(page_id)
    if kind == "aplikasi" and not isinstance(page, HomePage):
        raise Http404(kind)
    if page.get_view_restrictions().exists():
        messages.error(
            request,
            _(
                "This page is restricted (Privacy), so it has no poster: its QR code would "
                "lead residents to a page they cannot open."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    kecamatan = KecamatanSettings.for_site(site)
    with translation.override(page.locale.language_code):
        if kind == "aplikasi":
            content = app_poster_content(request, page, kecamatan)
        else:
            content = page_poster_content(request, page)
    # The cache key is everything drawn; the scope keeps each page's entries apart.
    scope = f"{page.pk}:{page.last_published_at.isoformat() if page.last_published_at else ''}"
    data = poster_file(content, kecamatan, fmt, scope=scope)
    response = HttpResponse(data, content_type=FORMATS[fmt])
    name = f"aplikasi-{page.locale.language_code}" if kind == "aplikasi" else page.slug
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"poster-{name}.{fmt}"
    )
    return response


def survey_poster(request, slug):
    """A printable A4 poster for the service desk with the survey's QR code.

    HTML to print from the browser; `?format=png` or `?format=pdf` downloads the same poster
    drawn by frontend/posters.py, for a print shop or a WhatsApp group.
    """
    if not request.user.has_perm("surveys.view_surveyresponse"):
        raise PermissionDenied
    service = survey_service_by_slug(slug)
    if service is None:
        raise Http404(slug)
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("survey-service", args=[service.slug])
    site = service.get_site()
    url = (site.root_url if site else settings.WAGTAILADMIN_BASE_URL).rstrip("/") + path
    fmt = request.GET.get("format", "")
    if fmt in FORMATS:
        return _survey_poster_download(service, site, url, fmt)
    qr = segno.make(url, error="m")
    svg = qr.svg_inline(scale=10, dark="#000", border=2, omitsize=True)
    return render(
        request,
        "surveys/admin/poster.html",
        {"service": service, "url": url, "qr_svg": mark_safe(svg)},  # noqa: S308 (segno output)
    )


def _survey_poster_download(service, site, url, fmt):
    kecamatan = KecamatanSettings.for_site(site) if site else KecamatanSettings()
    with translation.override(settings.LANGUAGE_CODE):
        content = PosterContent(
            kicker=service.title,
            title=_("How was our service?"),
            text=_(
                "Scan this QR code with your phone camera and answer nine short questions. "
                "No name, about one minute."
            ),
            url=url,
            call_to_action=_("Scan to rate this service"),
            footnote=_(
                "Community Satisfaction Survey (SKM), Regulation of the Minister for "
                "Administrative Reform No. 14 of 2017"
            ),
        )
    data = poster_file(content, kecamatan, fmt, scope=f"survey:{service.pk}")
    response = HttpResponse(data, content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"poster-survei-{service.slug}.{fmt}"
    )
    return response
