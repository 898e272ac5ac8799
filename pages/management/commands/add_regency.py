"""`manage.py add_regency "Kabupaten Sumber Makmur" kabupaten.example.go.id`: the regency's own
site, whose home lists the urgent announcements of every kecamatan and their directory."""

from django.core.management.base import BaseCommand, CommandError

from pages.kecamatan_sites import KecamatanSiteError, create_regency_site


class Command(BaseCommand):
    help = "Add the regency's own site: urgent news of every kecamatan and their directory."

    def add_arguments(self, parser):
        parser.add_argument("name", help='The regency\'s name, e.g. "Kabupaten Sumber Makmur".')
        parser.add_argument("hostname", help="Its host name, e.g. kabupaten.example.go.id.")
        parser.add_argument("--port", type=int, default=80, help="Port (default 80).")
        parser.add_argument("--province", default="", help="Province.")

    def handle(self, *args, **options):
        try:
            site = create_regency_site(
                options["name"],
                options["hostname"],
                port=options["port"],
                province=options["province"],
            )
        except KecamatanSiteError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"{site.site_name}: {site.root_url}/"))
