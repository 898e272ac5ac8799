import pytest

pytestmark = pytest.mark.browser
SERVICE = "legalisasi-dokumen"


def test_resident_answers_the_survey_on_a_small_phone(watched_page, demo_server):
    """At 360 px a resident taps one answer per element and sends; nothing overflows sideways,
    every answer is a large target, and the dashboard counts the response."""
    page, watcher = watched_page
    page.goto(f"{demo_server}/survei/{SERVICE}/")
    assert page.locator(".survey-element").count() == 9
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360

    for number in range(1, 10):
        option = page.locator(f"#field-u{number} .scale__option").nth(3 if number % 2 else 2)
        box = option.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 140
        option.click()
    assert page.get_by_label("Sangat sopan dan ramah").is_checked()

    page.locator(".survey-profile summary").click()
    page.get_by_label("Usia").select_option("30-39")
    page.get_by_label("Saran untuk pelayanan yang lebih baik (tidak wajib)").fill(
        "Mohon tambah kursi di ruang tunggu."
    )
    page.get_by_role("button", name="Kirim jawaban").click()
    page.wait_for_url("**/survei/terima-kasih/")
    assert page.locator("h1").inner_text() == "Terima kasih atas jawaban Anda"

    page.get_by_role("link", name="Lihat hasilnya").click()
    page.wait_for_url("**/transparansi/")
    assert int(page.locator('[data-figure="respondents"]').inner_text()) >= 1
    assert page.locator("svg.chart").count() >= 1
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    assert watcher.outside_requests == []
    assert watcher.console_errors == []


def test_a_missing_answer_is_pointed_out_without_losing_the_others(watched_page, demo_server):
    page, watcher = watched_page
    page.goto(f"{demo_server}/survei/{SERVICE}/")
    for number in range(1, 9):  # the ninth is left out
        page.locator(f"#field-u{number} .scale__option").nth(1).click()
    page.get_by_role("button", name="Kirim jawaban").click()
    page.wait_for_load_state()
    assert page.locator("#id_u9-error").is_visible()
    assert page.locator("#field-u1 input").nth(1).is_checked()
    assert watcher.outside_requests == []
