"""The installable app: web app manifest, service worker, offline page, install help.

See docs/pwa.md for what the worker caches and how a new version reaches residents.
"""

import functools
import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_safe
from wagtail.models import Site

from frontend import bundles
from frontend.page_cache import GZIP
from pages.models import AnnouncementIndexPage, Category

# The app shell, precached at install (docs/pwa.md prints its measured size; budget 150 KB).
SHELL_STATIC = [
    "css/site.css",
    "js/site.js",
    "js/pwa.js",
    "js/outbox.js",  # also imported by the worker itself (the complaint outbox)
    "js/outbox-ui.js",  # the outbox list and form code of complaint.js and survey.js
    "js/complaint.js",
    "js/survey.js",  # the survey form keeps answers in the same outbox
    "js/push.js",  # the home page's warning offer and /notifikasi/, both open offline
    "pwa/icon-192.png",
    "pwa/apple-touch-icon.png",
]
# Templates whose change must reach phones already holding the offline page.
SHELL_TEMPLATES = ["pwa/offline.html", "base.html", "components/pwa_head.html"]
# Precached too when it answers 200 (built on main by the complaints issue); skipped otherwise.
OPTIONAL_PAGES = ["/pengaduan/baru/", "/pengaduan/saya/", "/notifikasi/"]
# Never answered from a cache: staff pages, the APIs (draft previews), downloads, the worker.
NETWORK_ONLY = ["/admin/", "/api/", "/documents/", "/serviceworker.js"]
FAVICON = "pwa/favicon.ico"  # drawn by `manage.py pwa_images`
FAVICON_MAX_AGE = 7 * 24 * 3600  # a week: its address cannot carry a hash


def offline_urls() -> dict[str, str]:
    """Return {language code: offline page URL}: /offline/ and /en/offline/."""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls[code] = reverse("offline")
    return urls


def shell_urls() -> list[str]:
    """Return what the worker precaches: static files, the manifest, the offline pages."""
    return (
        [static(name) for name in SHELL_STATIC]
        + [reverse("manifest")]
        + list(offline_urls().values())
    )


def warm_pages(request) -> list[str]:
    """Return the pages every installed app keeps: the home page and the latest announcements."""
    site = Site.find_for_request(request)
    home = site.root_page.localized if site else None
    pages = [home.get_url(request) if home else "/"]
    # This site's own list (its root is the Indonesian home, already loaded: no query more).
    announcements = (
        AnnouncementIndexPage.objects.live()
        .public()
        .descendant_of(site.root_page)
        .filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("path")
        .first()
        if site
        else None
    )
    if announcements is not None:
        pages.append(announcements.get_url(request))
    return [url for url in pages if url]


def shell_fingerprint() -> str:
    """Return a hash of the worker's code, the shell files and the offline page's templates.

    Hashed static names change with their content in production, but development serves plain
    names, so the bytes are hashed too. Compiled catalogues are included: a new translation
    changes the precached offline page.
    """
    digest = hashlib.sha256(bundles.worker_source().encode())
    for name in SHELL_STATIC:
        digest.update(static(name).encode())
        path = finders.find(name)
        if path:
            digest.update(Path(path).read_bytes())
    for name in SHELL_TEMPLATES:
        digest.update(Path(get_template(name).origin.name).read_bytes())
    for locale_path in settings.LOCALE_PATHS:
        for catalogue in sorted(Path(locale_path).glob("*/LC_MESSAGES/*.mo")):
            digest.update(catalogue.read_bytes())
    return digest.hexdigest()


def complaint_form_urls() -> list[str]:
    """Return the complaint form's URL in every language (share_target posts to it)."""
    urls = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls.append(reverse("complaint-new"))
    return urls


def worker_config(request) -> dict:
    config = {
        "outbox": static("js/outbox.js"),
        "complaintForms": complaint_form_urls(),
        "shell": shell_urls(),
        "pages": warm_pages(request),
        "optionalPages": OPTIONAL_PAGES,
        "offline": offline_urls(),
        "manifest": reverse("manifest"),
        "networkOnly": NETWORK_ONLY,
        "staticUrl": settings.STATIC_URL,
        "mediaUrl": settings.MEDIA_URL,
    }
    fingerprint = hashlib.sha256(shell_fingerprint().encode())
    fingerprint.update(json.dumps(config, sort_keys=True).encode())
    return {"version": fingerprint.hexdigest()[:12], **config}


def _revalidated(request, response):
    """Give `response` an ETag of its body; answer 304 when the browser already has it.

    Gzipped when the browser accepts it (the worker is 20 KB of text, about 7 KB packed).
    """
    response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    response["Cache-Control"] = "no-cache"  # always revalidated, cheaply, never used stale
    response = get_conditional_response(request, etag=response["ETag"], response=response)
    if response.status_code != 200:
        return response
    return GZIP.process_response(request, response)


@require_safe
def service_worker(request):
    """Return our worker: its config and version, then its parts (frontend/bundles.py), one file.

    Served from the site root so its scope is the whole site; browsers must never keep an old
    copy, or a fix would not reach phones (Cache-Control: no-cache, plus an ETag for a 304).
    The parts are read once and kept in memory until a file changes.
    """
    config = json.dumps(worker_config(request), separators=(",", ":"))
    body = f"self.LK = {config};\n{bundles.worker_source()}"
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return _revalidated(request, response)


@require_safe
def manifest(request):
    """Return the web app manifest (templates/manifest.json) of this site, in the default language.

    Its name, short name and colour come from the site's KecamatanSettings: one install serves
    many kecamatan, each its own app.
    """
    response = render(
        request, "manifest.json", content_type="application/manifest+json; charset=utf-8"
    )
    return _revalidated(request, response)


@functools.cache
def favicon_bytes() -> bytes:
    return Path(finders.find(FAVICON)).read_bytes()


@require_safe
def favicon(request):
    """Return the icon browsers ask /favicon.ico for (answers without an icon link, such as
    JSON or an image opened on its own): served, not redirected, so no 404 and no extra trip.
    """
    body = favicon_bytes()
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    response = HttpResponse(body, content_type="image/x-icon")
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={FAVICON_MAX_AGE}"
    return get_conditional_response(request, etag=etag, response=response)


@require_safe
def offline(request):
    """Return the page the worker shows for a page that was never saved, listing what is."""
    return render(request, "pwa/offline.html")


@require_safe
def install_help(request):
    """Return the illustrated 'Add to Home Screen' help (iPhone and Android)."""
    return render(request, "pwa/install_help.html")


def push_settings(request):
    """Return the notifications page: what this phone is told about (static/js/push.js)."""
    return render(request, "pwa/push_settings.html", {"categories": Category.objects.all()})
