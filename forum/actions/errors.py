"""What an action raises when it will not do what was asked."""


class Refused(Exception):
    """The input breaks a rule; `field` names the form field the message belongs to, if any."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class Forbidden(Exception):
    """The actor may not do this at all (a 403, not a form error)."""
