"""Short messages (SMS or WhatsApp) to residents, behind one small interface.

No provider is wired in: a kecamatan plugs in its own (an SMS gateway, a WhatsApp Business
API provider) by writing a class with `send(to, text)` and naming it in
DJANGO_COMPLAINT_MESSAGE_SENDER. See docs/complaints.md.
"""

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("cms.complaints.messages")


class MessageSender(Protocol):
    def send(self, to: str, text: str) -> None:
        """Deliver `text` to the phone number `to` (international form, 62...) or raise."""


class LogSender:
    """Writes the message to the log instead of sending it (the default)."""

    def send(self, to: str, text: str) -> None:
        masked = to[:4] + "*" * max(len(to) - 7, 0) + to[-3:]
        logger.info("Message to %s: %s", masked, text)


class MemorySender:
    """Keeps messages in memory, for tests."""

    outbox: list[tuple[str, str]] = []

    def send(self, to: str, text: str) -> None:
        self.outbox.append((to, text))


def get_sender() -> MessageSender:
    return import_string(settings.COMPLAINT_MESSAGE_SENDER)()


def international_number(phone: str) -> str:
    """Return 62... for a number written 08..., +62... or 62...; digits only."""
    digits = "".join(char for char in phone if char.isdigit())
    if digits.startswith("0"):
        return "62" + digits[1:]
    return digits
