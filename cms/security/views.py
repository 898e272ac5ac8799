"""Pages of the staff second factor: set-up (enrolment code, then a QR code), code entry, backup
codes, and for admins the staff list, enrolment codes and resets."""

import math

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from .enrolment import (
    ENROLMENT_HOURS,
    enrolment_code_check,
    enrolment_code_issue,
    enrolment_code_live,
    enrolment_code_use,
)
from .models import EnrolmentCode
from .twofactor import is_verified, new_backup_codes, reset_devices
from .users import may_manage

TOTP_DEVICE_NAME = "authenticator"
# The enrolment code this session gave (its record's id): the QR code is shown only then.
ENROLMENT_SESSION_KEY = "security_enrolment_code"


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        # Backup codes are stored in lower case; a code copied with spaces or dashes still counts.
        return self.cleaned_data["token"].replace(" ", "").replace("-", "").strip().lower()


class EnrolmentForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Enrolment code"),
        max_length=32,
        help_text=gettext_lazy("12 letters and digits, for example ABCD-EFGH-JKMN."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "autofocus": True}
        ),
    )


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


def _session_enrolment(request) -> EnrolmentCode | None:
    """Return the live enrolment code this session gave for its user, or None."""
    record = enrolment_code_live(request.user)
    if record is None or request.session.get(ENROLMENT_SESSION_KEY) != record.pk:
        return None
    return record


def _enrolment_step(request):
    """Step 1 of the set-up: the enrolment code an admin gave. Nothing of the app's key is
    shown, nor a device made, before it."""
    form = EnrolmentForm(request.POST if "code" in request.POST else None)
    if form.is_valid():
        record = enrolment_code_check(user=request.user, code=form.cleaned_data["code"])
        if record is not None:
            with transaction.atomic():
                # A fresh key, seen by this session only: never a device set up earlier.
                TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
                TOTPDevice.objects.create(user=request.user, name=TOTP_DEVICE_NAME, confirmed=False)
            request.session.cycle_key()
            request.session[ENROLMENT_SESSION_KEY] = record.pk
            return redirect(
                f"{reverse('security:setup')}?{urlencode({'next': _next_url(request)})}"
            )
        form.add_error(
            "code",
            _(
                "That enrolment code is not right, has expired or was replaced by a newer one. "
                "Ask an administrator for a new one."
            ),
        )
    return TemplateResponse(
        request,
        "security/enrol.html",
        {"form": form, "next": _next_url(request), "hours": ENROLMENT_HOURS},
    )


@never_cache
@login_required(login_url="wagtailadmin_login")
def setup(request):
    """Pair an authenticator app: the enrolment code from an admin, then scan the QR code and
    type the code the app shows."""
    user = request.user
    if user_has_device(user):
        # A confirmed device already exists: adding another needs it (reset by an admin).
        return redirect(f"{reverse('security:verify')}?next={_next_url(request)}")
    record = _session_enrolment(request)
    if record is None:
        return _enrolment_step(request)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = wait_seconds([device])
        if wait:
            form.add_error("token", _wait_error(wait))
        elif device.verify_token(form.cleaned_data["token"]):
            with transaction.atomic():
                if not enrolment_code_use(record=record):
                    return _enrolment_expired(request)
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            request.session.pop(ENROLMENT_SESSION_KEY, None)
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
            "expires_at": record.expires_at,
        },
    )


def _enrolment_expired(request):
    request.session.pop(ENROLMENT_SESSION_KEY, None)
    messages.error(
        request,
        _(
            "The enrolment code expired or was replaced meanwhile. Ask an administrator for a "
            "new one."
        ),
    )
    return redirect(f"{reverse('security:setup')}?{urlencode({'next': _next_url(request)})}")


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


def may_reset(user) -> bool:
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
    if not may_reset(request.user):
        raise PermissionDenied
    users = list(
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(
            totp=Count("totpdevice", filter=Q(totpdevice__confirmed=True), distinct=True),
            code_expires_at=Subquery(
                EnrolmentCode.objects.filter(
                    user=OuterRef("pk"), expires_at__gt=timezone.now()
                ).values("expires_at")[:1]
            ),
        )
        .order_by("username")
    )
    resets = _last_resets(users)
    for staff in users:
        staff.may_reset = may_manage(request.user, staff)
        staff.last_reset = resets.get(str(staff.pk))
    return TemplateResponse(request, "security/staff_devices.html", {"users": users})


def _colleague_for(request, user_id: int):
    """Return the account `user_id` if the signed-in admin may manage its second factor."""
    if not may_reset(request.user):
        raise PermissionDenied
    colleague = get_object_or_404(get_user_model(), pk=user_id)
    if not may_manage(request.user, colleague):
        raise PermissionDenied
    return colleague, colleague.get_full_name() or colleague.get_username()


def _issued(request, colleague, name):
    """Issue an enrolment code for `colleague` and show it, once."""
    code, record = enrolment_code_issue(user=colleague, by=request.user)
    return TemplateResponse(
        request,
        "security/enrolment_code.html",
        {"colleague": colleague, "name": name, "code": code, "expires_at": record.expires_at},
    )


@never_cache
@login_required(login_url="wagtailadmin_login")
def reset(request, user_id: int):
    """Confirm (GET), then remove a colleague's second factor (POST), log who did it and show
    the enrolment code they need to set it up again."""
    colleague, name = _colleague_for(request, user_id)
    if request.method == "POST":
        with transaction.atomic():
            reset_devices(colleague)
            log(instance=colleague, action=RESET_ACTION, user=request.user)
        messages.success(
            request,
            _(
                "Two-factor sign-in of %(user)s was reset; they set it up again at their next "
                "sign-in, with the enrolment code below."
            )
            % {"user": name},
        )
        return _issued(request, colleague, name)
    return TemplateResponse(
        request, "security/reset_confirm.html", {"colleague": colleague, "name": name}
    )


@never_cache
@login_required(login_url="wagtailadmin_login")
def enrolment_code(request, user_id: int):
    """Confirm (GET), then issue (POST) the enrolment code of a colleague who has not set up
    two-factor sign-in yet (a new account); shown once."""
    colleague, name = _colleague_for(request, user_id)
    if TOTPDevice.objects.filter(user=colleague, confirmed=True).exists():
        messages.error(
            request,
            _("%(user)s has already set up two-factor sign-in: reset it first.") % {"user": name},
        )
        return redirect("security:staff-devices")
    if request.method == "POST":
        return _issued(request, colleague, name)
    return TemplateResponse(
        request,
        "security/enrolment_code.html",
        {"colleague": colleague, "name": name, "live": enrolment_code_live(colleague)},
    )
