"""The JSON parser of the resident endpoints: every malformed body is a 400, never a 500.

DRF's JSONParser lets two kinds of body through to a 500:

- JSON nested deeper than Python's recursion limit (`[[[[...` 100,000 deep) raises
  RecursionError, which is no ValueError;
- a lone surrogate (`"\\ud800"` as a JSON escape) is valid JSON but no text: it has no UTF-8
  spelling, so no database stores it, and the error came only when saving, after the rate
  limit had counted the request.

Both are refused here, while parsing, before any view looks at the data.
"""

import json

from django.utils.translation import gettext as _
from rest_framework.parsers import JSONParser

from api.errors import ApiBadRequest


class StrictJSONParser(JSONParser):
    """DRF's JSON parser with our messages; nesting and text a database cannot take refused."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = json.loads(stream.read().decode("utf-8"), parse_constant=_no_constant)
        except RecursionError:
            raise ApiBadRequest(_("The JSON is nested too deeply.")) from None
        except ValueError:
            raise ApiBadRequest(_("The body is not valid JSON.")) from None
        field = unstorable_text(data)
        if field is not None:
            message = _("This text has a character that cannot be read (a lone surrogate).")
            raise ApiBadRequest(_("Some fields need attention."), {field: [message]})
        return data


def unstorable_text(data) -> str | None:
    """Return the top-level field (or "non_field_errors") holding a string with a lone
    surrogate, else None. Walks without recursion: the data may be deep."""
    stack = [(data, None)]
    while stack:
        value, field = stack.pop()
        if isinstance(value, str):
            if _has_surrogate(value):
                return field or "non_field_errors"
        elif isinstance(value, dict):
            for key, item in value.items():
                if _has_surrogate(key):
                    return field or "non_field_errors"
                stack.append((item, field or key))
        elif isinstance(value, list):
            stack.extend((item, field) for item in value)
    return None


def _no_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")  # NaN, Infinity: JSON has no such numbers


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
