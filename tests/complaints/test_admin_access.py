"""Who sees the complaints area: officers handle it, editors without the permission never see it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.complaints.models import Complaint
from tests.factories import ComplaintFactory, ReplyTemplateFactory
from tests.utils import soup, text_of

pytestmark = pytest.mark.django_db

Status = Complaint.Status


def complaint_urls(complaint):
    return [
        reverse("complaints:index"),
        reverse("complaints:index") + "?export=csv",
        reverse("complaints:index_results"),
        reverse("complaints:add"),
        reverse("complaints:inspect", args=[complaint.pk]),
        reverse("complaint-categories:index"),
        reverse("complaint-holidays:index"),
        reverse("complaint-reply-templates:index"),
    ]


def menu_links(response) -> set[str]:
    """Return every admin URL the sidebar menu offers (it is rendered as JSON props)."""
    html = response.content.decode()
    return {url for url in ("/admin/complaints/", "/admin/complaint-categories/") if url in html}


def test_officer_sees_the_menu_and_every_complaint_page(client, officer):
    complaint = ComplaintFactory()
    client.force_login(officer)

    assert menu_links(client.get(reverse("wagtailadmin_home"))) == {
        "/admin/complaints/",
        "/admin/complaint-categories/",
    }
    for url in complaint_urls(complaint):
        assert client.get(url).status_code == 200, url


def test_officer_manages_reply_templates_but_not_content(client, officer):
    template = ReplyTemplateFactory()
    client.force_login(officer)

    edit = reverse("complaint-reply-templates:edit", args=[template.pk])
    assert client.get(edit).status_code == 200
    assert client.get(reverse("wagtailadmin_explore_root")).status_code == 302
    assert not officer.has_perm("wagtailcore.add_page")
    assert not officer.has_perm("wagtailimages.add_image")


def test_editor_without_complaint_permission_sees_no_menu_and_no_complaint(client, editor):
    complaint = ComplaintFactory(reporter_name="Siti Aminah")
    client.force_login(editor)

    assert menu_links(client.get(reverse("wagtailadmin_home"))) == set()
    for url in complaint_urls(complaint):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home"), url
        assert b"Siti Aminah" not in response.content
    refused = client.post(
        reverse("complaints:inspect", args=[complaint.pk]),
        {"action": "note", "note-message": "coba"},
    )
    assert refused.status_code in (302, 403)
    assert not complaint.events.exists()


def test_anonymous_visitors_are_sent_to_the_login(client):
    complaint = ComplaintFactory()

    response = client.get(reverse("complaints:inspect", args=[complaint.pk]))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_dashboard_panel_counts_new_overdue_and_due_today(client, officer):
    today = timezone.localdate()
    ComplaintFactory()  # new, due later
    ComplaintFactory(verify_due=today)  # new, due today
    ComplaintFactory(status=Status.VERIFIED, respond_due=today - datetime.timedelta(days=1))
    ComplaintFactory(status=Status.DONE, respond_due=today - datetime.timedelta(days=5))
    client.force_login(officer)

    panel = soup(client.get(reverse("wagtailadmin_home"))).select_one("#complaints-summary-section")

    counts = {link["href"]: int(text_of(link)) for link in panel.select("a[data-complaint-count]")}
    index = reverse("complaints:index")
    assert counts == {
        f"{index}?status=diterima": 2,
        f"{index}?due=overdue": 1,
        f"{index}?due=today": 1,
    }
    for url in counts:
        assert client.get(url).status_code == 200


def test_dashboard_panel_links_lead_to_lists_with_those_counts(client, officer):
    today = timezone.localdate()
    ComplaintFactory(verify_due=today - datetime.timedelta(days=3))
    ComplaintFactory(verify_due=today)
    client.force_login(officer)
    panel = soup(client.get(reverse("wagtailadmin_home"))).select_one("#complaints-summary-section")

    for link in panel.select("a[data-complaint-count]"):
        listed = soup(client.get(link["href"])).select("table.listing tbody tr")
        assert len(listed) == int(text_of(link)), link["href"]


def test_dashboard_panel_is_not_shown_to_editors(client, editor):
    ComplaintFactory()
    client.force_login(editor)

    response = client.get(reverse("wagtailadmin_home"))

    assert response.status_code == 200
    assert soup(response).select_one("#complaints-summary-section") is None
