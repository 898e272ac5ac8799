"""Write static/js/pwa.js from its parts in frontend/scripts/ (frontend/bundles.py).

manage.py pwa_script           # after editing a part of frontend/scripts/pwa/ or caches.js
manage.py pwa_script --check   # exit 1 if the file is not what its parts make (CI, tests)
"""

import os

from django.core.management.base import BaseCommand, CommandError

from frontend import bundles


class Command(BaseCommand):
    help = "Write static/js/pwa.js from its parts in frontend/scripts/ (or --check it)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="change nothing; fail if the file is stale"
        )

    def handle(self, *args, check=False, **options):
        wanted = bundles.pwa_js()
        current = bundles.PWA_JS.read_text() if bundles.PWA_JS.exists() else None
        name = os.path.relpath(bundles.PWA_JS)
        if current == wanted:
            self.stdout.write(f"{name} is up to date.")
        elif check:
            raise CommandError(f"{name} is stale: run `manage.py pwa_script`.")
        else:
            bundles.PWA_JS.write_text(wanted)
            self.stdout.write(f"{name} written ({len(wanted.encode()):,} bytes).")
