"""Production settings: `check --deploy` has no security warning; every response carries the
security headers. Each case runs in a fresh interpreter with production settings."""

import json
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "DJANGO_SECRET_KEY": "k" * 20 + "a-long-random-production-key-for-the-test-only",
    "DJANGO_ALLOWED_HOSTS": "kecamatan.example.go.id",
    "DJANGO_PERSONAL_DATA_KEYS": "ZGV2LW9ubHktbm90LXNlY3JldC1wZXJzb25hbC1kYXQ=",
    "DJANGO_PERSONAL_DATA_HASH_KEY": "a-long-random-hash-key-of-the-production-test",
    # Production needs a push key (check --deploy: push.E001); a pair made for this test only.
    "DJANGO_VAPID_PRIVATE_KEY": "y2y1yPR7LOohB3yp4OJCotKgdb1ur4_P2omvCUCF0GE",
    "DATABASE_URL": "sqlite://:memory:",
}
HEADERS = """
import json, django
django.setup()
from django.test import Client
response = Client(raise_request_exception=False).get(
    "/pengumuman/", secure=True, HTTP_HOST="kecamatan.example.go.id"
)
print(json.dumps(dict(response.headers)))
"""


def run(*args, **overrides):
    import os

    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, *args],
        env={**env, **ENV, **overrides},
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_has_no_security_warning():
    process = run("manage.py", "check", "--deploy")
    assert process.returncode == 0, process.stderr
    assert "security." not in process.stdout + process.stderr


def test_security_headers_in_production():
    process = run("-c", HEADERS)
    assert process.returncode == 0, process.stderr
    headers = json.loads(process.stdout.strip().splitlines()[-1])
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in headers["Permissions-Policy"]


def test_plain_http_is_redirected_to_https():
    script = HEADERS.replace("secure=True", "secure=False").replace(
        "dict(response.headers)", "[response.status_code, response.headers.get('Location')]"
    )
    process = run("-c", script)
    status, location = json.loads(process.stdout.strip().splitlines()[-1])
    assert status == 301 and location == "https://kecamatan.example.go.id/pengumuman/"


def test_a_short_personal_data_hash_key_is_refused():
    """A guessable HMAC key would let anyone with a copy of the database try every phone
    number against the look-up hashes: production stops at import, saying how to make one."""
    process = run("manage.py", "check", DJANGO_PERSONAL_DATA_HASH_KEY="k" * 31)
    assert process.returncode != 0
    assert "ImproperlyConfigured" in process.stderr
    assert "DJANGO_PERSONAL_DATA_HASH_KEY must be at least 32 characters" in process.stderr
    assert "secrets.token_urlsafe(50)" in process.stderr

    assert run("manage.py", "check", DJANGO_PERSONAL_DATA_HASH_KEY="k" * 40).returncode != 0
    good = "a-random-key-of-exactly-32-chars"
    assert len(good) == 32
    assert run("manage.py", "check", DJANGO_PERSONAL_DATA_HASH_KEY=good).returncode == 0


def test_production_refuses_the_demo_passwords_for_every_account():
    script = (
        "import django; django.setup()\n"
        "from django.contrib.auth.password_validation import validate_password\n"
        "from django.core.exceptions import ValidationError\n"
        "try:\n"
        "    validate_password('petugas-demo-2026')\n"
        "    print('accepted')\n"
        "except ValidationError as error:\n"
        "    print([e.code for e in error.error_list])\n"
    )
    process = run("-c", script)
    assert process.returncode == 0, process.stderr
    assert "published_password" in process.stdout
