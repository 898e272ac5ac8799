"""The two formats of GeoReport v2: XML (required by the spec) and JSON (its mechanical
mapping, lists as top-level arrays), and the spec's error answer.

http://wiki.open311.org/GeoReport_v2/ "Formats": the format is the URL's extension
(`services.xml`, `requests/KCM-7QX4-9PAD.json`). Identifiers and codes are strings in JSON
(the spec's own examples write `"service_code":001`, which is not JSON).
"""

import datetime
import json
import re
from decimal import Decimal
from xml.etree import ElementTree

from django.http import HttpResponse
from django.utils import timezone

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "xml": "text/xml; charset=utf-8",
}
# Characters XML 1.0 cannot hold at all, even escaped: left out of XML answers.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# The element each list's items are written as in XML (the spec's examples).
ITEM_TAGS = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
}


def w3c(value: datetime.datetime | None) -> str | None:
    """Return a time as the spec writes it: W3C ISO 8601 with the offset (+07:00 for WIB)."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.datetime):
        return w3c(value)
    return value


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return NOT_XML.sub("", str(_plain(value)))


def _element(parent, tag: str, value) -> None:
    node = ElementTree.SubElement(parent, tag)
    _fill(node, tag, value)


def _fill(node, tag: str, value) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _element(node, key, item)
    elif isinstance(value, list):
        for item in value:
            _element(node, ITEM_TAGS[tag], item)
    else:
        node.text = _text(value)


def to_xml(root: str, value) -> bytes:
    """Return `value` (a list or a dict) as the XML document `<root>...</root>`."""
    node = ElementTree.Element(root)
    _fill(node, root, value)
    return ElementTree.tostring(node, encoding="utf-8", xml_declaration=True)


def to_json(value) -> bytes:
    return json.dumps(value, default=_plain, ensure_ascii=False).encode()


def reply(fmt: str, root: str, value, status: int = 200, headers=None) -> HttpResponse:
    """Return `value` in `fmt`; `root` names the XML document element (`services`, ...)."""
    body = to_xml(root, value) if fmt == "xml" else to_json(value)
    response = HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])
    for name, header in (headers or {}).items():
        response[name] = header
    return response


def errors(fmt: str, status: int, *descriptions: str, headers=None) -> HttpResponse:
    """Return the spec's error answer: a list of {code, description}, code the HTTP status."""
    items = [{"code": status, "description": str(text)} for text in descriptions]
    return reply(fmt, "errors", items, status=status, headers=headers)
