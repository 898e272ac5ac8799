"""Content endpoints: Wagtail API v2 with our filters, error shape and HTTP caching."""

import hashlib
import json
import re
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Max, Q
from django.http import Http404, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from wagtail import fields as wagtail_fields
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError, page_models_from_string, parse_fields_parameter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from api import fields, schema
from api.errors import ApiBadRequest
from pages.models import AnnouncementPage, EventPage
from pages.signals import content_changed_at, content_version

DEFAULT_LIMIT = 20
MAX_OFFSET = 1_000_000
LIST_CACHE_CONTROL = "public, max-age=60"
DETAIL_CACHE_CONTROL = "public, max-age=300"
MEDIA_CACHE_CONTROL = "public, max-age=3600"

# Fields that read more rows per page (stream blocks, rich-text links, child objects): a list
# offering them would make queries per item, so they are served by the detail endpoint only.
DETAIL_ONLY_FIELDS = frozenset(
    {
        "attachments",
        "body",
        "complaint_handling",
        "featured_pages",
        "parent",
        "procedure",
        "quick_links",
        "related_service",
        "requirements",
        "steps",
        "text_equivalent",
        "video",
    }
)
# Model fields a `?field=value` filter may compare; anything else (stream, rich text) is refused.
FILTERABLE_FIELDS = (
    models.BooleanField,
    models.CharField,
    models.DateField,
    models.DateTimeField,
    models.IntegerField,
)
MAX_SEARCH_LENGTH = 100
SEARCH_SYNTAX = re.compile(r"[\"'()*:^{}\[\]+\-~]")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")
TRUE, FALSE = {"1", "true", "yes"}, {"0", "false", "no"}


def parse_flag(name: str, value: str) -> bool:
    """Return the boolean a query parameter spells; raise ApiBadRequest otherwise."""
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    message = _("%(name)s must be true or false.") % {"name": name}
    raise ApiBadRequest(message, {name: [message]})


def parse_count(request, name: str, default: int, maximum: int | None = None) -> int:
    """Return a non-negative whole-number query parameter; raise ApiBadRequest otherwise."""
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
        if value < 0:
            raise ValueError
    except ValueError:
        message = _("%(name)s must be a whole number, 0 or more.") % {"name": name}
        raise ApiBadRequest(message, {name: [message]}) from None
    if maximum is not None and value > maximum:
        message = _("%(name)s may be at most %(maximum)d.") % {"name": name, "maximum": maximum}
        raise ApiBadRequest(message, {name: [message]})
    return value


class CappedPagination(WagtailPagination):
    """Wagtail's limit/offset paging, but a too large limit is capped instead of refused."""

    def paginate_queryset(self, queryset, request, view=None):
        offset = parse_count(request, "offset", 0, maximum=MAX_OFFSET)
        limit_max = settings.WAGTAILAPI_LIMIT_MAX
        limit = min(parse_count(request, "limit", min(DEFAULT_LIMIT, limit_max)), limit_max)
        self.view = view
        # The view counted the rows already when it made the ETag.
        total = getattr(view, "_total_count", None)
        self.total_count = queryset.count() if total is None else total
        return queryset[offset : offset + limit]


class StrictFieldsFilter:
    """`?field=value` on plain fields of the type (Wagtail's FieldsFilter, stricter).

    Stream and rich-text fields cannot be compared; a bad value is a 400, never a 500.
    """

    def filter_queryset(self, request, queryset, view):
        names = set(view.get_available_fields(queryset.model, db_fields_only=True))
        names -= {"locale", *ContentFilter.parameters}
        for name in sorted(names & set(request.GET)):
            field = queryset.model._meta.get_field(name)
            value = request.GET[name]
            if not isinstance(field, FILTERABLE_FIELDS):
                message = _("Cannot filter by %(name)s.") % {"name": name}
                raise ApiBadRequest(message, {name: [message]})
            if isinstance(field, models.BooleanField):
                value = parse_flag(name, value)
            try:
                queryset = queryset.filter(**{name: value})
            except (ValidationError, ValueError, TypeError, OverflowError):
                message = _("%(value)s is not a valid value for %(name)s.") % {
                    "value": repr(value),
                    "name": name,
                }
                raise ApiBadRequest(message, {name: [message]}) from None
        return queryset


class ContentFilter:
    """Filters residents' clients need: category, urgent, pinned, current, upcoming.

    Each is tied to the page types that have it; asking it of another type is a 400.
    """

    parameters = {
        "category": None,  # any page type with a category
        "urgent": AnnouncementPage,
        "current": AnnouncementPage,
        "upcoming": EventPage,
    }

    def filter_queryset(self, request, queryset, view):
        model = queryset.model
        for name, owner in self.parameters.items():
            if name not in request.GET:
                continue
            value = request.GET[name]
            wanted = owner or _("a page type with a category")
            fits = issubclass(model, owner) if owner else _has_field(model, "category")
            if not fits:
                message = _("%(name)s needs type=%(type)s.") % {
                    "name": name,
                    "type": f"pages.{owner.__name__}" if owner else wanted,
                }
                raise ApiBadRequest(message, {name: [message]})
            if name == "category":
                queryset = queryset.filter(category__slug=value)
                continue
            flag = parse_flag(name, value)
            if name == "urgent":
                urgent = Q(urgency=AnnouncementPage.Urgency.EMERGENCY)
                queryset = queryset.filter(urgent) if flag else queryset.exclude(urgent)
            elif name == "current":
                current = Q(valid_until__isnull=True) | Q(valid_until__gt=timezone.now())
                queryset = queryset.filter(current) if flag else queryset.exclude(current)
            elif name == "upcoming":
                now = timezone.now()
                ongoing = Q(end__gte=now) | Q(end__isnull=True, start__gte=now)
                queryset = (
                    queryset.filter(ongoing).order_by("start")
                    if flag
                    else queryset.exclude(ongoing).order_by("-start")
                )
        return queryset


class SafeSearchFilter:
    """Full-text ?search= like Wagtail's SearchFilter, words only: engine syntax goes.

    SQLite FTS5 fails on an unbalanced quote or a NUL; clients mean words (as the site's
    own search, frontend.views.search).
    """

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        operator = request.GET.get("search_operator")
        if operator not in (None, "and", "or"):
            message = _("search_operator must be and or or.")
            raise ApiBadRequest(message, {"search_operator": [message]})
        raw = CONTROL_CHARACTERS.sub(" ", request.GET["search"])[:MAX_SEARCH_LENGTH]
        terms = " ".join(SEARCH_SYNTAX.sub(" ", raw).split())
        if not terms:
            return queryset.none()
        try:
            return get_search_backend().search(
                terms, queryset, operator=operator, order_by_relevance="order" not in request.GET
            )
        except (FilterFieldError, OrderByFieldError) as error:
            message = _("Cannot combine %(name)s with search.") % {"name": error.field_name}
            raise ApiBadRequest(message, {"search": [message]}) from error


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:
        return False
    return True


class ContentPageSerializer(PageSerializer):
    """Pages with StreamFields as structured JSON and rich text as HTML with absolute links."""

    serializer_field_mapping = {
        **PageSerializer.serializer_field_mapping,
        wagtail_fields.StreamField: fields.StreamField,
        wagtail_fields.RichTextField: fields.RichTextHtmlField,
    }


def make_etag(*parts) -> str:
    digest = hashlib.sha256("|".join(str(part) for part in parts).encode()).hexdigest()
    return f'"{digest[:32]}"'


def latest(*moments: datetime | None) -> datetime | None:
    found = [moment for moment in moments if moment is not None]
    return max(found) if found else None


class ConditionalMixin:
    """ETag/Last-Modified on every answer; a matching conditional GET gets 304, no body."""

    list_cache_control = LIST_CACHE_CONTROL
    detail_cache_control = DETAIL_CACHE_CONTROL

    def handle_exception(self, exc):
        # Wagtail answers its own errors as {"message": ...}: hand them to our one handler
        # (settings.REST_FRAMEWORK["EXCEPTION_HANDLER"]) as DRF exceptions instead.
        if isinstance(exc, BadRequestError):
            exc = ApiBadRequest(str(exc))
        elif isinstance(exc, Http404):
            exc = NotFound(_("Not found."))
        return super().handle_exception(exc)

    def check_query_parameters(self, queryset):
        # PostgreSQL refuses a NUL inside a string: say so instead of failing with a 500.
        for name, values in self.request.GET.lists():
            if any("\x00" in value for value in values):
                message = _("%(name)s may not contain a null character.") % {"name": name}
                raise ApiBadRequest(message, {name: [message]})
        super().check_query_parameters(queryset)

    def not_modified(self, request, etag: str, last_modified: datetime | None):
        """Return a 304 when the client's copy is current, else None."""
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match is not None:
            tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
            matched = etag in tags or "*" in tags
        else:
            since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
            matched = bool(
                since is not None and last_modified and int(last_modified.timestamp()) <= since
            )
        if not matched:
            return None
        return self.validated(HttpResponseNotModified(), etag, last_modified)

    def validated(self, response, etag, last_modified, cache_control=None):
        response["ETag"] = etag
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified.timestamp())
        response["Cache-Control"] = cache_control or self.detail_cache_control
        return response

    def query_key(self) -> str:
        return "&".join(sorted(f"{k}={v}" for k, v in self.request.GET.lists()))


class PagesApi(ConditionalMixin, PagesAPIViewSet):
    """Published pages: lists newest first, every page type's fields, filters for clients."""

    base_serializer_class = ContentPageSerializer
    pagination_class = CappedPagination
    filter_backends = [
        StrictFieldsFilter,
        *PagesAPIViewSet.filter_backends[1:-1],
        ContentFilter,
        SafeSearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(ContentFilter.parameters)

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        locale = self.request.GET.get("locale")
        if locale is not None and locale not in dict(settings.LANGUAGES):
            message = _("Unknown locale %(locale)s; use one of: %(choices)s.") % {
                "locale": repr(locale),
                "choices": ", ".join(code for code, _name in settings.LANGUAGES),
            }
            raise ApiBadRequest(message, {"locale": [message]})

    def get_base_queryset(self):
        # Wagtail asks for it several times per request; each costs the view-restriction and
        # site queries, so build it once.
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = super().get_base_queryset()
        return self._base_queryset

    def get_queryset(self):
        if not hasattr(self, "_queryset"):
            self._queryset = self.build_queryset()
        return self._queryset

    def build_queryset(self):
        """Return the published pages asked for, with what their fields read joined in."""
        type_name = self.request.GET.get("type")
        if type_name:
            try:
                page_models_from_string(type_name)
            except (LookupError, ValueError):
                message = _("Unknown page type %(type)s.") % {"type": repr(type_name)}
                raise ApiBadRequest(message, {"type": [message]}) from None
        queryset = super().get_queryset().select_related("locale")
        model = queryset.model
        for name in ("listing_image", "image"):
            if _has_field(model, name):
                queryset = queryset.select_related(name).prefetch_related(f"{name}__renditions")
        if _has_field(model, "category"):
            queryset = queryset.select_related("category")
        if _has_field(model, "display_date"):
            return queryset.order_by("-display_date", "-pk")
        return queryset.order_by("-first_published_at", "-pk")

    def filter_queryset(self, queryset):
        for backend in self.filter_backends:
            if backend is SafeSearchFilter:
                # The validators describe the filtered rows; search only narrows them.
                self._filtered = queryset
            queryset = backend().filter_queryset(self.request, queryset, self)
        return queryset

    def get_serializer_class(self):
        if self.action == "listing_view" and "fields" in self.request.GET:
            try:
                config = parse_fields_parameter(self.request.GET["fields"])
            except ValueError as error:
                raise ApiBadRequest(_("fields error: %s") % error) from error
            asked = {name for name, negated, _sub in config if not negated} & DETAIL_ONLY_FIELDS
            if asked:
                message = _(
                    "%(fields)s: only on a single page (/api/v2/pages/<id>/), not in lists."
                ) % {"fields": ", ".join(sorted(asked))}
                raise ApiBadRequest(message, {"fields": [message]})
            if config and config[0][0] == "*":
                model = self.get_queryset().model
                names = [n for n in self.get_available_fields(model) if n not in DETAIL_ONLY_FIELDS]
                config = [("_", False, None), *((n, False, None) for n in names), *config[1:]]
                return self._get_serializer_class(
                    self.request.wagtailapi_router, model, config, show_details=False
                )
        return super().get_serializer_class()

    @extend_schema(**schema.list_schema("Pages", schema.PAGE_FILTERS))
    def listing_view(self, request):
        """List published pages, newest first."""
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        found = self._filtered.order_by().aggregate(
            count=Count("pk"), published=Max("last_published_at")
        )
        if "search" not in request.GET:
            self._total_count = found["count"]
        etag = make_etag(
            "pages", content_version(), found["count"], found["published"], self.query_key()
        )
        last_modified = latest(found["published"], content_changed_at())
        answer = self.not_modified(request, etag, last_modified)
        if answer is not None:
            answer["Cache-Control"] = self.list_cache_control
            return answer
        items = self.paginate_queryset(queryset)
        serializer = self.get_serializer(items, many=True)
        response = self.get_paginated_response(serializer.data)
        return self.validated(response, etag, last_modified, self.list_cache_control)

    @extend_schema(**schema.detail_schema("Pages"))
    def detail_view(self, request, pk):
        """Return one published page with every field of its type."""
        instance = self.get_object()
        etag = make_etag(
            "page",
            instance.pk,
            instance.last_published_at,
            instance.latest_revision_id,
            content_version(),
            self.query_key(),
        )
        last_modified = latest(instance.last_published_at, content_changed_at())
        answer = self.not_modified(request, etag, last_modified)
        if answer is not None:
            return answer
        serializer = self.get_serializer(instance)
        return self.validated(Response(serializer.data), etag, last_modified)

    @extend_schema(**schema.find_schema("Pages", schema.param("html_path", "A page's path.")))
    def find_view(self, request):
        """Redirect to the detail URL of the page at `html_path`."""
        return super().find_view(request)


class BodyHashMixin(ConditionalMixin):
    """Images and documents: the ETag is a hash of the answer itself (cheap, always right)."""

    pagination_class = CappedPagination
    list_cache_control = MEDIA_CACHE_CONTROL
    detail_cache_control = MEDIA_CACHE_CONTROL

    def finish(self, request, data, items, cache_control):
        etag = make_etag(json.dumps(data, sort_keys=True, default=str))
        last_modified = latest(*(getattr(item, "created_at", None) for item in items))
        answer = self.not_modified(request, etag, last_modified)
        if answer is not None:
            answer["Cache-Control"] = cache_control
            return answer
        return self.validated(Response(data), etag, last_modified, cache_control)

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        items = list(self.paginate_queryset(queryset))
        data = self.get_paginated_response(self.get_serializer(items, many=True).data).data
        return self.finish(request, data, items, self.list_cache_control)

    def detail_view(self, request, pk):
        instance = self.get_object()
        data = self.get_serializer(instance).data
        return self.finish(request, data, [instance], self.detail_cache_control)


class ImagesApi(BodyHashMixin, ImagesAPIViewSet):
    @extend_schema(**schema.list_schema("Images"))
    def listing_view(self, request):
        """List images with their size and download URL."""
        return super().listing_view(request)

    @extend_schema(**schema.detail_schema("Images"))
    def detail_view(self, request, pk):
        """Return one image with its size and download URL."""
        return super().detail_view(request, pk)

    @extend_schema(**schema.find_schema("Images", schema.param("id", "An image id.", int)))
    def find_view(self, request):
        """Redirect to the detail URL of an image."""
        return super().find_view(request)


class DocumentsApi(BodyHashMixin, DocumentsAPIViewSet):
    @extend_schema(**schema.list_schema("Documents"))
    def listing_view(self, request):
        """List documents with their download URL."""
        return super().listing_view(request)

    @extend_schema(**schema.detail_schema("Documents"))
    def detail_view(self, request, pk):
        """Return one document with its download URL."""
        return super().detail_view(request, pk)

    @extend_schema(**schema.find_schema("Documents", schema.param("id", "A document id.", int)))
    def find_view(self, request):
        """Redirect to the detail URL of a document."""
        return super().find_view(request)
