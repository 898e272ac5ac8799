"""The API's own pages: complaint endpoints (v1), the OpenAPI schema and readable docs."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api import complaints

urlpatterns = [
    path(
        "v1/complaint-categories/",
        complaints.ComplaintCategoryListApi.as_view(),
        name="api-complaint-categories",
    ),
    path("v1/complaints/", complaints.ComplaintListSubmitApi.as_view(), name="api-complaints"),
    path(
        "v1/complaints/<str:code>/",
        complaints.ComplaintTrackApi.as_view(),
        name="api-complaint-track",
    ),
    path(
        "v1/complaints/<str:code>/replies/",
        complaints.ComplaintReplyApi.as_view(),
        name="api-complaint-reply",
    ),
    path(
        "v1/complaints/<str:code>/confirmation/",
        complaints.ComplaintConfirmApi.as_view(),
        name="api-complaint-confirm",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Split: its start-up script is a file, not inline (strict CSP, docs/privacy.md).
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
]

from api import surveys  # noqa: E402

urlpatterns += [
    path("v1/surveys/", surveys.SurveySubmitApi.as_view(), name="api-surveys"),
    path("v1/ikm/", surveys.IkmApi.as_view(), name="api-ikm"),
    path("v1/transparency/", surveys.TransparencyApi.as_view(), name="api-transparency"),
    path("v1/transparency.csv", surveys.TransparencyCsvApi.as_view(), name="api-transparency-csv"),
]
