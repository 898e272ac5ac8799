"""`manage.py reencrypt_personal_data`: re-encrypt personal data with the first key.

Key rotation (docs/privacy.md): put the new key first in DJANGO_PERSONAL_DATA_KEYS, keep the
old ones after it, run this command, then remove the old keys. Look-up hashes are recomputed
too, so a new DJANGO_PERSONAL_DATA_HASH_KEY takes effect with the same run.
"""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from cms.complaints.models import Complaint
from cms.security.crypto import decrypt, lookup_hash, rotate

FIELDS = ("reporter_name", "reporter_phone", "reporter_email")


class Command(BaseCommand):
    help = "Re-encrypt residents' personal data with the first key of DJANGO_PERSONAL_DATA_KEYS."

    def handle(self, *args, **options):
        table = connection.ops.quote_name(Complaint._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(field) for field in FIELDS)
        assignments = ", ".join(f"{connection.ops.quote_name(f)} = %s" for f in FIELDS)
        done = 0
        with transaction.atomic(), connection.cursor() as cursor:
            # Raw rows: the tokens themselves, never decrypted except the phone for its hash.
            cursor.execute(f"SELECT id, {columns} FROM {table}")
            for pk, *tokens in cursor.fetchall():
                rotated = [rotate(token) if token else token for token in tokens]
                phone = decrypt(tokens[1]) if tokens[1] else ""
                cursor.execute(
                    f"UPDATE {table} SET {assignments}, reporter_phone_hash = %s WHERE id = %s",
                    [*rotated, lookup_hash(phone), pk],
                )
                done += 1
        self.stdout.write(f"Re-encrypted the personal data of {done} complaints.")
