"""Read Open311 answers as a client does: JSON, or XML parsed with defusedxml (never strings)."""

import json

from defusedxml import ElementTree

ROOT = "/open311/v2/"
LISTS = {"services", "service_requests", "attributes", "values", "endpoints", "formats", "errors"}


def element_value(node):
    """Return an XML element as the JSON mapping of the spec: lists for known list tags."""
    if node.tag in LISTS:
        return [element_value(child) for child in node]
    if len(node):
        return {child.tag: element_value(child) for child in node}
    return node.text or ""


def parsed(response, fmt: str):
    """Return the answer's data, checking its content type against its format."""
    if fmt == "json":
        assert response["Content-Type"] == "application/json; charset=utf-8"
        return json.loads(response.content)
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = ElementTree.fromstring(response.content)
    return root.tag, element_value(root)


def get(client, path: str, fmt: str, **params):
    return client.get(f"{ROOT}{path}.{fmt}", params)


def items(response, fmt: str, root: str) -> list:
    """Return the list of a list answer (services, service_requests, errors), either format."""
    data = parsed(response, fmt)
    if fmt == "xml":
        tag, value = data
        assert tag == root
        return value
    assert isinstance(data, list)
    return data
