"""The staff sign-in form (WAGTAILADMIN_USER_LOGIN_FORM)."""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.forms.auth import LoginForm


class StaffLoginForm(LoginForm):
    """Wagtail's sign-in form with a translated password label (Wagtail leaves the field
    unlabelled, so Django shows its name, "Password", in every language), and a warning when
    the next failure locks the sign-in out (django-axes, cms/security/throttle.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")

    def clean(self):
        try:
            return super().clean()
        except ValidationError as error:
            warning = self._last_attempt_warning()
            if warning is None:
                raise
            raise ValidationError([*error.error_list, warning]) from error

    def _last_attempt_warning(self) -> ValidationError | None:
        """Return the warning when exactly one attempt is left, else None.

        Axes has just counted this failure for the pair (user name, client address), whether or
        not that name exists, and left the count on the request: the warning says nothing about
        which names exist."""
        failures = getattr(self.request, "axes_failures_since_start", None)
        limit = settings.AXES_FAILURE_LIMIT
        if not isinstance(failures, int) or not isinstance(limit, int) or failures != limit - 1:
            return None
        minutes = math.ceil(settings.AXES_COOLOFF_TIME.total_seconds() / 60)
        return ValidationError(
            ngettext(
                "One more attempt before the account is locked for %(minutes)d minute. Forgot "
                "your password? Ask an administrator, or use the password reset link below.",
                "One more attempt before the account is locked for %(minutes)d minutes. Forgot "
                "your password? Ask an administrator, or use the password reset link below.",
                minutes,
            )
            % {"minutes": minutes},
            code="last_attempt",
        )
