"""`manage.py purge_personal_data`: erase reporters' personal data of long-closed complaints.

Run daily (cron, docs/privacy.md). A complaint closed more than PERSONAL_DATA_RETENTION_DAYS
ago (env DJANGO_PERSONAL_DATA_RETENTION_DAYS, default 730 = 2 years) loses the reporter's
name, phone, its look-up hash and email; the complaint text, category, dates and status stay,
so statistics are unchanged.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from cms.complaints.models import Complaint


def purgeable(now=None):
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    return (
        Complaint.objects.filter(status__in=Complaint.CLOSED, closed_at__lt=cutoff)
        .filter(~Q(reporter_name="") | ~Q(reporter_phone="") | ~Q(reporter_email=""))
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
        erased = complaints.update(
            reporter_name="", reporter_phone="", reporter_phone_hash="", reporter_email=""
        )
        self.stdout.write(f"Erased the personal data of {erased} complaints.")
