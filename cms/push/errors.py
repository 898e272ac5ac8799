class PushError(Exception):
    """Bad input for a subscription: `errors` maps each field to its messages."""

    def __init__(self, message: str, errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.message = message
        self.errors = errors or {}
