"""Views of the public site that are not Wagtail pages."""

from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Page

from pages.models.base import PAGE_SIZE

MAX_QUERY_LENGTH = 100


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
    """Search every live page of the active language; an empty or odd query gives a normal page."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    results = None
    if query:
        pages = (
            Page.objects.live().public().filter(locale=Locale.get_active()).exclude(depth__lte=2)
        )
        results = Paginator(pages.search(query), PAGE_SIZE).get_page(request.GET.get("halaman"))
        results.object_list = [page.specific for page in results.object_list]
    return TemplateResponse(request, "search.html", {"query": query, "results": results})
