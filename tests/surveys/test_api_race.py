"""Simultaneous survey responses about one complaint, on PostgreSQL's real concurrent sessions.

A module of its own: its threads must see what the test stored, so it runs outside the page
trees' module-wide transaction (tests/conftest.py) that any other test of a module opens.
"""

import uuid

import pytest
from django.db import connection

from cms.complaints.models import Complaint
from cms.surveys.models import SurveyResponse
from tests.complaints.helpers import advance, officer, submit
from tests.utils import at_once

Status = Complaint.Status
URL = "/api/v1/surveys/"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent sessions")
def test_racing_responses_about_one_complaint_store_one():
    """Eight threads send a response about one closed complaint at once, as a phone's outbox
    and its service worker might (one key), or as eight phones might (eight keys). The
    database's unique constraints decide: one is stored; the same key is answered 200 with it,
    another key 409. (One test: a transactional test empties the database afterwards.)"""
    from django.test import Client

    def race(complaint, same_key):
        shared = str(uuid.uuid4())

        def send():
            return (
                Client()
                .post(
                    URL,
                    {
                        "tracking_code": complaint.tracking_code,
                        "answers": [4] * 9,
                        "reply_secret": complaint.reply_code,
                    },
                    content_type="application/json",
                    HTTP_IDEMPOTENCY_KEY=shared if same_key else str(uuid.uuid4()),
                )
                .status_code
            )

        results = at_once(send)
        assert SurveyResponse.objects.filter(complaint=complaint).count() == 1
        return sorted(results)

    staff = officer()
    one_key = advance(submit(), Status.VERIFIED, Status.DONE, actor=staff)
    eight_keys = advance(submit(), Status.VERIFIED, Status.DONE, actor=staff)
    assert race(one_key, same_key=True) == [200] * 7 + [201]
    assert race(eight_keys, same_key=False) == [201] + [409] * 7
