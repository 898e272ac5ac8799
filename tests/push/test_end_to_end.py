"""Subscribe through the API, publish, and read what the (fake) phone decrypted.

The push service is npm web-push-testing on 127.0.0.1 (tools/fake_push_service.js): it checks
the VAPID signature, decrypts the aes128gcm payload and keeps it, as a phone's push service and
browser would. The tasks run at once where they would be queued at commit (the immediate
backend, a test's transaction never commits), as the worker would run them.
"""

import pytest

from cms.complaints.models import Complaint
from cms.complaints.services import complaint_change_status, complaint_reply
from cms.push.models import Broadcast, Subscription
from tests.factories import AnnouncementPageFactory, CategoryFactory, ComplaintFactory

from .conftest import subscription_json

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_at_once")]
URL = "/api/v1/push/subscriptions/"


def subscribe(client, phone, topics, language="id"):
    response = client.post(
        URL, subscription_json(phone, topics, language), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    return response


def test_darurat_announcement_reaches_the_phone(client, site_tree, fake_push, phone):
    subscribe(client, phone, ["darurat"])

    page = AnnouncementPageFactory(
        parent=site_tree.announcements,
        title="Banjir di Desa Sukamaju",
        summary="Warga di bantaran sungai diminta mengungsi ke balai desa.",
        urgency="darurat",
    )

    [message] = fake_push.messages(phone["clientHash"])
    assert message["title"] == "Darurat: Banjir di Desa Sukamaju"
    assert message["body"] == "Warga di bantaran sungai diminta mengungsi ke balai desa."
    assert message["url"].endswith(page.url)
    assert message["urgent"] is True
    [headers] = fake_push.headers(phone["clientHash"])
    assert headers == {"ttl": "86400", "urgency": "high", "topic": f"pengumuman-{page.pk}"}
    broadcast = Broadcast.objects.get(page=page)
    assert (broadcast.state, broadcast.recipients, broadcast.sent, broadcast.failed) == (
        "done",
        1,
        1,
        0,
    )


def test_penting_goes_to_the_same_topic_with_normal_urgency(client, site_tree, fake_push, phone):
    subscribe(client, phone, ["darurat"])

    AnnouncementPageFactory(parent=site_tree.announcements, urgency="penting")

    [headers] = fake_push.headers(phone["clientHash"])
    assert headers["urgency"] == "normal"


def test_only_chosen_topics_arrive(client, site_tree, fake_push, phone):
    health = CategoryFactory(slug="kesehatan")
    subscribe(client, phone, ["category:kesehatan"])

    AnnouncementPageFactory(parent=site_tree.announcements, title="Jadwal pasar")
    AnnouncementPageFactory(parent=site_tree.announcements, title="Posyandu", category=health)

    assert [m["title"] for m in fake_push.messages(phone["clientHash"])] == ["Posyandu"]


def test_editing_a_published_warning_sends_nothing_again(client, site_tree, fake_push, phone):
    subscribe(client, phone, ["darurat"])
    page = AnnouncementPageFactory(parent=site_tree.announcements, urgency="darurat")

    page.title = "Banjir (diperbarui)"
    page.save_revision().publish()

    assert len(fake_push.messages(phone["clientHash"])) == 1


def test_gone_subscription_is_deleted(client, site_tree, fake_push, phone):
    subscribe(client, phone, ["darurat"])
    fake_push.expire(phone["clientHash"])  # the resident revoked permission: 410 from now on

    page = AnnouncementPageFactory(parent=site_tree.announcements, urgency="darurat")

    assert not Subscription.objects.exists()
    broadcast = Broadcast.objects.get(page=page)
    assert (broadcast.sent, broadcast.failed, broadcast.removed) == (0, 1, 1)


@pytest.mark.parametrize("status", [429, 500, 503])
def test_busy_push_service_is_tried_again(client, site_tree, fake_push, phone, status):
    subscribe(client, phone, ["darurat"])
    fake_push.fail_next(phone["clientHash"], status, count=2)

    page = AnnouncementPageFactory(parent=site_tree.announcements, urgency="darurat")

    assert len(fake_push.messages(phone["clientHash"])) == 1
    assert len(fake_push.headers(phone["clientHash"])) == 3  # two refusals, then delivered
    assert Broadcast.objects.get(page=page).sent == 1
    assert Subscription.objects.exists()


def test_push_service_busy_past_the_retries_counts_as_failed(
    client, site_tree, fake_push, phone, settings
):
    subscribe(client, phone, ["darurat"])
    fake_push.fail_next(phone["clientHash"], 503, count=settings.PUSH_RETRIES + 1)

    page = AnnouncementPageFactory(parent=site_tree.announcements, urgency="darurat")

    assert (Broadcast.objects.get(page=page).sent, Broadcast.objects.get(page=page).failed) == (
        0,
        1,
    )
    assert Subscription.objects.exists()  # busy is not gone


def test_english_subscriber_gets_the_english_translation(
    client, site_tree, site_tree_en, fake_push, phone
):
    from tests.factories import translate

    subscribe(client, phone, ["darurat"], language="en")
    page = AnnouncementPageFactory(
        parent=site_tree.announcements, urgency="darurat", publish=False, title="Banjir"
    )
    translate(page, "en", title="Flood")
    page.save_revision().publish()

    [message] = fake_push.messages(phone["clientHash"])
    assert message["title"] == "Emergency: Flood"
    assert "/en/" in message["url"]


def test_several_phones_each_get_it_once(client, site_tree, fake_push):
    from cms.push.vapid import vapid_public_key

    health = CategoryFactory(slug="kesehatan")
    phones = [fake_push.subscribe(vapid_public_key()) for _ in range(5)]
    for phone in phones:
        subscribe(client, phone, ["darurat", "category:kesehatan"])

    AnnouncementPageFactory(parent=site_tree.announcements, urgency="darurat", category=health)

    assert [len(fake_push.messages(p["clientHash"])) for p in phones] == [1] * 5


def test_reporter_hears_about_status_and_reply(client, site_tree, fake_push, phone, officer):
    complaint = ComplaintFactory(reply_nonce="b" * 32)
    code = complaint.tracking_code
    subscribe(client, phone, [f"complaint:{code}:{complaint.reply_code}"])

    complaint_change_status(complaint=complaint, to=Complaint.Status.VERIFIED, officer=officer)
    complaint_reply(complaint=complaint, officer=officer, message="Petugas datang besok, Bu Siti.")
    complaint_reply(complaint=complaint, officer=officer, message="Catatan internal", public=False)

    messages = fake_push.messages(phone["clientHash"])
    assert [m["title"] for m in messages] == [f"Pengaduan {code}"] * 2
    assert messages[0]["body"] == "Status baru: Diverifikasi"
    assert "Siti" not in str(messages)  # nothing personal, not even the reply's text
    assert messages[0]["url"].endswith(f"/pengaduan/lacak/{code}/")


def test_new_reply_code_stops_the_old_subscription(client, site_tree, fake_push, phone, officer):
    from cms.complaints.services import complaint_reply_code_reissue

    complaint = ComplaintFactory(reply_nonce="c" * 32)
    subscribe(client, phone, [f"complaint:{complaint.tracking_code}:{complaint.reply_code}"])

    complaint_reply_code_reissue(complaint=complaint, officer=officer)
    complaint.refresh_from_db()
    complaint_change_status(complaint=complaint, to=Complaint.Status.VERIFIED, officer=officer)

    assert fake_push.messages(phone["clientHash"]) == []
