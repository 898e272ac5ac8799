"""The public API keeps the promises of its own OpenAPI schema under generated input.

schemathesis reads /api/schema/ from the app itself (in-process WSGI, no server) and, per
operation, sends the schema's examples, boundary cases ("coverage") and a bounded number of
Hypothesis-generated requests, valid and invalid. Every answer must be:

- no server error (no 5xx);
- a documented status code, with the documented content type and a body that validates
  against the documented schema (response headers too).

The per-client rate limits are off here (settings below): with them on, every POST after
the tenth would be a 429 and the fuzzer would test nothing but the limiter. 429 is
documented on every endpoint that can answer it; tests/complaints and tests/surveys test
the limits themselves.

Generation is bounded (MAX_EXAMPLES) and reproducible (a fixed seed). The data below gives
the generator real ids, tracking codes and slugs to mix in, so detail endpoints answer 200
as well as 404, and submissions get stored.
"""

import datetime
import json
import os
from collections import Counter, defaultdict
from pathlib import Path

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.config import SchemathesisConfig

from cms.complaints.codes import _format as tracking_code
from cms.complaints.models import Complaint, Desa
from tests.factories import (
    AnnouncementPageFactory,
    ComplaintCategoryFactory,
    ComplaintFactory,
    DocumentFactory,
    EventPageFactory,
    GuidePageFactory,
    ImageFactory,
    InfographicPageFactory,
    ServicePageFactory,
    StandardPageFactory,
    paragraph,
    step,
)

# Generated requests per operation in the fuzzing phase (examples and coverage come on top).
MAX_EXAMPLES = 15

# Ids, codes and slugs of the data built below, drawn from by the generator's hooks.
KNOWN: dict[str, list] = {}
# Status codes answered, per operation ("GET /api/v2/pages/{id}/": Counter({200: 9, ...})).
ANSWERS: dict[str, Counter] = defaultdict(Counter)

# What every answer is checked for. Left out: "schema-valid request rejected" (a well-formed
# but unknown slug is rightly a 400) and "schema-violating request accepted" (the API is
# lenient on purpose where the schema is precise: a JSON number for a text field, a phone's
# 12-decimal coordinates are rounded; the defects that check found are fixed and have tests
# of their own in test_bad_input.py).
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
]

# A fixed seed: the same requests on every run and machine (a failure reproduces).
CONFIG = SchemathesisConfig.from_dict({"seed": 7, "generation": {"deterministic": True}})
# Open311 (/open311/v2/) answers XML or JSON by the address's extension, which the schema's
# one content type per answer cannot say; its shapes are tested in tests/open311/.
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/?format=json", WSGIHandler(), config=CONFIG
).exclude(path_regex="^/open311/")


def _known(kind: str):
    # Deferred: the data exists only once the fixture below has run.
    return st.deferred(lambda: st.sampled_from(KNOWN[kind]))


PATH_KINDS = {
    "/api/v2/pages/{id}/": ("id", "pages"),
    "/api/v2/images/{id}/": ("id", "images"),
    "/api/v2/documents/{id}/": ("id", "documents"),
    "/api/v1/complaints/{code}/": ("code", "codes"),
    "/api/v1/complaints/{code}/replies/": ("code", "codes"),
    "/api/v1/complaints/{code}/confirmation/": ("code", "codes"),
}


@schema.hook
def before_generate_path_parameters(context, strategy):
    """Half the time a real id or tracking code, so detail endpoints answer 200 too."""
    found = PATH_KINDS.get(context.operation.path)
    if found is None:
        return strategy
    name, kind = found
    return st.one_of(strategy, st.fixed_dictionaries({name: _known(kind)}))


BODY_FIELDS = {
    "/api/v1/complaints/": {"category": "categories", "desa": "desa"},
    # The fuzz complaints predate reply codes (no nonce): their reporter's phone proves it.
    "/api/v1/complaints/{code}/replies/": {"reply_secret": "contacts", "message": "messages"},
    "/api/v1/complaints/{code}/confirmation/": {"reply_secret": "contacts"},
    "/api/v1/surveys/": {
        "service": "services",
        "tracking_code": "closed_codes",
        "reply_secret": "contacts",
    },
}


@schema.hook
def flatmap_body(context, body):
    """Sometimes a real category, service or code, so submissions get stored too."""
    fields = BODY_FIELDS.get(context.operation.path)
    if not fields or not isinstance(body, dict):
        return st.just(body)
    replaced = st.fixed_dictionaries({name: _known(kind) for name, kind in fields.items()})
    return st.one_of(st.just(body), replaced.map(lambda values: {**body, **values}))


@pytest.fixture(scope="module")
def fuzz_data(_trees, django_db_blocker):
    """Build one page of every type, an image, a document and complaints in every state.

    Made once for the module inside a savepoint rolled back after its last test.
    """
    from tests.conftest import _fetch

    with django_db_blocker.unblock(), transaction.atomic():
        tree = _fetch(_trees["id"])
        image = ImageFactory(width=64, height=36)
        document = DocumentFactory()
        service = ServicePageFactory(parent=tree.services, slug="surat-keterangan-domisili")
        pages = [
            AnnouncementPageFactory(parent=tree.announcements, listing_image=image),
            InfographicPageFactory(parent=tree.infographics, image=image),
            GuidePageFactory(parent=tree.guides, steps=[step("Datang", "<p>Ke kantor.</p>")]),
            service,
            EventPageFactory(parent=tree.events),
            StandardPageFactory(parent=tree.home, body=[paragraph("<p>Tentang kami.</p>")]),
        ]
        category = ComplaintCategoryFactory(slug="fuzz-kategori")
        desa = Desa.objects.create(name="Sukamaju", slug="sukamaju")
        now = timezone.now()
        complaints = [
            ComplaintFactory(category=category, tracking_code=tracking_code("FACE346")),
            ComplaintFactory(
                category=category,
                tracking_code=tracking_code("FACE347"),
                status=Complaint.Status.IN_PROGRESS,
                is_public=True,
                privacy=Complaint.Privacy.PUBLIC,
            ),
            ComplaintFactory(
                category=category,
                tracking_code=tracking_code("FACE349"),
                status=Complaint.Status.DONE,
                is_public=True,
                privacy=Complaint.Privacy.ANONYMOUS,
                closed_at=now - datetime.timedelta(days=1),
            ),
        ]
        KNOWN.update(
            pages=[_trees["id"]["home"], *(page.pk for page in pages)],
            images=[image.pk],
            documents=[document.pk],
            codes=[complaint.tracking_code for complaint in complaints],
            closed_codes=[complaints[-1].tracking_code],
            contacts=sorted({complaint.reporter_phone for complaint in complaints}),
            messages=["Tambahan dari pelapor: lubangnya makin lebar."],
            categories=[category.slug],
            desa=[desa.slug],
            services=[service.slug],
        )
        yield KNOWN
        transaction.set_rollback(True)


@pytest.fixture
def fuzz_settings(settings):
    """No rate limits; the test's database connection outlives each request.

    Django closes a connection after a request when it is not in autocommit mode, which a
    test's transaction never is; its own test client switches that off the same way.
    """
    settings.COMPLAINT_SUBMIT_RATE = 0
    settings.COMPLAINT_TRACK_RATE = 0
    settings.COMPLAINT_REPLY_RATE = 0
    settings.SURVEY_SUBMIT_RATE = 0
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_keeps_its_schema(case, fuzz_data, fuzz_settings):
    # Identity: the in-process client sends requests' `Accept-Encoding: gzip, deflate` and
    # does not decode; compressed answers have their own tests (test_shared_cache.py).
    response = case.call_and_validate(
        checks=[getattr(schemathesis.checks, name) for name in CHECKS],
        headers={"Accept-Encoding": "identity"},
    )
    ANSWERS[case.operation.label][response.status_code] += 1


# What the run above must have reached: real data, not only refusals of random input.
REACHED = {
    "GET /api/v2/pages/{id}/": 200,
    "GET /api/v2/images/{id}/": 200,
    "GET /api/v2/documents/{id}/": 200,
    "GET /api/v1/complaints/{code}/": 200,
    "POST /api/v1/complaints/": 201,
    # Past the code look-up: a reply stored (201) or refused by the reporter check (403). Which
    # of the two the fixed seed reaches depends on the modules run before this one; stored
    # replies have their own tests (tests/complaints/test_reply_codes.py, test_api.py).
    "POST /api/v1/complaints/{code}/replies/": (201, 403),
    "POST /api/v1/complaints/{code}/confirmation/": 200,
    "POST /api/v1/surveys/": 201,
}


def test_fuzzing_reached_every_operation_and_the_stored_data():
    """Every operation was called, and the hooks' real ids and codes got past the 404s."""
    if not ANSWERS:
        pytest.skip("runs after test_api_keeps_its_schema, in the same session")
    operations = {result.ok().label for result in schema.get_all_operations()}
    # GET /api/v1/desa/ added on purpose, then the push key and subscriptions (POST, DELETE).
    assert len(operations) == 24
    assert operations == set(ANSWERS)
    missed = {
        label: dict(ANSWERS[label])
        for label, codes in REACHED.items()
        if not any(
            ANSWERS[label][code] for code in (codes if isinstance(codes, tuple) else (codes,))
        )
    }
    if os.environ.get("FUZZ_REPORT"):  # a file for the numbers in docs/api.md
        counts = {label: dict(answers) for label, answers in sorted(ANSWERS.items())}
        Path(os.environ["FUZZ_REPORT"]).write_text(json.dumps(counts, indent=1))
    assert missed == {}


# Defects the fuzz run found, one request each, checked the same way.


def answer(path, method="GET", **parts):
    """Return the response to one hand-made request, after the checks above passed."""
    case = schema[path][method].Case(**parts)
    response = case.call(headers={"Accept-Encoding": "identity"})  # as in the run above
    case.validate_response(response, checks=[getattr(schemathesis.checks, n) for n in CHECKS])
    return response


JSON = "application/json"


@pytest.mark.django_db
@pytest.mark.usefixtures("fuzz_data", "fuzz_settings")
@pytest.mark.parametrize(
    ("path", "query", "status"),
    [
        # Documented as bare arrays; they are {"items": [...]} (and {"meta", "items"}).
        ("/api/v1/complaint-categories/", {}, 200),
        ("/api/v1/complaints/", {}, 200),
        ("/api/v1/ikm/", {}, 200),
        # Their 400s were undocumented.
        ("/api/v1/complaints/", {"limit": 0}, 400),
        ("/api/v2/images/find/", {"id": "x"}, 400),
        ("/api/v2/documents/find/", {"id": "-1"}, 400),
        ("/api/v1/transparency.csv", {"period": "kemarin"}, 400),
        # An unknown ?format= was DRF's bare 404; now a documented 400 naming it.
        ("/api/v1/transparency.csv", {"format": "AAA"}, 400),
        # Lists of images have no width and height (the schema required them) ...
        ("/api/v2/images/", {}, 200),
        # ... and ?fields= may drop any field; a page fits several types' schemas (oneOf).
        ("/api/v2/pages/", {}, 200),
        ("/api/v2/pages/", {"fields": "_"}, 200),
        ("/api/v2/pages/", {"fields": "-title,-id"}, 200),
    ],
)
def test_answers_the_fuzz_run_found_undocumented(path, query, status):
    assert answer(path, query=query).status_code == status


@pytest.mark.django_db
@pytest.mark.usefixtures("fuzz_data", "fuzz_settings")
@pytest.mark.parametrize("action", ["replies", "confirmation"])
def test_unknown_code_on_a_follow_up_is_a_documented_404(action):
    """A follow-up to a code nobody has was a 404 the schema did not list."""
    path = f"/api/v1/complaints/{{code}}/{action}/"
    response = answer(path, "POST", path_parameters={"code": "X"}, body={}, media_type=JSON)
    assert response.status_code == 404


def test_reply_and_confirmation_bodies_are_two_components():
    """Both were named "Input": the schema showed one shape for two different requests."""
    components = schema.raw_schema["components"]["schemas"]

    assert "Input" not in components
    assert set(components["ComplaintConfirmInput"]["properties"]) == {
        "solved",
        "message",
        "reply_secret",
    }
    assert set(components["ComplaintReplyInput"]["properties"]) == {"message", "reply_secret"}
