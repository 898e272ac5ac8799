# The staff fixtures of the complaint tests (officer, viewer, editor) serve here too.
from tests.complaints.conftest import editor, officer, officer_client, viewer  # noqa: F401
