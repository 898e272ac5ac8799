"""Every look-up by tracking code counts failed guesses in one place (cms.complaints.lookup)."""

import pytest
from django.test import override_settings

from tests.utils import main_text

from .helpers import submit

pytestmark = pytest.mark.django_db

WAIT_MESSAGE = "Terlalu banyak percobaan dari koneksi Anda"


def _guess(client, path, count):
    return [client.get(path.format(code=f"KCM-AAAA-AAA{c}")).status_code for c in "ACDEFG"[:count]]


@override_settings(COMPLAINT_TRACK_RATE=3)
def test_receipt_counts_wrong_codes_and_then_answers_429_in_indonesian(site_tree, client):
    complaint = submit()
    assert _guess(client, "/pengaduan/terkirim/{code}/", 5) == [404, 404, 404, 429, 429]
    response = client.get(f"/pengaduan/terkirim/{complaint.tracking_code}/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert WAIT_MESSAGE in main_text(response)
    assert complaint.tracking_code not in main_text(response)


@override_settings(COMPLAINT_TRACK_RATE=2)
@pytest.mark.parametrize(
    "path",
    [
        "/pengaduan/terkirim/{code}/",
        "/pengaduan/lacak/{code}/",
        "/pengaduan/foto/{code}/",
        "/api/v1/complaints/{code}/",
        "/survei/pengaduan/{code}/",
    ],
)
def test_guesses_on_any_code_path_share_one_limit(site_tree, client, path):
    """Two wrong guesses anywhere, and the tracking page refuses even a right code."""
    complaint = submit()
    assert _guess(client, path, 2) == [404, 404]
    assert client.get(f"/pengaduan/lacak/{complaint.tracking_code}/").status_code == 429
    assert client.get(f"/api/v1/complaints/{complaint.tracking_code}/").status_code == 429


@override_settings(COMPLAINT_TRACK_RATE=2)
def test_api_actions_count_wrong_codes_too(client):
    for _attempt in range(2):
        response = client.post(
            "/api/v1/complaints/KCM-AAAA-AAAA/replies/",
            {"message": "Tambahan."},
            content_type="application/json",
        )
        assert response.status_code == 404
    response = client.post(
        "/api/v1/complaints/KCM-AAAA-AAAA/confirmation/",
        {"solved": True},
        content_type="application/json",
    )
    assert response.status_code == 429 and response.json()["message"]
