"""Residents' suggestions are free text: they may hold a name, a phone number, an address.

They are shown only to staff (the admin's list of responses, to judge and void) and, when staff
ask for it, in the internal copy of the printed report, marked unmoderated and with contact
numbers and email addresses hidden. They never reach a public page, the open data or the API.
"""

import re

from django.utils.translation import gettext as _

# A phone, NIK, KK or account number: eight or more digits, maybe split by spaces, dots or
# dashes, maybe after a "+" (0812-3456-7890, +62 812 3456 7890, 3201234567890001).
NUMBER = re.compile(r"\+?\d(?:[\s.\-]?\d){7,}")
EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


def suggestion_masked(text: str) -> str:
    """Return `text` with long numbers and email addresses replaced by a marker."""
    hidden = _("[hidden]")
    return NUMBER.sub(hidden, EMAIL.sub(hidden, text or ""))
