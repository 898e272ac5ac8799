"""Web Push subscriptions (GET /api/v1/push/key/, POST and DELETE /api/v1/push/subscriptions/).

A phone's browser subscribes with its PushSubscription JSON plus the topics the resident chose
(cms/push). A complaint's topic carries the reporter's reply code, checked like a reply is
(a wrong one counts as a failed guess); the code itself is never stored.
"""

from django.conf import settings
from django.db import DatabaseError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from wagtail.models import Site

from api.errors import error_response
from api.parsers import StrictJSONParser
from api.schema import error
from api.v1.base import TOO_MANY, ResidentApiView, service_unavailable, too_many
from cms.complaints.errors import NotTheReporter
from cms.complaints.lookup import complaint_lookup, complaint_lookup_failed
from cms.complaints.ratelimit import rate_limit_hit
from cms.push import services
from cms.push.errors import PushError
from cms.push.vapid import PushNotConfigured, vapid_public_key

NOT_CONFIGURED = error("Push is not set up on this server (no VAPID key).")


def push_not_configured():
    return error_response(
        _("Notifications are not available on this site yet."),
        {},
        status.HTTP_503_SERVICE_UNAVAILABLE,
    )


class PushKeyOutput(serializers.Serializer):
    public_key = serializers.CharField(help_text="The VAPID application server key, base64url.")


class PushKeyApi(ResidentApiView):
    @extend_schema(
        summary="The key browsers subscribe to push with",
        responses={200: PushKeyOutput, 503: NOT_CONFIGURED},
        tags=["push"],
    )
    def get(self, request):
        try:
            key = vapid_public_key()
        except PushNotConfigured:
            return push_not_configured()
        response = Response({"public_key": key})
        response["Cache-Control"] = "public, max-age=3600"
        return response


class PushKeysInput(serializers.Serializer):
    p256dh = serializers.CharField(max_length=200)
    auth = serializers.CharField(max_length=100)


class PushSubscriptionInput(serializers.Serializer):
    endpoint = serializers.CharField(max_length=services.MAX_ENDPOINT)
    expirationTime = serializers.IntegerField(required=False, allow_null=True)  # noqa: N815
    keys = PushKeysInput()
    topics = serializers.ListField(
        child=serializers.CharField(max_length=120, allow_blank=True),
        max_length=services.MAX_TOPICS,
        help_text="`darurat` (Darurat and Penting announcements), `category:<slug>`, `events`, "
        "`complaint:<tracking code>:<reply code>`.",
    )
    language = serializers.ChoiceField(settings.LANGUAGES, required=False)


class PushUnsubscribeInput(serializers.Serializer):
    endpoint = serializers.CharField(max_length=services.MAX_ENDPOINT)


class PushSubscriptionOutput(serializers.Serializer):
    topics = serializers.ListField(child=serializers.CharField())
    language = serializers.CharField()


def _site(request):
    return Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()


class PushSubscriptionApi(ResidentApiView):
    parser_classes = [StrictJSONParser]

    @extend_schema(
        summary="Subscribe a browser to push notifications",
        description=(
            "The browser's PushSubscription JSON (`endpoint`, `keys.p256dh`, `keys.auth`) plus "
            "`topics` and `language` (the notifications' language). 201 when new, 200 when "
            "the endpoint was known (its topics are replaced). The endpoint must be an "
            "https:// URL."
        ),
        request=PushSubscriptionInput,
        examples=[
            OpenApiExample(
                "Urgent announcements",
                request_only=True,
                value={
                    "endpoint": "https://fcm.googleapis.com/fcm/send/abc",
                    "keys": {"p256dh": "BNc...", "auth": "tBH..."},
                    "topics": ["darurat", "category:kesehatan"],
                    "language": "id",
                },
            )
        ],
        responses={
            201: PushSubscriptionOutput,
            200: OpenApiResponse(PushSubscriptionOutput, description="Topics replaced."),
            400: error("Invalid fields, named under `errors`."),
            403: error("A complaint topic's reply code is wrong (named under `errors.topics`)."),
            429: TOO_MANY,
            503: NOT_CONFIGURED,
        },
        tags=["push"],
    )
    def post(self, request):
        serializer = PushSubscriptionInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        wait = rate_limit_hit("push", request, settings.PUSH_SUBSCRIBE_RATE, 3600)
        if wait:
            return too_many(wait)
        try:
            vapid_public_key()
        except PushNotConfigured:
            return push_not_configured()
        try:
            topics, complaint_topics = services.push_topics_split(data["topics"])
            complaints = []
            for code, secret in complaint_topics:
                found = complaint_lookup(request, code)
                if found.wait:
                    return too_many(found.wait)
                if found.complaint is None:
                    message = _("No complaint has this tracking code. Check your receipt.")
                    return error_response(message, {"topics": [message]}, 400)
                complaints.append((found.complaint, secret))
            subscription, created = services.push_subscribe(
                site=_site(request),
                endpoint=data["endpoint"],
                p256dh=data["keys"]["p256dh"],
                auth=data["keys"]["auth"],
                language=data.get("language") or request.LANGUAGE_CODE,
                topics=topics,
                complaints=complaints,
            )
        except PushError as problem:
            return error_response(problem.message, problem.errors, 400)
        except NotTheReporter as problem:
            wait = complaint_lookup_failed(request)
            if wait:
                return too_many(wait)
            return error_response(
                problem.message, {"topics": [problem.message]}, status.HTTP_403_FORBIDDEN
            )
        except DatabaseError:
            return service_unavailable()
        output = {
            "topics": sorted(subscription.topics.values_list("name", flat=True)),
            "language": subscription.language,
        }
        return Response(output, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(
        summary="Unsubscribe a browser",
        request=PushUnsubscribeInput,
        responses={204: None, 400: error("No endpoint given."), 404: error("Unknown endpoint.")},
        tags=["push"],
    )
    def delete(self, request):
        serializer = PushUnsubscribeInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        if services.push_unsubscribe(endpoint=serializer.validated_data["endpoint"]):
            return Response(status=status.HTTP_204_NO_CONTENT)
        message = _("This phone was not subscribed.")
        return error_response(message, {"endpoint": [message]}, status.HTTP_404_NOT_FOUND)
