"""What the endpoints enforce and the OpenAPI schema documents, written once for both.

The views refuse what goes past these bounds; the schema (api/schema.py) states them, so
clients and the fuzz test (tests/api/test_fuzz.py) know them. Neither imports the other.
"""

# `?offset=` of any list: at most this many items skipped.
MAX_OFFSET = 1_000_000
# An id in a query: ASCII digits, at most this many, so it fits a 64-bit column.
ID_DIGITS = 18
# An id in a URL: <int:pk> takes any length of digits; a database column does not.
MAX_ID = 2**63 - 1

# Fields that read more rows per page (stream blocks, rich-text links, child objects): a list
# offering them would make queries per item, so they are served by the detail endpoint only.
DETAIL_ONLY_FIELDS = frozenset(
    {
        "attachments",
        "body",
        "complaint_handling",
        "featured_pages",
        "parent",
        "procedure",
        "quick_links",
        "related_service",
        "requirements",
        "steps",
        "text_equivalent",
        "video",
    }
)
