"""Any change to the data behind the public figures makes the cached figures stale; the email
that tells a resident their complaint is closed ends with the survey's link."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _
from wagtail.signals import page_published, page_unpublished

from cms.complaints.models import Complaint
from cms.complaints.signals import resident_email_paragraphs
from pages.models import ServicePage

from .figures_cache import figures_changed
from .links import survey_url_for_complaint
from .models import ServiceUserCount, SurveyResponse


@receiver(post_save, sender=Complaint, dispatch_uid="figures-complaint-saved")
@receiver(post_delete, sender=Complaint, dispatch_uid="figures-complaint-deleted")
@receiver(post_save, sender=SurveyResponse, dispatch_uid="figures-survey-saved")
@receiver(post_delete, sender=SurveyResponse, dispatch_uid="figures-survey-deleted")
@receiver(post_save, sender=ServiceUserCount, dispatch_uid="figures-users-saved")
@receiver(post_delete, sender=ServiceUserCount, dispatch_uid="figures-users-deleted")
def _data_changed(sender, **kwargs):
    figures_changed()


@receiver(page_published, dispatch_uid="figures-page-published")
@receiver(page_unpublished, dispatch_uid="figures-page-unpublished")
def _page_changed(sender, instance, **kwargs):
    # Service names and the list of services shown with the figures come from pages.
    if isinstance(instance, ServicePage):
        figures_changed()


@receiver(resident_email_paragraphs, dispatch_uid="survey-link-in-resident-email")
def _survey_invitation(sender, complaint, **kwargs):
    """Return the invitation to rate the service, for a closed and not yet rated complaint."""
    url = survey_url_for_complaint(complaint)
    if url is None:
        return None
    return _("How satisfied are you with our service? %(url)s") % {"url": url}
