"""Access log of personal data, the retention purge, and the privacy page."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from cms.complaints.models import Complaint
from cms.security.models import PersonalDataAccess
from tests.complaints.helpers import PERSONAL, submit, upload
from tests.utils import text_of

NOW = timezone.now()


@pytest.mark.django_db
def test_opening_a_complaint_with_personal_data_is_logged(officer_client, officer):
    complaint = submit()
    response = officer_client.get(reverse("complaints:inspect", args=[complaint.pk]))
    assert PERSONAL[0] in response.content.decode()
    entry = PersonalDataAccess.objects.get()
    assert (entry.user, entry.complaint, entry.tracking_code, entry.action) == (
        officer,
        complaint,
        complaint.tracking_code,
        "view",
    )
    assert abs(entry.at - timezone.now()) < datetime.timedelta(seconds=30)


@pytest.mark.django_db
def test_no_log_when_the_personal_data_is_not_shown(client, viewer):
    complaint = submit()
    client.force_login(viewer)
    response = client.get(reverse("complaints:inspect", args=[complaint.pk]))
    assert response.status_code == 200 and PERSONAL[0] not in response.content.decode()
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.django_db
def test_an_export_with_personal_data_is_logged(client, officer):
    from django.contrib.auth.models import Permission

    officer.user_permissions.add(Permission.objects.get(codename="export_personal_data"))
    submit()
    submit()
    client.force_login(officer)
    response = client.get(reverse("complaints:index") + "?export=csv")
    b"".join(response.streaming_content)
    entry = PersonalDataAccess.objects.get(action="export")
    assert entry.records == 2 and entry.user == officer


@pytest.mark.django_db
def test_admins_read_the_log_officers_do_not(client, officer, django_user_model):
    complaint = submit()
    PersonalDataAccess.record(officer, "view", complaint=complaint)
    admin = django_user_model.objects.create_user("kasi", password="x")
    admin.groups.add(Group.objects.get(name="Admin"))
    url = reverse("personal-data-access:index")
    client.force_login(officer)
    assert client.get(url).status_code in (302, 403)
    client.force_login(admin)
    page = client.get(url)
    assert page.status_code == 200
    assert complaint.tracking_code in text_of(page) and officer.username in text_of(page)
    # Evidence: no add, edit or delete for anyone.
    assert client.get(reverse("personal-data-access:add")).status_code in (302, 403)


def closed(days_ago, status=Complaint.Status.DONE, **extra):
    complaint = submit(idempotency_key=f"retention-{days_ago}-{status}", **extra)
    Complaint.objects.filter(pk=complaint.pk).update(
        status=status, closed_at=NOW - datetime.timedelta(days=days_ago)
    )
    return complaint


@pytest.mark.django_db
def test_retention_erases_personal_data_of_long_closed_complaints_only(settings):
    old = closed(731)
    old_rejected = closed(800, Complaint.Status.REJECTED)
    recent = closed(700)
    still_open = submit()
    Complaint.objects.filter(pk=still_open.pk).update(created_at=NOW - datetime.timedelta(days=900))
    call_command("purge_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for complaint in (old, old_rejected):
        complaint.refresh_from_db()
        assert (complaint.reporter_name, complaint.reporter_phone, complaint.reporter_email) == (
            "",
            "",
            "",
        )
        assert complaint.reporter_phone_hash == ""
        assert complaint.idempotency_fingerprint == ""  # a keyed hash of them among the rest
        assert complaint.description  # the complaint itself stays
    for complaint in (recent, still_open):
        complaint.refresh_from_db()
        assert complaint.reporter_name == PERSONAL[0]
    assert recent.idempotency_fingerprint
    with connection.cursor() as cursor:
        cursor.execute("SELECT reporter_name FROM complaints_complaint WHERE id = %s", [old.pk])
        assert cursor.fetchone()[0] == ""
    # The period is configurable.
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    call_command("purge_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    recent.refresh_from_db()
    assert recent.reporter_name == ""


@pytest.mark.django_db
def test_retention_erases_the_photo_of_a_complaint_without_other_personal_data():
    old = closed(731, reporter_name="", reporter_phone="", reporter_email="", photo=upload())
    call_command("purge_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    old.refresh_from_db()
    assert not old.photo


@pytest.mark.django_db
def test_retention_erases_the_residents_own_messages_and_keeps_the_staff_ones(officer):
    from cms.complaints import services

    old = submit(idempotency_key="retention-messages", reporter_name="", reporter_phone="")
    services.complaint_resident_reply(
        complaint=old, proof=old.reply_code, message="Saya Bu Siti, rumah nomor 12."
    )
    services.complaint_reply(complaint=old, officer=officer, message="Petugas datang besok.")
    Complaint.objects.filter(pk=old.pk).update(
        reporter_email="",
        status=Complaint.Status.DONE,
        closed_at=NOW - datetime.timedelta(days=731),
    )
    services.complaint_resident_confirm(
        complaint=old, proof=old.reply_code, solved=True, message="Terima kasih, Siti."
    )
    call_command("purge_personal_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    messages = dict(old.events.values_list("kind", "message"))
    assert messages["resident_reply"] == "" and messages["resident_confirm"] == ""
    assert messages["reply"] == "Petugas datang besok."
    assert old.events.filter(kind="created").exists()


@pytest.mark.django_db
def test_staff_viewing_a_complaint_photo_is_logged_the_public_is_not(officer_client, officer):
    from django.test import Client

    complaint = submit(photo=upload())
    url = reverse("complaint-photo", args=[complaint.tracking_code])
    assert officer_client.get(url).status_code == 200
    entry = PersonalDataAccess.objects.get()
    assert (entry.user, entry.complaint, entry.action) == (officer, complaint, "photo")
    # Once public, anyone may see it: a resident's look is nobody's access to personal data.
    Complaint.objects.filter(pk=complaint.pk).update(status="diverifikasi", is_public=True)
    assert Client().get(url).status_code == 200
    assert PersonalDataAccess.objects.count() == 1


@pytest.mark.django_db
def test_a_search_is_logged_with_the_terms_keyed_hash_never_the_term(officer_client, officer):
    wanted = submit()
    submit(reporter_phone="0813 0000 1111")
    index = reverse("complaints:index")
    response = officer_client.get(index, {"q": "+62 812-3456-7890"})
    assert wanted.tracking_code in text_of(response)
    entry = PersonalDataAccess.objects.get(action="search")
    assert (entry.user, entry.records) == (officer, 1)
    # The phone's hash is the complaint's own look-up hash: the log shows whose data was sought.
    assert entry.query_hash == wanted.reporter_phone_hash
    officer_client.get(index, {"q": "  BALAI desa "})
    words = PersonalDataAccess.objects.filter(action="search").exclude(pk=entry.pk).get()
    assert words.query_hash and words.records == 2
    assert officer_client.get(index).status_code == 200  # no search, no row
    assert PersonalDataAccess.objects.filter(action="search").count() == 2
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM security_personaldataaccess")
        stored = repr(cursor.fetchall()).lower()
    assert "3456" not in stored and "balai" not in stored
