import io
import re

import pytest
from PIL import Image

pytestmark = pytest.mark.browser
CODE = re.compile(r"KCM-[0-9A-Z]{4}-[0-9A-Z]{4}")


def photo_file(tmp_path):
    path = tmp_path / "jalan.jpg"
    out = io.BytesIO()
    Image.new("RGB", (3000, 2000), (90, 90, 90)).save(out, "JPEG")
    path.write_bytes(out.getvalue())
    return path


def test_resident_sends_a_complaint_with_photo_and_location_and_tracks_it(
    browser, demo_server, tmp_path
):
    """On a phone, with location allowed, a resident sends a complaint and follows it."""
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="id-ID",
        geolocation={"latitude": -6.914744, "longitude": 107.60981},
        permissions=["geolocation"],
    )
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(demo_server + "/pengaduan/baru/")
    assert page.locator("h1").inner_text() == "Kirim pengaduan atau permohonan"

    page.get_by_label("Topik").select_option("jalan-jembatan")
    page.get_by_label("Jelaskan masalah atau permohonan Anda").fill(
        "Jembatan bambu di Dusun Kaler rusak, anak sekolah harus memutar 3 km."
    )
    page.get_by_label("Lokasi", exact=True).fill("Dusun Kaler RT 01/RW 05")
    page.get_by_role("button", name="Gunakan lokasi saya").click()
    page.get_by_text("Lokasi ditambahkan: -6.914744, 107.609810").wait_for()
    page.get_by_label("Foto (tidak wajib)").set_input_files(str(photo_file(tmp_path)))
    page.get_by_label("Semua orang, tanpa nama saya").check()
    page.get_by_role("button", name="Kirim", exact=True).click()

    page.wait_for_url(re.compile(r".*/pengaduan/terkirim/KCM-.*"))
    code = CODE.search(page.locator(".tracking-code").inner_text()).group(0)
    assert page.get_by_role("button", name="Salin kode").is_visible()
    page.get_by_role("link", name="Pantau pengaduan ini").click()
    page.wait_for_url(f"**/pengaduan/lacak/{code}/")
    assert page.locator(".status").inner_text() == "Diterima, menunggu diperiksa"
    assert errors == []
    context.close()


def test_a_mistake_comes_back_with_the_text_kept(watched_page, demo_server):
    """A too short description is explained next to the field; the rest stays filled in."""
    page, watcher = watched_page
    page.goto(demo_server + "/pengaduan/baru/")
    page.get_by_label("Topik").select_option("lainnya")
    page.get_by_label("Jelaskan masalah atau permohonan Anda").fill("Rusak")
    page.get_by_label("Nama Anda").fill("Wati")
    page.get_by_role("button", name="Kirim", exact=True).click()
    page.wait_for_load_state()
    assert page.locator("#id_description_error").inner_text().startswith("Tulis sedikit")
    assert page.get_by_label("Nama Anda").input_value() == "Wati"
    assert page.get_by_label("Jelaskan masalah atau permohonan Anda").input_value() == "Rusak"
    assert watcher.outside_requests == []


def test_tracking_a_demo_complaint_by_typed_code(watched_page, demo_server):
    """The public list links to a tracking page; typing its code in lower case finds it."""
    page, watcher = watched_page
    page.goto(demo_server + "/pengaduan/")
    code = page.locator(".complaint-item a").first.inner_text()
    page.goto(demo_server + "/pengaduan/lacak/")
    page.get_by_label("Kode lacak").fill(code.lower().replace("-", " "))
    page.get_by_role("button", name="Lacak").click()
    page.wait_for_url(f"**/pengaduan/lacak/{code}/")
    assert page.locator("h1").inner_text() == code
    assert page.locator(".timeline__item").count() >= 2
    assert watcher.console_errors == [] and watcher.outside_requests == []
