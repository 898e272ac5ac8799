"""Migration complaints 0009 encrypts the location of rows stored before and can be undone.

A module of its own: it migrates the test database back and forth, outside the page trees'
module-wide transaction (tests/conftest.py)."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from .helpers import migrate_to, migrate_to_latest
from .test_location_privacy import EXACT, LATITUDE, LONGITUDE, PLACE, raw_row

BEFORE, AFTER = ("complaints", "0008_desa_list"), ("complaints", "0009_location_encrypted")


# On PostgreSQL schema changes are transactional: the test's own transaction undoes it all, and
# no flush afterwards spoils the serialized data later transactional tests restore. SQLite's
# schema editor cannot work inside a transaction, so there it is a transactional test.
@pytest.mark.django_db(transaction=connection.vendor == "sqlite")
def test_the_migration_encrypts_rows_stored_before_and_can_be_undone():
    """On the database the tests run on (SQLite, and PostgreSQL with DATABASE_URL)."""
    apps = migrate_to(BEFORE)
    try:
        Old = apps.get_model("complaints", "Complaint")
        # The starter categories are gone when a transactional test ran before (it flushes).
        category, _created = apps.get_model(
            "complaints", "ComplaintCategory"
        ).objects.get_or_create(slug="jalan-jembatan", defaults={"name": "Jalan dan jembatan"})
        made = {}
        for privacy in ("public", "confidential"):
            made[privacy] = Old.objects.create(
                tracking_code=f"KCM-OLD{privacy[0].upper()}-0001",
                category=category,
                description="Jalan berlubang di depan rumah saya.",
                location_text=PLACE,
                latitude=LATITUDE,
                longitude=LONGITUDE,
                privacy=privacy,
                verify_due=datetime.date(2026, 1, 5),
                respond_due=datetime.date(2026, 1, 12),
            ).pk
        assert "Gang Mawar" in raw_row(made["public"])

        # The model as of AFTER: later migrations add columns the current model reads.
        Now = migrate_to(AFTER).get_model("complaints", "Complaint")
        public = Now.objects.get(pk=made["public"])
        confidential = Now.objects.get(pk=made["confidential"])
        assert not any(part in raw_row(public.pk) for part in EXACT)
        assert (public.location_text, public.latitude, public.longitude) == (
            PLACE,
            LATITUDE,
            LONGITUDE,
        )
        assert (public.area_latitude, public.area_longitude) == (
            Decimal("-6.915"),
            Decimal("107.610"),
        )
        assert confidential.latitude == LATITUDE and confidential.area_latitude is None

        apps = migrate_to(BEFORE)  # and back: the plaintext returns, nothing lost
        back = apps.get_model("complaints", "Complaint").objects.get(pk=made["public"])
        assert (back.location_text, Decimal(back.latitude)) == (PLACE, LATITUDE)
        assert Decimal(back.longitude) == LONGITUDE
    finally:
        migrate_to_latest()
        # Migrating back and forth rebuilt tables: ids cached from before are not to be trusted.
        ContentType.objects.clear_cache()
