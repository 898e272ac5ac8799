"""Pages of the content API (/api/v2/pages/): lists newest first, every page type's fields.

Filters are in api/v2/filters.py, paging and parameters in api/v2/params.py, the ETag and
Last-Modified parts in api/v2/conditional.py, what the schema says in api/v2/schema.py.
"""

import re
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Max
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from wagtail import fields as wagtail_fields
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError, page_models_from_string, parse_fields_parameter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.models import Page, PageViewRestriction, Site

from api.errors import bad_parameter, shown
from api.limits import DETAIL_ONLY_FIELDS
from api.v2 import schema
from api.v2.base import ContentApiMixin
from api.v2.conditional import latest, make_etag
from api.v2.filters import (
    ContentFilter,
    LocaleFilter,
    SafeSearchFilter,
    StrictFieldsFilter,
    StrictOrderingFilter,
    TreeFilter,
    has_field,
)
from api.v2.params import CappedPagination, fields_error
from pages import api_fields
from pages.models import AnnouncementPage, EventPage
from pages.signals import content_changed_at, content_version


class ContentPageSerializer(PageSerializer):
    """Pages with StreamFields as structured JSON and rich text as HTML with absolute links."""

    serializer_field_mapping = {
        **PageSerializer.serializer_field_mapping,
        wagtail_fields.StreamField: api_fields.StreamField,
        wagtail_fields.RichTextField: api_fields.RichTextHtmlField,
    }


class PagesApi(ContentApiMixin, PagesAPIViewSet):
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
            if has_field(model, name):
                queryset = queryset.select_related(name).prefetch_related(f"{name}__renditions")
        if has_field(model, "category"):
            queryset = queryset.select_related("category")
        if has_field(model, "display_date"):
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
