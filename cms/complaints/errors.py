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
