"""Deploy check: no demo staff account, and no account with a published demo password.

`manage.py load_demo` makes two staff accounts whose passwords are printed in the README and on
every console, a superuser among them. Production refuses to run it unless forced
(docs/production.md); this check (`manage.py check --deploy`, an ERROR) finds such accounts
however they got there. The published passwords live here, not in the demo package: the check
must run where the demo is not installed (tests/security/test_demo_accounts.py keeps the two in
step).

Checking a password costs a PBKDF2 run (about 0.7 s on a small server), so not every account is
tried: the demo's own user names, every account on the demo's e-mail domain and every superuser.
Production's password validator (`PublishedPasswordValidator`) refuses the published passwords for
everyone else, in the admin's forms and in `createsuperuser` and `changepassword`.
"""

from django.contrib.auth import get_user_model
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection
from django.db.models import Q
from django.utils.translation import gettext as _

# Published in the README and printed by load_demo: (user name, password) of the demo staff.
PUBLISHED_DEMO_ACCOUNTS = {"staf": "staf-demo-2026", "petugas": "petugas-demo-2026"}
DEMO_EMAIL_DOMAIN = "@sumbermakmurkab.go.id"  # the demo's made-up regency
CHECK_ID = "layanan.E001"


class PublishedPasswordValidator:
    """AUTH_PASSWORD_VALIDATORS entry: refuse a password published with the demo."""

    def validate(self, password, user=None):
        if password in PUBLISHED_DEMO_ACCOUNTS.values():
            raise ValidationError(
                _("This password is published with the demo. Choose another."),
                code="published_password",
            )

    def get_help_text(self):
        return _("Your password cannot be one published with the demo.")


def demo_accounts() -> list[tuple[str, str, str]]:
    """Return (user name, reason, what to do) for each demo account or account with a
    published password."""
    user_model = get_user_model()
    candidates = user_model.objects.filter(
        Q(username__in=PUBLISHED_DEMO_ACCOUNTS)
        | Q(email__iendswith=DEMO_EMAIL_DOMAIN)
        | Q(is_superuser=True)
    ).order_by("username")
    found = []
    for user in candidates:
        name = user.get_username()
        if user.email.lower().endswith(DEMO_EMAIL_DOMAIN):
            found.append((name, f"a demo account (e-mail on {DEMO_EMAIL_DOMAIN})", DELETE))
        elif any(user.check_password(p) for p in PUBLISHED_DEMO_ACCOUNTS.values()):
            found.append((name, "its password is published with the demo", NEW_PASSWORD))
    return found


DELETE = "Delete the account (Settings → Users, or `manage.py shell`)."
NEW_PASSWORD = "Give it a new password now (`manage.py changepassword <name>`)."


@register(Tags.security, deploy=True)
def check_demo_accounts(app_configs=None, databases=None, **kwargs):
    """ERROR for each demo account or account with a published password (check --deploy)."""
    table = get_user_model()._meta.db_table
    try:
        if table not in connection.introspection.table_names():
            return []  # an empty database (not migrated yet) has no accounts
        found = demo_accounts()
    except DatabaseError as error:
        return [
            Warning(
                f"Could not look for demo staff accounts: {error}",
                hint="Run `manage.py check --deploy` again when the database answers.",
                id="layanan.W001",
            )
        ]
    return [
        Error(
            f"Staff account {username!r} must not exist in production: {reason}.",
            hint=(
                f"Anyone can sign in with the published password. {remedy} Never run load_demo "
                "on this database (docs/production.md)."
            ),
            id=CHECK_ID,
        )
        for username, reason, remedy in found
    ]
