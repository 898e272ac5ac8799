"""What a notification says: a title, one line, an icon and the page's address, at most 1 KB.

Nothing personal goes in: a complaint's notification names its tracking code and new status,
never the reporter or the text of a reply (the phone may be shared; the push service sees
sizes and times). The resident opens the page to read more.
"""

import json

MAX_BYTES = 1024
ELLIPSIS = "\u2026"


def payload_encode(
    *, title: str, body: str, url: str, icon: str = "", tag: str = "", urgent: bool = False
) -> bytes:
    """Return the JSON the service worker shows, shortened to fit MAX_BYTES (body first)."""
    message = {"title": title[:120], "body": body, "url": url, "icon": icon, "tag": tag}
    if urgent:
        message["urgent"] = True
    data = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode()
    while len(data) > MAX_BYTES and message["body"]:
        excess = len(data) - MAX_BYTES
        text = message["body"].rstrip(ELLIPSIS)
        message["body"] = text[: max(0, len(text) - excess - 3)].rstrip() + ELLIPSIS
        if not text[: max(0, len(text) - excess - 3)].strip():
            message["body"] = ""
        data = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode()
    if len(data) > MAX_BYTES:
        raise ValueError("A push payload must fit in 1 KB even without its body.")
    return data
