"""`manage.py purge_personal_data`: erase reporters' personal data of long-closed complaints.

Run daily (cron, docs/privacy.md). A complaint closed more than PERSONAL_DATA_RETENTION_DAYS
ago (env DJANGO_PERSONAL_DATA_RETENTION_DAYS, default 730 = 2 years) loses the reporter's
name, phone, email and NIK with their look-up hashes, the location text and coordinates
(exact and rounded; the desa stays), the photo, and what the resident wrote
in data requests and in their own messages on the complaint (staff replies and the status
history stay); the complaint text, category, dates and status stay, so statistics are unchanged.
The erasure is services.complaint_personal_data_erase, the same as for an erasure request.
The command lives beside the data it erases (complaints and their data requests).
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from cms.complaints.models import Complaint
from cms.complaints.services import complaint_personal_data_erase
from cms.complaints.services.data_requests import RESIDENT_MESSAGES


def purgeable(now=None):
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    return (
        Complaint.objects.filter(status__in=Complaint.CLOSED, closed_at__lt=cutoff)
        .filter(
            ~Q(reporter_name="")
            | ~Q(reporter_phone="")
            | ~Q(reporter_email="")
            | ~Q(reporter_nik="")
            | ~Q(location_text="")
            | Q(latitude__isnull=False)
            | Q(area_latitude__isnull=False)
            | ~Q(photo="")
            | Q(data_requests__message__gt="")
            | Q(events__kind__in=RESIDENT_MESSAGES, events__message__gt="")
        )
        .distinct()
        .order_by()
    )


class Command(BaseCommand):
    help = "Erase personal data of complaints closed longer ago than the retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count.")

    def handle(self, *args, dry_run=False, **options):
        complaints = purgeable()
        if dry_run:
            self.stdout.write(f"Would erase the personal data of {complaints.count()} complaints.")
            return
        # update() cannot run on a distinct query: erase by primary key.
        erased = complaint_personal_data_erase(
            Complaint.objects.filter(pk__in=list(complaints.values_list("pk", flat=True)))
        )
        self.stdout.write(f"Erased the personal data of {erased} complaints.")
