"""`manage.py reencrypt_personal_data`: re-encrypt personal data with the first key.

Key rotation (docs/privacy.md): put the new key first in DJANGO_PERSONAL_DATA_KEYS, keep the
old ones after it, run this command, then remove the old keys. Look-up hashes (phone, NIK)
are recomputed too, so a new DJANGO_PERSONAL_DATA_HASH_KEY takes effect with the same run.
The location text and exact coordinates of complaints and residents' messages in data requests
are re-encrypted as well.
"""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from cms.complaints.hashing import lookup_hash
from cms.complaints.models import Complaint, DataRequest
from cms.security.crypto import decrypt, rotate

FIELDS = (
    "reporter_name",
    "reporter_phone",
    "reporter_email",
    "reporter_nik",
    "location_text",
    "latitude",
    "longitude",
)
# Columns whose plaintext has a keyed look-up hash beside it: column -> (hash column, kind).
HASHED = {
    "reporter_name": ("reporter_name_hash", "name"),
    "reporter_phone": ("reporter_phone_hash", "phone"),
    "reporter_nik": ("reporter_nik_hash", "nik"),
}


def _reencrypt(cursor, model, fields, hashed=None) -> int:
    """Rotate every token of `fields` in `model`'s table (raw rows); return the rows done."""
    hashed = hashed or {}
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(field) for field in fields)
    targets = [*fields, *(hash_column for hash_column, _kind in hashed.values())]
    assignments = ", ".join(f"{quote(column)} = %s" for column in targets)
    done = 0
    # Raw rows: the tokens themselves, never decrypted except what a hash is made of.
    cursor.execute(f"SELECT id, {columns} FROM {table}")
    for pk, *tokens in cursor.fetchall():
        rotated = [rotate(token) if token else token for token in tokens]
        hashes = []
        for field, (_hash_column, kind) in hashed.items():
            token = tokens[fields.index(field)]
            hashes.append(lookup_hash(decrypt(token), kind) if token else "")
        cursor.execute(f"UPDATE {table} SET {assignments} WHERE id = %s", [*rotated, *hashes, pk])
        done += 1
    return done


class Command(BaseCommand):
    help = "Re-encrypt residents' personal data with the first key of DJANGO_PERSONAL_DATA_KEYS."

    def handle(self, *args, **options):
        with transaction.atomic(), connection.cursor() as cursor:
            complaints = _reencrypt(cursor, Complaint, FIELDS, HASHED)
            requests = _reencrypt(cursor, DataRequest, ("message",))
        self.stdout.write(
            f"Re-encrypted the personal data of {complaints} complaints "
            f"and {requests} data requests."
        )
