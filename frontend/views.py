"""Views of the public site that are not Wagtail pages."""

import re
from urllib.parse import urlencode

from django.core.exceptions import RequestDataTooBig
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Page, Site

from frontend.page_cache import mark_public
from pages.models.base import PAGE_SIZE
from pages.search import expand, suggestion
from pages.sites import in_site

MAX_QUERY_LENGTH = 100
# A NUL byte breaks both databases; no control character belongs in a search.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
SEARCH_SYNTAX = re.compile(r"[\"'()*:^{}\[\]+\-~]")


def bad_request(request, exception=None):
    """handler400: a body over DATA_UPLOAD_MAX_MEMORY_SIZE is a 413 with its own page.

    Django raises RequestDataTooBig when a form's fields are read (the CSRF check reads them
    first) and answers it as any other SuspiciousOperation, a bare 400. Under /api/ the 413
    becomes the shared JSON error shape (api/middleware.py).
    """
    if isinstance(exception, RequestDataTooBig):
        return render(request, "413.html", status=413)
    return defaults.bad_request(request, exception)


@require_safe
@never_cache
def healthz(request):
    """Return 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def search(request):
    """Search this site's live pages of the active language; an empty or odd query gives a
    normal page."""
    query = CONTROL_CHARACTERS.sub("", request.GET.get("q", "")).strip()[:MAX_QUERY_LENGTH]
    # Quotes and operators are syntax to the full-text engines (SQLite FTS5 fails on an
    # unbalanced quote); residents mean words.
    terms = " ".join(SEARCH_SYNTAX.sub(" ", query).split())
    results = did_you_mean = None
    if not query:
        mark_public(request)  # the empty form is the same for everyone: cache it
    if query:
        pages = in_site(
            Page.objects.live().public().filter(locale=Locale.get_active()).exclude(depth__lte=2),
            Site.find_for_request(request),
            searchable=True,
        )
        # Synonyms staff keep (pages.models.SearchSynonym): "e-ktp" also finds "KTP".
        found = pages.search(expand(terms)) if terms else Page.objects.none()
        results = Paginator(found, PAGE_SIZE).get_page(request.GET.get("halaman"))
        if terms and not results.paginator.count:
            did_you_mean = suggestion(terms, pages, Locale.get_active().language_code)
        # One query per page type on this page of results, not one per result.
        ids = [page.pk for page in results.object_list]
        specific = {page.pk: page for page in Page.objects.filter(pk__in=ids).specific()}
        results.object_list = [specific[pk] for pk in ids if pk in specific]
    context = {
        "query": query,
        "results": results,
        "extra_query": urlencode({"q": query}),
        "did_you_mean": did_you_mean,
    }
    return TemplateResponse(request, "search.html", context)
