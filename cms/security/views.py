"""Pages of the staff second factor: set-up with a QR code, code entry, backup codes, reset."""

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from .twofactor import is_verified, new_backup_codes, reset_devices

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
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            codes = new_backup_codes(user)
            return TemplateResponse(
                request,
                "security/backup_codes.html",
                {"codes": codes, "next": _next_url(request), "first_time": True},
            )
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
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
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


def _may_reset(user) -> bool:
    return user.is_superuser or user.has_perm("auth.change_user")


@never_cache
@login_required(login_url="wagtailadmin_login")
def staff_devices(request):
    """Admins: who has set up two-factor sign-in; reset a colleague who lost their phone."""
    if not _may_reset(request.user):
        raise PermissionDenied
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(
            totp=Count("totpdevice", filter=Q(totpdevice__confirmed=True), distinct=True),
        )
        .order_by("username")
    )
    return TemplateResponse(request, "security/staff_devices.html", {"users": users})


@require_POST
@login_required(login_url="wagtailadmin_login")
def reset(request, user_id: int):
    if not _may_reset(request.user):
        raise PermissionDenied
    colleague = get_object_or_404(get_user_model(), pk=user_id)
    reset_devices(colleague)
    messages.success(
        request,
        _("Two-factor sign-in of %(user)s was reset; they set it up again at their next sign-in.")
        % {"user": colleague.get_username()},
    )
    return redirect("security:staff-devices")
