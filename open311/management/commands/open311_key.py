"""Issue an Open311 API key from the command line (provisioning scripts, an operator without
the admin), or list and revoke keys. The same keys as Settings → Open311 API keys."""

from django.core.management.base import BaseCommand, CommandError

from open311.keys import api_key_issue
from open311.models import ApiKey


class Command(BaseCommand):
    help = (
        "Issue an Open311 API key for a client and print it once (--list shows the keys, "
        "--revoke PREFIX revokes one)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "client", nargs="?", help='Who uses the key, e.g. "FixMyStreet Bandung".'
        )
        parser.add_argument("--contact", default="", help="Technical contact of the client.")
        parser.add_argument(
            "--hourly-limit",
            type=int,
            default=100,
            help="New service requests per hour (0: no limit). Default 100.",
        )
        parser.add_argument(
            "--list",
            dest="show_keys",
            action="store_true",
            help="List the keys (never their secrets).",
        )
        parser.add_argument(
            "--revoke", metavar="PREFIX", help="Revoke the key starting with PREFIX."
        )

    def handle(self, *args, client, contact, hourly_limit, show_keys, revoke, **options):
        if show_keys:
            for key in ApiKey.objects.all():
                state = "active" if key.is_active else "revoked"
                self.stdout.write(
                    f"{key.prefix}…\t{state}\t{key.hourly_limit}/h\t{key.requests_sent} sent\t"
                    f"{key.client_name}\n"
                )
            return
        if revoke:
            keys = ApiKey.objects.filter(prefix=revoke.rstrip("…"))
            if keys.count() != 1:
                raise CommandError(f"No single key starts with {revoke!r}: see --list.")
            keys.update(is_active=False)
            self.stdout.write(f"Revoked {keys.get()}.\n")
            return
        if not (client or "").strip():
            raise CommandError('Name the client: open311_key "FixMyStreet Bandung".')
        if hourly_limit < 0:
            raise CommandError("--hourly-limit must be 0 (no limit) or more.")
        if len(client) > ApiKey._meta.get_field("client_name").max_length:
            raise CommandError("The client's name is too long (at most 100 characters).")
        secret = api_key_issue(
            ApiKey(client_name=client.strip(), contact=contact, hourly_limit=hourly_limit)
        )
        self.stdout.write(f"{secret}\n")
        self.stderr.write(
            "The key is shown this once; give it to the client over a safe channel.\n"
        )
