import pytest
from django.db import connection

from cms.complaints.models import Complaint
from cms.push.models import Subscription, Topic
from cms.push.vapid import vapid_public_key
from tests.factories import CategoryFactory, ComplaintFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/push/subscriptions/"
ENDPOINT = "https://push.example.net/send/abc123"
KEYS = {
    # A P-256 point (65 bytes from 0x04) and a 16-byte secret, base64url, as browsers send.
    "p256dh": "BHCfD7a08Vtdv8Zk57ci0wNmKfEQWdaZYroJz-zhJmTPlp27z-f8Qrx9qsocAONgZ3p0W7pnfQQhdC"
    "vTfcSwyRo",
    "auth": "R5YDxQHc2BVDKtChCuSFtw",
}


def body(**changes):
    data = {"endpoint": ENDPOINT, "keys": KEYS, "topics": ["darurat"], "language": "id"}
    data.update(changes)
    return data


def post(client, data, **headers):
    return client.post(URL, data, content_type="application/json", **headers)


def test_key_is_the_public_half_of_the_vapid_pair(client):
    response = client.get("/api/v1/push/key/")

    assert response.status_code == 200
    assert response.json() == {"public_key": vapid_public_key()}
    assert len(vapid_public_key()) == 87  # 65 bytes, base64url without padding


def test_subscribe_stores_encrypted_endpoint_and_topics(client, site_tree):
    CategoryFactory(slug="kesehatan")

    response = post(client, body(topics=["darurat", "category:kesehatan", "events"]))

    assert response.status_code == 201
    assert response.json() == {
        "topics": ["category:kesehatan", "darurat", "events"],
        "language": "id",
    }
    subscription = Subscription.objects.get()
    assert subscription.endpoint == ENDPOINT
    with connection.cursor() as cursor:
        cursor.execute("SELECT endpoint, p256dh, auth FROM push_subscription")
        stored = " ".join(cursor.fetchone())
    assert ENDPOINT not in stored and KEYS["auth"] not in stored and KEYS["p256dh"] not in stored


def test_same_endpoint_again_replaces_topics(client, site_tree):
    post(client, body(topics=["darurat"]))

    response = post(client, body(topics=["events"], language="en"))

    assert response.status_code == 200
    subscription = Subscription.objects.get()
    assert list(subscription.topics.values_list("name", flat=True)) == ["events"]
    assert subscription.language == "en"


def test_delete_removes_the_subscription(client, site_tree):
    post(client, body())

    response = client.delete(URL, {"endpoint": ENDPOINT}, content_type="application/json")

    assert response.status_code == 204
    assert not Subscription.objects.exists() and not Topic.objects.exists()
    again = client.delete(URL, {"endpoint": ENDPOINT}, content_type="application/json")
    assert again.status_code == 404
    assert set(again.json()) == {"message", "errors"}


@pytest.mark.parametrize(
    "endpoint",
    [
        "http://push.example.net/send/abc",  # not https
        "ftp://push.example.net/x",
        "https://user:pw@push.example.net/x",
        "javascript:alert(1)",
        "https:///nohost",
        "http://10.0.0.5:8080/notify/x",  # plain http only on loopback, and only in dev/tests
    ],
)
def test_endpoint_must_be_https(client, site_tree, endpoint):
    response = post(client, body(endpoint=endpoint))

    assert response.status_code == 400
    assert "endpoint" in response.json()["errors"]
    assert not Subscription.objects.exists()


def test_loopback_http_refused_outside_dev_and_tests(client, site_tree, settings):
    settings.PUSH_ALLOW_LOOPBACK_HTTP = False

    response = post(client, body(endpoint="http://127.0.0.1:9000/notify/abc"))

    assert response.status_code == 400


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"keys": {"p256dh": "short", "auth": KEYS["auth"]}}, "keys.p256dh"),
        ({"keys": {"p256dh": KEYS["p256dh"], "auth": "!!"}}, "keys.auth"),
        ({"topics": ["cuaca"]}, "topics"),
        ({"topics": ["category:tidak-ada"]}, "topics"),
        ({"topics": []}, "topics"),
        ({"topics": "darurat"}, "topics"),
        ({"language": "fr"}, "language"),
    ],
)
def test_bad_input_gets_the_shared_error_shape(client, site_tree, changes, field):
    response = post(client, body(**changes))

    assert response.status_code == 400
    answer = response.json()
    assert set(answer) == {"message", "errors"}
    assert field in answer["errors"] or field.split(".")[0] in answer["errors"]
    assert not Subscription.objects.exists()


def test_complaint_topic_needs_the_reporters_reply_code(client, site_tree):
    complaint = ComplaintFactory(reply_nonce="a" * 32)
    code = complaint.tracking_code

    refused = post(client, body(topics=[f"complaint:{code}:{code}"]))
    accepted = post(client, body(topics=[f"complaint:{code}:{complaint.reply_code}"]))

    assert refused.status_code == 403
    assert "topics" in refused.json()["errors"]
    assert accepted.status_code == 201
    assert accepted.json()["topics"] == [f"complaint:{code}"]  # the reply code is never kept
    topic = Topic.objects.get()
    assert topic.complaint == complaint
    assert complaint.reply_code.replace("-", "") not in str(Topic.objects.values().get())


def test_complaint_topic_with_unknown_code_is_refused(client, site_tree):
    response = post(client, body(topics=["complaint:ZZZZZZ:AAAAA-BBBBB"]))

    assert response.status_code == 400
    assert not Complaint.objects.exists() and not Subscription.objects.exists()


def test_answers_in_the_clients_language(client, site_tree):
    response = post(client, body(topics=["cuaca"]), HTTP_ACCEPT_LANGUAGE="id")

    assert response.json()["message"].startswith("Topik tidak dikenal")
