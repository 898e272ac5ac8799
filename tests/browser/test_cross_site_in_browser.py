"""A real Chromium posting our forms from another site's page is refused; from ours it is not.

The hostile page is served by Playwright at https://hadiah-gratis.example/ (nothing leaves the
machine) and posts the survey form of the demo server the way a page stuffing the satisfaction
index would: a hidden form sent by its script. The browser adds `Sec-Fetch-Site: cross-site`
itself; cms/security/cross_site.py refuses it. The offline outbox's same-origin posts are
covered by test_outbox.py and test_survey_outbox.py.
"""

import sqlite3
import uuid

import pytest

from tests.browser.conftest import DEMO

pytestmark = pytest.mark.browser

SERVICE = "legalisasi-dokumen"
HOSTILE = "https://hadiah-gratis.example/"


def stored(text):
    with sqlite3.connect(DEMO["database"]) as db:
        return db.execute(
            "SELECT id FROM surveys_surveyresponse WHERE suggestion LIKE ?", [f"%{text}%"]
        ).fetchall()


def stuffing_page(action: str, text: str) -> str:
    answers = "".join(f'<input name="u{n}" value="1">' for n in range(1, 10))
    return (
        f'<!doctype html><form id="f" method="post" action="{action}">{answers}'
        f'<input name="suggestion" value="{text}"></form>'
        "<script>document.getElementById('f').submit()</script>"
    )


@pytest.fixture
def page(browser, demo_server):
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


def test_a_survey_posted_by_another_sites_page_is_refused(page, demo_server):
    text = f"uji-{uuid.uuid4().hex[:10]}"
    page.route(
        HOSTILE,
        lambda route: route.fulfill(
            content_type="text/html",
            body=stuffing_page(f"{demo_server}/survei/{SERVICE}/", text),
        ),
    )
    with page.expect_navigation(url=f"{demo_server}/survei/{SERVICE}/") as navigation:
        page.goto(HOSTILE)

    assert navigation.value.status == 403
    assert page.get_by_role("heading", name="Formulir tidak terkirim").is_visible()
    assert stored(text) == []


def test_the_same_form_sent_from_the_site_itself_is_stored(page, demo_server):
    text = f"uji-{uuid.uuid4().hex[:10]}"
    page.route(
        f"{demo_server}/uji-formulir/",
        lambda route: route.fulfill(
            content_type="text/html",
            body=stuffing_page(f"{demo_server}/survei/{SERVICE}/", text),
        ),
    )
    with page.expect_navigation(url=f"{demo_server}/survei/terima-kasih/"):
        page.goto(f"{demo_server}/uji-formulir/")

    assert len(stored(text)) == 1
