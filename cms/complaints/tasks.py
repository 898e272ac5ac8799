"""Notifications, run as background tasks (django-tasks) so a slow mail server never slows a form.

Emails to residents carry the tracking code and status, never the officer's name.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.models import Site

from .messaging import get_sender, international_number
from .models import Complaint, ComplaintEvent, DataRequest
from .selectors import STAFF_GROUP

logger = logging.getLogger(__name__)


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def staff_recipients() -> list[str]:
    """Return the addresses of complaint officers plus COMPLAINT_NOTIFY_EMAILS, without repeats."""
    users = (
        get_user_model().objects.filter(is_active=True, groups__name=STAFF_GROUP).exclude(email="")
    )
    addresses = list(settings.COMPLAINT_NOTIFY_EMAILS) + [user.email for user in users]
    return list(dict.fromkeys(addresses))


def _admin_url(complaint: Complaint) -> str:
    return _absolute(reverse("complaints:inspect", args=[complaint.pk]))


@task()
def notify_staff_new_complaint(complaint_id: int) -> int:
    """Email the complaint officers about a new complaint; return the number of recipients."""
    complaint = Complaint.objects.select_related("category").get(pk=complaint_id)
    recipients = staff_recipients()
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New %(kind)s %(code)s: %(category)s") % {
            "kind": complaint.get_kind_display(),
            "code": complaint.tracking_code,
            "category": complaint.category.name,
        }
        body = _(
            "A new complaint has arrived.\n\nCode: %(code)s\nCategory: %(category)s\n"
            "Verify by: %(due)s\n\n%(description)s\n\nOpen it: %(url)s"
        ) % {
            "code": complaint.tracking_code,
            "category": complaint.category.name,
            "due": complaint.verify_due.strftime("%d-%m-%Y"),
            "description": complaint.description[:500],
            "url": _admin_url(complaint),
        }
    send_mail(subject, body, None, recipients)
    return len(recipients)


@task()
def notify_staff_resident_reply(complaint_id: int, event_id: int | None) -> int:
    """Email the assigned officer (or all officers) that the resident wrote or reopened."""
    complaint = Complaint.objects.select_related("assigned_to").get(pk=complaint_id)
    if complaint.assigned_to and complaint.assigned_to.email:
        recipients = [complaint.assigned_to.email]
    else:
        recipients = staff_recipients()
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Resident wrote about %(code)s") % {"code": complaint.tracking_code}
        message = ""
        if event_id:
            message = ComplaintEvent.objects.get(pk=event_id).message[:1000]
        body = _("Status: %(status)s\n\n%(message)s\n\nOpen it: %(url)s") % {
            "status": complaint.get_status_display(),
            "message": message,
            "url": _admin_url(complaint),
        }
    send_mail(subject, body, None, recipients)
    return len(recipients)


def personal_data_recipients() -> list[str]:
    """Return the addresses of staff who may handle data requests, and the DPO, without repeats.

    Those are active users with "Can see reporters' personal data" (through a group, directly,
    or as superusers) and the data protection officer named in the site settings.
    """
    from pages.models import KecamatanSettings  # noqa: PLC0415 (pages imports complaints)

    users = (
        get_user_model()
        .objects.with_perm(
            "complaints.view_personal_data", backend="django.contrib.auth.backends.ModelBackend"
        )
        .exclude(email="")
    )
    permitted = list(users.order_by("pk").values_list("email", flat=True))
    site = Site.objects.filter(is_default_site=True).first()
    officer = KecamatanSettings.for_site(site).dpo_email if site else ""
    return list(dict.fromkeys([*([officer] if officer else []), *permitted]))


@task()
def notify_staff_data_request(data_request_id: int) -> int:
    """Email who handles residents' data requests that one arrived and when it is due.

    The mail names the request and its kind only: nothing personal, not the resident's message.
    """
    data_request = DataRequest.objects.get(pk=data_request_id)
    recipients = personal_data_recipients()
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Personal data request no. %(number)s: %(kind)s") % {
            "number": data_request.pk,
            "kind": data_request.get_kind_display(),
        }
        body = _(
            "A resident has asked about their personal data (UU PDP).\n\n"
            "Request: %(kind)s\nAnswer by: %(due)s\n\nOpen it: %(url)s"
        ) % {
            "kind": data_request.get_kind_display(),
            "due": timezone.localtime(data_request.due_at).strftime("%d-%m-%Y %H:%M %Z"),
            "url": _absolute(reverse("data-requests:inspect", args=[data_request.pk])),
        }
    send_mail(subject, body, None, recipients)
    return len(recipients)


@task()
def notify_resident(complaint_id: int, event_id: int) -> int:
    """Tell the resident (email and, through the message sender, SMS) about a public change.

    Return how many messages were sent (0 when the resident left no contact).
    """
    from cms.surveys.links import survey_url_for_complaint

    complaint = Complaint.objects.get(pk=complaint_id)
    event = ComplaintEvent.objects.get(pk=event_id)
    if not event.is_public:
        return 0
    sent = 0
    track_url = _absolute(reverse("complaint-track", args=[complaint.tracking_code]))
    with translation.override(settings.LANGUAGE_CODE):
        status = complaint.get_status_display()
        if complaint.reporter_email:
            subject = _("Your complaint %(code)s: %(status)s") % {
                "code": complaint.tracking_code,
                "status": status,
            }
            body = _(
                "Status of your complaint %(code)s: %(status)s.\n\n%(message)s\n\n"
                "Follow it here: %(url)s\n\n(Kecamatan)"
            ) % {
                "code": complaint.tracking_code,
                "status": status,
                "message": event.message,
                "url": track_url,
            }
            survey = survey_url_for_complaint(complaint)
            if survey:
                body += "\n\n" + _("How satisfied are you with our service? %(url)s") % {
                    "url": survey
                }
            send_mail(subject, body, None, [complaint.reporter_email])
            sent += 1
        if complaint.reporter_phone:
            text = _("Complaint %(code)s: %(status)s. %(url)s") % {
                "code": complaint.tracking_code,
                "status": status,
                "url": track_url,
            }
            try:
                get_sender().send(international_number(complaint.reporter_phone), text)
                sent += 1
            except Exception:
                logger.exception("Message for %s was not sent", complaint.tracking_code)
    return sent
