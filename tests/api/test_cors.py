"""Other sites' front ends may read the content API when allowed, and never write."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

PORTAL = "https://portal.kabupaten.go.id"


@override_settings(CORS_ALLOWED_ORIGINS=[PORTAL])
def test_allowed_origin_may_read(client, site_tree):
    """An allowed origin gets Access-Control-Allow-Origin and may read the ETag."""
    response = client.get("/api/v2/pages/", headers={"origin": PORTAL})

    assert response["Access-Control-Allow-Origin"] == PORTAL
    assert "ETag" in response["Access-Control-Expose-Headers"]


@override_settings(CORS_ALLOWED_ORIGINS=[PORTAL])
def test_other_origins_get_no_cors_headers(client, site_tree):
    """An origin not on the list gets no permission."""
    response = client.get("/api/v2/pages/", headers={"origin": "https://elsewhere.example"})

    assert "Access-Control-Allow-Origin" not in response


@override_settings(CORS_ALLOWED_ORIGINS=[PORTAL])
def test_preflight_offers_read_only_methods(client, site_tree):
    """A preflight answer allows GET, HEAD and OPTIONS only."""
    response = client.options(
        "/api/v2/pages/",
        headers={"origin": PORTAL, "access-control-request-method": "POST"},
    )

    methods = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert methods == {"GET", "HEAD", "OPTIONS"}


@override_settings(CORS_ALLOWED_ORIGINS=[PORTAL])
def test_site_pages_are_not_shared(client, site_tree):
    """CORS covers /api/ only, not the HTML site."""
    response = client.get("/", headers={"origin": PORTAL})

    assert "Access-Control-Allow-Origin" not in response
