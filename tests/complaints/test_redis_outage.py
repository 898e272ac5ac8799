"""Residents can still send everything while Redis is away (docs/configuration.md, REDIS_URL).

The cache is configured as in production (django-redis, IGNORE_EXCEPTIONS) but pointed at a
port where nothing listens, or at a Redis server of the test's own that it stops and starts.
Every submission answers as usual, is stored exactly once, and the rate limits still refuse
after their limit (counted per worker process while Redis is away: cms/complaints/ratelimit.py).
"""

import json
import shutil
import socket
import subprocess
import time

import pytest
from django.core.cache import cache

from cms.complaints import ratelimit
from cms.complaints.models import Complaint, ComplaintEvent, DataRequest
from cms.surveys.models import SurveyResponse
from tests.complaints.helpers import VALID, advance, officer, submit
from tests.surveys.helpers import service_page

pytestmark = pytest.mark.django_db
Status = Complaint.Status

CLOSED_PORT = 6397  # nothing listens here (checked below)
OWN_REDIS_PORT = 6391
ANSWERS = {f"u{number}": "4" for number in range(1, 10)}


def redis_cache(port: int) -> dict:
    """Return CACHES as production has it with REDIS_URL (cms/settings/base.py)."""
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/4",
            "KEY_PREFIX": "layanan-test-outage",
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }


def listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(autouse=True)
def _fresh_local_counts():
    ratelimit._local.clear()
    yield
    ratelimit._local.clear()


@pytest.fixture
def redis_down(settings):
    assert not listening(CLOSED_PORT), f"something listens on {CLOSED_PORT}"
    settings.CACHES = redis_cache(CLOSED_PORT)
    assert cache.add("probe", 1) is None  # really the production backend, really away


def _twice(post):
    """Send the same submission twice (a retry): return both answers."""
    return post(), post()


def test_a_complaint_form_is_stored_once(client, site_tree, redis_down):
    data = {**VALID, "idempotency_key": "outage-web-0001"}

    first, again = _twice(lambda: client.post("/pengaduan/kirim/", data))

    assert first.status_code == again.status_code == 302
    assert Complaint.objects.count() == 1
    assert first["Location"] == again["Location"]


@pytest.mark.parametrize("body", ["json", "multipart"])
def test_a_complaint_through_the_api_is_stored_once(client, site_tree, redis_down, body):
    def post():
        if body == "json":
            return client.post(
                "/api/v1/complaints/",
                json.dumps(VALID),
                content_type="application/json",
                HTTP_IDEMPOTENCY_KEY="outage-api-0001",
            )
        return client.post("/api/v1/complaints/", VALID, HTTP_IDEMPOTENCY_KEY="outage-api-0001")

    first, again = _twice(post)

    assert (first.status_code, again.status_code) == (201, 200)
    assert Complaint.objects.count() == 1


def test_a_survey_form_is_stored_once(client, site_tree, redis_down):
    service = service_page(site_tree)
    data = {**ANSWERS, "idempotency_key": "outage-survey-01"}

    first, again = _twice(lambda: client.post(f"/survei/{service.slug}/", data))

    assert first.status_code == again.status_code == 302
    assert SurveyResponse.objects.count() == 1


def test_a_survey_through_the_api_is_stored_once(client, site_tree, redis_down):
    service = service_page(site_tree)
    body = json.dumps({"service": service.slug, "answers": [4, 3, 3, 4, 3, 4, 4, 3, 3]})

    first, again = _twice(
        lambda: client.post(
            "/api/v1/surveys/",
            body,
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY="outage-survey-02",
        )
    )

    assert (first.status_code, again.status_code) == (201, 200)
    assert SurveyResponse.objects.count() == 1


def test_a_survey_after_a_complaint_is_stored(client, site_tree, redis_down):
    service_page(site_tree)
    complaint = advance(submit(), Status.VERIFIED, Status.DONE, actor=officer())

    response = client.post(
        f"/survei/pengaduan/{complaint.tracking_code}/",
        {**ANSWERS, "idempotency_key": "outage-survey-03", "reply_secret": complaint.reply_code},
    )

    assert response.status_code == 302
    assert SurveyResponse.objects.get().complaint == complaint


def test_a_personal_data_request_is_recorded(client, redis_down):
    complaint = submit()

    response = client.post(
        "/privasi/permintaan/",
        {
            "tracking_code": complaint.tracking_code,
            "contact": VALID["reporter_phone"],
            "kind": DataRequest.Kind.ACCESS,
            "message": "Saya ingin melihat data saya.",
        },
    )

    assert response.status_code == 302
    assert DataRequest.objects.count() == 1


def test_tracking_and_replies_work(client, site_tree, redis_down):
    complaint = submit()
    page = f"/pengaduan/lacak/{complaint.tracking_code}/"
    api = f"/api/v1/complaints/{complaint.tracking_code}/"

    assert client.get(page).status_code == 200
    assert client.get(api).status_code == 200
    assert client.get("/pengaduan/lacak/KCM-AAAA-AAAA/").status_code == 404
    assert client.get("/api/v1/complaints/KCM-AAAA-AAAA/").status_code == 404
    replied = client.post(
        page,
        {
            "action": "reply",
            "message": "Sekarang ada genangan air.",
            "reply_secret": complaint.reply_code,
        },
    )
    assert replied.status_code == 302
    replied = client.post(
        f"{api}replies/",
        json.dumps({"message": "Genangan makin dalam.", "reply_secret": complaint.reply_code}),
        content_type="application/json",
    )
    assert replied.status_code == 201
    assert ComplaintEvent.objects.filter(kind="resident_reply").count() == 2


def test_pages_figures_and_the_content_api_are_served_uncached(client, site_tree, redis_down):
    for url in ("/", "/pengaduan/baru/", "/transparansi/", "/api/v2/pages/", "/api/v1/ikm/"):
        assert client.get(url).status_code == 200, url
    assert client.get("/").status_code == 200  # the second time too: nothing was kept


def test_the_complaint_limit_still_refuses_after_the_limit(client, site_tree, redis_down, settings):
    settings.COMPLAINT_SUBMIT_RATE = 2
    answers = []
    for number in range(3):
        data = {**VALID, "description": f"{VALID['description']} ({number})"}
        answers.append(
            client.post(
                "/api/v1/complaints/",
                json.dumps(data),
                content_type="application/json",
                HTTP_IDEMPOTENCY_KEY=f"outage-limit-{number:04}",
            ).status_code
        )

    assert answers == [201, 201, 429]
    assert Complaint.objects.count() == 2


def test_wrong_tracking_codes_are_still_limited(client, site_tree, redis_down, settings):
    settings.COMPLAINT_TRACK_RATE = 2
    answers = [client.get(f"/pengaduan/lacak/KCM-AAAA-AAA{n}/").status_code for n in range(4)]

    assert answers == [404, 404, 429, 429]


def test_the_outage_is_logged_once_a_minute(client, site_tree, redis_down, caplog):
    ratelimit._warned_at[0] = float("-inf")
    for number in range(3):
        client.get(f"/pengaduan/lacak/KCM-AAAA-AAA{number}/")

    warnings = [r for r in caplog.records if r.name == "cms.complaints.ratelimit"]
    assert len(warnings) == 1
    assert "per worker process" in warnings[0].getMessage()


# --- Redis going away and coming back while residents submit ---


class OwnRedis:
    """A redis-server of the test's own on 127.0.0.1, stopped and started on demand."""

    def __init__(self, port):
        self.port, self.process = port, None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while not listening(self.port):
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)
        self.process = None


@pytest.fixture
def own_redis(settings):
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    assert not listening(OWN_REDIS_PORT), f"something listens on {OWN_REDIS_PORT} already"
    server = OwnRedis(OWN_REDIS_PORT)
    server.start()
    settings.CACHES = redis_cache(OWN_REDIS_PORT)
    yield server
    if server.process is not None:
        server.stop()


def test_redis_stopped_and_started_between_submissions(client, site_tree, own_redis, settings):
    settings.COMPLAINT_SUBMIT_RATE = 5

    def send(number):
        data = {**VALID, "description": f"{VALID['description']} ({number})"}
        return client.post(
            "/api/v1/complaints/",
            json.dumps(data),
            content_type="application/json",
            HTTP_IDEMPOTENCY_KEY=f"outage-live-{number:04}",
        ).status_code

    assert send(1) == 201
    assert cache.get(ratelimit._key("submit", _request(), 3600)) == 1  # counted in Redis
    own_redis.stop()
    assert send(2) == 201
    assert send(2) == 200  # the retry of the same key: stored once
    own_redis.start()
    assert send(3) == 201
    assert cache.get(ratelimit._key("submit", _request(), 3600)) == 1  # a fresh Redis counts

    assert Complaint.objects.count() == 3
    assert sorted(Complaint.objects.values_list("idempotency_key", flat=True)) == [
        "outage-live-0001",
        "outage-live-0002",
        "outage-live-0003",
    ]


def _request():
    """A request from the test client's address, for looking at the counter's key."""
    from django.test import RequestFactory

    return RequestFactory().get("/")
