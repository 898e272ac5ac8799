"""Errors the complaint services raise; views turn them into messages and status codes."""


class ComplaintError(Exception):
    """A rule of the workflow refused the action; the message is for the person who asked."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class IdempotencyConflict(ComplaintError):
    """The Idempotency-Key was already used for a different complaint."""


class PhotoError(ComplaintError):
    """The uploaded photo cannot be accepted."""

    def __init__(self, message):
        super().__init__(message, field="photo")


class NotTheReporter(ComplaintError):
    """Acting on a complaint needs the reporter's reply code (or, for an old one, their contact)."""

    def __init__(self, message):
        super().__init__(message, field="reply_secret")


class TooManyReplies(ComplaintError):
    """The complaint already had as many resident messages as the hour allows."""

    def __init__(self, message, wait: int):
        super().__init__(message, field="message")
        self.wait = wait
