"""What a resident chooses from when sending a complaint: the topics
(GET /api/v1/complaint-categories/) and the kecamatan's villages (GET /api/v1/desa/)."""

from drf_spectacular.utils import extend_schema, extend_schema_serializer, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from api.v1.base import ResidentApiView
from cms.complaints import selectors
from cms.complaints.sites import complaint_site


class ComplaintCategoryListApi(ResidentApiView):
    @extend_schema_serializer(component_name="ComplaintCategory")
    class OutputSerializer(serializers.Serializer):
        slug = serializers.CharField()
        name = serializers.CharField(source="display_name")
        description = serializers.CharField()
        is_other = serializers.BooleanField()
        requires_nik = serializers.BooleanField(
            help_text="The form must ask for the resident's NIK (`reporter_nik`) for this topic."
        )
        service_url = serializers.SerializerMethodField()

        def get_service_url(self, category) -> str | None:
            page = category.service_page
            if page is None or not page.live:
                return None
            request = self.context["request"]
            return request.build_absolute_uri(page.get_url(request))

    @extend_schema(
        summary="Complaint categories",
        description="The topics a resident chooses from, in the form's order (Other last): "
        "those of the kecamatan whose host answers. Names follow Accept-Language (Indonesian "
        "by default).",
        responses=inline_serializer(
            "ComplaintCategoryList", {"items": OutputSerializer(many=True)}
        ),
        tags=["complaints"],
    )
    def get(self, request):
        categories = selectors.complaint_categories(complaint_site(request))
        data = self.OutputSerializer(categories, many=True, context={"request": request}).data
        response = Response({"items": data})
        response["Cache-Control"] = "public, max-age=300"
        return response


class DesaListApi(ResidentApiView):
    @extend_schema_serializer(component_name="Desa")
    class OutputSerializer(serializers.Serializer):
        slug = serializers.CharField(help_text="What to send as `desa` with a complaint.")
        name = serializers.CharField(help_text="Without the word Desa or Kelurahan.")
        kind = serializers.ChoiceField(["desa", "kelurahan"])
        display_name = serializers.CharField(help_text="E.g. Desa Sukamaju.")

    @extend_schema(
        summary="Villages (desa/kelurahan)",
        description="The kecamatan's villages, from the list its staff keep, in their order. "
        "A complaint names one by its slug (`desa`), or none when the resident does not know "
        "it or it is not listed. The transparency figures count complaints by this list only.",
        responses=inline_serializer("DesaList", {"items": OutputSerializer(many=True)}),
        tags=["complaints"],
    )
    def get(self, request):
        data = self.OutputSerializer(selectors.complaint_desa_choices(), many=True).data
        response = Response({"items": data})
        response["Cache-Control"] = "public, max-age=300"
        return response
