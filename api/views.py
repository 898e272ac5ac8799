"""Content endpoints: Wagtail API v2 with our filters, error shape and HTTP caching.

Wagtail's own filters answer bad input in English with {"message": ...} only; every one of
them is replaced here by a filter that names the parameter at fault, in the client's
language (api.errors.api_language), in the shared shape.
"""

import hashlib
import json
import re
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import FieldError, ValidationError
from django.db import models
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseNotModified
from django.utils import timezone
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from taggit.managers import TaggableManager
from wagtail import fields as wagtail_fields
from wagtail.api.rich_text import APIRichText, RichTextFormatError
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import (
    BadRequestError,
    get_restricted_collection_ids,
    page_models_from_string,
    parse_fields_parameter,
)
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from api import fields, schema
from api.errors import ApiBadRequest, bad_parameter, shown
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
# How every boolean query parameter may be spelled (English, Indonesian, digits).
TRUE = ("true", "1", "ya", "yes")
FALSE = ("false", "0", "tidak", "no")
# An id in a URL or a query: ASCII digits that fit a 64-bit column.
ID = re.compile(r"[0-9]{1,18}")
MAX_ID = 2**63 - 1
# Tree filters: parameter -> the PageQuerySet method that applies it.
TREE_FILTERS = {
    "child_of": "child_of",
    "ancestor_of": "ancestor_of",
    "descendant_of": "descendant_of",
    "translation_of": "translation_of",
}
# Query parameters every endpoint takes that change only how the answer is written.
PRESENTATION_PARAMETERS = frozenset({"pretty"})


def parse_flag(name: str, value: str) -> bool:
    """Return the boolean a query parameter spells; raise ApiBadRequest otherwise."""
    if value.strip().lower() in TRUE:
        return True
    if value.strip().lower() in FALSE:
        return False
    raise bad_parameter(
        name,
        _("%(name)s must be one of: %(values)s.")
        % {"name": name, "values": ", ".join(map("/".join, zip(TRUE, FALSE, strict=True)))},
    )


def parse_count(request, name: str, default: int, maximum: int | None = None) -> int:
    """Return a non-negative whole-number query parameter; raise ApiBadRequest otherwise."""
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    if not re.fullmatch(r"[0-9]+", raw):
        raise bad_parameter(name, _("%(name)s must be a whole number, 0 or more.") % {"name": name})
    value = int(raw)
    if maximum is not None and value > maximum:
        message = _("%(name)s may be at most %(maximum)d.") % {"name": name, "maximum": maximum}
        raise bad_parameter(name, message)
    return value


def parse_id(name: str, value: str) -> int:
    """Return the id a query parameter names; raise ApiBadRequest otherwise."""
    if not ID.fullmatch(value):
        raise bad_parameter(name, _("%(name)s must be an id: a whole number.") % {"name": name})
    return int(value)


class CappedPagination(WagtailPagination):
    """Wagtail's limit/offset paging, but a too large limit is capped instead of refused."""

    @staticmethod
    def window(request) -> tuple[int, int]:
        """Return (offset, limit) from the query; raise ApiBadRequest for bad values."""
        offset = parse_count(request, "offset", 0, maximum=MAX_OFFSET)
        limit_max = settings.WAGTAILAPI_LIMIT_MAX
        limit = min(parse_count(request, "limit", min(DEFAULT_LIMIT, limit_max)), limit_max)
        return offset, limit

    def paginate_queryset(self, queryset, request, view=None):
        offset, limit = self.window(request)
        self.view = view
        # The view counted the rows already when it made the ETag.
        total = getattr(view, "_total_count", None)
        self.total_count = queryset.count() if total is None else total
        return queryset[offset : offset + limit]


class StrictFieldsFilter:
    """`?field=value` on plain fields of the type (Wagtail's FieldsFilter, stricter).

    Stream and rich-text fields cannot be compared; a bad value is a 400, never a 500.
    Tags (images, documents) take a comma-separated list: items carrying every one of them.
    """

    def filter_queryset(self, request, queryset, view):
        names = set(view.get_available_fields(queryset.model, db_fields_only=True))
        names -= {"locale", *ContentFilter.parameters}
        for name in sorted(names & set(request.GET)):
            field = queryset.model._meta.get_field(name)
            value = request.GET[name]
            if isinstance(field, TaggableManager):
                for tag in value.split(","):
                    queryset = queryset.filter(**{f"{name}__name": tag})
                queryset._filtered_by_tag = True
                continue
            if not isinstance(field, FILTERABLE_FIELDS):
                raise bad_parameter(name, _("Cannot filter by %(name)s.") % {"name": name})
            if isinstance(field, models.BooleanField):
                value = parse_flag(name, value)
            try:
                queryset = queryset.filter(**{name: value})
            except (ValidationError, ValueError, TypeError, OverflowError):
                message = _("%(value)s is not a valid value for %(name)s.") % {
                    "value": shown(value),
                    "name": name,
                }
                raise bad_parameter(name, message) from None
        return queryset


class StrictOrderingFilter:
    """`?order=a,-b` on the type's plain fields, or `?order=random` (Wagtail's, in our words)."""

    def filter_queryset(self, request, queryset, view):
        raw = request.GET.get("order")
        if not raw:
            return queryset
        names = raw.split(",")
        if "random" in names:
            if len(names) > 1 or "offset" in request.GET:
                raise bad_parameter(
                    "order", _("order=random cannot be combined with other fields or offset.")
                )
            return queryset.order_by("?")
        allowed = set(view.get_available_fields(queryset.model, db_fields_only=True))
        for name in names:
            if name.removeprefix("-") not in allowed:
                raise bad_parameter(
                    "order", _("Cannot order by %(field)s.") % {"field": shown(name)}
                )
        try:
            return queryset.order_by(*names)
        except FieldError:
            raise bad_parameter(
                "order", _("Cannot order by %(field)s.") % {"field": shown(raw)}
            ) from None


class TreeFilter:
    """child_of, ancestor_of, descendant_of, translation_of: a public page's id (or `root`)."""

    def filter_queryset(self, request, queryset, view):
        if "child_of" in request.GET and "descendant_of" in request.GET:
            raise bad_parameter(
                "descendant_of", _("descendant_of cannot be combined with child_of.")
            )
        for name, method in TREE_FILTERS.items():
            if name in request.GET:
                queryset = getattr(queryset, method)(self.page(request, view, name))
        return queryset

    def page(self, request, view, name):
        value = request.GET[name]
        if value == "root" and name != "ancestor_of":
            return view.get_root_page()
        page = view.get_base_queryset().filter(pk=parse_id(name, value)).first()
        if page is None:
            message = _("%(name)s: there is no public page with id %(id)s.")
            raise bad_parameter(name, message % {"name": name, "id": value})
        return page


class LocaleFilter:
    """`?locale=id|en`: pages of one language (checked by PagesApi.check_query_parameters)."""

    def filter_queryset(self, request, queryset, view):
        if "locale" in request.GET:
            queryset = queryset.filter(locale__language_code=request.GET["locale"])
        return queryset


class ContentFilter:
    """Filters residents' clients need: category, urgent, current, upcoming.

    Each is tied to the page types that have it; asking it of another type is a 400.
    The time-dependent ones compare with the view's `now`, the same moment its ETag uses.
    """

    parameters = {
        "category": None,  # any page type with a category
        "urgent": AnnouncementPage,
        "current": AnnouncementPage,
        "upcoming": EventPage,
    }

    def filter_queryset(self, request, queryset, view):
        model = queryset.model
        now = view.now
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
                raise bad_parameter(name, message)
            if name == "category":
                queryset = queryset.filter(category__slug=value)
                continue
            flag = parse_flag(name, value)
            if name == "urgent":
                urgent = Q(urgency=AnnouncementPage.Urgency.EMERGENCY)
                queryset = queryset.filter(urgent) if flag else queryset.exclude(urgent)
            elif name == "current":
                current = Q(valid_until__isnull=True) | Q(valid_until__gt=now)
                queryset = queryset.filter(current) if flag else queryset.exclude(current)
            elif name == "upcoming":
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
            raise bad_parameter("search_operator", message)
        if getattr(queryset, "_filtered_by_tag", False):
            raise bad_parameter("search", _("search cannot be combined with tags."))
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
            raise bad_parameter("search", message) from error


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:
        return False
    return True


def fields_error(error) -> ApiBadRequest:
    """Return the 400 for a `?fields=` Wagtail refused, in our words."""
    text = str(error)
    if text.startswith("unknown fields: "):
        names = text.removeprefix("unknown fields: ")
        return bad_parameter("fields", _("Unknown fields: %(names)s.") % {"names": names[:200]})
    if text.endswith("does not support nested fields"):
        name = text.split("'")[1] if text.count("'") >= 2 else "?"
        return bad_parameter(
            "fields", _("%(name)s has no fields of its own to choose.") % {"name": name[:60]}
        )
    return bad_parameter("fields", _("fields must be a comma-separated list of field names."))


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
    """What our endpoints share: the error shape, HTTP validators and public, anonymous reads.

    ETag/Last-Modified on every answer; a matching conditional GET gets 304, no body. No
    authentication: the content is public and read-only, the same for everyone, so the
    answers do not vary by cookie and shared caches may keep them (a preview is authorised
    by its signed token, not by a session).
    """

    authentication_classes = []
    permission_classes = [AllowAny]
    list_cache_control = LIST_CACHE_CONTROL
    detail_cache_control = DETAIL_CACHE_CONTROL

    def handle_exception(self, exc):
        # Wagtail answers its own errors as {"message": ...}: hand them to our one handler
        # (settings.REST_FRAMEWORK["EXCEPTION_HANDLER"]) as DRF exceptions instead.
        if isinstance(exc, BadRequestError):
            exc = self.unnamed_bad_request(exc)
        elif isinstance(exc, Http404):
            exc = NotFound(_("Not found."))
        return super().handle_exception(exc)

    def unnamed_bad_request(self, exc) -> ApiBadRequest:
        """Name the parameter of a Wagtail error none of our checks caught first."""
        text = str(exc)
        named = [name for name in self.request.GET if name and name in text]
        name = named[0] if named else "query"
        return bad_parameter(name, _("%(name)s is not valid.") % {"name": name})

    @property
    def known_parameters(self) -> frozenset:
        return self.known_query_parameters | PRESENTATION_PARAMETERS

    def check_query_parameters(self, queryset):
        """Refuse NULs (PostgreSQL cannot store them) and parameters that mean nothing here."""
        for name, values in self.request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                message = _("%(name)s may not contain a null character.") % {
                    "name": name.replace("\x00", "")
                }
                raise bad_parameter(name, message)
        if self.request.GET.get("pretty"):
            parse_flag("pretty", self.request.GET["pretty"])
        fields = self.filterable_fields(queryset.model)
        unknown = sorted(set(self.request.GET) - fields - self.known_parameters)
        if unknown:
            message = _("Unknown query parameter: %(names)s.") % {
                "names": ", ".join(shown(name) for name in unknown)
            }
            raise ApiBadRequest(message, {name: [message] for name in unknown})

    def filterable_fields(self, model) -> set[str]:
        """Return the fields a `?field=value` filter may name."""
        return set(self.get_available_fields(model, db_fields_only=True))

    def get_serializer_class(self):
        try:
            return super().get_serializer_class()
        except BadRequestError as error:
            raise fields_error(error) from None

    def resolve_rich_text_format(self):
        try:
            return APIRichText.resolve_format(self.request.GET.get("rich_text_format"))
        except RichTextFormatError:
            formats = ", ".join(sorted(APIRichText._serializers()))
            message = _("rich_text_format must be one of: %(formats)s.") % {"formats": formats}
            raise bad_parameter("rich_text_format", message) from None

    def get_object(self):
        # <int:pk> takes any length of digits; a database column does not.
        if int(self.kwargs.get("pk", 0)) > MAX_ID:
            raise Http404
        return super().get_object()

    def find_object(self, queryset, request):
        if "id" in request.GET:
            parse_id("id", request.GET["id"])
        return super().find_object(queryset, request)

    def get_renderer_context(self):
        # Compact JSON, unless ?pretty asks for it indented (a browser gets the browsable,
        # indented page anyway).
        context = super().get_renderer_context()
        pretty = self.request.GET.get("pretty")
        context["indent"] = 4 if pretty is not None and pretty.lower() in ("", *TRUE) else None
        return context

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
        """Return what, besides the content, decides the bytes of the answer."""
        renderer = getattr(self.request, "accepted_renderer", None)
        query = "&".join(sorted(f"{k}={v}" for k, v in self.request.GET.lists()))
        return f"{getattr(renderer, 'format', '')}?{query}"


class PagesApi(ConditionalMixin, PagesAPIViewSet):
    """Published pages: lists newest first, every page type's fields, filters for clients."""

    base_serializer_class = ContentPageSerializer
    pagination_class = CappedPagination
    filter_backends = [
        StrictFieldsFilter,
        TreeFilter,
        StrictOrderingFilter,
        LocaleFilter,
        ContentFilter,
        SafeSearchFilter,  # last: search results cannot be filtered further
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(ContentFilter.parameters)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # One moment per request: the time filters and the ETag agree on what "now" is.
        self.now = timezone.now()

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        locale = self.request.GET.get("locale")
        if locale is not None and locale not in dict(settings.LANGUAGES):
            message = _("Unknown locale %(locale)s; use one of: %(choices)s.") % {
                "locale": shown(locale),
                "choices": ", ".join(code for code, _name in settings.LANGUAGES),
            }
            raise bad_parameter("locale", message)

    def get_base_queryset(self):
        """Return the live pages anyone may read on the requested site, in every language.

        Wagtail's version lets a session that entered a page's password see that page: a
        public, shared-cache answer must not depend on who asks, so every page with a view
        restriction is left out (with its descendants). Built once per request.
        """
        if not hasattr(self, "_base_queryset"):
            queryset = Page.objects.live()
            for restriction in PageViewRestriction.objects.select_related("page"):
                queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
            site = self.requested_site()
            if site is None:
                self._base_queryset = queryset.none()
            else:
                pages = queryset.descendant_of(site.root_page, inclusive=True)
                if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
                    for translation in site.root_page.get_translations():
                        pages |= queryset.descendant_of(translation, inclusive=True)
                self._base_queryset = pages
        return self._base_queryset

    def requested_site(self):
        """Return the site named by `?site=host[:port]`, else the site of the request."""
        raw = self.request.GET.get("site")
        if not raw:
            return Site.find_for_request(self.request)
        hostname, _colon, port = raw.partition(":")
        # A host name has letters, digits, dots and dashes; anything else (a NUL byte, which
        # PostgreSQL refuses outright) cannot name a site.
        if not re.fullmatch(r"[A-Za-z0-9.\-]{1,255}", hostname):
            raise bad_parameter("site", _("site must be host or host:port."))
        query = {"hostname": hostname}
        if port:
            if not re.fullmatch(r"[0-9]{1,5}", port):
                raise bad_parameter("site", _("site must be host or host:port."))
            query["port"] = int(port)
        site = Site.objects.filter(**query).order_by("pk").first()
        if site is None:
            raise bad_parameter("site", _("Unknown site %(site)s.") % {"site": shown(raw)})
        return site

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
                message = _("Unknown page type %(type)s.") % {"type": shown(type_name)}
                raise bad_parameter("type", message) from None
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
                raise fields_error(error) from None
            asked = {name for name, negated, _sub in config if not negated} & DETAIL_ONLY_FIELDS
            if asked:
                message = _(
                    "%(fields)s: only on a single page (/api/v2/pages/<id>/), not in lists."
                ) % {"fields": ", ".join(sorted(asked))}
                raise bad_parameter("fields", message)
            if config and config[0][0] == "*":
                model = self.get_queryset().model
                names = [n for n in self.get_available_fields(model) if n not in DETAIL_ONLY_FIELDS]
                config = [("_", False, None), *((n, False, None) for n in names), *config[1:]]
                try:
                    return self._get_serializer_class(
                        self.request.wagtailapi_router, model, config, show_details=False
                    )
                except BadRequestError as error:
                    raise fields_error(error) from None
        return super().get_serializer_class()

    def time_boundary(self, model) -> datetime | None:
        """Return the last moment (up to now) at which a time-dependent answer changed.

        An announcement's `is_expired` (and whether `current` keeps it) flips when its
        `valid_until` passes; an event leaves `upcoming` when it ends. Nobody publishes
        anything then, so the content version does not move: this moment goes into the
        ETag and Last-Modified of the answers it affects instead. One query, whatever the
        number of items; None when the answer does not depend on the time.
        """
        now = self.now
        if issubclass(model, AnnouncementPage):
            passed = AnnouncementPage.objects.live().filter(valid_until__lte=now)
            return passed.aggregate(moment=Max("valid_until"))["moment"]
        if issubclass(model, EventPage) and "upcoming" in self.request.GET:
            ends = EventPage.objects.live().annotate(moment=Coalesce("end", "start"))
            return ends.filter(moment__lt=now).aggregate(last=Max("moment"))["last"]
        return None

    @extend_schema(**schema.list_schema("Pages", schema.PAGE_FILTERS))
    def listing_view(self, request):
        """List published pages, newest first."""
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        # A conditional request gets no 304 for a query that would be a 400 without it.
        CappedPagination.window(request)
        found = self._filtered.order_by().aggregate(
            count=Count("pk"), published=Max("last_published_at")
        )
        if "search" not in request.GET:
            self._total_count = found["count"]
        boundary = self.time_boundary(queryset.model)
        etag = make_etag(
            "pages",
            content_version(),
            found["count"],
            found["published"],
            boundary,
            self.query_key(),
        )
        last_modified = latest(found["published"], content_changed_at(), boundary)
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
        self.check_query_parameters(type(instance).objects.none())
        # An expired announcement says so from the moment it expires.
        expired_at = instance.valid_until if getattr(instance, "is_expired", False) else None
        etag = make_etag(
            "page",
            instance.pk,
            instance.last_published_at,
            instance.latest_revision_id,
            content_version(),
            expired_at,
            self.query_key(),
        )
        last_modified = latest(instance.last_published_at, content_changed_at(), expired_at)
        answer = self.not_modified(request, etag, last_modified)
        if answer is not None:
            return answer
        serializer = self.get_serializer(instance)
        return self.validated(Response(serializer.data), etag, last_modified)

    @extend_schema(**schema.find_schema("Pages", schema.param("html_path", "A page's path.")))
    def find_view(self, request):
        """Redirect to the detail URL of the page at `html_path`."""
        return super().find_view(request)


class AbsoluteImageSerializer(ImageSerializer):
    """Wagtail's image serializer, with an absolute `download_url`."""

    download_url = fields.AbsoluteImageDownloadUrlField(read_only=True)


class BodyHashMixin(ConditionalMixin):
    """Images and documents: the ETag is a hash of the answer itself (cheap, always right)."""

    pagination_class = CappedPagination
    filter_backends = [StrictFieldsFilter, StrictOrderingFilter, SafeSearchFilter]
    list_cache_control = MEDIA_CACHE_CONTROL
    detail_cache_control = MEDIA_CACHE_CONTROL

    def get_queryset(self):
        # As for pages: a collection with any view restriction is left out for everyone.
        anonymous = AnonymousRequest()
        restricted = get_restricted_collection_ids(anonymous)
        return self.model.objects.exclude(collection__in=restricted).order_by("id")

    def finish(self, request, data, items, cache_control):
        etag = make_etag(json.dumps(data, sort_keys=True, default=str), self.query_key())
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
        self.check_query_parameters(type(instance).objects.none())
        data = self.get_serializer(instance).data
        return self.finish(request, data, [instance], self.detail_cache_control)


class AnonymousRequest:
    """What a view restriction asks of a request, answered as for a stranger."""

    session: dict = {}
    user = AnonymousUser()


class ImagesApi(BodyHashMixin, ImagesAPIViewSet):
    base_serializer_class = AbsoluteImageSerializer

    @extend_schema(**schema.list_schema("Images"))
    def listing_view(self, request):
        """List images with their size and download URL."""
        return super().listing_view(request)

    @extend_schema(**schema.detail_schema("Images"))
    def detail_view(self, request, pk):
        """Return one image with its size and download URL."""
        return super().detail_view(request, pk)

    @extend_schema(**schema.find_schema("Images", schema.param("id", "An image id.", schema.ID)))
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

    @extend_schema(
        **schema.find_schema("Documents", schema.param("id", "A document id.", schema.ID))
    )
    def find_view(self, request):
        """Redirect to the detail URL of a document."""
        return super().find_view(request)
