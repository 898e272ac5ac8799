"""The survey pages residents use (no JavaScript needed) and the staff views in the admin."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from PIL import Image

from cms.complaints.models import Complaint
from cms.surveys.links import survey_url_for_complaint
from cms.surveys.models import SurveyResponse
from tests.complaints.helpers import advance, officer, submit
from tests.utils import qr_texts, soup

from .helpers import respond, service_page

pytestmark = pytest.mark.django_db
Status = Complaint.Status


def answers(score="3", **extra):
    return {f"u{number}": score for number in range(1, 10)} | extra


def test_the_form_shows_nine_elements_with_the_regulation_wording(client, site_tree):
    service = service_page(site_tree)
    response = client.get(f"/survei/{service.slug}/")
    assert response.status_code == 200
    page = soup(response)
    legends = [legend.get_text(" ", strip=True) for legend in page.select(".survey-element legend")]
    assert len(legends) == 9
    # The element names stay the regulation's; the questions are plain and say "Anda", not
    # "Saudara" (issue 16): the regulation fixes the elements and the scale, not the wording.
    assert legends[0].startswith("1. Persyaratan Apakah syarat yang diminta sesuai")
    assert not any("Saudara" in legend for legend in legends)
    assert legends[8].startswith("9. Sarana dan Prasarana")
    labels = [label.get_text(strip=True) for label in page.select("#field-u7 .scale__option")]
    assert labels == [
        "Tidak sopan dan ramah",
        "Kurang sopan dan ramah",
        "Sopan dan ramah",
        "Sangat sopan dan ramah",
    ]
    assert page.select_one('input[name="idempotency_key"]')["value"]
    assert not page.select('input[name="csrfmiddlewaretoken"]')
    english = soup(client.get(f"/en/survei/{service.slug}/"))
    assert "Requirements" in english.select_one("#field-u1 legend").get_text()


def test_the_honeypot_cannot_be_reached_with_the_keyboard(client, site_tree):
    """It sits in an aria-hidden box: focusable, it would be a trap for screen-reader users."""
    page = soup(client.get(f"/survei/{service_page(site_tree).slug}/"))
    field = page.find("input", attrs={"name": "website"})
    assert field["tabindex"] == "-1" and field["autocomplete"] == "off"
    assert field.find_parent(attrs={"aria-hidden": "true"})


def test_posting_the_form_stores_once_even_when_sent_twice(client, site_tree):
    service = service_page(site_tree)
    data = answers("4", idempotency_key="form-key-123456", dari="layanan", sex="P")
    first = client.post(f"/survei/{service.slug}/", data)
    second = client.post(f"/survei/{service.slug}/", data)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == "/survei/terima-kasih/"
    stored = SurveyResponse.objects.get()
    assert stored.channel == "layanan" and stored.sex == "P" and stored.service == service
    assert "Terima kasih" in client.get(first["Location"]).content.decode()


def test_the_bare_url_counts_as_the_qr_poster_at_the_desk(client, site_tree):
    service = service_page(site_tree)
    client.post(f"/survei/{service.slug}/", answers(idempotency_key="desk-key-1234567"))
    assert SurveyResponse.objects.get().channel == "loket"


def test_a_missing_answer_comes_back_marked_with_the_rest_kept(client, site_tree):
    service = service_page(site_tree)
    data = answers("2", idempotency_key="missing-key-1234")
    del data["u5"]
    response = client.post(f"/survei/{service.slug}/", data)
    assert response.status_code == 400
    page = soup(response)
    assert page.select_one("#id_u5-error").get_text() == "Pilih satu jawaban untuk pertanyaan ini."
    assert page.select_one('#field-u1 input[value="2"]').has_attr("checked")
    assert page.select_one('input[name="idempotency_key"]')["value"] == "missing-key-1234"
    assert not SurveyResponse.objects.exists()


@override_settings(SURVEY_SUBMIT_RATE=2)
def test_the_form_is_rate_limited_per_client(client, site_tree):
    service = service_page(site_tree)
    codes = [
        client.post(
            f"/survei/{service.slug}/", answers(idempotency_key=f"rate-key-{n:06d}")
        ).status_code
        for n in range(3)
    ]
    assert codes == [302, 302, 429]
    assert SurveyResponse.objects.count() == 2


def test_unknown_service_is_404(client, site_tree):
    assert client.get("/survei/tidak-ada/").status_code == 404


def test_closed_complaint_links_to_its_survey_once(client, site_tree):
    complaint = submit()
    track = f"/pengaduan/lacak/{complaint.tracking_code}/"
    assert "/survei/pengaduan/" not in client.get(track).content.decode()
    assert client.get(f"/survei/pengaduan/{complaint.tracking_code}/").status_code == 200  # not yet
    assert survey_url_for_complaint(complaint) is None

    complaint = advance(complaint, Status.VERIFIED, Status.DONE, actor=officer())
    survey = f"/survei/pengaduan/{complaint.tracking_code}/"
    assert f'href="{survey}"' in client.get(track).content.decode()
    # The reporter's message carries the reply code after the # (never sent to a server).
    assert survey_url_for_complaint(complaint).endswith(f"{survey}#kode={complaint.reply_code}")

    stranger = client.post(survey, answers("1", idempotency_key="complaint-key-00"))
    assert stranger.status_code == 403 and SurveyResponse.objects.count() == 0
    page = soup(stranger)
    assert "Ketik kode balas" in page.select_one("main").get_text()
    assert page.find("input", attrs={"name": "u1", "value": "1"}).has_attr("checked")  # kept
    proof = {"reply_secret": complaint.reply_code}
    posted = client.post(survey, answers("4", idempotency_key="complaint-key-01", **proof))
    assert posted.status_code == 302
    again = client.post(survey, answers("1", idempotency_key="complaint-key-02", **proof))
    assert again.status_code == 302 and again["Location"].endswith("?sudah=1")
    stored = SurveyResponse.objects.get()
    assert stored.complaint == complaint and stored.scores == [4] * 9
    assert "/survei/pengaduan/" not in client.get(track).content.decode()
    assert survey_url_for_complaint(complaint) is None


def test_service_page_links_to_its_survey(client, site_tree):
    service = service_page(site_tree)
    html = client.get(service.url).content.decode()
    assert f'href="/survei/{service.slug}/?dari=layanan"' in html


def test_staff_see_figures_print_a_report_and_void(client, site_tree, superuser):
    service = service_page(site_tree)
    respond(service, [4] * 9, suggestion="Loket buka lebih pagi.")
    bad = respond(service, [1] * 9)
    client.force_login(superuser)
    assert client.get("/admin/survei/").status_code == 200
    report = client.get("/admin/survei/laporan/")
    assert report.status_code == 200
    assert "Rencana tindak lanjut" in report.content.decode()
    assert client.get("/admin/survei/respons/").status_code == 200

    refused = client.post(f"/admin/survei/respons/{bad.pk}/batal/", {"reason": ""})
    assert refused.status_code == 200
    client.post(f"/admin/survei/respons/{bad.pk}/batal/", {"reason": "Dikirim berulang"})
    bad.refresh_from_db()
    assert bad.is_void and bad.voided_by == superuser
    ikm = client.get(f"/api/v1/ikm/?service={service.slug}").json()["items"][0]
    assert ikm["respondents"] == 1 and ikm["ikm"] == 100.0


def test_staff_without_permission_see_no_figures(client, site_tree):
    user = get_user_model().objects.create_user("tamu", "tamu@kecamatan.id", "x")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get("/admin/survei/").status_code in (302, 403)


def test_staff_print_a_qr_poster_per_service(client, site_tree, superuser):
    service = service_page(site_tree)
    client.force_login(superuser)
    response = client.get(f"/admin/survei/poster/{service.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and f"/survei/{service.slug}/</p>" in html
    assert client.get("/admin/survei/poster/tidak-ada/").status_code == 404


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_survey_poster_downloads_as_an_a4_image_with_the_same_qr_code(
    client, site_tree, superuser, fmt
):
    """The desk poster also comes as PNG and PDF, drawn like every page's poster."""
    service = service_page(site_tree)
    client.force_login(superuser)
    url = f"/admin/survei/poster/{service.slug}/"

    assert f'href="?format={fmt}"' in client.get(url).content.decode()
    response = client.get(url, {"format": fmt})

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    if fmt == "pdf":
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
        return
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (1654, 2339)
    assert qr_texts(image) == [f"http://localhost/survei/{service.slug}/"]


def test_the_printed_report_leaves_suggestions_out_unless_staff_ask(client, site_tree, superuser):
    """The report may be published: suggestions (unchecked free text) only appear in the
    internal copy, marked unmoderated and with contact numbers and addresses hidden."""
    service = service_page(site_tree)
    respond(
        service,
        [4] * 9,
        suggestion="Loket buka lebih pagi. Hubungi saya 0812-3456-7890 / siti@contoh.id, "
        "NIK 3201234567890001.",
    )
    client.force_login(superuser)

    published = client.get("/admin/survei/laporan/").content.decode()
    assert "Loket buka lebih pagi" not in published
    assert "Tidak dimuat" in published and "saran=1" in published

    internal = client.get("/admin/survei/laporan/?saran=1").content.decode()
    assert "Loket buka lebih pagi." in internal
    assert "bukan untuk dipublikasikan" in internal and "Belum diperiksa" in internal
    for secret in ("0812", "3456-7890", "siti@contoh.id", "3201234567890001"):
        assert secret not in internal
    assert internal.count("[disembunyikan]") == 3


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Telepon 0812 3456 7890 ya", "Telepon [hidden] ya"),
        ("WA +62 812-3456-7890.", "WA [hidden]."),
        ("email budi.s@desa.go.id", "email [hidden]"),
        ("Antre 3 jam, loket 2 tutup jam 12.00", "Antre 3 jam, loket 2 tutup jam 12.00"),
        ("Biaya Rp 50.000 padahal gratis", "Biaya Rp 50.000 padahal gratis"),
    ],
)
def test_suggestions_lose_contact_data_in_the_internal_copy(text, masked):
    from django.utils import translation

    from cms.surveys.suggestions import suggestion_masked

    with translation.override("en"):
        assert suggestion_masked(text) == masked
