"""How the Open311 endpoints describe themselves in the site's OpenAPI schema (/api/schema/).

Their answers are not DRF serializers (XML and JSON written by formats.py), so each is
described here with inline serializers of the spec's shapes.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import serializers

TAGS = ["open311"]

FORMAT = OpenApiParameter(
    "fmt",
    OpenApiTypes.STR,
    OpenApiParameter.PATH,
    enum=["json", "xml"],
    description="The answer's format, as the address's extension (`services.json`).",
)
JURISDICTION = OpenApiParameter(
    "jurisdiction_id",
    OpenApiTypes.STR,
    description="Optional: this site's host name without www; any other is a 404.",
)

ERRORS = inline_serializer(
    "Open311Error",
    {"code": serializers.IntegerField(), "description": serializers.CharField()},
    many=True,
)


def errors(description: str) -> OpenApiResponse:
    return OpenApiResponse(ERRORS, description=description + " A list of {code, description}.")


SERVICE = inline_serializer(
    "Open311Service",
    {
        "service_code": serializers.CharField(),
        "service_name": serializers.CharField(),
        "description": serializers.CharField(),
        "metadata": serializers.BooleanField(),
        "type": serializers.ChoiceField(["realtime", "batch", "blackbox"]),
        "keywords": serializers.CharField(),
        "group": serializers.CharField(),
    },
    many=True,
)

DEFINITION = inline_serializer(
    "Open311ServiceDefinition",
    {
        "service_code": serializers.CharField(),
        "attributes": inline_serializer(
            "Open311Attribute",
            {
                "variable": serializers.BooleanField(),
                "code": serializers.CharField(),
                "datatype": serializers.CharField(),
                "required": serializers.BooleanField(),
                "datatype_description": serializers.CharField(),
                "order": serializers.IntegerField(),
                "description": serializers.CharField(),
                "values": inline_serializer(
                    "Open311AttributeValue",
                    {"key": serializers.CharField(), "name": serializers.CharField()},
                    many=True,
                ),
            },
            many=True,
        ),
    },
)

SERVICE_REQUEST = inline_serializer(
    "Open311ServiceRequest",
    {
        "service_request_id": serializers.CharField(help_text="Our tracking code."),
        "status": serializers.ChoiceField(["open", "closed"]),
        "status_notes": serializers.CharField(help_text="The public timeline, one line a step."),
        "service_name": serializers.CharField(),
        "service_code": serializers.CharField(),
        "description": serializers.CharField(allow_null=True),
        "agency_responsible": serializers.CharField(),
        "service_notice": serializers.CharField(allow_null=True),
        "requested_datetime": serializers.DateTimeField(),
        "updated_datetime": serializers.DateTimeField(),
        "expected_datetime": serializers.DateTimeField(allow_null=True),
        "address": serializers.CharField(allow_null=True, help_text="The village, when public."),
        "address_id": serializers.CharField(allow_null=True),
        "zipcode": serializers.CharField(allow_null=True),
        "lat": serializers.FloatField(allow_null=True, help_text="Rounded to about 110 m."),
        "long": serializers.FloatField(allow_null=True, help_text="Rounded to about 110 m."),
        "media_url": serializers.URLField(allow_null=True),
    },
    many=True,
)

CREATED = inline_serializer(
    "Open311ServiceRequestCreated",
    {
        "service_request_id": serializers.CharField(),
        "service_notice": serializers.CharField(),
        "account_id": serializers.CharField(allow_null=True),
    },
    many=True,
)

TOKEN = inline_serializer(
    "Open311Token",
    {"service_request_id": serializers.CharField(), "token": serializers.CharField()},
    many=True,
)

DISCOVERY = inline_serializer(
    "Open311Discovery",
    {
        "changeset": serializers.DateTimeField(),
        "contact": serializers.CharField(),
        "key_service": serializers.CharField(),
        "jurisdiction_id": serializers.CharField(),
        "endpoints": inline_serializer(
            "Open311Endpoint",
            {
                "specification": serializers.URLField(),
                "url": serializers.URLField(),
                "changeset": serializers.DateTimeField(),
                "type": serializers.ChoiceField(["production", "test"]),
                "formats": serializers.ListField(child=serializers.CharField()),
            },
            many=True,
        ),
    },
)

SUBMIT = inline_serializer(
    "Open311SubmitInput",
    {
        "api_key": serializers.CharField(),
        "service_code": serializers.CharField(),
        "lat": serializers.FloatField(required=False),
        "long": serializers.FloatField(required=False),
        "address_string": serializers.CharField(required=False, help_text="Staff only."),
        "address_id": serializers.CharField(required=False, help_text="A desa slug."),
        "description": serializers.CharField(),
        "media": serializers.ImageField(required=False, help_text="A photo (multipart)."),
        "media_url": serializers.URLField(required=False, help_text="Never fetched."),
        "email": serializers.EmailField(required=False),
        "first_name": serializers.CharField(required=False),
        "last_name": serializers.CharField(required=False),
        "phone": serializers.CharField(required=False),
        "attribute[privacy]": serializers.ChoiceField(
            ["public", "anonymous", "confidential"], required=False
        ),
        "attribute[kind]": serializers.CharField(required=False),
        "attribute[desa]": serializers.CharField(required=False),
        "attribute[nik]": serializers.CharField(required=False),
    },
)

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="8 to 64 letters, digits, - or _: a repeat never stores a second complaint.",
)
