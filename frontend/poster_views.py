"""Admin downloads of a page's printable poster, and of the poster for the app itself.

`/admin/poster/<page id>/halaman.png` (or `.pdf`) is the poster of a live page; on a home page,
`/admin/poster/<page id>/aplikasi.png` invites residents to install the app. Only staff who may
edit the page get it; the address on the QR code is the page's canonical one, in the page's own
language (an English page gives its /en/ address and English words).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils import dateformat, timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail.models import Page

from frontend.posters import FORMATS, PosterContent, poster_file
from frontend.sharing import canonical_url
from pages.models import ContentPage, EventPage, HomePage, KecamatanSettings

KINDS = ("halaman", "aplikasi")
MAX_TEXT = 300


def _plain(text: str) -> str:
    return " ".join((text or "").split())[:MAX_TEXT]


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
    """Return the poster as an attachment; 404 for an unknown or unpublished page."""
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
