"""Everything under /api/: content (v2), resident endpoints (v1), the OpenAPI schema and docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from api.v2.router import api_router

urlpatterns = [
    path("v2/", api_router.urls),
    path("v1/", include("api.v1.urls")),
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
