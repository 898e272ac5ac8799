"""Migrations complaints 0011 to 0013 give complaints and categories stored before them the
default site: the one kecamatan the install served until then (docs/regency.md)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.models import Locale, Page, Site

from tests.complaints.helpers import migrate_to, migrate_to_latest

BEFORE, AFTER = ("complaints", "0010_reporter_name_hash"), ("complaints", "0013_site_required")


def _a_page():
    """A tree root, as every install has (a transactional test before this one flushed it)."""
    if not Page.objects.exists():
        ContentType.objects.clear_cache()  # the flush left ids of rows that are gone
        Locale.objects.get_or_create(language_code="id")
        Page.add_root(instance=Page(title="Root", slug="root"))


def _immediate():
    if connection.vendor == "postgresql":
        # PostgreSQL refuses to ALTER a table with foreign-key checks pending: run them now.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


# Transactional on SQLite only, as in test_location_migration.py (the reason is there).
@pytest.mark.django_db(transaction=connection.vendor == "sqlite")
@pytest.mark.parametrize("has_site", [True, False])
def test_complaints_and_categories_stored_before_join_the_default_site(has_site):
    _a_page()
    if has_site and not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(
            hostname="localhost", root_page=Page.objects.first(), is_default_site=True
        )
    _immediate()
    apps = migrate_to(BEFORE)
    try:
        if not has_site:  # before the column exists, so that nothing else goes with them
            apps.get_model("wagtailcore", "Site").objects.all().delete()
        Category = apps.get_model("complaints", "ComplaintCategory")
        category, _created = Category.objects.get_or_create(
            slug="jalan-jembatan", defaults={"name": "Jalan dan jembatan"}
        )
        complaint = apps.get_model("complaints", "Complaint").objects.create(
            tracking_code="KCM-SITE-0001",
            category=category,
            description="Jalan berlubang di depan rumah saya.",
            verify_due=datetime.date(2026, 1, 5),
            respond_due=datetime.date(2026, 1, 12),
        )
        _immediate()
        now = migrate_to(AFTER)

        default = Site.objects.get(is_default_site=True)
        assert now.get_model("complaints", "Complaint").objects.get(pk=complaint.pk).site_id == (
            default.pk
        )
        categories = now.get_model("complaints", "ComplaintCategory").objects.all()
        assert {row.site_id for row in categories} == {default.pk}
    finally:
        migrate_to_latest()
        ContentType.objects.clear_cache()


@pytest.mark.django_db(transaction=connection.vendor == "sqlite")
def test_an_empty_database_migrates_without_making_anything():
    apps = migrate_to(BEFORE)
    try:
        apps.get_model("complaints", "ComplaintCategory").objects.all().delete()
        sites = Site.objects.count()
        _immediate()
        now = migrate_to(AFTER)
        assert not now.get_model("complaints", "ComplaintCategory").objects.exists()
        assert Site.objects.count() == sites
    finally:
        migrate_to_latest()
        ContentType.objects.clear_cache()
