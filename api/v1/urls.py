"""Resident endpoints under /api/v1/: complaints and their tracking, surveys, open data, push."""

from django.urls import path

from api.v1 import categories, complaints, open_data, push, surveys, tracking

urlpatterns = [
    path(
        "complaint-categories/",
        categories.ComplaintCategoryListApi.as_view(),
        name="api-complaint-categories",
    ),
    path("desa/", categories.DesaListApi.as_view(), name="api-desa"),
    path("complaints/", complaints.ComplaintListSubmitApi.as_view(), name="api-complaints"),
    path(
        "complaints/<str:code>/",
        tracking.ComplaintTrackApi.as_view(),
        name="api-complaint-track",
    ),
    path(
        "complaints/<str:code>/replies/",
        tracking.ComplaintReplyApi.as_view(),
        name="api-complaint-reply",
    ),
    path(
        "complaints/<str:code>/confirmation/",
        tracking.ComplaintConfirmApi.as_view(),
        name="api-complaint-confirm",
    ),
    path("surveys/", surveys.SurveySubmitApi.as_view(), name="api-surveys"),
    path("ikm/", open_data.IkmApi.as_view(), name="api-ikm"),
    path("transparency/", open_data.TransparencyApi.as_view(), name="api-transparency"),
    path("transparency.csv", open_data.TransparencyCsvApi.as_view(), name="api-transparency-csv"),
    path("push/key/", push.PushKeyApi.as_view(), name="api-push-key"),
    path("push/subscriptions/", push.PushSubscriptionApi.as_view(), name="api-push-subscriptions"),
]
