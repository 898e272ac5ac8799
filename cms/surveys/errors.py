"""Errors the survey services raise; views turn them into messages and status codes."""


class SurveyError(Exception):
    """A rule refused the response; the message is for the person who sent it."""

    def __init__(self, message, field: str | None = None, code: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code
