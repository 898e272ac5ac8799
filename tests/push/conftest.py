import os
from types import SimpleNamespace

import pytest

from tools import fake_push_service


@pytest.fixture(scope="module")
def fake_push():
    """Return the local fake push service (npm web-push-testing) on 127.0.0.1, for this module.

    It stops when the module's tests end, or by itself after two minutes. Without node and
    `make node-deps` these tests skip locally and fail in CI (REQUIRE_BROWSER=1).
    """
    if not fake_push_service.available():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("node and npm web-push-testing are required: run `make node-deps`.")
        pytest.skip("node or npm web-push-testing missing (make node-deps)")
    service = fake_push_service.FakePushService(lifetime=120)
    yield service
    service.stop()


@pytest.fixture
def phone(fake_push):
    """Return a new browser subscription made at the fake push service for our VAPID key."""
    from cms.push.vapid import vapid_public_key

    return fake_push.subscribe(vapid_public_key())


def subscription_json(phone, topics, language="id"):
    return {
        "endpoint": phone["endpoint"],
        "expirationTime": None,
        "keys": phone["keys"],
        "topics": topics,
        "language": language,
    }


@pytest.fixture
def tasks_at_once(monkeypatch):
    """Run what services enqueue at commit right away (a test's transaction never commits)."""
    from cms.complaints.services import notifications

    monkeypatch.setattr(
        notifications, "transaction", SimpleNamespace(on_commit=lambda callback, **kw: callback())
    )


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user(username="petugas", password="x" * 20)
