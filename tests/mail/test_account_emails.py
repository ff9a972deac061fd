"""allauth's emails go through the queue: with the mail server down, signing up, asking for
a new password and setting up two-factor log-in still work, and each email is logged."""

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.core.management import call_command
from django.urls import reverse

from mail.models import Email
from tests.factories import totp_code
from tests.spirit.test_two_factor import PASSWORD, SET_UP, facilitator, open_set_up

pytestmark = pytest.mark.django_db


def test_signing_up_with_mail_down_works_and_the_check_email_waits(client, no_mail_server):
    response = client.post(
        reverse("account_signup"),
        {"email": "ann@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    [email] = Email.objects.all()
    assert (email.kind, email.to, email.state) == (
        "account.email_confirmation_signup",
        "ann@example.org",
        "waiting",
    )
    assert email.subject == "SPIRIT: Please check your email address"
    assert email.about.email == "ann@example.org"


def test_asking_for_a_new_password_with_mail_down_works(client, no_mail_server):
    facilitator(email="mel@example.org")
    response = client.post(reverse("account_reset_password"), {"email": "mel@example.org"})
    assert response.status_code == 302
    assert Email.objects.get().kind == "account.password_reset_key"


def test_setting_up_two_factor_with_mail_down_works_and_the_notice_waits(
    client, no_mail_server, django_capture_on_commit_callbacks
):
    facilitator(two_factor=False)
    client.post(reverse("account_login"), {"login": "mel@example.org", "password": PASSWORD})
    open_set_up(client)
    secret = client.session[SECRET_SESSION_KEY]
    with django_capture_on_commit_callbacks(execute=True):  # allauth emails after commit
        response = client.post(SET_UP, {"code": totp_code(secret)})
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    [email] = Email.objects.all()
    assert email.subject == "SPIRIT: You log in with a code from your phone now"
    assert email.state == "waiting"


def test_the_schedule_lists_every_daily_job(capsys):
    call_command("show_schedule")
    out = capsys.readouterr().out
    for name, cron in [
        ("seminars.tasks.send_seminar_reminders", "0 7 * * *"),
        ("seminars.tasks.purge_registrations", "0 3 * * *"),
        ("spirit.tasks.clear_sessions", "0 4 * * *"),
        ("mail.tasks.retry_stalled_jobs", "*/10 * * * *"),
        ("mail.tasks.forget_old_emails", "15 3 * * *"),
        ("mail.tasks.remove_old_jobs", "30 3 * * *"),
    ]:
        assert name in out and cron in out
