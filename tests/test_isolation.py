"""Tests do not leak state into the tests after them (the order of a full run must not matter).

The two tests below run in this order (pytest keeps a module's order): the first leaves an
English request behind, the second must still start in Indonesian.
"""

from django.utils import translation


def test_an_english_api_request(client, db):
    response = client.get("/api/v1/complaint-categories/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert translation.get_language() == "en"  # what the request left in this thread


def test_the_next_test_starts_in_indonesian():
    assert translation.get_language() == "id"
