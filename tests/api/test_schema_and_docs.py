"""The OpenAPI schema lists every endpoint of ours; the docs page loads nothing from outside."""

import re
from pathlib import Path

import pytest
import yaml
from django.urls import URLPattern, URLResolver

from api.v2.router import api_router

pytestmark = pytest.mark.django_db


def router_paths() -> set[str]:
    """Return every path the content router serves, as the schema spells it."""
    paths = set()
    for endpoint in api_router.urls[0]:
        assert isinstance(endpoint, URLResolver)
        for pattern in endpoint.url_patterns:
            assert isinstance(pattern, URLPattern)
            route = str(endpoint.pattern).lstrip("^") + str(pattern.pattern)
            paths.add("/api/v2/" + route.replace("<int:pk>", "{id}"))
    return paths


def schema(client) -> dict:
    response = client.get("/api/schema/", headers={"accept": "application/vnd.oai.openapi"})
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_schema_is_openapi_3_with_every_content_endpoint(client):
    """Every path of /api/v2/ is in the schema, with a GET and its 400 error shape."""
    document = schema(client)

    assert document["openapi"].startswith("3.")
    expected = router_paths()
    assert len(expected) == 10  # pages, images, documents x 3, preview
    assert expected <= set(document["paths"])
    for path in expected:
        assert "400" in document["paths"][path]["get"]["responses"] or path.endswith("find/")


def test_schema_leaves_out_the_admin_api(client):
    """Wagtail's admin API is not part of the public contract."""
    assert all(path.startswith(("/api/", "/open311/")) for path in schema(client)["paths"])


def test_schema_lists_every_open311_endpoint(client):
    """Open311 GeoReport v2 is in the same schema, the format as a path parameter."""
    paths = schema(client)["paths"]
    expected = {
        "/open311/v2/discovery.{fmt}": {"get"},
        "/open311/v2/services.{fmt}": {"get"},
        "/open311/v2/services/{service_code}.{fmt}": {"get"},
        "/open311/v2/requests.{fmt}": {"get", "post"},
        "/open311/v2/requests/{service_request_id}.{fmt}": {"get"},
        "/open311/v2/tokens/{token}.{fmt}": {"get"},
    }
    found = {path: set(paths[path]) & {"get", "post"} for path in paths if "open311" in path}
    assert found == expected
    assert "403" in paths["/open311/v2/requests.{fmt}"]["post"]["responses"]


def test_schema_documents_the_filters(client):
    """Clients can read the filters from the schema."""
    operation = schema(client)["paths"]["/api/v2/pages/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}

    assert {"type", "locale", "category", "urgent", "current", "upcoming", "search"} <= names
    assert {"limit", "offset", "order", "fields", "If-None-Match"} <= names


def test_docs_page_loads_only_our_own_assets(client):
    """/api/docs/ refers to no outside address, and the assets it names are served by us."""
    response = client.get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", html)
    served = {asset: client.get(asset) for asset in assets}
    assert all(response.status_code == 200 for response in served.values()), served
    # The start-up script is a file of its own (strict CSP) and points at our schema.
    bodies = [b"".join(r.streaming_content) if r.streaming else r.content for r in served.values()]
    assert any(b"/api/schema/" in body for body in bodies)


DOCS = Path(__file__).resolve().parents[2] / "docs" / "api.md"
TYPE_ROW = re.compile(r"^\| `(pages\.\w+)` \| (.+) \|$")


def documented_types() -> dict[str, list[str]]:
    """Return {type: [fields]} from the type table of docs/api.md."""
    rows = {}
    for line in DOCS.read_text().splitlines():
        match = TYPE_ROW.match(line)
        if match:
            cell = re.sub(r"\([^)]*\)", "", match[2])  # drop "(`normal`, ...)" value lists
            rows[match[1]] = re.findall(r"`(\w+)`", cell)
    return rows


def fields_of(document, component) -> set[str]:
    return set(document["components"]["schemas"][component]["properties"])


def test_docs_schema_and_models_agree_on_every_page_types_fields(client):
    """docs/api.md's table, the models' api_fields and the schema list the same fields."""
    from pages import models

    document = schema(client)
    rows = documented_types()

    assert len(rows) == 7
    for page_type, documented in rows.items():
        name = page_type.removeprefix("pages.")
        model = getattr(models, name)
        api_fields = [field.name for field in model.api_fields]
        assert documented == api_fields, page_type
        assert fields_of(document, name) == {"id", "meta", "title", *api_fields}
        listed = fields_of(document, f"{name}ListItem")
        assert "summary" in listed and "body" not in listed and "featured_pages" not in listed


def test_schema_describes_cards_and_quick_links(client):
    """The home page's featured cards and quick links have their exact shape in the schema."""
    document = schema(client)

    assert fields_of(document, "Card") == {
        "id",
        "title",
        "type",
        "summary",
        "display_date",
        "category",
        "listing_image",
        "html_url",
        "detail_url",
    }
    assert fields_of(document, "QuickLink") == {"label", "url", "page"}
    assert fields_of(document, "ImageItem") >= {"id", "meta", "title", "width", "height"}


def test_public_endpoints_declare_no_authentication(client):
    """No security schemes (so no Authorize button) and no operation asks for credentials."""
    document = schema(client)

    assert "securitySchemes" not in document.get("components", {})
    for path, operations in document["paths"].items():
        for operation in operations.values():
            assert operation.get("security", [{}]) == [{}], path


def test_schema_does_not_vary_by_cookie(client, superuser):
    """Served without sessions: the same for everyone, cacheable by shared caches.

    (/api/docs/ does vary: Swagger UI embeds the visitor's CSRF token for "Try it out".)
    """
    client.force_login(superuser)

    response = client.get("/api/schema/")

    assert response.status_code == 200
    assert "cookie" not in response.get("Vary", "").lower()
