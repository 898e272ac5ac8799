"""The VAPID key pair (RFC 8292) that signs every push and that browsers subscribe against.

Production reads the private key from DJANGO_VAPID_PRIVATE_KEY (`manage.py vapid_keys` makes a
pair) and has no push without it (the deploy check push.E001, docs/push.md). Development and
tests make their own once and keep it in VAPID_DEV_KEY_FILE, outside the repository, so phones
subscribed to a dev server stay subscribed across restarts. The public key is derived.
"""

import base64
import os
from functools import lru_cache
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from py_vapid import Vapid


class PushNotConfigured(Exception):
    """No VAPID private key: push is off (production without DJANGO_VAPID_PRIVATE_KEY)."""


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def vapid_pair_new() -> tuple[str, str]:
    """Return a fresh (private key, public key), both base64url: the private key as its raw
    32-byte number, the public one as the uncompressed point browsers take."""
    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    return b64url(private), public_key_of(b64url(private))


def public_key_of(private_key: str) -> str:
    """Return the application server key (base64url uncompressed point) of a private key."""
    public = Vapid.from_string(private_key).public_key
    return b64url(
        public.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
    )


def _dev_key(path: Path) -> str:
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    private, _public = vapid_pair_new()
    # Made readable by its owner only: whoever has it can push to every subscribed phone.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(private + "\n")
    return private


@lru_cache(maxsize=4)
def _private_key(configured: str, dev_file: str) -> str:
    if configured:
        return configured.strip()
    if dev_file:
        try:
            return _dev_key(Path(dev_file))
        except FileExistsError:  # another process made it in the meantime
            return Path(dev_file).read_text().strip()
    raise PushNotConfigured("DJANGO_VAPID_PRIVATE_KEY is not set.")


def vapid_private_key() -> str:
    """Return the private key (base64url); raise PushNotConfigured when there is none."""
    return _private_key(settings.VAPID_PRIVATE_KEY, str(settings.VAPID_DEV_KEY_FILE or ""))


def vapid_public_key() -> str:
    """Return the public key browsers subscribe with; raise PushNotConfigured without a key."""
    return _public_key(vapid_private_key())


@lru_cache(maxsize=4)
def _public_key(private_key: str) -> str:
    return public_key_of(private_key)
