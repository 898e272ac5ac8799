"""`manage.py enrolment_code <user name>`: the code an account needs to set up two-factor sign-in.

For when no admin can make one in the admin (Settings → Two-factor sign-in): the first
superuser of a new install (`createsuperuser` prints one too), or the only superuser who lost
their phone (`--reset` removes their second factor first). Logged like a code made in the admin,
with no user (the command line). docs/privacy.md.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log

from cms.security.enrolment import enrolment_code_console, enrolment_code_issue
from cms.security.twofactor import reset_devices
from cms.security.views import RESET_ACTION


class Command(BaseCommand):
    help = (
        "Make a single-use enrolment code with which the account sets up two-factor sign-in "
        "(an older code stops working) and print it."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="First remove the account's authenticator app and backup codes (lost phone).",
        )

    def handle(self, *args, username, reset, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No account with the user name {username!r}.")
        with transaction.atomic():
            if reset:
                reset_devices(user)
                log(instance=user, action=RESET_ACTION, user=None)
            elif TOTPDevice.objects.filter(user=user, confirmed=True).exists():
                raise CommandError(
                    f"{username} has already set up two-factor sign-in. Add --reset to remove "
                    "it (their authenticator app and backup codes stop working)."
                )
            code, record = enrolment_code_issue(user=user)
        self.stdout.write("\n".join(enrolment_code_console(user, code, record)))
