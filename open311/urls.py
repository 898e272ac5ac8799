"""GeoReport v2 addresses under /open311/v2/, each with the format as its extension."""

from django.urls import path, re_path

from . import views

FMT = r"\.(?P<fmt>json|xml)$"
ID = r"(?P<{}>[A-Za-z0-9_\-]{{1,64}})"

urlpatterns = [
    re_path(r"^discovery" + FMT, views.DiscoveryApi.as_view(), name="open311-discovery"),
    re_path(r"^services" + FMT, views.ServiceListApi.as_view(), name="open311-services"),
    re_path(
        r"^services/" + ID.format("service_code") + FMT,
        views.ServiceDefinitionApi.as_view(),
        name="open311-service",
    ),
    re_path(r"^requests" + FMT, views.RequestsApi.as_view(), name="open311-requests"),
    re_path(
        r"^requests/" + ID.format("service_request_id") + FMT,
        views.RequestDetailApi.as_view(),
        name="open311-request",
    ),
    re_path(r"^tokens/" + ID.format("token") + FMT, views.TokenApi.as_view(), name="open311-token"),
    path("", views.NotFoundApi.as_view(), name="open311-root"),
    re_path(r"^.*$", views.NotFoundApi.as_view()),
]
