"""Filters of the content API, each refusing bad input with a 400 that names the parameter.

Wagtail's own filters answer bad input in English with {"message": ...} only; every one of
them is replaced here by a filter that names the parameter at fault, in the client's
language (api.errors.api_language), in the shared shape.
"""

import re

from django.core.exceptions import FieldError, ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _
from taggit.managers import TaggableManager
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from api.errors import bad_parameter, shown
from api.v2.params import parse_flag, parse_id
from pages.models import AnnouncementPage, EventPage

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
# Tree filters: parameter -> the PageQuerySet method that applies it.
TREE_FILTERS = {
    "child_of": "child_of",
    "ancestor_of": "ancestor_of",
    "descendant_of": "descendant_of",
    "translation_of": "translation_of",
}


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
            fits = issubclass(model, owner) if owner else has_field(model, "category")
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


def has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except Exception:
        return False
    return True
