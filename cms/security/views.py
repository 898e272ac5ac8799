"""Pages of the staff second factor: set-up with a QR code, code entry, backup codes, reset."""

import math

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from .twofactor import is_verified, new_backup_codes, reset_devices
from .users import may_manage

TOTP_DEVICE_NAME = "authenticator"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return self.cleaned_data["token"].replace(" ", "").strip()


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


def wait_seconds(devices) -> int:
    """Seconds until django-otp lets these devices verify again (0: not throttled now).

    While a device is throttled after wrong codes, django-otp refuses to check any code on it,
    even the right one: the page must say "wait", not "wrong"."""
    now = timezone.now()
    wait = 0
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            wait = max(wait, math.ceil((data["locked_until"] - now).total_seconds()))
    return wait


def _wait_error(seconds: int) -> str:
    return ngettext(
        "Too many wrong codes. Wait %(seconds)d second, then try again.",
        "Too many wrong codes. Wait %(seconds)d seconds, then try again.",
        seconds,
    ) % {"seconds": seconds}


def qr_svg(data: str) -> str:
    """The QR code as inline SVG markup, made here: the secret never leaves the server."""
    return segno.make(data, error="m").svg_inline(scale=5, title=_("Set-up code"))


@never_cache
@login_required(login_url="wagtailadmin_login")
def setup(request):
    """Pair an authenticator app: scan the QR code, type the code it shows."""
    user = request.user
    if user_has_device(user):
        # A confirmed device already exists: adding another needs it (reset by an admin).
        return redirect(f"{reverse('security:verify')}?next={_next_url(request)}")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = wait_seconds([device])
        if wait:
            form.add_error("token", _wait_error(wait))
        elif device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            codes = new_backup_codes(user)
            return TemplateResponse(
                request,
                "security/backup_codes.html",
                {"codes": codes, "next": _next_url(request), "first_time": True},
            )
        else:
            form.add_error("token", _("That code is not right. Check the clock of your phone."))
    return TemplateResponse(
        request,
        "security/setup.html",
        {
            "form": form,
            "qr": mark_safe(qr_svg(device.config_url)),  # noqa: S308 -- segno's own markup
            "secret": _spaced(device),
            "next": _next_url(request),
        },
    )


def _spaced(device) -> str:
    from base64 import b32encode

    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@never_cache
@login_required(login_url="wagtailadmin_login")
def verify(request):
    """Second step of signing in: a code from the app or one backup code."""
    user = request.user
    if is_verified(user):
        return redirect(_next_url(request))
    if not user_has_device(user):
        return redirect(f"{reverse('security:setup')}?next={_next_url(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # Measured before trying: a wrong code throttles the devices it was tried on.
        wait = wait_seconds(devices_for_user(user))
        # A throttled device checks nothing; a backup code may still match another device.
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        if wait:
            form.add_error("token", _wait_error(wait))
        else:
            form.add_error("token", _("That code is not right or has already been used."))
    return TemplateResponse(
        request, "security/verify.html", {"form": form, "next": _next_url(request)}
    )


@never_cache
@login_required(login_url="wagtailadmin_login")
def backup_codes(request):
    """A verified user makes a new set of backup codes (the old ones stop working)."""
    if request.method == "POST":
        codes = new_backup_codes(request.user)
        return TemplateResponse(
            request,
            "security/backup_codes.html",
            {"codes": codes, "next": reverse("wagtailadmin_home"), "first_time": False},
        )
    return TemplateResponse(request, "security/backup_codes_confirm.html", {})


RESET_ACTION = "security.reset_two_factor"


def _may_reset(user) -> bool:
    return user.is_superuser or user.has_perm("auth.change_user")


def _last_resets(users) -> dict[str, ModelLogEntry]:
    """The latest two-factor reset of each of `users` (Wagtail's log), by user id as text."""
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(get_user_model()),
        action=RESET_ACTION,
        object_id__in=[str(u.pk) for u in users],
    ).select_related("user")
    latest = {}
    for entry in entries.order_by("timestamp"):
        latest[entry.object_id] = entry
    return latest


@never_cache
@login_required(login_url="wagtailadmin_login")
def staff_devices(request):
    """Admins: who has set up two-factor sign-in; reset a colleague who lost their phone."""
    if not _may_reset(request.user):
        raise PermissionDenied
    users = list(
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(
            totp=Count("totpdevice", filter=Q(totpdevice__confirmed=True), distinct=True),
        )
        .order_by("username")
    )
    resets = _last_resets(users)
    for staff in users:
        staff.may_reset = may_manage(request.user, staff)
        staff.last_reset = resets.get(str(staff.pk))
    return TemplateResponse(request, "security/staff_devices.html", {"users": users})


@never_cache
@login_required(login_url="wagtailadmin_login")
def reset(request, user_id: int):
    """Confirm (GET), then remove a colleague's second factor (POST) and log who did it."""
    if not _may_reset(request.user):
        raise PermissionDenied
    colleague = get_object_or_404(get_user_model(), pk=user_id)
    if not may_manage(request.user, colleague):
        raise PermissionDenied
    name = colleague.get_full_name() or colleague.get_username()
    if request.method == "POST":
        with transaction.atomic():
            reset_devices(colleague)
            log(instance=colleague, action=RESET_ACTION, user=request.user)
        messages.success(
            request,
            _(
                "Two-factor sign-in of %(user)s was reset; they set it up again at their next "
                "sign-in."
            )
            % {"user": name},
        )
        return redirect("security:staff-devices")
    return TemplateResponse(
        request, "security/reset_confirm.html", {"colleague": colleague, "name": name}
    )
