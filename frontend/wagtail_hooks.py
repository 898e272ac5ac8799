"""Wagtail hooks of the public site."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Page

from frontend import poster_views
from frontend.page_cache import mark_public
from pages.models import HomePage


@hooks.register("before_serve_page")
def mark_public_pages(page, request, serve_args, serve_kwargs):
    """A page without view restrictions looks the same to every anonymous reader.

    Wagtail's own hook answers restricted pages (password or login) before they render; the
    check here keeps them out of the page cache even if that order ever changes.
    """
    if not page.get_view_restrictions().exists():
        mark_public(request)


# Printable posters (frontend/posters.py) ---------------------------------------------------------


@hooks.register("register_admin_urls")
def register_poster_urls():
    return [
        path(
            "poster/<int:page_id>/<slug:kind>.<slug:fmt>",
            poster_views.poster_download,
            name="page_poster",
        ),
        # The survey's desk poster, linked from the survey figures (cms/surveys admin).
        path("survei/poster/<slug:slug>/", poster_views.survey_poster, name="surveys_admin_poster"),
    ]


def poster_buttons(page, user, priority: int):
    """Yield the download buttons of `page`'s posters for a user who may edit it (none for a
    page with a view restriction, poster_views.is_restricted)."""
    if page.depth <= 1 or not page.live or not page.permissions_for_user(user).can_edit():
        return
    if poster_views.is_restricted(page, user):
        return
    buttons = [
        ("halaman", "png", _("Poster (PNG)"), "image"),
        ("halaman", "pdf", _("Poster (PDF)"), "doc-full"),
    ]
    if issubclass(page.specific_class or Page, HomePage):
        buttons += [
            ("aplikasi", "png", _("App poster (PNG)"), "mobile-alt"),
            ("aplikasi", "pdf", _("App poster (PDF)"), "mobile-alt"),
        ]
    for offset, (kind, fmt, label, icon) in enumerate(buttons):
        yield Button(
            label,
            url=reverse("page_poster", args=[page.pk, kind, fmt]),
            icon_name=icon,
            priority=priority + offset,
            attrs={"download": ""},
        )


@hooks.register("register_page_header_buttons")
def poster_header_buttons(page, user, view_name, next_url=None):
    # First in the page's "⋯" menu: a long menu cut the poster items off at the bottom.
    yield from poster_buttons(page, user, priority=1)


@hooks.register("register_page_listing_more_buttons")
def poster_listing_buttons(page, user, next_url=None):
    yield from poster_buttons(page, user, priority=70)
