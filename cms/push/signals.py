"""What starts a push: an announcement published, a public change to a complaint, an erasure.

The content and complaint apps know nothing of push; this app listens to them.
"""

from django.db.models.signals import post_save
from wagtail.signals import page_published

from cms.complaints.models import ComplaintEvent
from cms.complaints.services.notifications import on_commit_enqueue
from pages.models import AnnouncementPage

from .models import Broadcast
from .services import push_forget_complaint
from .tasks import push_broadcast_start, push_complaint_event

COMPLAINT_KINDS = {ComplaintEvent.Kind.STATUS, ComplaintEvent.Kind.REPLY}


def announcement_published(sender, instance, **kwargs):
    """Send an announcement once, on its first publishing; staff resend a corrected one.

    Editing a published announcement sends nothing again (a typo fixed is no new warning).
    """
    page = instance
    if page.urgency == AnnouncementPage.Urgency.NORMAL and not page.category_id:
        return
    if page.is_expired:
        return
    if Broadcast.objects.filter(page__translation_key=page.translation_key).exists():
        return
    push_broadcast_start(page=page)


def complaint_event_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    if instance.kind == ComplaintEvent.Kind.DATA_ERASED:
        push_forget_complaint(instance.complaint_id)
    elif instance.is_public and instance.kind in COMPLAINT_KINDS:
        on_commit_enqueue(push_complaint_event, instance.pk)


page_published.connect(
    announcement_published, sender=AnnouncementPage, dispatch_uid="push-announcement"
)
post_save.connect(complaint_event_saved, sender=ComplaintEvent, dispatch_uid="push-complaint-event")
