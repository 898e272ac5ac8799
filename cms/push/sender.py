"""The one place that talks to push services (RFC 8030, encrypted per RFC 8291, signed per
RFC 8292), behind a small interface: `PushSender.send` answers the push service's status.

Tests and the benchmark point subscriptions at a local fake push service that speaks the same
protocol and decrypts what it gets (npm web-push-testing, tests/push/fake_push_service.js);
nothing here knows about it.
"""

import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from py_vapid import Vapid
from pywebpush import WebPusher, WebPushException
from requests.adapters import HTTPAdapter

from .vapid import vapid_private_key

# A VAPID token may live 24 h (RFC 8292 §2); one is made per push service and reused for an hour.
TOKEN_LIFETIME = 12 * 3600
TOKEN_REUSE = 3600


@dataclass(frozen=True)
class Outcome:
    """What the push service answered: its status (0 when it could not be reached)."""

    status: int
    retry_after: float | None = None

    @property
    def delivered(self) -> bool:
        return 200 <= self.status < 300

    @property
    def gone(self) -> bool:
        """The subscription no longer exists (RFC 8030 §7.3): delete it."""
        return self.status in (404, 410)

    @property
    def retryable(self) -> bool:
        return self.status == 0 or self.status == 429 or self.status >= 500


def retry_after_seconds(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None  # an HTTP date: the caller's own backoff applies


class PushSender:
    """Send encrypted pushes over one pool of at most `connections` connections per host."""

    def __init__(self, *, connections: int = 16, timeout: float = 10.0, subject: str = ""):
        from django.conf import settings

        self.timeout = timeout
        self.subject = subject or settings.VAPID_SUBJECT
        self.session = requests.Session()
        adapter = HTTPAdapter(pool_connections=8, pool_maxsize=connections, max_retries=0)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self._vapid = Vapid.from_string(vapid_private_key())
        self._tokens: dict[str, tuple[float, dict]] = {}
        self._lock = threading.Lock()

    def _vapid_headers(self, endpoint: str) -> dict:
        parts = urlsplit(endpoint)
        audience = f"{parts.scheme}://{parts.netloc}"
        now = time.time()
        with self._lock:
            made, headers = self._tokens.get(audience, (0.0, {}))
            if now - made > TOKEN_REUSE:
                claims = {"sub": self.subject, "aud": audience, "exp": int(now) + TOKEN_LIFETIME}
                headers = self._vapid.sign(claims)
                self._tokens[audience] = (now, headers)
        return dict(headers)

    def send(
        self, info: dict, payload: bytes, *, ttl: int, urgency: str = "normal", topic: str = ""
    ) -> Outcome:
        """Encrypt `payload` for the subscription `info` and post it; never raise for the
        network or the push service, answer an Outcome instead."""
        headers = self._vapid_headers(info["endpoint"])
        # The fake push service reads a body only with this type; real services ignore it.
        headers["Content-Type"] = "application/octet-stream"
        headers["Urgency"] = urgency
        if topic:
            headers["Topic"] = topic
        try:
            response = WebPusher(info, requests_session=self.session).send(
                payload,
                headers=headers,
                ttl=ttl,
                content_encoding="aes128gcm",
                timeout=self.timeout,
            )
        except requests.RequestException:
            return Outcome(0)
        except (WebPushException, ValueError):  # keys that cannot encrypt: never retried
            return Outcome(400)
        return Outcome(
            response.status_code, retry_after_seconds(response.headers.get("Retry-After"))
        )

    def close(self):
        self.session.close()
