"""Send one payload per language to many subscriptions: batches, a bounded pool, retries.

Subscriptions are read PUSH_BATCH at a time (their keys decrypted only for that batch, so
memory stays flat however many there are) and sent over PUSH_CONNECTIONS threads sharing one
connection pool. A 404 or 410 deletes the subscription at once (RFC 8030 §7.3). A 429, a 5xx
or no answer is tried again after the whole first pass, PUSH_RETRIES times, waiting
Retry-After or a doubling backoff, whichever is longer (capped at PUSH_RETRY_MAX_SECONDS).
"""

import logging
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.conf import settings

from .models import Subscription
from .sender import Outcome, PushSender
from .services import push_subscriptions_gone

logger = logging.getLogger(__name__)


@dataclass
class Tally:
    sent: int = 0
    failed: int = 0
    removed: int = 0
    statuses: dict = field(default_factory=dict)

    def add(self, other: "Tally"):
        self.sent += other.sent
        self.failed += other.failed
        self.removed += other.removed


@dataclass
class Message:
    payloads: dict  # language -> bytes
    ttl: int
    urgency: str = "normal"
    topic: str = ""

    def payload_for(self, language: str) -> bytes:
        return self.payloads.get(language) or self.payloads[settings.LANGUAGE_CODE]


def _send_all(sender, pool, message, subscriptions):
    def one(subscription):
        return sender.send(
            subscription.info(),
            message.payload_for(subscription.language),
            ttl=message.ttl,
            urgency=message.urgency,
            topic=message.topic,
        )

    return list(zip(subscriptions, pool.map(one, subscriptions), strict=True))


def push_fanout(
    subscription_ids, message: Message, *, sender: PushSender | None = None, progress=None
) -> Tally:
    """Send `message` to the subscriptions `subscription_ids`; return what came of it.

    `progress(tally)` is called after each batch with the counts of that batch.
    """
    own_sender = sender is None
    sender = sender or PushSender(connections=settings.PUSH_CONNECTIONS)
    total = Tally()
    retry: list[tuple[Subscription, Outcome]] = []
    ids = list(subscription_ids)
    try:
        with ThreadPoolExecutor(max_workers=settings.PUSH_CONNECTIONS) as pool:
            for start in range(0, len(ids), settings.PUSH_BATCH):
                batch = list(
                    Subscription.objects.filter(pk__in=ids[start : start + settings.PUSH_BATCH])
                )
                tally = _settle(_send_all(sender, pool, message, batch), retry, final=False)
                total.add(tally)
                if progress:
                    progress(tally)
            for attempt in range(settings.PUSH_RETRIES):
                if not retry:
                    break
                time.sleep(_backoff(attempt, retry))
                pending, retry = [subscription for subscription, _o in retry], []
                final = attempt == settings.PUSH_RETRIES - 1
                tally = _settle(_send_all(sender, pool, message, pending), retry, final=final)
                total.add(tally)
                if progress:
                    progress(tally)
            if retry:  # PUSH_RETRIES == 0
                total.failed += len(retry)
                if progress:
                    progress(Tally(failed=len(retry)))
    finally:
        if own_sender:
            sender.close()
    return total


def _backoff(attempt: int, retry) -> float:
    base = settings.PUSH_RETRY_BASE_SECONDS * (2**attempt)
    asked = max((outcome.retry_after or 0 for _s, outcome in retry), default=0)
    return min(settings.PUSH_RETRY_MAX_SECONDS, max(base, asked))


def _settle(results, retry, *, final: bool) -> Tally:
    tally = Tally()
    gone = []
    for subscription, outcome in results:
        tally.statuses[outcome.status] = tally.statuses.get(outcome.status, 0) + 1
        if outcome.delivered:
            tally.sent += 1
        elif outcome.gone:
            gone.append(subscription.pk)
        elif outcome.retryable and not final:
            retry.append((subscription, outcome))
        else:
            tally.failed += 1
            logger.warning("Push to subscription %s failed: %s", subscription.pk, outcome.status)
    tally.removed = push_subscriptions_gone(gone)
    tally.failed += len(gone)
    return tally
