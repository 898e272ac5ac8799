"""The words of every email the complaint workflow sends, exactly, in the site's language.

Email bodies are plain text: what a resident or officer typed arrives as typed (no HTML
escaping), and the lines, blank lines and order stay as staff and residents know them.
"""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from cms.complaints import services
from cms.complaints.models import Complaint, DataRequest

from .helpers import advance, officer, submit

pytestmark = pytest.mark.django_db
Status = Complaint.Status

# Characters HTML would escape, and a description longer than the 500 characters a mail shows.
DESCRIPTION = 'Lampu & tiang <rusak> di "gang" Mawar, kata Pak O\'Neil. ' * 12
BASE = "http://testserver"


def admin_url(complaint) -> str:
    return BASE + reverse("complaints:inspect", args=[complaint.pk])


@override_settings(COMPLAINT_NOTIFY_EMAILS=["kepala@kecamatan.id"])
def test_staff_hear_of_a_new_complaint(mailoutbox, django_capture_on_commit_callbacks):
    officer()
    with django_capture_on_commit_callbacks(execute=True):
        # No email of the reporter: theirs (with the reply code) is the next test's.
        complaint = submit(description=DESCRIPTION, reporter_email="")

    [mail] = mailoutbox
    assert mail.to == ["kepala@kecamatan.id", "petugas@kecamatan.id"]
    assert mail.subject == f"Pengaduan baru {complaint.tracking_code}: {complaint.category.name}"
    assert mail.body == (
        "Ada pengaduan baru.\n"
        "\n"
        f"Kode: {complaint.tracking_code}\n"
        f"Kategori: {complaint.category.name}\n"
        f"Batas verifikasi: {complaint.verify_due:%d-%m-%Y}\n"
        "\n"
        f"{DESCRIPTION[:500]}\n"
        "\n"
        f"Buka: {admin_url(complaint)}"
    )


@override_settings(COMPLAINT_MESSAGE_SENDER="cms.complaints.messaging.MemorySender")
def test_the_reporter_gets_the_tracking_code_and_reply_code_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    from cms.complaints.messaging import MemorySender

    MemorySender.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        complaint = submit()
    [mail] = [mail for mail in mailoutbox if mail.to == ["siti.rahayu@contoh.id"]]
    code, secret = complaint.tracking_code, complaint.reply_code
    url = f"{BASE}/pengaduan/lacak/{code}/"
    assert mail.subject == f"Pengaduan Anda {code} sudah kami terima"
    assert mail.body == (
        f"Pengaduan Anda {code} sudah kami terima.\n"
        "\n"
        f"Kode balas Anda: {secret}\n"
        "Simpan untuk Anda sendiri. Dengan kode ini Anda menambah informasi pada pengaduan, "
        "mengonfirmasi bahwa masalah sudah selesai, atau membuka kembali pengaduan. Siapa pun "
        "yang memegang kode lacak dapat mengikuti pengaduan; hanya Anda yang dapat "
        "menanggapinya.\n"
        "\n"
        f"Ikuti di sini: {url}\n"
        "\n"
        "(Kecamatan)"
    )
    [(number, text)] = MemorySender.outbox
    assert number == "6281234567890" and secret in text and code in text
    # Anonymous, no contact: nothing is sent to anyone but staff.
    mailoutbox.clear()
    MemorySender.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submit(reporter_email="", reporter_phone="", reporter_name="")
    assert all("siti" not in " ".join(mail.to) for mail in mailoutbox)
    assert MemorySender.outbox == []


def test_staff_hear_what_the_resident_wrote(mailoutbox, django_capture_on_commit_callbacks):
    staff = officer()
    complaint = advance(submit(), Status.VERIFIED, actor=staff)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_resident_reply(
            complaint=complaint, proof=complaint.reply_code, message="Foto & <denah> menyusul."
        )

    [mail] = mailoutbox
    assert mail.to == ["petugas@kecamatan.id"]
    assert mail.subject == f"Warga menulis tentang {complaint.tracking_code}"
    assert mail.body == (
        f"Status: Diverifikasi\n\nFoto & <denah> menyusul.\n\nBuka: {admin_url(complaint)}"
    )


def test_staff_hear_of_a_reopened_complaint_without_a_message(
    mailoutbox, django_capture_on_commit_callbacks
):
    staff = officer()
    complaint = advance(submit(), Status.VERIFIED, Status.DONE, actor=staff)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_resident_confirm(
            complaint=complaint, proof=complaint.reply_code, solved=False
        )

    [mail] = mailoutbox
    assert mail.subject == f"Warga membuka kembali {complaint.tracking_code}: belum selesai"
    assert mail.body == (
        f"Status: Diproses\n\n(Warga tidak menuliskan alasannya.)\n\nBuka: {admin_url(complaint)}"
    )


def test_staff_read_why_the_resident_reopened(mailoutbox, django_capture_on_commit_callbacks):
    staff = officer()
    complaint = advance(submit(), Status.VERIFIED, Status.DONE, actor=staff)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_resident_confirm(
            complaint=complaint,
            proof=complaint.reply_code,
            solved=False,
            message="Lampu menyala sehari lalu mati lagi.",
        )

    [mail] = mailoutbox
    assert mail.to == ["petugas@kecamatan.id"]
    assert mail.body == (
        f"Status: Diproses\n\nLampu menyala sehari lalu mati lagi.\n\nBuka: {admin_url(complaint)}"
    )


@override_settings(COMPLAINT_MESSAGE_SENDER="cms.complaints.messaging.MemorySender")
def test_a_staff_reply_reaches_the_resident_once_as_a_reply(
    mailoutbox, django_capture_on_commit_callbacks
):
    from cms.complaints.messaging import MemorySender

    staff = officer()
    complaint = advance(submit(), Status.VERIFIED, actor=staff, note="Sudah kami cek.")
    mailoutbox.clear()
    MemorySender.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_reply(
            complaint=complaint, officer=staff, message="Perbaikan dijadwalkan 12 Mei."
        )

    code = complaint.tracking_code
    [mail] = mailoutbox
    assert mail.to == ["siti.rahayu@contoh.id"]
    assert mail.subject == f"Balasan untuk pengaduan Anda {code}"
    assert mail.body == (
        f"Kecamatan membalas pengaduan Anda {code}:\n"
        "\n"
        "Perbaikan dijadwalkan 12 Mei.\n"
        "\n"
        f"Ikuti perkembangannya di sini: {BASE}/pengaduan/lacak/{code}/\n"
        "\n"
        "(Kecamatan)"
    )
    [(_number, text)] = MemorySender.outbox
    assert "membalas" in text and "Diverifikasi" not in text


def test_staff_hear_of_a_data_request(mailoutbox, django_capture_on_commit_callbacks):
    staff = officer()
    complaint = submit()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        request = services.data_request_submit(
            code=complaint.tracking_code,
            contact="0812 3456 7890",
            kind=DataRequest.Kind.CORRECTION,
        )

    [mail] = mailoutbox
    assert mail.to == [staff.email]
    assert mail.subject == f"Permintaan data pribadi no. {request.pk}: Perbaiki data saya (koreksi)"
    due = timezone.localtime(request.due_at)
    assert mail.body == (
        "Seorang warga mengajukan permintaan tentang data pribadinya (UU PDP).\n"
        "\n"
        "Permintaan: Perbaiki data saya (koreksi)\n"
        f"Jawab paling lambat: {due:%d-%m-%Y %H:%M} WIB\n"
        "\n"
        f"Buka: {BASE}{reverse('data-requests:inspect', args=[request.pk])}"
    )


def test_the_resident_hears_of_a_status_change(mailoutbox, django_capture_on_commit_callbacks):
    staff = officer()
    complaint = submit()
    with django_capture_on_commit_callbacks(execute=True):
        advance(complaint, Status.VERIFIED, actor=staff, note="Sudah kami cek & <catat>.")

    [mail] = mailoutbox
    code = complaint.tracking_code
    assert mail.to == ["siti.rahayu@contoh.id"]
    assert mail.subject == f"Pengaduan Anda {code}: Sudah diperiksa petugas"
    assert mail.body == (
        f"Status pengaduan Anda {code}: Sudah diperiksa petugas.\n"
        "\n"
        "Sudah kami cek & <catat>.\n"
        "\n"
        f"Ikuti perkembangannya di sini: {BASE}/pengaduan/lacak/{code}/\n"
        "\n"
        "(Kecamatan)"
    )


def test_the_closing_mail_ends_with_the_survey_link(mailoutbox, django_capture_on_commit_callbacks):
    staff = officer()
    complaint = advance(submit(), Status.VERIFIED, actor=staff)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        advance(complaint, Status.DONE, actor=staff, note="Sudah diperbaiki.")

    [mail] = mailoutbox
    code = complaint.tracking_code
    assert mail.subject == f"Pengaduan Anda {code}: Selesai"
    assert mail.body == (
        f"Status pengaduan Anda {code}: Selesai.\n"
        "\n"
        "Sudah diperbaiki.\n"
        "\n"
        f"Ikuti perkembangannya di sini: {BASE}/pengaduan/lacak/{code}/\n"
        "\n"
        "(Kecamatan)\n"
        "\n"
        "Seberapa puas Anda dengan layanan kami? Beri nilai di sini: "
        # The reply code after the #: only the reporter rates (the browser keeps it to itself).
        f"{BASE}/survei/pengaduan/{code}/#kode={complaint.reply_code}"
    )
