from django.core.management.base import BaseCommand

from cms.push.tasks import push_event_reminders_start


class Command(BaseCommand):
    help = (
        "Queue the push reminder of each event starting within the next day (once per event); "
        "the task worker sends them. Run it every 5 minutes (cron or layanan-scheduled.timer)."
    )

    def handle(self, *args, **options):
        queued = push_event_reminders_start()
        for broadcast in queued:
            self.stdout.write(f"Event page {broadcast.page_id}: reminder queued\n")
        self.stdout.write(f"{len(queued)} event reminder(s) queued\n")
