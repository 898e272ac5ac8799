"""One Content-Security-Policy header per answer: enforced on the site, reported in the admin."""

import pytest

pytestmark = pytest.mark.django_db

ENFORCED = "Content-Security-Policy"
REPORTED = "Content-Security-Policy-Report-Only"


@pytest.mark.parametrize("url", ["/", "/offline/", "/static/css/site.css", "/tidak-ada/"])
def test_public_answers_carry_the_enforced_policy_only(client, site_tree, url):
    response = client.get(url)

    assert "script-src 'self'" in response[ENFORCED]
    assert REPORTED not in response


def test_the_admin_only_reports_the_policy(client, site_tree):
    response = client.get("/admin/login/")

    assert "script-src 'self'" in response[REPORTED]
    assert ENFORCED not in response
