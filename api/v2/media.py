"""Images and documents of the content API (/api/v2/images/, /api/v2/documents/)."""

import json

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from wagtail.api.v2.utils import get_restricted_collection_ids
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

from api.v2 import schema
from api.v2.base import ContentApiMixin
from api.v2.conditional import latest, make_etag
from api.v2.filters import SafeSearchFilter, StrictFieldsFilter, StrictOrderingFilter
from api.v2.params import CappedPagination
from pages import api_fields

MEDIA_CACHE_CONTROL = "public, max-age=3600"


class AbsoluteImageSerializer(ImageSerializer):
    """Wagtail's image serializer, with an absolute `download_url`."""

    download_url = api_fields.AbsoluteImageDownloadUrlField(read_only=True)


class BodyHashMixin(ContentApiMixin):
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
