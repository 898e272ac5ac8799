"""Two-factor sign-in for staff (django-otp): TOTP apps plus one-time backup codes.

Every account that can sign in is a staff account (residents never sign in), so every
signed-in user must be verified by a device before anything that needs an account works:
- under /admin/ an unverified user is sent to the set-up page (no confirmed device yet)
  or to the code page (device confirmed, not yet used in this session);
- elsewhere (photo view, page previews, the API) an unverified user counts as anonymous.
"""

import secrets

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_DEVICE_NAME = "backup"
BACKUP_CODE_COUNT = 10
# Read off paper and typed again: no 0/o, 1/l/i look-alikes (django-otp's own tokens, base32,
# have o, l and i). 31 symbols, 10 of them: about 50 bits, as django-otp's 40-bit tokens.
BACKUP_CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
BACKUP_CODE_LENGTH = 10


def backup_code_new() -> str:
    """Return one random backup code made only of characters that cannot be misread."""
    return "".join(secrets.choice(BACKUP_CODE_ALPHABET) for _ in range(BACKUP_CODE_LENGTH))


# Reachable under /admin/ before the second factor: signing in and out, the 2FA pages
# themselves and the admin's translation catalogue and icons they load.
OPEN_ADMIN_PATHS = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/password_reset/",
    "/admin/2fa/setup/",
    "/admin/2fa/verify/",
    "/admin/jsi18n/",
    "/admin/sprite/",  # the icons, as on the sign-in page
)


def is_verified(user) -> bool:
    return bool(getattr(user, "is_verified", None) and user.is_verified())


def new_backup_codes(user) -> list[str]:
    """Replace the user's backup codes with a fresh set and return them (shown once)."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [backup_code_new() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def reset_devices(user) -> int:
    """Remove every second-factor device of `user`: they must set up 2FA again."""
    deleted = TOTPDevice.objects.filter(user=user).delete()[0]
    deleted += StaticDevice.objects.filter(user=user).delete()[0]
    return deleted


class StaffTwoFactorMiddleware:
    """Enforce the second factor; install after django_otp.middleware.OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/api/"):
            # The API signs nobody in (no session authentication): leave request.user unread,
            # so answers do not vary by cookie and shared caches may keep them.
            return self.get_response(request)
        user = request.user
        if user.is_authenticated and not is_verified(user):
            path = request.path_info
            if path.startswith("/admin/"):
                if not path.startswith(OPEN_ADMIN_PATHS):
                    return self._redirect(request, user)
            elif not path.startswith(settings.STATIC_URL):
                # Outside the admin nothing may rely on the half-signed-in account.
                request.user = AnonymousUser()
        return self.get_response(request)

    @staticmethod
    def _redirect(request, user):
        name = "security:verify" if user_has_device(user) else "security:setup"
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse(name)}?{query}")
