"""Content endpoints: Wagtail API v2 (/api/v2/) with our filters, caching, error shape, schema."""
