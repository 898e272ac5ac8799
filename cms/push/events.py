"""Events a day before they start: one reminder per event, to the phones that chose events
(topic `events`) on the event's own site.

`manage.py push_event_reminders` (cron or the scheduler timer, every 5 minutes) finds the events
starting within the next day and queues one sending each; the task worker sends it
(tasks.push_broadcast_send). A reminder is a `Broadcast` of kind `event`, at most one per event
(a database constraint), so a second run, or two at once, sends nothing twice.
"""

import datetime

from django.conf import settings
from django.templatetags.static import static
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from pages.models import EventPage

from .localized import absolute, page_full_url, page_in_language
from .models import EVENTS, Broadcast, Subscription
from .payloads import payload_encode

REMIND_AHEAD = datetime.timedelta(days=1)
MIN_TTL = 60


def events_due(now=None) -> list[EventPage]:
    """Return the live events starting within the next day that had no reminder yet, one page
    per event (the default language's where it is live), soonest first."""
    now = now or timezone.now()
    pages = (
        EventPage.objects.live()
        .filter(start__gt=now, start__lte=now + REMIND_AHEAD)
        .select_related("locale")
        .order_by("start", "pk")
    )
    reminded = set(
        Broadcast.objects.filter(kind=Broadcast.Kind.EVENT).values_list(
            "page__translation_key", flat=True
        )
    )
    chosen = {}
    for page in pages:
        if page.translation_key in reminded:
            continue
        if (
            page.translation_key not in chosen
            or page.locale.language_code == settings.LANGUAGE_CODE
        ):
            chosen[page.translation_key] = page
    return sorted(chosen.values(), key=lambda page: (page.start, page.pk))


def event_recipients(page, site) -> list[int]:
    """Return the ids of the site's subscriptions that asked for events."""
    return list(
        Subscription.objects.filter(site=site, topics__name=EVENTS)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )


def event_ttl(page, now=None) -> int:
    """Return how long a push service may keep the reminder: until the event starts."""
    left = (page.start - (now or timezone.now())).total_seconds()
    return int(min(REMIND_AHEAD.total_seconds(), max(MIN_TTL, left)))


def event_payloads(page, site) -> dict:
    """Return the reminder in each language: the title, when and where (nothing personal)."""
    payloads = {}
    icon = absolute(site.root_url, static("pwa/icon-192.png"))
    start = timezone.localtime(page.start)
    for language, _name in settings.LANGUAGES:
        shown = page_in_language(page, language)
        with translation.override(language):
            when = formats.date_format(start, "l j F Y, H.i")
            payloads[language] = payload_encode(
                title=_("Event: %(title)s") % {"title": shown.title},
                body=f"{when} · {shown.place}",
                url=page_full_url(shown, site),
                icon=icon,
                tag=f"kegiatan-{page.translation_key}",
            )
    return payloads
