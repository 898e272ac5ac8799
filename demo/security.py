"""Two-factor sign-in for the demo staff accounts of `manage.py load_demo`.

Development and tests only (settings.DEMO_KNOWN_TOTP, never set in production): the demo users
get an authenticator device with a fixed, published key so a newcomer can sign in from the
console output alone, and fresh backup codes on every run.
"""

from base64 import b32encode

from django.conf import settings
from django.contrib.auth import get_user_model
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms.security.twofactor import new_backup_codes

# Public on purpose: the demo's published key (hex, 20 bytes). Never use outside the demo.
DEMO_TOTP_KEY = "4c61796616e616e204b6563616d6174616e2121".rjust(40, "0")
DEMO_DEVICE_NAME = "demo"


def demo_secret() -> str:
    return b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()


def ensure_demo_two_factor(usernames) -> list[str]:
    """Give each demo user the known device and 2 fresh backup codes; return console lines."""
    if not getattr(settings, "DEMO_KNOWN_TOTP", False):
        return [
            "  Two-factor sign-in: each account sets up an authenticator app at its first",
            "  sign-in with an enrolment code: manage.py enrolment_code <user name>.",
        ]
    lines = [
        "  Two-factor sign-in (demo only): add this key to an authenticator app",
        f"  (FreeOTP, Aegis, Google Authenticator: 'enter a setup key'): {demo_secret()}",
        "  or use one of these one-time backup codes after the password:",
    ]
    users = get_user_model().objects.filter(username__in=usernames).order_by("username")
    for user in users:
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(
                user=user, name=DEMO_DEVICE_NAME, key=DEMO_TOTP_KEY, confirmed=True
            )
        codes = new_backup_codes(user)[:2]
        lines.append(f"    {user.username}: {'  '.join(codes)}")
    return lines
