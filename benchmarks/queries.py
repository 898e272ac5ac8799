"""Queries one request costs, for the in-process benchmarks (api.py, scaling.py)."""


def request_queries(client, url: str) -> int:
    """Return the number of database queries of GET `url` with the cache cleared first, after a
    first request that warms what a server keeps (renditions, compiled templates)."""
    from django.core.cache import cache
    from django.db import connection

    assert client.get(url).status_code == 200
    cache.clear()
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    # A wrapper rather than CaptureQueriesContext: each request resets the debug query log.
    with connection.execute_wrapper(count):
        assert client.get(url).status_code == 200
    return len(queries)
