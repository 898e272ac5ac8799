import json
import urllib.request
import uuid

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


# Every text of every chart, measured by the browser, against its SVG's viewBox.
TEXT_OUTSIDE = """() => [...document.querySelectorAll('svg.chart')].flatMap(svg => {
  const box = svg.viewBox.baseVal;
  return [...svg.querySelectorAll('text')].map(text => {
    const b = text.getBBox();
    return {text: text.textContent, left: b.x, top: b.y, right: b.x + b.width,
            bottom: b.y + b.height, width: box.width, height: box.height};
  }).filter(t => t.left < 0 || t.top < 0 || t.right > t.width || t.bottom > t.height);
})"""


@pytest.mark.parametrize("path", ["/transparansi/", "/en/transparansi/"])
def test_chart_texts_stay_inside_their_charts_at_360_px(watched_page, demo_server, path):
    """Long service and category names and full marks (100,00) are neither cut at the edge of
    a chart nor pushed out of it, on a 360 px phone."""
    page, watcher = watched_page
    services = [
        item["service"]
        for item in json.load(urllib.request.urlopen(f"{demo_server}/api/v1/ikm/", timeout=30))[
            "items"
        ]
        if item["service"]
    ]
    for slug in services:  # every service gets an IKM bar, some of 100
        body = {"service": slug, "answers": [4] * 9}
        request = urllib.request.Request(
            f"{demo_server}/api/v1/surveys/",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())},
        )
        urllib.request.urlopen(request, timeout=30).close()
    page.goto(demo_server + path)
    assert page.locator("svg.chart").count() == 3  # the trend, categories and IKM per service
    assert page.locator("svg.chart").nth(2).locator("text").count() >= 2 * len(services)
    assert page.evaluate(TEXT_OUTSIDE) == []
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
    assert watcher.outside_requests == []
