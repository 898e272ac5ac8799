"""Domain fixes found while building the admin (cms/complaints/services.py)."""

import pytest

from cms.complaints.models import Complaint
from cms.complaints.services import complaint_change_status
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

Status = Complaint.Status


def test_status_changes_on_a_complaint_the_resident_never_confirmed(officer):
    """resident_confirmed is None until the resident answers; full_clean must not refuse it."""
    complaint = ComplaintFactory(resident_confirmed=None)

    complaint_change_status(complaint=complaint, to=Status.VERIFIED, officer=officer)

    complaint.refresh_from_db()
    assert complaint.status == Status.VERIFIED
    assert complaint.resident_confirmed is None
