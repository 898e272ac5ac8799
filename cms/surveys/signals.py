"""Any change to the data behind the public figures makes the cached figures stale."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from cms.complaints.models import Complaint
from pages.models import ServicePage

from .figures_cache import figures_changed
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
