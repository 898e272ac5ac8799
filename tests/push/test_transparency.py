"""/transparansi/ tells how many phones take the kecamatan's notifications: a number only."""

import pytest
from django.test import Client

from pages.kecamatan_sites import create_kecamatan_site
from tests.utils import soup

from .test_api import KEYS

pytestmark = pytest.mark.django_db
OTHER = "cibodas.localhost"


def subscribe(number, host="testserver"):
    endpoint = f"https://push.example.net/send/telepon-{number}"
    response = Client(HTTP_HOST=host).post(
        "/api/v1/push/subscriptions/",
        {"endpoint": endpoint, "keys": KEYS, "topics": ["darurat"], "language": "id"},
        content_type="application/json",
    )
    assert response.status_code == 201
    return endpoint


def test_transparency_counts_the_sites_subscriptions_and_shows_nothing_else(site_tree):
    create_kecamatan_site("Kecamatan Cibodas", OTHER)
    endpoints = [subscribe(1), subscribe(2), subscribe(3, host=OTHER)]

    response = Client().get("/transparansi/")

    figure = soup(response).select_one('[data-figure="push_subscriptions"]')
    assert figure.get_text(strip=True) == "2"
    assert figure.find_previous("dt").get_text(strip=True) == (
        "Ponsel yang menerima notifikasi kecamatan"
    )
    html = response.content.decode()
    for secret in (*endpoints, "telepon-", KEYS["auth"], KEYS["p256dh"]):
        assert secret not in html
    other = Client(HTTP_HOST=OTHER).get("/transparansi/")
    assert soup(other).select_one('[data-figure="push_subscriptions"]').get_text() == "1"
