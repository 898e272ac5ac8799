"""`manage.py createsuperuser`, Django's, then the enrolment code of the new superuser.

Every account sets up two-factor sign-in with a code an admin made (cms/security/enrolment.py);
on a new install there is no admin yet, so the command prints the first superuser's code.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.management.commands import createsuperuser

from cms.security.enrolment import enrolment_code_console, enrolment_code_issue


class Command(createsuperuser.Command):
    help = createsuperuser.Command.help + " Prints their two-factor enrolment code."

    def handle(self, *args, **options):
        database = options.get("database")
        superusers = (
            get_user_model()._default_manager.db_manager(database).filter(is_superuser=True)
        )
        before = set(superusers.values_list("pk", flat=True))
        super().handle(*args, **options)
        for user in superusers.exclude(pk__in=before).order_by("pk"):
            code, record = enrolment_code_issue(user=user)
            self.stdout.write("\n".join(enrolment_code_console(user, code, record)))
