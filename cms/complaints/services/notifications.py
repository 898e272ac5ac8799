"""Notifications a service sends once its transaction has committed, and a way to mute them."""

import contextlib
import contextvars
import logging

from django.db import transaction

logger = logging.getLogger("cms.complaints.services")

_muted: contextvars.ContextVar[bool] = contextvars.ContextVar("notifications_muted", default=False)


@contextlib.contextmanager
def notifications_muted():
    """Send no notifications for what happens inside (demo data, imports of old complaints)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def on_commit_enqueue(task, *args):
    """Enqueue a background task once the transaction holding its data has committed."""
    if _muted.get():
        return

    def enqueue():
        try:
            task.enqueue(*args)
        except Exception:  # a broken mail server must never undo or fail a complaint
            logger.exception("Could not enqueue %s", getattr(task, "name", task))

    transaction.on_commit(enqueue)
