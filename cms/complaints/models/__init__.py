"""Complaints and requests from residents, their history, and what staff manage around them.

One module per entity: reference.py (categories, villages, holidays, reply templates),
complaint.py (a complaint and its history), data_request.py (residents' personal data
requests). Import them from here: `from cms.complaints.models import Complaint` is the path
the rest of the app uses (and the migrations name private_storage and photo_upload_to by it).
"""

from .complaint import (
    DESCRIPTION_MAX,
    DESCRIPTION_MIN,
    Complaint,
    ComplaintEvent,
    phone_validator,
    photo_upload_to,
    private_storage,
)
from .data_request import DATA_REQUEST_RESPONSE_HOURS, DataRequest
from .reference import ComplaintCategory, Desa, Holiday, ReplyTemplate

__all__ = [
    "DATA_REQUEST_RESPONSE_HOURS",
    "DESCRIPTION_MAX",
    "DESCRIPTION_MIN",
    "Complaint",
    "ComplaintCategory",
    "ComplaintEvent",
    "DataRequest",
    "Desa",
    "Holiday",
    "ReplyTemplate",
    "phone_validator",
    "photo_upload_to",
    "private_storage",
]
