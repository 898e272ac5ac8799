"""One Content-Security-Policy header per answer, enforced on the site and in the admin alike
(the admin's two additions: tests/security/test_admin_csp.py)."""

import pytest

pytestmark = pytest.mark.django_db

ENFORCED = "Content-Security-Policy"
REPORTED = "Content-Security-Policy-Report-Only"


@pytest.mark.parametrize("url", ["/", "/offline/", "/serviceworker.js", "/tidak-ada/"])
def test_public_answers_carry_the_enforced_policy_only(client, site_tree, url):
    response = client.get(url)

    assert "script-src 'self'" in response[ENFORCED]
    assert REPORTED not in response


def test_the_admin_enforces_the_policy_too(client, site_tree):
    response = client.get("/admin/login/")

    directives = dict(part.strip().split(" ", 1) for part in response[ENFORCED].split(";"))
    assert directives["script-src"] == "'self' 'report-sample'"
    assert REPORTED not in response


@pytest.mark.parametrize(
    "url", ["/static/css/site.css", "/static/js/site.js", "/static/pwa/icon-192.png"]
)
def test_stylesheets_scripts_and_images_carry_no_document_policies(client, site_tree, url):
    """Browsers apply CSP and Permissions-Policy to documents and workers only: on a file they
    protect nothing and cost a phone about 0.5 KB each. nosniff stays (it matters for them)."""
    response = client.get(url)

    assert response.status_code == 200
    assert ENFORCED not in response and "Permissions-Policy" not in response
    assert response["X-Content-Type-Options"] == "nosniff"


def test_the_worker_script_keeps_the_policy_that_governs_it(client, site_tree):
    response = client.get("/serviceworker.js")

    assert response["Content-Type"].startswith(("text/javascript", "application/javascript"))
    assert "script-src 'self'" in response[ENFORCED]
