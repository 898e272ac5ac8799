"""tools/audit_pins.py: a held-back pin must still be the newest release of its series."""

import importlib.util
from pathlib import Path

spec = importlib.util.spec_from_file_location(
    "audit_pins", Path(__file__).resolve().parent.parent / "tools" / "audit_pins.py"
)
audit_pins = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit_pins)

RELEASES = {
    "5.2.18": [{"yanked": False}],
    "5.2.19": [{"yanked": False}],
    "5.2.20": [{"yanked": True}],  # yanked: not a release to move to
    "5.2.21rc1": [{"yanked": False}],  # a pre-release neither
    "5.20.1": [{"yanked": False}],  # another series that merely starts with the same digits
    "6.1.3": [{"yanked": False}],
}


def test_the_newest_final_release_of_a_series_is_found():
    assert audit_pins.newest_in_series(RELEASES, "5.2") == "5.2.19"
    assert audit_pins.newest_in_series(RELEASES, "6") == "6.1.3"
    assert audit_pins.newest_in_series(RELEASES, "7") is None


def test_versions_sort_by_number_not_text():
    releases = {"0.60.9": [{}], "0.60.10": [{}]}
    assert audit_pins.newest_in_series(releases, "0.60") == "0.60.10"
    assert audit_pins.stable_key("0.60.10") > audit_pins.stable_key("0.60.9")
    assert audit_pins.stable_key("1.0b2") is None
    assert audit_pins.stable_key("2.9.0.post0") > audit_pins.stable_key("2.9.0")
    assert audit_pins.stable_key("2.9.0.post0") < audit_pins.stable_key("2.9.1")
    assert audit_pins.stable_key("2.9.0.postx") is None
