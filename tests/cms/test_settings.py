"""Settings read the environment: each case runs in a fresh interpreter, as a server would."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]

PRINT_SETTINGS = """
import json
from django.conf import settings as s
print(json.dumps({
    "engine": s.DATABASES["default"]["ENGINE"],
    "db_name": str(s.DATABASES["default"]["NAME"]),
    "db_host": s.DATABASES["default"].get("HOST", ""),
    "cache": s.CACHES["default"]["BACKEND"],
    "cache_location": s.CACHES["default"].get("LOCATION", ""),
    "search": s.WAGTAILSEARCH_BACKENDS["default"],
    "language": s.LANGUAGE_CODE,
    "languages": [code for code, _name in s.LANGUAGES],
    "time_zone": s.TIME_ZONE,
    "debug": s.DEBUG,
}))
"""


def run_settings(module: str, **env: str) -> subprocess.CompletedProcess:
    """Import `module` in a new interpreter with only `env` configured; return the process."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env={**clean, "DJANGO_SETTINGS_MODULE": module, **env},
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_of(module: str, **env: str) -> dict:
    process = run_settings(module, **env)
    assert process.returncode == 0, process.stderr
    return json.loads(process.stdout)


def test_sqlite_is_the_default_database():
    values = settings_of("cms.settings.dev")

    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["db_name"] == str(PROJECT / "db.sqlite3")
    assert "SEARCH_CONFIG" not in values["search"]


def test_database_url_switches_to_postgresql_with_indonesian_search():
    values = settings_of(
        "cms.settings.dev", DATABASE_URL="postgres://layanan:rahasia@db.example:5432/layanan"
    )

    assert values["engine"] == "django.db.backends.postgresql"
    assert values["db_name"] == "layanan"
    assert values["db_host"] == "db.example"
    assert values["search"]["SEARCH_CONFIG"] == "indonesian"


def test_local_memory_cache_is_the_default():
    assert settings_of("cms.settings.dev")["cache"] == (
        "django.core.cache.backends.locmem.LocMemCache"
    )


def test_redis_url_switches_the_cache_to_redis():
    values = settings_of("cms.settings.dev", REDIS_URL="redis://127.0.0.1:6379/3")

    assert values["cache"] == "django_redis.cache.RedisCache"
    assert values["cache_location"] == "redis://127.0.0.1:6379/3"


@pytest.mark.parametrize(
    "missing, present",
    [
        ("DJANGO_SECRET_KEY", {"DJANGO_ALLOWED_HOSTS": "kecamatan.example.go.id"}),
        ("DJANGO_ALLOWED_HOSTS", {"DJANGO_SECRET_KEY": "a-long-random-production-key"}),
        (
            "DJANGO_PERSONAL_DATA_KEYS",
            {
                "DJANGO_SECRET_KEY": "a-long-random-production-key",
                "DJANGO_ALLOWED_HOSTS": "kecamatan.example.go.id",
                "DJANGO_PERSONAL_DATA_HASH_KEY": "a-long-random-hash-key-for-the-settings-test",
            },
        ),
        (
            "DJANGO_PERSONAL_DATA_HASH_KEY",
            {
                "DJANGO_SECRET_KEY": "a-long-random-production-key",
                "DJANGO_ALLOWED_HOSTS": "kecamatan.example.go.id",
                "DJANGO_PERSONAL_DATA_KEYS": "ZGV2LW9ubHktbm90LXNlY3JldC1wZXJzb25hbC1kYXQ=",
            },
        ),
    ],
)
def test_production_refuses_to_start_without(missing, present):
    process = run_settings("cms.settings.production", **present)

    assert process.returncode != 0
    assert "ImproperlyConfigured" in process.stderr
    assert f"{missing} must be set in production." in process.stderr


def test_production_starts_with_a_key_and_hosts():
    values = settings_of(
        "cms.settings.production",
        DJANGO_SECRET_KEY="a-long-random-production-key",
        DJANGO_ALLOWED_HOSTS="kecamatan.example.go.id",
        DJANGO_PERSONAL_DATA_KEYS="ZGV2LW9ubHktbm90LXNlY3JldC1wZXJzb25hbC1kYXQ=",
        DJANGO_PERSONAL_DATA_HASH_KEY="a-long-random-hash-key-for-the-settings-test",
        DJANGO_DEBUG="true",
    )

    assert values["debug"] is False  # production never runs with debug pages


PRODUCTION = {
    "DJANGO_SECRET_KEY": "a-long-random-production-key",
    "DJANGO_ALLOWED_HOSTS": "kecamatan.example.go.id",
    "DJANGO_PERSONAL_DATA_KEYS": "ZGV2LW9ubHktbm90LXNlY3JldC1wZXJzb25hbC1kYXQ=",
    "DJANGO_PERSONAL_DATA_HASH_KEY": "a-long-random-hash-key-for-the-settings-test",
}
CLUSTER = {
    "DJANGO_APP_SERVERS": "2",
    "DATABASE_URL": "postgres://layanan@10.0.0.2:5432/layanan",
    "REDIS_URL": "redis://10.0.0.3:6379/0",
    "DJANGO_MEDIA_S3_BUCKET": "media",
    "DJANGO_MEDIA_S3_PRIVATE_BUCKET": "media-private",
    "DJANGO_TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
}


@pytest.mark.parametrize(
    "left_out", ["DATABASE_URL", "REDIS_URL", "DJANGO_MEDIA_S3_BUCKET", "DJANGO_TASKS_BACKEND"]
)
def test_several_app_servers_refuse_to_start_with_state_on_one(left_out):
    env = {**PRODUCTION, **CLUSTER}
    del env[left_out]
    process = run_settings("cms.settings.production", **env)

    assert process.returncode != 0
    assert "ImproperlyConfigured" in process.stderr
    assert f"{left_out} must" in process.stderr


def test_several_app_servers_start_with_shared_state():
    values = settings_of("cms.settings.production", **PRODUCTION, **CLUSTER)
    assert values["cache"] == "django_redis.cache.RedisCache"


def test_indonesian_first_and_the_kecamatans_time_zone():
    values = settings_of("cms.settings.dev")

    assert values["language"] == "id"
    assert values["languages"] == ["id", "en"]
    assert values["time_zone"] == "Asia/Jakarta"


def test_time_zone_comes_from_the_environment():
    assert settings_of("cms.settings.dev", DJANGO_TIME_ZONE="Asia/Makassar")["time_zone"] == (
        "Asia/Makassar"
    )


def test_a_malformed_boolean_stops_the_start():
    process = run_settings("cms.settings.dev", DJANGO_DEBUG="kadang")

    assert process.returncode != 0
    assert "DJANGO_DEBUG must be true or false" in process.stderr


def test_the_test_settings_use_a_throwaway_media_folder(settings):
    assert settings.LANGUAGE_CODE == "id"
    assert str(settings.MEDIA_ROOT) != str(PROJECT / "media")
