import pytest

from open311.keys import api_key_issue
from open311.models import ApiKey


@pytest.fixture
def api_key(db) -> str:
    """Return the secret of an active key of a regency system."""
    return api_key_issue(ApiKey(client_name="SP4N-LAPOR! Kabupaten"))
