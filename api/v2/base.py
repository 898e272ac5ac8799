"""What every content endpoint shares: the error shape, query checks, HTTP validators."""

from datetime import datetime

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from wagtail.api.rich_text import APIRichText, RichTextFormatError
from wagtail.api.v2.utils import BadRequestError

from api.errors import ApiBadRequest, bad_parameter, shown
from api.limits import MAX_ID
from api.v2 import conditional
from api.v2.params import PRESENTATION_PARAMETERS, TRUE, fields_error, parse_flag, parse_id

LIST_CACHE_CONTROL = "public, max-age=60"
DETAIL_CACHE_CONTROL = "public, max-age=300"


class ContentApiMixin:
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
        answer = conditional.not_modified(request, etag, last_modified)
        return None if answer is None else self.validated(answer, etag, last_modified)

    def validated(self, response, etag, last_modified, cache_control=None):
        conditional.set_validators(response, etag, last_modified)
        response["Cache-Control"] = cache_control or self.detail_cache_control
        return response

    def query_key(self) -> str:
        """Return what, besides the content, decides the bytes of the answer."""
        renderer = getattr(self.request, "accepted_renderer", None)
        query = "&".join(sorted(f"{k}={v}" for k, v in self.request.GET.lists()))
        return f"{getattr(renderer, 'format', '')}?{query}"
