"""Finding Debian's nginx, varnishd and systemd-analyze for the deployment tests.

Missing, a test skips locally (`make deploy-deps` installs nginx and Varnish as root); CI sets
REQUIRE_DEPLOY_TOOLS=1 and fails instead, so the files are never left unchecked there.
"""

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
DEPLOY = ROOT / "deploy"
SBIN = ("/usr/sbin", "/usr/bin", "/sbin")


def tool(name: str) -> str:
    found = shutil.which(name) or next(
        (f"{folder}/{name}" for folder in SBIN if os.access(f"{folder}/{name}", os.X_OK)), None
    )
    if found:
        return found
    if os.environ.get("REQUIRE_DEPLOY_TOOLS"):
        pytest.fail(f"{name} is required (make deploy-deps)")
    pytest.skip(f"{name} not installed (make deploy-deps)")
