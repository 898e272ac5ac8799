"""`manage.py add_kecamatan "Kecamatan Cibodas" cibodas.example.go.id`: one more kecamatan.

Creates the site (hostname and port), its home page and listings in Indonesian and English,
and its Settings > Kecamatan; docs/regency.md says what to do next (staff, DNS and TLS).
"""

from django.core.management.base import BaseCommand, CommandError

from pages.kecamatan_sites import KecamatanSiteError, create_kecamatan_site


class Command(BaseCommand):
    help = "Add a kecamatan to this install: its own site, page tree and settings."

    def add_arguments(self, parser):
        parser.add_argument("name", help='The kecamatan\'s name, e.g. "Kecamatan Cibodas".')
        parser.add_argument("hostname", help="Its host name, e.g. cibodas.example.go.id.")
        parser.add_argument("--port", type=int, default=80, help="Port (default 80).")
        parser.add_argument("--regency", default="", help="Regency or city.")
        parser.add_argument("--province", default="", help="Province.")

    def handle(self, *args, **options):
        try:
            site = create_kecamatan_site(
                options["name"],
                options["hostname"],
                port=options["port"],
                regency=options["regency"],
                province=options["province"],
            )
        except KecamatanSiteError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{site.site_name}: {site.root_url}/ (admin: Pages > {site.root_page.title})"
            )
        )
