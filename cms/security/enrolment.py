"""Enrolment codes: pairing an authenticator app needs a code an admin gave the account's owner.

Without them, whoever learnt the password of an account that had not set up two-factor sign-in
yet (a new colleague's, or one just reset) could pair their own app first. A code is:

- issued for one account by an admin who may reset its two-factor sign-in (Settings →
  Two-factor sign-in), by a reset itself, or on the command line (`manage.py enrolment_code`,
  `manage.py createsuperuser`);
- shown once, to the one who issued it; only a password hash of it is kept;
- single-use and valid for ENROLMENT_HOURS; issuing a new one ends the old one;
- spent after MAX_WRONG_TRIES wrong tries (someone is guessing: the password is known);
- logged in Wagtail's log when issued, used and spent.
"""

import secrets
from datetime import timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.log_actions import log

from .models import EnrolmentCode

ENROLMENT_HOURS = 72  # from Friday afternoon to Monday afternoon
MAX_WRONG_TRIES = 5
# Read aloud or over the phone: no 0/O, 1/I/L; typed in any case, with or without the dashes.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
LENGTH = 12  # 31**12, about 2**59: no guessing in 5 tries, nor offline from the hash

ISSUE_ACTION = "security.issue_enrolment_code"
ENROL_ACTION = "security.enrol_two_factor"
SPENT_ACTION = "security.enrolment_code_spent"


def _normalise(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()


def enrolment_code_issue(*, user, by=None) -> tuple[str, EnrolmentCode]:
    """Give `user` a new enrolment code (any older one stops working); return the code, to
    show once, and its record. `by` is the admin, None on the command line."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
    now = timezone.now()
    with transaction.atomic():
        EnrolmentCode.objects.filter(user=user).delete()
        record = EnrolmentCode.objects.create(
            user=user,
            code_hash=make_password(raw),
            issued_at=now,
            expires_at=now + timedelta(hours=ENROLMENT_HOURS),
            issued_by=by,
        )
        log(
            instance=user,
            action=ISSUE_ACTION,
            user=by,
            data={"expires_at": record.expires_at.isoformat()},
        )
    return "-".join(raw[i : i + 4] for i in range(0, LENGTH, 4)), record


def enrolment_code_live(user) -> EnrolmentCode | None:
    """Return `user`'s enrolment code if one is still valid."""
    return EnrolmentCode.objects.filter(user=user, expires_at__gt=timezone.now()).first()


def enrolment_code_check(*, user, code: str) -> EnrolmentCode | None:
    """Return `user`'s live code record if `code` is it; else count a wrong try (the code is
    spent, and the spending logged, at MAX_WRONG_TRIES) and return None."""
    record = enrolment_code_live(user)
    if record is None:
        return None
    if check_password(_normalise(code), record.code_hash):
        return record
    EnrolmentCode.objects.filter(pk=record.pk).update(wrong_tries=F("wrong_tries") + 1)
    spent = EnrolmentCode.objects.filter(pk=record.pk, wrong_tries__gte=MAX_WRONG_TRIES)
    if spent.delete()[0]:
        # record.user, not `user`: Wagtail's log skips request.user (a lazy object) silently.
        log(instance=record.user, action=SPENT_ACTION, user=record.user)
    return None


def enrolment_code_use(*, record: EnrolmentCode) -> bool:
    """Spend `record` on a completed enrolment; False if it was no longer valid (expired,
    replaced, or used by another session meanwhile)."""
    live = EnrolmentCode.objects.filter(pk=record.pk, expires_at__gt=timezone.now())
    if not live.delete()[0]:
        return False
    log(instance=record.user, action=ENROL_ACTION, user=record.user)
    return True


def enrolment_code_console(user, code: str, record: EnrolmentCode) -> list[str]:
    """Return the lines a command prints for an enrolment code issued on the command line."""
    until = timezone.localtime(record.expires_at).strftime("%Y-%m-%d %H:%M %Z")
    return [
        f"Two-factor enrolment code for {user.get_username()}: {code}",
        f"  Valid once, until {until}. Shown only now: keep it to yourself, or give it to",
        "  that person only. After the password, /admin/2fa/setup/ asks for it, then pairs an",
        "  authenticator app. A new one: manage.py enrolment_code <user name>.",
    ]
