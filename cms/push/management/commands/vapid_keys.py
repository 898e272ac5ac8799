from django.core.management.base import BaseCommand

from cms.push.vapid import vapid_pair_new


class Command(BaseCommand):
    help = "Print a new VAPID key pair for Web Push (set DJANGO_VAPID_PRIVATE_KEY to the first)."

    def handle(self, *args, **options):
        private, public = vapid_pair_new()
        self.stdout.write(f"DJANGO_VAPID_PRIVATE_KEY={private}\n")
        self.stdout.write(f"# public key (derived, what browsers subscribe with): {public}\n")
