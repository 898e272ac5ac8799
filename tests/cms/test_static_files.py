"""Production static files: hashed names, brotli and gzip copies, served immutable by WhiteNoise.

Runs `collectstatic` with the production settings into a temporary folder, then serves from
that folder through WhiteNoise in a fresh interpreter, as gunicorn would.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

PROJECT = Path(__file__).resolve().parents[2]
IGNORE = [
    f"--ignore={name}" for name in ("admin", "rest_framework", "drf_spectacular*", "wagtail*")
]

SERVE = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.templatetags.static import static
client = Client()
url = static("css/site.css")
answers = {}
for encoding in ("br", "gzip", ""):
    r = client.get(url, headers={"accept-encoding": encoding} if encoding else {})
    body = b"".join(r.streaming_content) if r.streaming else r.content
    answers[encoding or "identity"] = {
        "status": r.status_code,
        "encoding": r.get("Content-Encoding", ""),
        "cache_control": r.get("Cache-Control", ""),
        "vary": r.get("Vary", ""),
        "length": len(body),
    }
print(json.dumps({"url": url, "answers": answers}))
"""


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": "static-files-test-" + "x" * 40,
        "DJANGO_PERSONAL_DATA_KEYS": Fernet.generate_key().decode(),
        "DJANGO_PERSONAL_DATA_HASH_KEY": "static-files-test-hash-key-" + "y" * 20,
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "DJANGO_STATIC_ROOT": str(root),
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{root / 'unused.sqlite3'}",
    }
    subprocess.run(
        # Only our own files: compressing Wagtail's admin and Swagger UI takes minutes.
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0", *IGNORE],
        cwd=PROJECT,
        env=env,
        check=True,
        capture_output=True,
    )
    return root, env


def test_collectstatic_writes_hashed_brotli_and_gzip_copies(collected):
    root, _env = collected
    hashed = [
        p for p in (root / "css").iterdir() if re.fullmatch(r"site\.[0-9a-f]{12}\.css", p.name)
    ]
    assert len(hashed) == 1
    css = hashed[0]
    assert css.with_name(css.name + ".br").stat().st_size < css.stat().st_size
    assert css.with_name(css.name + ".gz").stat().st_size < css.stat().st_size
    js = [p for p in (root / "js").iterdir() if re.fullmatch(r"site\.[0-9a-f]{12}\.js\.br", p.name)]
    assert js


def test_whitenoise_serves_them_compressed_and_immutable(collected):
    import json

    _root, env = collected
    result = subprocess.run(
        [sys.executable, "-c", SERVE], cwd=PROJECT, env=env, check=True, capture_output=True
    )
    served = json.loads(result.stdout)
    assert re.fullmatch(r"/static/css/site\.[0-9a-f]{12}\.css", served["url"])
    answers = served["answers"]
    assert answers["br"]["encoding"] == "br"
    assert answers["gzip"]["encoding"] == "gzip"
    assert answers["identity"]["encoding"] == ""
    assert answers["br"]["length"] < answers["gzip"]["length"] < answers["identity"]["length"]
    for answer in answers.values():
        assert answer["status"] == 200
        assert "immutable" in answer["cache_control"]
        assert "max-age=315360000" in answer["cache_control"]
        assert "Accept-Encoding" in answer["vary"]
