"""Links to the survey that other parts of the app (tracking page, notifications) can use."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from cms.complaints.sites import complaint_site_url

from .selectors import survey_complaint_state


def survey_path_for_complaint(complaint) -> str | None:
    """Return the survey path for a closed, not yet rated complaint, else None.

    Costs no query while the complaint is open.
    """
    if complaint is None or not complaint.is_closed:
        return None
    if survey_complaint_state(complaint) != "available":
        return None
    return reverse("survey-complaint", args=[complaint.tracking_code])


def survey_url_for_complaint(complaint) -> str | None:
    """Return the absolute survey URL (Indonesian) for a notification message, or None.

    The email that tells the resident the complaint is closed ends with it (signals.py answers
    the complaint app's resident_email_paragraphs).
    """
    with translation.override(settings.LANGUAGE_CODE):
        path = survey_path_for_complaint(complaint)
    if path is None:
        return None
    # Only the reporter gets this message, and rating is theirs: the reply code rides after
    # the #, which the browser keeps to itself (complaint.js fills the form's field with it).
    code = f"#kode={complaint.reply_code}" if complaint.reply_nonce else ""
    return complaint_site_url(complaint, path) + code  # on its kecamatan's host
