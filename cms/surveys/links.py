"""Links to the survey that other parts of the app (tracking page, notifications) can use."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

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

    For cms/complaints/tasks.py: add it to the message that tells the resident the complaint
    is closed, e.g. "Nilai layanan kami: <url>".
    """
    with translation.override(settings.LANGUAGE_CODE):
        path = survey_path_for_complaint(complaint)
    if path is None:
        return None
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
