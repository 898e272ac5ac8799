"""axe-core, injected into every page type, finds no violation (WCAG 2.x A and AA rules).

axe-core comes from npm, pinned in package-lock.json (`make test` runs `npm ci`). Without it
these tests skip locally and fail in CI (REQUIRE_BROWSER=1).
"""

import os
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
SECTIONS = {
    "announcement": "/pengumuman/",
    "infographic": "/infografis/",
    "guide": "/panduan/",
    "service": "/layanan/",
    "event": "/kegiatan/",
}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        message = f"axe-core not installed ({AXE}); run `npm ci` (make test does)."
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text()


def violations(page, axe_source) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(node["target"][0] for node in v["nodes"][:3])
        for v in result["violations"]
    ]


def page_type_urls(page, base_url) -> dict[str, str]:
    urls = {"home": "/", "search": "/cari/", "search results": "/cari/?q=ktp"}
    urls["standard page"] = "/tentang/"
    urls["not found"] = "/tidak-ada-halaman-ini/"
    urls["english home"] = "/en/"
    # The resident's service pages, not Wagtail pages: complaints, survey, figures, privacy.
    urls["complaint form"] = "/pengaduan/baru/"
    urls["track a complaint"] = "/pengaduan/lacak/"
    urls["my complaints"] = "/pengaduan/saya/"
    urls["public complaints"] = "/pengaduan/"
    urls["transparency"] = "/transparansi/"
    urls["privacy"] = "/privasi/"
    urls["data request"] = "/privasi/permintaan/"
    urls["install help"] = "/pasang-aplikasi/"
    urls["offline page"] = "/offline/"
    page.goto(base_url + "/transparansi/")
    survey = page.locator("a[href^='/survei/']").first
    urls["survey"] = (
        survey.get_attribute("href") if survey.count() else "/survei/legalisasi-dokumen/"
    )
    for name, index in SECTIONS.items():
        urls[f"{name} list"] = index
        page.goto(base_url + index)
        urls[name] = page.locator(".card__title a").first.get_attribute("href")
    return urls


@pytest.fixture
def axe_page(browser, demo_server):
    """A phone-sized page whose CSP lets axe-core be injected (the CSP itself: test_csp.py)."""
    from tests.browser.conftest import PageWatcher

    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="id-ID", bypass_csp=True
    )
    page = context.new_page()
    yield page, PageWatcher(page, demo_server)
    context.close()


def test_every_page_type_has_no_axe_violation(axe_page, demo_server, axe_source):
    page, watcher = axe_page
    found = {}
    for name, path in page_type_urls(page, demo_server).items():
        response = page.goto(demo_server + path)
        assert response.status == (404 if name == "not found" else 200), name
        problems = violations(page, axe_source)
        if problems:
            found[name] = problems
    assert found == {}
    assert watcher.outside_requests == []


def test_low_data_placeholders_have_no_axe_violation(browser, demo_server, axe_source):
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        extra_http_headers={"Save-Data": "on"},
        bypass_csp=True,  # to inject axe-core; the CSP itself is tested in test_csp.py
    )
    page = context.new_page()
    page.goto(demo_server + "/pengumuman/")
    assert page.locator(".lowdata__load").count() >= 1
    assert violations(page, axe_source) == []
    page.goto(demo_server + "/")
    assert re.search("Mode hemat data", page.locator("[data-lowdata-switch]").inner_text())
    assert violations(page, axe_source) == []
    context.close()
