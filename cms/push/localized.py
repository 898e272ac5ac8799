"""A page as a subscriber reads it: in their language where a translation is published."""

from wagtail.models import Locale


def absolute(root_url: str, path: str) -> str:
    """Return `path` as a full URL on the site whose root is `root_url`."""
    if path.startswith(("http://", "https://")):
        return path
    return root_url.rstrip("/") + path


def page_in_language(page, language: str):
    """Return the live translation of `page` in `language`, or `page` itself (specific)."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None or locale.pk == page.locale_id:
        return page
    shown = page.get_translation_or_none(locale)
    if shown is None or not shown.live:
        return page
    return shown.specific


def page_full_url(page, site) -> str:
    return page.get_full_url() or absolute(site.root_url, page.url or "/")
