"""Staff see what each sending of an announcement reached, on the announcement in the editor,
and send a corrected warning again ("Kirim ulang peringatan") after confirming it."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.push.models import Broadcast
from tests.factories import AnnouncementPageFactory
from tests.security_client import VerifiedClient
from tests.utils import soup

from .conftest import subscription_json

pytestmark = pytest.mark.django_db


def staff(django_user_model, username, group):
    user = django_user_model.objects.create_user(
        username=username, password="rahasia-sekali-123", first_name=username.capitalize()
    )
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def moderator(django_user_model):
    """May publish pages (Wagtail's "Moderators" group)."""
    return staff(django_user_model, "sari", "Moderators")


@pytest.fixture
def editor(django_user_model):
    """May edit pages but not publish them (Wagtail's "Editors" group)."""
    return staff(django_user_model, "joko", "Editors")


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def resend_url(page):
    return reverse("push_resend", args=[page.pk])


def warning(site_tree, **fields):
    return AnnouncementPageFactory(
        parent=site_tree.announcements, title="Banjir", urgency="darurat", **fields
    )


def sendings(page, *counts, resend_by=None):
    for recipients, sent, failed, removed in counts:
        Broadcast.objects.create(
            page=page,
            urgency=page.urgency,
            state="done",
            recipients=recipients,
            sent=sent,
            failed=failed,
            removed=removed,
            resend=resend_by is not None,
            requested_by=resend_by,
        )


def rows(response):
    table = soup(response).select_one(".push-sendings table")
    return [
        [cell.get_text(" ", strip=True) for cell in row.select("td")]
        for row in table.select("tbody tr")
    ]


def test_the_announcement_shows_each_sending_latest_first(client, site_tree, moderator):
    page = warning(site_tree)
    Broadcast.objects.filter(page=page).delete()  # the one its publishing made
    sendings(page, (120, 117, 3, 2))
    sendings(page, (118, 118, 0, 0), resend_by=moderator)
    sendings(page, (118, 0, 118, 0), resend_by=moderator)
    client.force_login(moderator)

    response = client.get(edit_url(page))

    assert response.status_code == 200
    html = soup(response)
    assert "Notifikasi terkirim" in html.get_text()
    assert [th.get_text(strip=True) for th in html.select(".push-sendings thead th")] == [
        "Waktu",
        "Pengiriman",
        "Ponsel",
        "Sampai",
        "Gagal",
        "Langganan dihapus",
        "Keadaan",
    ]
    # A sending that missed phones never reads as plainly "sent".
    assert [row[1:] for row in rows(response)] == [
        ["Dikirim ulang oleh Sari", "118", "0", "118", "0", "Tidak ada yang sampai"],
        ["Dikirim ulang oleh Sari", "118", "118", "0", "0", "Terkirim"],
        ["Saat pertama terbit", "120", "117", "3", "2", "Terkirim, sebagian gagal"],
    ]


def test_listing_more_sendings_costs_no_more_queries(client, site_tree, moderator):
    page = warning(site_tree)
    client.force_login(moderator)
    client.get(edit_url(page))  # warm the caches of the admin (menus, sites)

    with CaptureQueriesContext(connection) as one:
        client.get(edit_url(page))
    sendings(page, *[(10, 9, 1, 1)] * 5, resend_by=moderator)
    with CaptureQueriesContext(connection) as six:
        response = client.get(edit_url(page))

    assert len(rows(response)) == 6
    assert len(six) == len(one)


def test_a_normal_announcement_never_sent_shows_no_panel(client, site_tree, moderator):
    page = AnnouncementPageFactory(parent=site_tree.announcements, urgency="normal")
    client.force_login(moderator)

    response = client.get(edit_url(page))

    assert response.status_code == 200
    assert soup(response).select_one(".push-sendings") is None
    assert resend_url(page) not in response.content.decode()


def test_resend_asks_first_then_sends_the_corrected_warning(
    site_tree, moderator, fake_push, phone, tasks_at_once
):
    client = VerifiedClient(enforce_csrf_checks=True)
    subscribed = client.post(
        "/api/v1/push/subscriptions/",
        subscription_json(phone, ["darurat"]),
        content_type="application/json",
    )
    assert subscribed.status_code == 201
    page = warning(site_tree)
    page.title = "Banjir: jalur evakuasi lewat Jalan Melati"
    page.save_revision().publish()  # a correction: publishing it sends nothing
    client.force_login(moderator)

    edit = client.get(edit_url(page))
    menu = soup(edit).select_one(f'footer a[href="{resend_url(page)}"]')  # the action menu
    assert menu.get_text(strip=True) == "Kirim ulang peringatan"
    assert soup(edit).select_one(f'.push-sendings a[href="{resend_url(page)}"]')  # the panel
    confirm = client.get(resend_url(page))
    assert confirm.status_code == 200
    assert "Ya, kirim ulang" in confirm.content.decode()
    assert Broadcast.objects.filter(page=page).count() == 1  # asking sends nothing
    token = soup(confirm).select_one("input[name=csrfmiddlewaretoken]")["value"]
    assert client.post(resend_url(page)).status_code == 403  # no CSRF token
    response = client.post(resend_url(page), {"csrfmiddlewaretoken": token}, follow=True)

    assert response.redirect_chain[-1][0] == edit_url(page)
    assert "sedang dikirim ulang" in response.content.decode()
    titles = [m["title"] for m in fake_push.messages(phone["clientHash"])]
    assert titles == ["Darurat: Banjir", "Darurat: Banjir: jalur evakuasi lewat Jalan Melati"]
    latest = Broadcast.objects.filter(page=page).first()
    assert (latest.resend, latest.requested_by, latest.sent) == (True, moderator, 1)


def test_who_may_not_publish_cannot_resend(client, site_tree, editor):
    page = warning(site_tree)
    client.force_login(editor)

    assert resend_url(page) not in client.get(edit_url(page)).content.decode()
    assert client.get(resend_url(page)).status_code == 403
    assert client.post(resend_url(page)).status_code == 403
    assert not Broadcast.objects.filter(resend=True).exists()


def test_only_a_live_urgent_announcement_can_be_resent(client, site_tree, moderator):
    normal = AnnouncementPageFactory(parent=site_tree.announcements, urgency="normal")
    draft = warning(site_tree, publish=False)
    client.force_login(moderator)

    for page in (normal, draft):
        assert client.get(resend_url(page)).status_code == 403
        assert client.post(resend_url(page)).status_code == 403
    assert not Broadcast.objects.filter(resend=True).exists()
