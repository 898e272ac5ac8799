"""`manage.py match_complaint_desa`: give complaints without a desa the listed village their
location names exactly (cms/complaints/desa.py).

For complaints sent before residents chose their desa from the list: run it once staff have
filled in the list (Pengaduan > Desa/kelurahan). A location that names no listed village leaves
the complaint without one, counted as "not stated / other" in the public figures.
"""

from django.core.management.base import BaseCommand

from cms.complaints.desa import desa_key, desa_named_in
from cms.complaints.models import Complaint, Desa


class Command(BaseCommand):
    help = "Give complaints without a desa the listed village their location names exactly."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count.")

    def handle(self, *args, dry_run=False, **options):
        listed = {desa_key(desa.name): desa.pk for desa in Desa.objects.all()}
        matched = 0
        for complaint in (
            Complaint.objects.filter(desa=None)
            .exclude(location_text="")
            .only("pk", "location_text")
        ):
            found = desa_named_in(complaint.location_text, listed) if listed else None
            if found is None:
                continue
            matched += 1
            if not dry_run:
                Complaint.objects.filter(pk=complaint.pk, desa=None).update(desa_id=found)
        verb = "Would give" if dry_run else "Gave"
        self.stdout.write(f"{verb} {matched} complaints their desa.")
