"""What residents read about their complaint: their words, not the office's (issue 16)."""

import datetime

from django.test import override_settings
from django.utils import timezone

from cms.complaints.messaging import MemorySender
from cms.complaints.models import Complaint
from pages.models import KecamatanSettings
from tests.utils import main_text, soup

from .helpers import VALID, advance, officer, submit

Status = Complaint.Status


def track(client, complaint):
    return client.get(f"/pengaduan/lacak/{complaint.tracking_code}/")


def test_the_tracking_page_says_what_a_status_means_for_the_resident(site_tree, client):
    complaint = advance(submit(), Status.VERIFIED, Status.ASSIGNED, actor=officer())

    text = main_text(track(client, complaint))

    assert "Diteruskan ke petugas yang menangani" in text
    assert "Didisposisikan" not in text and "Diverifikasi" not in text
    assert "Sudah diperiksa petugas" in text  # the timeline too


def test_a_late_complaint_says_the_kecamatan_is_late_not_the_resident(site_tree, client):
    complaint = submit()
    Complaint.objects.filter(pk=complaint.pk).update(
        verify_due=timezone.localdate() - datetime.timedelta(days=3)
    )

    text = main_text(track(client, complaint))

    assert "Melewati batas waktu kami" in text
    assert "Terlambat" not in text


def test_not_for_the_kecamatan_says_where_to_go_and_what_lapor_is(site_tree, client):
    complaint = advance(submit(), Status.NOT_COMPETENT, actor=officer())

    text = main_text(track(client, complaint))

    assert "Bukan urusan kecamatan" in text and "Bukan wewenang" not in text
    assert "lapor.go.id" in text and "1708" in text


def test_an_anonymous_complaint_waiting_to_be_checked_reads_without_contradiction(
    site_tree, client
):
    complaint = submit(privacy="anonymous")

    text = main_text(track(client, complaint))

    assert "tanpa nama Anda, setelah petugas memeriksanya" in text
    assert "bersifat publik" not in text


def test_a_confidential_complaint_says_only_the_officers_read_it(site_tree, client):
    complaint = advance(submit(privacy="confidential"), Status.VERIFIED, actor=officer())

    assert "Hanya petugas yang membaca isi pengaduan ini" in main_text(track(client, complaint))


def test_an_old_closed_complaint_says_what_to_do_instead_of_asking(site_tree, client, settings):
    complaint = advance(submit(), Status.VERIFIED, Status.DONE, actor=officer())
    Complaint.objects.filter(pk=complaint.pk).update(
        closed_at=timezone.now() - datetime.timedelta(days=settings.COMPLAINT_REOPEN_DAYS + 1)
    )

    response = track(client, complaint)
    text = main_text(response)

    assert "Sudah selesai?" not in text
    assert f"sebutkan kode {complaint.tracking_code}" in text
    assert soup(response).find("main").find("a", href="/pengaduan/baru/")


def test_a_recently_closed_complaint_still_asks_with_two_answers(site_tree, client):
    complaint = advance(submit(), Status.VERIFIED, Status.DONE, actor=officer())

    page = soup(track(client, complaint))

    assert "Sudah selesai?" in page.find("main").get_text()
    assert {button["value"] for button in page.select("button[name=action]")} >= {
        "solved",
        "not_solved",
    }


def test_the_form_asks_who_may_see_it_and_answers_in_the_same_words(site_tree, client):
    page = soup(client.get("/pengaduan/baru/"))

    labels = [label.get_text(strip=True) for label in page.select("#field-privacy label.choice")]
    assert labels == [
        "Semua orang, dengan nama saya",
        "Semua orang, tanpa nama saya",
        "Hanya petugas kecamatan",
    ]


def test_the_public_list_filters_by_the_residents_status_words(site_tree, client):
    page = soup(client.get("/pengaduan/"))

    options = [option.get_text() for option in page.select("#filter-status option")]
    assert "Sedang dikerjakan" in options and "Didisposisikan" not in options


@override_settings(COMPLAINT_MESSAGE_SENDER="cms.complaints.messaging.MemorySender")
def test_texts_name_the_kecamatan_and_the_status_in_residents_words(
    site_tree, django_capture_on_commit_callbacks
):
    from wagtail.models import Site

    settings = KecamatanSettings.for_site(Site.objects.get(is_default_site=True))
    settings.name = "Kecamatan Sukamaju"
    settings.save()
    MemorySender.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        complaint = submit(reporter_phone=VALID["reporter_phone"])
        advance(complaint, Status.VERIFIED, Status.ASSIGNED, actor=officer())

    texts = [text for _number, text in MemorySender.outbox]
    assert texts and all(text.startswith("Kecamatan Sukamaju: ") for text in texts)
    assert "Diteruskan ke petugas yang menangani" in texts[-1]
    assert "Didisposisikan" not in " ".join(texts)


def test_without_javascript_no_page_sends_the_resident_to_the_phone_list(site_tree, client):
    """ "My complaints on this phone" needs a script: the link shows only when one runs."""
    response = client.post(
        "/pengaduan/baru/", dict(VALID, idempotency_key="form-key-words-1"), follow=True
    )
    for page in (
        soup(response),
        soup(client.get("/pengaduan/")),
        soup(client.get("/pengaduan/lacak/")),
    ):
        link = page.find("main").find("a", href="/pengaduan/saya/")
        assert (
            link is not None and link.find_parent(attrs={"data-needs-script": True})["hidden"] == ""
        )


def test_a_lost_tracking_code_has_a_way_out(site_tree, client):
    from wagtail.models import Site

    settings = KecamatanSettings.for_site(Site.objects.get(is_default_site=True))
    settings.phone = "(0263) 555 0123"
    settings.save()

    page = soup(client.get("/pengaduan/lacak/"))
    lost = page.find("main").find("details")

    assert "Kode lacak hilang?" in lost.get_text()
    assert lost.find("a", href="tel:+622635550123")


def test_a_person_whose_browser_filled_the_hidden_field_gets_through_on_the_second_try(
    site_tree, client
):
    data = dict(VALID, idempotency_key="form-key-words-2", website="https://autofill.example")

    refused = client.post("/pengaduan/baru/", data)

    assert refused.status_code == 400
    text = main_text(refused)
    assert "mengisi sesuatu dengan sendirinya" in text and "kolom terakhir" not in text
    # The hidden field comes back empty, so sending the page again goes through.
    assert soup(refused).find("input", attrs={"name": "website"}).get("value") is None
    again = {
        field["name"]: field.get("value", "")
        for field in soup(refused).select("form[data-complaint-form] input[name]")
        if field.get("type") not in ("radio", "checkbox", "file", "submit")
    }
    assert again["website"] == ""


def test_every_status_and_privacy_value_has_residents_words():
    """wording.py is keyed by stored values (it cannot import the model that reads it)."""
    from cms.complaints.models import Complaint
    from cms.complaints.wording import RESIDENT_PRIVACY, RESIDENT_STATUS

    assert set(RESIDENT_STATUS) == set(Complaint.Status.values)
    assert [value for value, _label in RESIDENT_PRIVACY] == list(Complaint.Privacy.values)
