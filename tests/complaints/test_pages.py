"""The resident's pages: form, receipt, tracking, follow-up, public list, photos."""

from unittest import mock

from django.db import OperationalError
from django.test import override_settings

from cms.complaints.models import Complaint, ComplaintCategory
from tests.utils import count_queries, main_text, soup

from .helpers import PERSONAL, VALID, advance, jpeg_bytes, officer, submit, upload

Status = Complaint.Status
NEW = "/pengaduan/baru/"


def form_data(**overrides):
    data = dict(VALID, idempotency_key="form-key-0001")
    data.update(overrides)
    return data


def test_form_works_without_javascript_and_sets_no_cookie(site_tree, client):
    response = client.get(NEW)
    assert response.status_code == 200
    assert not response.cookies
    page = soup(response)
    form = page.find("form", attrs={"data-complaint-form": True})
    assert form["method"] == "post" and form["enctype"] == "multipart/form-data"
    names = {field.get("name") for field in form.find_all(["input", "select", "textarea"])}
    assert {
        "kind",
        "category",
        "description",
        "location_text",
        "latitude",
        "longitude",
        "photo",
        "reporter_name",
        "reporter_phone",
        "reporter_email",
        "privacy",
        "idempotency_key",
    } <= names
    options = [option["value"] for option in form.find("select").find_all("option")]
    assert options[-1] == "lainnya"  # "Other" comes last
    assert "UU" in main_text(response) or "27" in main_text(response)  # the legal basis


def test_valid_post_redirects_to_a_receipt_with_code_and_due_date(site_tree, client):
    response = client.post(NEW, form_data())
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/pengaduan/terkirim/{complaint.tracking_code}/"
    receipt = client.get(response["Location"])
    text = main_text(receipt)
    assert complaint.tracking_code in text
    assert f"/pengaduan/lacak/{complaint.tracking_code}/" in receipt.content.decode()
    assert str(complaint.respond_due.year) in text
    assert complaint.channel == "web"


def test_double_post_of_one_form_stores_one_complaint(site_tree, client):
    first = client.post(NEW, form_data())
    second = client.post(NEW, form_data())
    assert Complaint.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_invalid_post_keeps_what_was_typed_and_asks_for_the_photo_again(site_tree, client):
    data = form_data(description="pendek", reporter_email="bukan-email")
    data["photo"] = upload()
    response = client.post(NEW, data)
    assert response.status_code == 400
    page = soup(response)
    assert page.find("textarea", attrs={"name": "description"}).text.strip() == "pendek"
    assert page.find("input", attrs={"name": "reporter_name"})["value"] == "Siti Rahayu"
    errors = [p.get_text() for p in page.select(".error")]
    assert len(errors) == 2
    assert page.find(id="id_description_error") and page.find(id="id_reporter_email_error")
    assert "foto" in main_text(response).lower() or "photo" in main_text(response).lower()
    assert Complaint.objects.count() == 0


def test_bad_photo_gets_a_message_next_to_the_field(site_tree, client):
    data = form_data()
    data["photo"] = upload("foto.jpg", b"this is not a picture")
    response = client.post(NEW, data)
    assert response.status_code == 400
    assert soup(response).find(id="id_photo_error")
    assert Complaint.objects.count() == 0


def test_photo_is_stored_privately(site_tree, client, settings):
    data = form_data()
    data["photo"] = upload(data=jpeg_bytes())
    client.post(NEW, data)
    complaint = Complaint.objects.get()
    assert complaint.photo.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not complaint.photo.path.startswith(str(settings.MEDIA_ROOT))


def test_honeypot_refuses_bots(site_tree, client):
    response = client.post(NEW, form_data(website="http://spam.example"))
    assert response.status_code == 400
    assert Complaint.objects.count() == 0


@override_settings(COMPLAINT_SUBMIT_RATE=2)
def test_too_many_submissions_get_429_with_a_clear_message(site_tree, client):
    for number in range(2):
        client.post(
            NEW,
            form_data(
                idempotency_key=f"rate-key-000{number}",
                description=f"Jalan berlubang nomor {number} di depan balai desa.",
            ),
        )
    response = client.post(
        NEW,
        form_data(idempotency_key="rate-key-0009", description="Lampu jalan mati di gang mawar."),
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Terlalu banyak" in main_text(response)
    assert Complaint.objects.count() == 2


def test_database_trouble_answers_503_and_keeps_the_text(site_tree, client):
    with mock.patch(
        "frontend.complaints.services.complaint_submit", side_effect=OperationalError("down")
    ):
        response = client.post(NEW, form_data())
    assert response.status_code == 503
    assert response["Retry-After"]
    page = soup(response)
    assert page.find("textarea", attrs={"name": "description"}).text.strip() == VALID["description"]
    assert page.find("input", attrs={"name": "idempotency_key"})["value"] == "form-key-0001"
    # Sent again once the database is back: stored exactly once.
    client.post(NEW, form_data())
    client.post(NEW, form_data())
    assert Complaint.objects.count() == 1


def test_track_form_redirects_a_typed_code_and_explains_a_wrong_one(site_tree, client):
    complaint = submit()
    typed = complaint.tracking_code.lower().replace("-", " ")
    response = client.get("/pengaduan/lacak/", {"kode": typed})
    assert response["Location"] == f"/pengaduan/lacak/{complaint.tracking_code}/"
    response = client.get("/pengaduan/lacak/", {"kode": "KCM-0000-0000"})
    assert response.status_code == 400
    assert soup(response).find(id="track-error")


def test_unknown_code_is_a_friendly_not_found(site_tree, client):
    response = client.get("/pengaduan/lacak/KCM-AAAA-AAAA/")
    assert response.status_code == 404
    assert soup(response).find(id="track-error")


@override_settings(COMPLAINT_TRACK_RATE=3)
def test_guessing_codes_is_rate_limited(site_tree, client):
    complaint = submit()
    statuses = [client.get(f"/pengaduan/lacak/KCM-AAAA-AAA{c}/").status_code for c in "ACDEF"]
    assert statuses[:3] == [404, 404, 404]
    assert statuses[3:] == [429, 429]
    # Even a right code waits until the window passes.
    assert client.get(f"/pengaduan/lacak/{complaint.tracking_code}/").status_code == 429


def test_tracking_page_shows_status_and_public_timeline_without_personal_data(site_tree, client):
    staff = officer("budi.petugas")
    complaint = submit()
    advance(complaint, Status.VERIFIED, actor=staff, note="Sudah diperiksa di lokasi.")
    from cms.complaints.services import complaint_reply

    complaint_reply(complaint=complaint, officer=staff, message="Rahasia dapur", public=False)
    response = client.get(f"/pengaduan/lacak/{complaint.tracking_code}/")
    text = main_text(response)
    assert "Sudah diperiksa di lokasi." in text
    assert "Rahasia dapur" not in text
    assert "budi" not in response.content.decode().lower()
    for secret in PERSONAL:
        assert secret not in response.content.decode()
    assert response.status_code == 200


def test_resident_adds_information_and_answers_sudah_selesai(site_tree, client):
    staff = officer()
    complaint = submit()
    url = f"/pengaduan/lacak/{complaint.tracking_code}/"
    secret = complaint.reply_code
    response = client.post(
        url,
        {"action": "reply", "message": "Sekarang ada genangan air.", "reply_secret": secret},
    )
    assert response.status_code == 302 and "terkirim=balasan" in response["Location"]
    assert complaint.events.filter(kind="resident_reply").count() == 1

    response = client.post(url, {"action": "reply", "message": "", "reply_secret": secret})
    assert response.status_code == 400 and soup(response).find(id="action-error")

    advance(complaint, Status.VERIFIED, Status.DONE, actor=staff)
    page = soup(client.get(url))
    assert page.find("button", attrs={"value": "not_solved"})
    response = client.post(
        url, {"action": "not_solved", "message": "Belum diperbaiki.", "reply_secret": secret}
    )
    complaint.refresh_from_db()
    assert complaint.status == Status.IN_PROGRESS and complaint.reopen_count == 1


def test_public_list_shows_only_verified_public_and_anonymous(site_tree, client):
    staff = officer()
    public = advance(submit(privacy="public"), Status.VERIFIED, actor=staff)
    anonymous = advance(
        submit(privacy="anonymous", reporter_name="Joko Anonim"), Status.VERIFIED, actor=staff
    )
    confidential = advance(submit(privacy="confidential"), Status.VERIFIED, actor=staff)
    unverified = submit(privacy="public")
    response = client.get("/pengaduan/")
    html = response.content.decode()
    assert public.tracking_code in html and anonymous.tracking_code in html
    assert confidential.tracking_code not in html and unverified.tracking_code not in html
    assert "Siti Rahayu" in html  # the public reporter chose to be named
    assert "Joko Anonim" not in html
    for secret in PERSONAL[1:]:
        assert secret not in html
    filtered = client.get("/pengaduan/", {"kategori": "adminduk"}).content.decode()
    assert public.tracking_code not in filtered


def test_public_list_queries_do_not_grow_with_complaints(site_tree, client):
    staff = officer()
    advance(submit(), Status.VERIFIED, actor=staff)
    one = count_queries(client, "/pengaduan/")
    for _ in range(15):
        advance(submit(), Status.VERIFIED, actor=staff)
    assert count_queries(client, "/pengaduan/") == one


def test_photo_is_shown_only_when_public_and_not_hidden(site_tree, client, django_user_model):
    staff = officer()
    confidential = submit(privacy="confidential", photo=upload())
    public = submit(privacy="public", photo=upload())
    assert client.get(f"/pengaduan/foto/{public.tracking_code}/").status_code == 404
    advance(public, Status.VERIFIED, actor=staff)
    advance(confidential, Status.VERIFIED, actor=staff)
    response = client.get(f"/pengaduan/foto/{public.tracking_code}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert client.get(f"/pengaduan/foto/{confidential.tracking_code}/").status_code == 404
    client.force_login(staff)
    response = client.get(f"/pengaduan/foto/{confidential.tracking_code}/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    client.logout()
    editor = django_user_model.objects.create_user("editor", "e@x.id", "x")
    client.force_login(editor)
    assert client.get(f"/pengaduan/foto/{confidential.tracking_code}/").status_code == 404


def test_pages_exist_in_english_too(site_tree_en, client):
    response = client.get("/en/pengaduan/baru/")
    assert response.status_code == 200
    assert soup(response).html["lang"] == "en"


def test_complaints_never_reach_the_site_search(site_tree, client):
    staff = officer()
    advance(submit(privacy="public"), Status.VERIFIED, actor=staff)
    from wagtail.search.models import IndexEntry

    assert not IndexEntry.objects.filter(content_type__app_label="complaints").exists()
    for query in ("Siti", "balai desa", "berlubang"):
        response = client.get("/cari/", {"q": query})
        assert "Siti Rahayu" not in response.content.decode()
        assert "KCM-" not in response.content.decode()


def test_service_page_links_to_the_form_with_its_topic(site_tree, client):
    from cms.complaints.models import ComplaintCategory
    from tests.factories import ServicePageFactory

    service = ServicePageFactory(parent=site_tree.services, title="Perekaman KTP-el")
    ComplaintCategory.objects.filter(slug="adminduk").update(service_page=service)
    response = client.get(service.url)
    assert "/pengaduan/baru/?kategori=adminduk" in response.content.decode()
    form = client.get("/pengaduan/baru/?kategori=adminduk")
    selected = soup(form).find("select", attrs={"name": "category"}).find("option", selected=True)
    assert selected["value"] == "adminduk"


def test_every_described_by_reference_points_at_an_element(site_tree, client):
    """Screen readers find each field's help and error text."""
    data = form_data(description="pendek", reporter_email="bukan-email", reporter_phone="x")
    page = soup(client.post(NEW, data))
    references = [
        ref
        for node in page.select("[aria-describedby]")
        for ref in node["aria-describedby"].split()
    ]
    assert "id_description_error" in references
    for ref in references:
        assert page.find(id=ref) is not None, ref


def test_the_honeypot_cannot_be_reached_with_the_keyboard(site_tree, client):
    field = soup(client.get(NEW)).find("input", attrs={"name": "website"})
    assert field["tabindex"] == "-1" and field["autocomplete"] == "off"


def test_mistakes_do_not_use_up_the_rate_limit(site_tree, client, settings):
    settings.COMPLAINT_SUBMIT_RATE = 2
    for number in range(4):
        client.post(NEW, form_data(description="x", idempotency_key=f"mistake-key-{number}"))
    assert client.post(NEW, form_data()).status_code == 302


def test_a_kept_form_page_used_for_a_second_complaint_stores_both(site_tree, client):
    first = client.post(NEW, form_data())
    second_data = form_data(description="Lampu jalan di gang mawar mati sejak kemarin.")
    second = client.post(NEW, second_data)
    again = client.post(NEW, second_data)  # and a double tap of the second one
    assert Complaint.objects.count() == 2
    assert first["Location"] != second["Location"] == again["Location"]


def test_database_down_while_answering_still_gives_503_with_the_text(site_tree, client):
    from django.db import DatabaseError

    with (
        mock.patch(
            "frontend.complaints.services.complaint_submit", side_effect=OperationalError("x")
        ),
        mock.patch("frontend.complaints._form_page", side_effect=DatabaseError("still down")),
    ):
        response = client.post(NEW, form_data())
    assert response.status_code == 503
    page = soup(response)
    assert page.find("input", attrs={"name": "description"})["value"] == VALID["description"]
    assert page.find("input", attrs={"name": "idempotency_key"})["value"] == "form-key-0001"


def test_codes_typed_with_phone_dashes_are_found(site_tree, client):
    complaint = submit()
    typed = complaint.tracking_code.replace("-", "\u2013")
    response = client.get("/pengaduan/lacak/", {"kode": typed})
    assert response["Location"] == f"/pengaduan/lacak/{complaint.tracking_code}/"


def test_reopened_complaint_can_be_confirmed_after_it_is_closed_again(site_tree, client):
    staff = officer()
    complaint = advance(submit(), Status.VERIFIED, Status.DONE, actor=staff)
    url = f"/pengaduan/lacak/{complaint.tracking_code}/"
    client.post(url, {"action": "not_solved", "reply_secret": complaint.reply_code})
    advance(Complaint.objects.get(pk=complaint.pk), Status.DONE, actor=staff)
    page = soup(client.get(url))
    assert page.find("button", attrs={"value": "solved"})
    client.post(url, {"action": "solved", "reply_secret": complaint.reply_code})
    assert Complaint.objects.get(pk=complaint.pk).resident_confirmed is True


def test_complaint_form_is_in_the_menu_and_on_the_home_page(site_tree, client):
    home = soup(client.get("/"))
    assert home.select_one('.site-nav a[href="/pengaduan/baru/"]')
    assert home.find("main").select_one('a[href="/pengaduan/baru/"]')


def test_form_page_carries_the_outbox_texts_and_the_receipt_address(site_tree, client):
    """The outbox script finds its Indonesian texts and where the receipt lives in the page."""
    page = soup(client.get(NEW))

    form = page.find("form", attrs={"data-complaint-form": True})
    assert form["data-receipt"] == "/pengaduan/terkirim/CODE/"
    box = page.find(attrs={"data-outbox": True})
    assert box.has_attr("hidden")  # shown by the script only when something is queued
    assert box["data-queued"] == "Menunggu sinyal (ditulis {time})"
    assert box["data-sending"] == "Mengirim…"
    assert box["data-sent"] == "Terkirim, kode lacak"
    scripts = [script["src"] for script in page.find_all("script", src=True)]
    assert scripts.index("/static/js/outbox.js") < scripts.index("/static/js/complaint.js")


def test_my_complaints_page_is_the_same_for_everyone_and_never_indexed(site_tree, client):
    response = client.get("/pengaduan/saya/")

    assert response.status_code == 200
    assert not response.cookies
    page = soup(response)
    assert page.find("h1").get_text() == "Pengaduan saya"
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert not page.find(attrs={"data-outbox": True}).has_attr("hidden")
    assert page.find("noscript") is not None  # says what to do without JavaScript
    assert client.post("/pengaduan/saya/").status_code == 405
    assert client.get("/en/pengaduan/saya/").status_code == 200


def test_a_repeat_visit_of_the_form_is_a_304_and_keeps_the_browsers_key(site_tree, client):
    """Each copy of the form carries its own key, but its ETag leaves the key out: a browser
    revalidating its copy gets 304 with no body (and goes on using the key it has)."""
    first, second = client.get(NEW), client.get(NEW)
    keys = [
        soup(r).find("input", attrs={"name": "idempotency_key"})["value"] for r in (first, second)
    ]
    assert len(set(keys)) == 2 and all(len(key) == 32 for key in keys)
    assert first["ETag"] == second["ETag"] and first["ETag"].startswith('W/"')
    assert {"private", "no-cache"} <= {part.strip() for part in first["Cache-Control"].split(",")}

    again = client.get(NEW, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]


def test_the_forms_etag_changes_with_what_it_shows(site_tree, client):
    before = client.get(NEW)["ETag"]
    ComplaintCategory.objects.create(name="Air bersih", slug="air-bersih")
    after = client.get(NEW)
    assert after["ETag"] != before
    assert client.get(NEW, headers={"If-None-Match": before}).status_code == 200
    assert client.get("/en" + NEW)["ETag"] not in (before, after["ETag"])


@override_settings(COMPLAINT_SUBMIT_RATE=1)
def test_a_reused_form_key_is_still_counted_by_the_rate_limit(site_tree, client):
    """A kept copy of the form used for a second complaint stores it under a derived key; that
    is a new complaint, so the rate limit counts it (a double tap of it is not counted)."""
    assert client.post(NEW, form_data()).status_code == 302
    other = form_data(description="Lampu jalan di gang mawar mati sejak kemarin.")
    response = client.post(NEW, other)
    assert response.status_code == 429
    assert Complaint.objects.count() == 1
    assert client.post(NEW, form_data()).status_code == 302  # the first one again: its receipt


def test_the_form_posts_to_another_address_than_its_own(site_tree, client):
    """A post drops the browser's copy of the address it went to: posting elsewhere keeps the
    form (and its key) for Back. The other address only takes posts."""
    form = soup(client.get(NEW)).find("form", attrs={"data-complaint-form": True})
    assert form["action"] == "/pengaduan/kirim/"
    response = client.post("/pengaduan/kirim/", form_data())
    assert response.status_code == 302 and "/pengaduan/terkirim/" in response["Location"]
    assert client.get("/pengaduan/kirim/")["Location"] == NEW
    assert client.post(NEW, form_data(idempotency_key="old-copy-0001")).status_code == 302


def test_the_same_words_with_another_key_are_another_complaint(site_tree, client):
    """Two residents may report the same flood in the same words, both without contact
    details: each form copy has its own key, so each gets a complaint (and its own code)."""
    anonymous = dict(reporter_name="", reporter_phone="", reporter_email="", privacy="anonymous")
    first = client.post(NEW, form_data(idempotency_key="resident-a-0001", **anonymous))
    second = client.post(NEW, form_data(idempotency_key="resident-b-0001", **anonymous))
    assert Complaint.objects.count() == 2
    assert first["Location"] != second["Location"]
