"""The NIK field and the personal data request form in a real Chromium, on a phone."""

import re

import pytest

from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser

# Made up, like the demo's: Kab. Bogor has no district 99.
NIK = "3201 9915 0790 0002"


def test_the_nik_field_appears_only_for_the_topic_that_asks_for_it(watched_page, demo_server):
    """The demo's civil-registration topic asks for the NIK; other topics hide and drop it."""
    page, watcher = watched_page
    page.goto(demo_server + "/pengaduan/baru/")
    nik = page.get_by_label("NIK (Nomor Induk Kependudukan)")
    topic = page.get_by_label("Topik")
    assert not nik.is_visible()

    topic.select_option("adminduk")
    assert nik.is_visible() and nik.evaluate("field => field.required")
    assert page.get_by_label("NIK (Nomor Induk Kependudukan) (wajib)").is_visible()
    nik.fill(NIK)
    topic.select_option("jalan-jembatan")
    assert not nik.is_visible() and nik.input_value() == ""  # not kept for this topic

    topic.select_option("adminduk")
    page.get_by_label("Jelaskan masalah atau permohonan Anda").fill(
        "KTP-el saya sudah direkam dua bulan lalu tetapi belum jadi, mohon informasinya."
    )
    nik.fill(NIK)
    page.get_by_label("Nomor telepon atau WhatsApp").fill("0812 1212 3434")
    page.get_by_role("button", name="Kirim", exact=True).click()
    page.wait_for_url(re.compile(r".*/pengaduan/terkirim/KCM-.*"))
    assert "3201" not in page.content()
    assert watcher.console_errors == [] and watcher.outside_requests == []


def test_a_wrong_nik_is_explained_next_to_the_field(watched_page, demo_server):
    page, _watcher = watched_page
    page.goto(demo_server + "/pengaduan/baru/")
    page.get_by_label("Topik").select_option("adminduk")
    page.get_by_label("Jelaskan masalah atau permohonan Anda").fill(
        "Mohon bantuan perubahan data Kartu Keluarga karena pindah alamat."
    )
    page.get_by_label("NIK (Nomor Induk Kependudukan)").fill("3201 9932 0790 0002")  # day 32
    page.get_by_label("Nomor telepon atau WhatsApp").fill("0812 1212 3434")
    page.get_by_role("button", name="Kirim", exact=True).click()
    error = page.locator("#id_reporter_nik_error")
    error.wait_for()
    assert "tanggal lahir" in error.inner_text()
    assert page.get_by_label("NIK (Nomor Induk Kependudukan)").is_visible()


def test_request_form_has_no_axe_violation_empty_or_with_errors(browser, demo_server):
    from tests.browser.test_accessibility import AXE

    if not AXE.exists():
        pytest.skip("axe-core not installed; run `npm ci` (make test does).")
    axe_source = AXE.read_text()
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="id-ID", bypass_csp=True
    )
    page = context.new_page()
    page.goto(demo_server + "/privasi/permintaan/")
    assert violations(page, axe_source) == []
    page.get_by_label("Kode lacak").fill("KCM-2222-3333")
    page.get_by_label("Nomor ponsel atau email yang Anda berikan saat mengadu").fill(
        "0812 0000 1111"
    )
    page.get_by_label("Lihat data saya (akses)").check()
    page.get_by_role("button", name="Kirim permintaan").click()
    page.locator("#form-errors").wait_for()
    assert "tidak dapat mencocokkan" in page.locator("#form-errors").inner_text()
    assert violations(page, axe_source) == []
    page.goto(demo_server + "/pengaduan/baru/")
    page.get_by_label("Topik").select_option("adminduk")
    assert violations(page, axe_source) == []
    context.close()
