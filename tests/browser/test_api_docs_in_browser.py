"""The API's readable docs in a real browser."""

import pytest

pytestmark = pytest.mark.browser


def test_docs_page_in_a_browser_has_no_authorize_button(watched_page, demo_server):
    """Swagger UI renders our endpoints from our own assets, without an Authorize button."""
    page, watcher = watched_page

    page.goto(demo_server + "/api/docs/")
    page.wait_for_selector(".opblock-summary-path", timeout=15000)

    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v2/pages/" in [path.strip().replace("\u200b", "") for path in paths]
    assert page.locator(".auth-wrapper .authorize").count() == 0
    assert page.get_by_role("button", name="Authorize").count() == 0
    assert watcher.outside_requests == []
    assert watcher.console_errors == []
