"""Push sendings, run by the task worker (django-tasks): publishing never waits for phones."""

import logging

from django.conf import settings
from django.db.models import F
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from cms.complaints.models import Complaint, ComplaintEvent
from cms.complaints.services.notifications import on_commit_enqueue

from .events import event_payloads, event_recipients, event_ttl, events_due
from .fanout import Message, Tally, push_fanout
from .localized import absolute, page_full_url, page_in_language
from .models import CATEGORY_PREFIX, COMPLAINT_PREFIX, DARURAT, Broadcast, Subscription
from .payloads import payload_encode
from .services import complaint_proof_hash

logger = logging.getLogger(__name__)

ANNOUNCEMENT_TTL = 24 * 3600  # a warning a day old is no news; a phone off longer misses it
COMPLAINT_TTL = 7 * 24 * 3600


def announcement_recipients(page, site) -> list[int]:
    """Return the ids of the site's subscriptions that asked about this announcement."""
    names = []
    if page.urgency in ("darurat", "penting"):
        names.append(DARURAT)
    if page.category_id:
        names.append(f"{CATEGORY_PREFIX}{page.category.slug}")
    if not names:
        return []
    return list(
        Subscription.objects.filter(site=site, topics__name__in=names)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )


def announcement_payloads(page, site) -> dict:
    """Return the notification in each language, from the page's translation where published."""
    payloads = {}
    icon = absolute(site.root_url, static("pwa/icon-192.png"))
    for language, _name in settings.LANGUAGES:
        shown = page_in_language(page, language)
        with translation.override(language):
            label = {"darurat": _("Emergency"), "penting": _("Important")}.get(page.urgency)
            title = f"{label}: {shown.title}" if label else shown.title
            payloads[language] = payload_encode(
                title=title,
                body=(getattr(shown, "summary", "") or "").strip(),
                url=page_full_url(shown, site),
                icon=icon,
                tag=f"pengumuman-{page.translation_key}",
                urgent=page.urgency == "darurat",
            )
    return payloads


def _recipients_and_message(broadcast, page, site) -> tuple[list[int], Message | None]:
    if broadcast.kind == Broadcast.Kind.EVENT:
        ids = event_recipients(page, site)
        if not ids:
            return ids, None
        return ids, Message(
            payloads=event_payloads(page, site),
            ttl=event_ttl(page),
            topic=f"kegiatan-{page.pk}"[:32],
        )
    ids = announcement_recipients(page, site)
    if not ids:
        return ids, None
    return ids, Message(
        payloads=announcement_payloads(page, site),
        ttl=ANNOUNCEMENT_TTL,
        urgency="high" if page.urgency == "darurat" else "normal",
        # RFC 8030 §5.4: a newer message with the same topic replaces one still waiting.
        topic=f"pengumuman-{page.pk}"[:32],
    )


@task()
def push_broadcast_send(broadcast_id: int) -> dict:
    """Send the page of the Broadcast (an announcement, an event's reminder) to its
    subscribers; return the counts."""
    broadcast = Broadcast.objects.select_related("page").get(pk=broadcast_id)
    page = broadcast.page.specific
    site = page.get_site()
    ids, message = _recipients_and_message(broadcast, page, site) if site else ([], None)
    Broadcast.objects.filter(pk=broadcast.pk).update(
        state=Broadcast.State.SENDING, started_at=timezone.now(), recipients=len(ids)
    )

    def progress(tally: Tally):
        Broadcast.objects.filter(pk=broadcast.pk).update(
            sent=F("sent") + tally.sent,
            failed=F("failed") + tally.failed,
            removed=F("removed") + tally.removed,
        )

    total = push_fanout(ids, message, progress=progress) if message else Tally()
    Broadcast.objects.filter(pk=broadcast.pk).update(
        state=Broadcast.State.DONE, finished_at=timezone.now()
    )
    logger.info(
        "Push of page %s: %s sent, %s failed, %s removed",
        page.pk,
        total.sent,
        total.failed,
        total.removed,
    )
    return {
        "recipients": len(ids),
        "sent": total.sent,
        "failed": total.failed,
        "removed": total.removed,
    }


@task()
def push_complaint_event(event_id: int) -> dict:
    """Tell the phones subscribed to the complaint about a public status change or reply."""
    event = ComplaintEvent.objects.select_related("complaint").get(pk=event_id)
    complaint: Complaint = event.complaint
    if not event.is_public:
        return {"sent": 0}
    subscriptions = Subscription.objects.filter(
        topics__name=f"{COMPLAINT_PREFIX}{complaint.tracking_code}",
        topics__complaint=complaint,
        topics__proof_hash=complaint_proof_hash(complaint),
    ).select_related("site")
    ids, roots = [], {}
    for subscription in subscriptions:
        ids.append(subscription.pk)
        roots.setdefault(subscription.site.root_url, None)
    if not ids:
        return {"sent": 0}
    root_url = next(iter(roots))
    payloads = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            if event.kind == ComplaintEvent.Kind.REPLY:
                body = _("The kecamatan replied. Open to read it.")
            else:
                body = _("New status: %(status)s") % {"status": complaint.get_status_display()}
            payloads[language] = payload_encode(
                title=_("Complaint %(code)s") % {"code": complaint.tracking_code},
                body=body,
                url=absolute(root_url, reverse("complaint-track", args=[complaint.tracking_code])),
                icon=absolute(root_url, static("pwa/icon-192.png")),
                tag=f"pengaduan-{complaint.tracking_code}",
            )
    total = push_fanout(
        ids,
        Message(
            payloads=payloads, ttl=COMPLAINT_TTL, topic=f"pengaduan-{complaint.tracking_code}"[:32]
        ),
    )
    return {"sent": total.sent, "failed": total.failed, "removed": total.removed}


def push_broadcast_start(*, page, requested_by=None, resend: bool = False) -> Broadcast:
    """Queue one sending of the announcement `page` (after commit) and return it."""
    broadcast = Broadcast.objects.create(
        page=page, urgency=page.urgency, resend=resend, requested_by=requested_by
    )
    on_commit_enqueue(push_broadcast_send, broadcast.pk)
    return broadcast


def push_event_reminders_start(now=None) -> list[Broadcast]:
    """Queue the reminder of each event starting within the next day that had none yet (after
    commit); return the new Broadcasts. Safe to run again, or twice at once: an event gets one
    Broadcast of kind `event` at most (a unique constraint)."""
    queued = []
    for page in events_due(now):
        broadcast, created = Broadcast.objects.get_or_create(
            kind=Broadcast.Kind.EVENT, page=page, defaults={"urgency": ""}
        )
        if created:
            on_commit_enqueue(push_broadcast_send, broadcast.pk)
            queued.append(broadcast)
    return queued
