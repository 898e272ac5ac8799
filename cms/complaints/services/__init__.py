"""Everything that writes complaints. Views, forms and serializers call these and nothing else.

One module per entity: complaints.py (a complaint from its arrival to its closing),
residents.py (what a resident does to their own complaint), data_requests.py (erasure and
residents' personal data requests), notifications.py (background tasks queued after commit).
Call them through this package (`services.complaint_submit`, or `from cms.complaints.services
import ...`), the path the rest of the app and the tests use.
"""

from .complaints import (
    CONTACT_REQUIRED,
    NEXT,
    PERSONAL_FIELDS,
    SUBMIT_FIELDS,
    _fingerprint,  # tests check what the idempotency fingerprint holds
    complaint_change_status,
    complaint_derived_key,
    complaint_is_repeat,
    complaint_nik_for,
    complaint_redact,
    complaint_reply,
    complaint_reply_code_reissue,
    complaint_reply_code_send,
    complaint_submit,
)
from .data_requests import (
    CORRECTION_CHECKS,
    ERASED,
    complaint_personal_data_erase,
    data_request_close,
    data_request_correct,
    data_request_erase,
    data_request_proof_matches,
    data_request_show,
    data_request_submit,
)
from .notifications import notifications_muted
from .residents import (
    complaint_can_reopen,
    complaint_reporter_proof_matches,
    complaint_resident_confirm,
    complaint_resident_reply,
)

__all__ = [
    "CONTACT_REQUIRED",
    "CORRECTION_CHECKS",
    "ERASED",
    "NEXT",
    "PERSONAL_FIELDS",
    "SUBMIT_FIELDS",
    "_fingerprint",
    "complaint_can_reopen",
    "complaint_change_status",
    "complaint_derived_key",
    "complaint_is_repeat",
    "complaint_nik_for",
    "complaint_personal_data_erase",
    "complaint_redact",
    "complaint_reply",
    "complaint_reply_code_reissue",
    "complaint_reply_code_send",
    "complaint_reporter_proof_matches",
    "complaint_resident_confirm",
    "complaint_resident_reply",
    "complaint_submit",
    "data_request_close",
    "data_request_correct",
    "data_request_erase",
    "data_request_proof_matches",
    "data_request_show",
    "data_request_submit",
    "notifications_muted",
]
