"""The field people never see (hidden with CSS and aria-hidden) and simple bots fill in."""

from django import forms


class HoneypotInput(forms.TextInput):
    """A text input that never writes back what was sent: a person whose browser filled it
    in by itself (autofill) is refused once, then sends the page again and is through."""

    def __init__(self):
        super().__init__(attrs={"tabindex": "-1", "autocomplete": "off"})

    def format_value(self, value):
        return None
