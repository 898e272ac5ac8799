"""Requests no view should see: a NUL byte in the address or the query string.

PostgreSQL refuses NUL (0x00) in text, so a NUL that reaches a filter (`?category=`,
`?html_path=`, a page slug) is a database error, a 500, instead of "no such thing"; SQLite
would store it. No person types one. Every query parameter, name and value, is checked once,
before any view: /api/ answers 400 in the shared error shape (api/middleware.py), the site a
400 page (frontend/bad_requests.py).
"""

NUL = "\x00"


def nul_parameter(query) -> str | None:
    """Return the name of the first parameter of `query` (a QueryDict) with a NUL, else None."""
    for name, values in query.lists():
        if NUL in name or any(NUL in value for value in values):
            return name
    return None


def shown_name(name: str) -> str:
    """Return a parameter's name as a message may show it: NULs spelled out, at most 40 long."""
    return name.replace(NUL, "\\x00")[:40]
