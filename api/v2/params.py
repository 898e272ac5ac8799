"""Query parameters of the content API: how booleans, counts and ids are spelled, paging,
and the 400 for a `?fields=` Wagtail refused. Every refusal names the parameter at fault."""

import re

from django.conf import settings
from django.utils.translation import gettext as _
from wagtail.api.v2.pagination import WagtailPagination

from api.errors import ApiBadRequest, bad_parameter
from api.limits import ID_DIGITS, MAX_OFFSET

DEFAULT_LIMIT = 20
# How every boolean query parameter may be spelled (English, Indonesian, digits).
TRUE = ("true", "1", "ya", "yes")
FALSE = ("false", "0", "tidak", "no")
# An id in a query: ASCII digits that fit a 64-bit column.
ID = re.compile(rf"[0-9]{{1,{ID_DIGITS}}}")

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
