"""Demo staff (published passwords) never reach a production database by accident:
load_demo refuses production settings unless forced, `check --deploy` errors on demo accounts,
and production refuses the published passwords for anyone."""

import pytest
from django.contrib.auth import get_user_model
from django.core import checks
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from cms.security.checks import (
    CHECK_ID,
    PUBLISHED_DEMO_ACCOUNTS,
    PublishedPasswordValidator,
    check_demo_accounts,
)

pytestmark = pytest.mark.django_db


def errors_for_demo_accounts():
    return [m for m in checks.run_checks(include_deployment_checks=True) if m.id == CHECK_ID]


def test_load_demo_refuses_production_settings(settings):
    """Production settings lack the dev and test settings' DEMO_KNOWN_TOTP."""
    del settings.DEMO_KNOWN_TOTP
    users = get_user_model().objects.count()

    with pytest.raises(CommandError) as refused:
        call_command("load_demo", verbosity=0)

    assert "--unsafe-create-staff-with-published-passwords" in str(refused.value)
    assert get_user_model().objects.count() == users


def test_the_unsafe_flag_is_explained_in_the_help(capsys):
    with pytest.raises(SystemExit):
        call_command("load_demo", "--help")
    help_text = " ".join(capsys.readouterr().out.split())
    assert "--unsafe-create-staff-with-published-passwords" in help_text
    assert "published in the README" in help_text and "UNSAFE" in help_text


def test_the_published_passwords_are_the_demos():
    """The check knows the demo's accounts without importing the demo package (it must run
    where the demo is not installed): the two lists stay the same."""
    from demo.complaints import OFFICER_PASSWORD, OFFICER_USERNAME
    from demo.pages.loader import STAFF_PASSWORD, STAFF_USERNAME

    assert PUBLISHED_DEMO_ACCOUNTS == {
        STAFF_USERNAME: STAFF_PASSWORD,
        OFFICER_USERNAME: OFFICER_PASSWORD,
    }


def test_no_error_without_demo_accounts(boss, officer):
    assert errors_for_demo_accounts() == []


def test_the_demo_staff_fail_the_deploy_check(django_user_model):
    """As load_demo makes them: a superuser and an officer on the demo's e-mail domain."""
    django_user_model.objects.create_superuser(
        "staf", "staf.sukamaju@sumbermakmurkab.go.id", "staf-demo-2026"
    )
    officer = django_user_model.objects.create_user(
        "petugas", "petugas.pengaduan@sumbermakmurkab.go.id", "petugas-demo-2026"
    )

    errors = errors_for_demo_accounts()

    assert [e.level for e in errors] == [checks.ERROR, checks.ERROR]
    assert "'petugas'" in errors[0].msg and "'staf'" in errors[1].msg
    # A new password does not make a demo account a real one.
    officer.set_password("sebuah-kata-sandi-baru-yang-panjang")
    officer.save()
    assert len(errors_for_demo_accounts()) == 2


@pytest.mark.parametrize("username", ["staf", "camat"])
def test_a_published_password_fails_the_deploy_check(django_user_model, username):
    """The demo's user name with its password, or a superuser given a published password."""
    django_user_model.objects.create_superuser(username, f"{username}@kecamatan.id", "x")
    user = django_user_model.objects.get(username=username)
    user.set_password(PUBLISHED_DEMO_ACCOUNTS["staf"])
    user.save()

    [error] = errors_for_demo_accounts()

    assert f"'{username}'" in error.msg and "published" in error.msg
    assert "changepassword" in error.hint


def test_a_real_account_named_like_the_demo_passes(django_user_model):
    django_user_model.objects.create_user("petugas", "petugas@kecamatan.id", "kata-sandi-asli-9")
    assert errors_for_demo_accounts() == []


def test_an_unmigrated_database_is_not_an_error(monkeypatch):
    """`.ci/run` runs `check --deploy --fail-level ERROR` on an empty database."""
    from django.db import connection

    monkeypatch.setattr(connection.introspection, "table_names", lambda *a, **k: [])
    assert check_demo_accounts() == []


@pytest.mark.parametrize("password", sorted(PUBLISHED_DEMO_ACCOUNTS.values()))
def test_the_published_passwords_are_refused(password):
    with pytest.raises(ValidationError) as refused:
        PublishedPasswordValidator().validate(password)
    assert "dipublikasikan" in refused.value.messages[0]
    PublishedPasswordValidator().validate("kata-sandi-asli-yang-panjang")
