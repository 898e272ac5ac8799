"""One Content-Security-Policy header per answer, enforced on the site and in the admin alike
(the admin's two additions: tests/security/test_admin_csp.py)."""

import pytest

pytestmark = pytest.mark.django_db

ENFORCED = "Content-Security-Policy"
REPORTED = "Content-Security-Policy-Report-Only"


@pytest.mark.parametrize("url", ["/", "/offline/", "/static/css/site.css", "/tidak-ada/"])
def test_public_answers_carry_the_enforced_policy_only(client, site_tree, url):
    response = client.get(url)

    assert "script-src 'self'" in response[ENFORCED]
    assert REPORTED not in response


def test_the_admin_enforces_the_policy_too(client, site_tree):
    response = client.get("/admin/login/")

    directives = dict(part.strip().split(" ", 1) for part in response[ENFORCED].split(";"))
    assert directives["script-src"] == "'self' 'report-sample'"
    assert REPORTED not in response
