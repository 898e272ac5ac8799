"""Events a day before they start: `manage.py push_event_reminders` queues one reminder per
event, the worker sends it to the phones of the event's own site that chose events.

The phones are subscriptions at the local fake push service (tools/fake_push_service.js), which
decrypts what it gets as a phone would.
"""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from cms.push.models import Broadcast
from pages.kecamatan_sites import create_kecamatan_site
from pages.models import EventIndexPage
from tests.factories import EventPageFactory, translate

from .conftest import subscription_json

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("tasks_at_once")]
URL = "/api/v1/push/subscriptions/"
OTHER = "cibodas.localhost"


def subscribe(phone, topics, language="id", host="testserver"):
    response = Client(HTTP_HOST=host).post(
        URL, subscription_json(phone, topics, language), content_type="application/json"
    )
    assert response.status_code == 201, response.content


def remind() -> str:
    out = StringIO()
    call_command("push_event_reminders", stdout=out)
    return out.getvalue()


def hours(n: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(hours=n)


def test_event_starting_tomorrow_reaches_the_phone_once(site_tree, fake_push, phone):
    subscribe(phone, ["events"])
    page = EventPageFactory(
        parent=site_tree.events, title="Posyandu balita", start=hours(20), place="Balai Desa"
    )

    assert "1 event reminder(s) queued" in remind()
    remind()  # the next run (cron, five minutes later) finds it sent

    [message] = fake_push.messages(phone["clientHash"])
    assert message["title"] == "Kegiatan: Posyandu balita"
    assert message["body"].endswith("· Balai Desa")
    assert message["url"].endswith(page.url)
    [headers] = fake_push.headers(phone["clientHash"])
    assert headers["urgency"] == "normal"
    assert 0 < int(headers["ttl"]) <= 20 * 3600  # kept no longer than until it starts
    broadcast = Broadcast.objects.get(page=page)
    assert (broadcast.kind, broadcast.recipients, broadcast.sent) == ("event", 1, 1)


def test_only_events_within_the_next_day_and_only_to_who_chose_events(site_tree, fake_push, phone):
    from cms.push.vapid import vapid_public_key

    urgent_only = fake_push.subscribe(vapid_public_key())
    subscribe(phone, ["events"])
    subscribe(urgent_only, ["darurat"])
    EventPageFactory(parent=site_tree.events, title="Minggu depan", start=hours(24 * 7))
    EventPageFactory(parent=site_tree.events, title="Sudah mulai", start=hours(-1))
    EventPageFactory(parent=site_tree.events, title="Belum terbit", start=hours(5), publish=False)
    EventPageFactory(parent=site_tree.events, title="Besok pagi", start=hours(15))

    remind()

    assert [m["title"] for m in fake_push.messages(phone["clientHash"])] == ["Kegiatan: Besok pagi"]
    assert fake_push.messages(urgent_only["clientHash"]) == []


def test_each_site_hears_of_its_own_events(site_tree, fake_push, phone):
    from cms.push.vapid import vapid_public_key

    other = create_kecamatan_site("Kecamatan Cibodas", OTHER)
    other_phone = fake_push.subscribe(vapid_public_key())
    subscribe(phone, ["events"])
    subscribe(other_phone, ["events"], host=OTHER)
    EventPageFactory(parent=site_tree.events, title="Senam Sukamaju", start=hours(10))
    other_events = EventIndexPage.objects.descendant_of(other.root_page).get(
        locale__language_code="id"
    )
    EventPageFactory(parent=other_events, title="Senam Cibodas", start=hours(12))

    remind()

    assert [m["title"] for m in fake_push.messages(phone["clientHash"])] == [
        "Kegiatan: Senam Sukamaju"
    ]
    assert [m["title"] for m in fake_push.messages(other_phone["clientHash"])] == [
        "Kegiatan: Senam Cibodas"
    ]


def test_a_translated_event_is_one_reminder_in_each_phones_language(
    site_tree, site_tree_en, fake_push, phone
):
    from cms.push.vapid import vapid_public_key

    english = fake_push.subscribe(vapid_public_key())
    subscribe(phone, ["events"])
    subscribe(english, ["events"], language="en")
    page = EventPageFactory(parent=site_tree.events, title="Pelatihan UMKM", start=hours(8))
    translate(page, "en", title="Small business training")

    remind()

    assert [m["title"] for m in fake_push.messages(phone["clientHash"])] == [
        "Kegiatan: Pelatihan UMKM"
    ]
    [message] = fake_push.messages(english["clientHash"])
    assert message["title"] == "Event: Small business training"
    assert "/en/" in message["url"]
    assert Broadcast.objects.filter(kind="event").count() == 1
