"""Notifications, run as background tasks (django-tasks) so a slow mail server never slows a form.

Emails to residents carry the tracking code and status, never the officer's name. Their bodies
are plain-text templates (templates/complaints/emails/); subjects and the short message stay here.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.models import Site

from pages.models import KecamatanSettings

from .messaging import get_sender, international_number
from .models import Complaint, ComplaintEvent, DataRequest
from .selectors import STAFF_GROUP
from .signals import resident_email_paragraphs
from .sites import complaint_site_url

logger = logging.getLogger(__name__)


def _absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _body(name: str, **context) -> str:
    """Return the plain-text body of the email template `name` (its file's last newline dropped)."""
    return render_to_string(f"complaints/emails/{name}.txt", context).removesuffix("\n")


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
        body = _body(
            "staff_new_complaint",
            code=complaint.tracking_code,
            category=complaint.category.name,
            due=complaint.verify_due.strftime("%d-%m-%Y"),
            description=complaint.description[:500],
            url=_admin_url(complaint),
        )
    send_mail(subject, body, None, recipients)
    return len(recipients)


@task()
def notify_staff_resident_reply(
    complaint_id: int, event_id: int | None, reopened: bool = False
) -> int:
    """Email the assigned officer (or all officers) that the resident wrote or reopened.

    `event_id` is the resident's message: what they wrote, or their reason for reopening.
    """
    complaint = Complaint.objects.select_related("assigned_to").get(pk=complaint_id)
    if complaint.assigned_to and complaint.assigned_to.email:
        recipients = [complaint.assigned_to.email]
    else:
        recipients = staff_recipients()
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        if reopened:
            subject = _("Resident reopened %(code)s: not solved") % {
                "code": complaint.tracking_code
            }
        else:
            subject = _("Resident wrote about %(code)s") % {"code": complaint.tracking_code}
        message = ""
        if event_id:
            message = ComplaintEvent.objects.get(pk=event_id).message[:1000]
        if reopened and not message:
            message = _("(The resident gave no reason.)")
        body = _body(
            "staff_resident_wrote",
            status=complaint.get_status_display(),
            message=message,
            url=_admin_url(complaint),
        )
    send_mail(subject, body, None, recipients)
    return len(recipients)


def personal_data_recipients() -> list[str]:
    """Return the addresses of staff who may handle data requests, and the DPO, without repeats.

    Those are active users with "Can see reporters' personal data" (through a group, directly,
    or as superusers) and the data protection officer named in the site settings.
    """
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
        body = _body(
            "staff_data_request",
            kind=data_request.get_kind_display(),
            due=timezone.localtime(data_request.due_at).strftime("%d-%m-%Y %H:%M %Z"),
            url=_absolute(reverse("data-requests:inspect", args=[data_request.pk])),
        )
    send_mail(subject, body, None, recipients)
    return len(recipients)


def kecamatan_name(site: Site | None = None) -> str:
    """Return the name of `site`'s kecamatan (default: the default site's), as its settings
    spell it."""
    site = site or Site.objects.filter(is_default_site=True).first()
    return KecamatanSettings.for_site(site).name if site else ""


def _text_reporter(complaint, text: str) -> int:
    """Send `text` to the reporter's phone, headed by the kecamatan's name (a text from an
    unknown number that names nobody reads like a scam); return 1 when sent, 0 when the sender
    failed (the failure is logged: a gateway outage must not fail the task and its retries)."""
    name = kecamatan_name(complaint.site)
    if name:
        text = f"{name}: {text}"
    try:
        get_sender().send(international_number(complaint.reporter_phone), text)
    except Exception:
        logger.exception("Message for %s was not sent", complaint.tracking_code)
        return 0
    return 1


@task()
def notify_resident_received(complaint_id: int) -> int:
    """Tell the reporter their complaint arrived, with its tracking code and reply code.

    The task carries only the complaint's id: the reply code is made again here from the
    complaint's nonce (reply_codes.py), so it is never written to the task queue. Return how
    many messages were sent (0 when the reporter left no contact).
    """
    complaint = Complaint.objects.select_related("site").get(pk=complaint_id)
    if not complaint.reply_code:
        return 0
    sent = 0
    track_url = complaint_site_url(
        complaint, reverse("complaint-track", args=[complaint.tracking_code])
    )
    with translation.override(settings.LANGUAGE_CODE):
        if complaint.reporter_email:
            subject = _("Your complaint %(code)s was received") % {"code": complaint.tracking_code}
            body = _body(
                "resident_received",
                code=complaint.tracking_code,
                reply_code=complaint.reply_code,
                url=track_url,
            )
            send_mail(subject, body, None, [complaint.reporter_email])
            sent += 1
        if complaint.reporter_phone:
            text = _(
                "Complaint %(code)s received. Your reply code, keep it to yourself: "
                "%(reply_code)s. %(url)s"
            ) % {
                "code": complaint.tracking_code,
                "reply_code": complaint.reply_code,
                "url": track_url,
            }
            sent += _text_reporter(complaint, text)
    return sent


@task()
def notify_resident(complaint_id: int, event_id: int) -> int:
    """Tell the resident (email and, through the message sender, SMS) about a public change.

    Return how many messages were sent (0 when the resident left no contact).
    """
    complaint = Complaint.objects.select_related("site").get(pk=complaint_id)
    event = ComplaintEvent.objects.get(pk=event_id)
    if not event.is_public:
        return 0
    sent = 0
    track_url = complaint_site_url(
        complaint, reverse("complaint-track", args=[complaint.tracking_code])
    )
    with translation.override(settings.LANGUAGE_CODE):
        if event.kind == ComplaintEvent.Kind.REPLY:
            return sent + _notify_resident_reply(complaint, event, track_url)
        status = complaint.resident_status
        if complaint.reporter_email:
            subject = _("Your complaint %(code)s: %(status)s") % {
                "code": complaint.tracking_code,
                "status": status,
            }
            # What other apps add (the survey's link once closed): signals.py.
            replies = resident_email_paragraphs.send(
                sender=Complaint, complaint=complaint, event=event
            )
            body = _body(
                "resident_status",
                code=complaint.tracking_code,
                status=status,
                message=event.message,
                url=track_url,
                paragraphs=[paragraph for _receiver, paragraph in replies if paragraph],
            )
            send_mail(subject, body, None, [complaint.reporter_email])
            sent += 1
        if complaint.reporter_phone:
            text = _("Complaint %(code)s: %(status)s. %(url)s") % {
                "code": complaint.tracking_code,
                "status": status,
                "url": track_url,
            }
            sent += _text_reporter(complaint, text)
    return sent


def _notify_resident_reply(complaint: Complaint, event: ComplaintEvent, track_url: str) -> int:
    """Tell the reporter a reply arrived (the reply itself by email); return messages sent.

    A reply is not a status change: its mail says a reply came and carries it, once.
    """
    sent = 0
    if complaint.reporter_email:
        subject = _("Reply about your complaint %(code)s") % {"code": complaint.tracking_code}
        body = _body(
            "resident_reply", code=complaint.tracking_code, message=event.message, url=track_url
        )
        send_mail(subject, body, None, [complaint.reporter_email])
        sent += 1
    if complaint.reporter_phone:
        text = _("Complaint %(code)s: the kecamatan replied. Read it here: %(url)s") % {
            "code": complaint.tracking_code,
            "url": track_url,
        }
        sent += _text_reporter(complaint, text)
    return sent
