"""A test client whose force_login also passes the second factor (cms/security).

Staff must verify a device after their password (cms.security.twofactor); tests that are
about something else sign in with `client.force_login(user)` and get a verified session, as
after a real two-factor sign-in. Tests of the enforcement itself use `unverified_client`.
"""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def verify_session(client: Client, user) -> None:
    """Mark the client's session as verified by a confirmed device of `user`."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


class VerifiedClient(Client):
    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        verify_session(self, user)
