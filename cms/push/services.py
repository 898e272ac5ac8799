"""Everything that writes push subscriptions and sendings."""

import base64
import binascii
import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from cms.complaints.models import Complaint
from cms.complaints.services.residents import complaint_reporter_check
from cms.security.crypto import lookup_hash
from pages.models import Category

from .errors import PushError
from .models import (
    CATEGORY_PREFIX,
    COMPLAINT_PREFIX,
    DARURAT,
    EVENTS,
    Subscription,
    Topic,
)

MAX_TOPICS = 30
MAX_ENDPOINT = 2000


def endpoint_hash(endpoint: str) -> str:
    return lookup_hash(endpoint, "push-endpoint")


def complaint_proof_hash(complaint: Complaint) -> str:
    """Return what ties a complaint topic to the reply code it was proved with (see Topic)."""
    return lookup_hash(complaint.reply_nonce or "none", "push-proof")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def push_endpoint_clean(endpoint: str) -> str:
    """Return the endpoint if a push service may be reached there; raise PushError.

    Only https:// (RFC 8030 §8). A loopback http:// address is let through where
    PUSH_ALLOW_LOOPBACK_HTTP is set (development and tests, for the local fake push service).
    """
    endpoint = (endpoint or "").strip()
    message = _("This is not a push service address (it must start with https://).")
    if not endpoint or len(endpoint) > MAX_ENDPOINT:
        raise PushError(message, {"endpoint": [message]})
    try:
        parts = urlsplit(endpoint)
        host = parts.hostname or ""
        parts.port  # noqa: B018 (raises ValueError for a bad port)
    except ValueError:
        raise PushError(message, {"endpoint": [message]}) from None
    if not host or parts.username or parts.password:
        raise PushError(message, {"endpoint": [message]})
    if parts.scheme == "https":
        return endpoint
    if parts.scheme == "http" and settings.PUSH_ALLOW_LOOPBACK_HTTP and _loopback(host):
        return endpoint
    raise PushError(message, {"endpoint": [message]})


def _b64url_bytes(value: str) -> bytes | None:
    value = (value or "").strip()
    if not value or len(value) > 200 or not all(c.isalnum() or c in "-_=" for c in value):
        return None
    try:
        return base64.urlsafe_b64decode(value.rstrip("=") + "=" * (-len(value.rstrip("=")) % 4))
    except (binascii.Error, ValueError):
        return None


def push_keys_clean(p256dh: str, auth: str) -> None:
    """Raise PushError unless the keys are a P-256 public point and a 16-byte secret (RFC 8291)."""
    errors = {}
    point = _b64url_bytes(p256dh)
    if point is None or len(point) != 65 or point[0] != 4:
        errors["keys.p256dh"] = [_("This is not the browser's push key.")]
    secret = _b64url_bytes(auth)
    if secret is None or len(secret) != 16:
        errors["keys.auth"] = [_("This is not the browser's push secret.")]
    if errors:
        raise PushError(_("The subscription's keys are not valid."), errors)


def push_topics_split(raw: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Return (plain topics, [(tracking code, reporter secret)]); raise PushError for an
    unknown or malformed topic. Complaint topics are checked by the caller's look-up."""
    if len(raw) > MAX_TOPICS:
        message = _("Choose at most %(count)d topics.") % {"count": MAX_TOPICS}
        raise PushError(message, {"topics": [message]})
    plain, complaints, bad = [], [], []
    slugs = []
    for topic in raw:
        topic = (topic or "").strip()
        if topic in (DARURAT, EVENTS):
            plain.append(topic)
        elif topic.startswith(CATEGORY_PREFIX) and topic[len(CATEGORY_PREFIX) :]:
            plain.append(topic)
            slugs.append(topic[len(CATEGORY_PREFIX) :])
        elif topic.startswith(COMPLAINT_PREFIX) and topic.count(":") == 2:
            _prefix, code, secret = topic.split(":")
            if not code.strip():
                bad.append(topic)
            complaints.append((code.strip(), secret.strip()))
        else:
            bad.append(topic)
    known = set(Category.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    bad += [f"{CATEGORY_PREFIX}{slug}" for slug in slugs if slug not in known]
    if bad:
        message = _("Unknown topic: %(topics)s.") % {"topics": ", ".join(bad[:5])[:200]}
        raise PushError(message, {"topics": [message]})
    if not plain and not complaints:
        message = _("Choose at least one thing to be told about.")
        raise PushError(message, {"topics": [message]})
    return list(dict.fromkeys(plain)), complaints


@transaction.atomic
def push_subscribe(
    *,
    site,
    endpoint: str,
    p256dh: str,
    auth: str,
    language: str,
    topics: list[str],
    complaints: list[tuple[Complaint, str]] = (),
) -> tuple[Subscription, bool]:
    """Store the browser's subscription with exactly `topics` (and the complaints, each with
    the reporter's proof); return (subscription, created). Raise PushError for bad input,
    NotTheReporter when a complaint's proof is wrong (nothing is stored then)."""
    endpoint = push_endpoint_clean(endpoint)
    push_keys_clean(p256dh, auth)
    for complaint, proof in complaints:
        complaint_reporter_check(complaint, proof)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    subscription, created = Subscription.objects.select_for_update().get_or_create(
        endpoint_hash=endpoint_hash(endpoint),
        defaults={
            "site": site,
            "endpoint": endpoint,
            "p256dh": p256dh,
            "auth": auth,
            "language": language,
        },
    )
    if not created:
        subscription.site, subscription.p256dh, subscription.auth = site, p256dh, auth
        subscription.language = language
        subscription.save()
        subscription.topics.all().delete()
    rows = [Topic(subscription=subscription, name=name) for name in topics]
    seen = set()
    for complaint, _proof in complaints:
        name = f"{COMPLAINT_PREFIX}{complaint.tracking_code}"
        if name not in seen:
            seen.add(name)
            rows.append(
                Topic(
                    subscription=subscription,
                    name=name,
                    complaint=complaint,
                    proof_hash=complaint_proof_hash(complaint),
                )
            )
    Topic.objects.bulk_create(rows)
    return subscription, created


def push_unsubscribe(*, endpoint: str) -> bool:
    """Delete the subscription of `endpoint` with its topics; return whether one existed."""
    deleted, _rows = Subscription.objects.filter(
        endpoint_hash=endpoint_hash((endpoint or "").strip())
    ).delete()
    return bool(deleted)


def push_forget_complaint(complaint_id: int) -> int:
    """Delete the complaint's topics, and subscriptions left with none (the reporter's data
    erased); return how many subscriptions went."""
    subscription_ids = list(
        Topic.objects.filter(complaint_id=complaint_id).values_list("subscription_id", flat=True)
    )
    Topic.objects.filter(complaint_id=complaint_id).delete()
    deleted, _rows = Subscription.objects.filter(
        pk__in=subscription_ids, topics__isnull=True
    ).delete()
    return deleted


def push_subscriptions_gone(ids: list[int]) -> int:
    """Delete subscriptions the push service says no longer exist; return how many."""
    if not ids:
        return 0
    return Subscription.objects.filter(pk__in=ids).delete()[1].get("push.Subscription", 0)
