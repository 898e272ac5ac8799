"""Survey API errors read as plain messages, and mistakes do not use up the rate limit."""

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_answer_errors_are_plain_messages(client):
    body = {"service": "tidak-ada", "answers": [5, 4, 4, 4, 4, 4, 4, 4, 0]}
    response = client.post("/api/v1/surveys/", body, content_type="application/json")
    assert response.status_code == 400
    messages = response.json()["errors"]["answers"]
    assert messages and all("ErrorDetail" not in message for message in messages)
    assert messages[0].startswith("0: ")


@override_settings(SURVEY_SUBMIT_RATE=1)
def test_invalid_responses_are_not_counted(client):
    for _ in range(3):
        response = client.post(
            "/api/v1/surveys/", {"answers": [1]}, content_type="application/json"
        )
        assert response.status_code == 400
