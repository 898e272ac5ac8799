"""Migration complaints 0010 gives complaints stored before it the keyed hash of their name."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

from cms.complaints.hashing import lookup_hash
from tests.complaints.helpers import migrate_to, migrate_to_latest

BEFORE, AFTER = ("complaints", "0009_location_encrypted"), ("complaints", "0010_reporter_name_hash")


# Transactional on SQLite only, as in test_location_migration.py (the reason is there).
@pytest.mark.django_db(transaction=connection.vendor == "sqlite")
def test_names_stored_before_are_found_by_their_hash():
    apps = migrate_to(BEFORE)
    try:
        Old = apps.get_model("complaints", "Complaint")
        category, _created = apps.get_model(
            "complaints", "ComplaintCategory"
        ).objects.get_or_create(slug="jalan-jembatan", defaults={"name": "Jalan dan jembatan"})
        made = {
            name: Old.objects.create(
                tracking_code=f"KCM-NAM{index}-0001",
                category=category,
                description="Jalan berlubang di depan rumah saya.",
                reporter_name=name,
                verify_due=datetime.date(2026, 1, 5),
                respond_due=datetime.date(2026, 1, 12),
            ).pk
            for index, name in enumerate(["Siti  Rahayu", ""])
        }

        if connection.vendor == "postgresql":
            # The rows' foreign-key checks are deferred to the end of the test's transaction;
            # PostgreSQL refuses to ALTER a table with such checks pending: run them now.
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        Now = migrate_to(AFTER).get_model("complaints", "Complaint")

        assert Now.objects.get(pk=made["Siti  Rahayu"]).reporter_name_hash == lookup_hash(
            "siti rahayu", "name"
        )
        assert Now.objects.get(pk=made[""]).reporter_name_hash == ""
    finally:
        migrate_to_latest()
        ContentType.objects.clear_cache()
