"""The account page (/admin/account/) offers Indonesia's time zones, not "localtime"."""

import pytest
from django.urls import reverse

from tests.security.test_two_factor import PASSWORD
from tests.utils import soup


@pytest.mark.django_db
def test_account_time_zones_are_indonesias(client, django_user_model):
    boss = django_user_model.objects.create_superuser("boss", "boss@kecamatan.id", PASSWORD)
    client.force_login(boss)
    html = soup(client.get(reverse("wagtailadmin_account")))
    select = html.select_one("select[name=locale-current_time_zone]")
    values = {o["value"] for o in select.select("option")} - {""}
    assert values == {"Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"}
