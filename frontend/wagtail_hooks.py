"""Wagtail hooks of the public site."""

from wagtail import hooks

from frontend.page_cache import mark_public


@hooks.register("before_serve_page")
def mark_public_pages(page, request, serve_args, serve_kwargs):
    """A page without view restrictions looks the same to every anonymous reader.

    Wagtail's own hook answers restricted pages (password or login) before they render; the
    check here keeps them out of the page cache even if that order ever changes.
    """
    if not page.get_view_restrictions().exists():
        mark_public(request)
