"""Queueing an email: in the caller's transaction, logged, with the reason in plain words
when it fails, tried again on a schedule of about a day."""

import contextlib
import smtplib
import socket
from datetime import timedelta

import pytest
from django.db import transaction
from procrastinate.contrib.django.models import ProcrastinateJob
from procrastinate.jobs import Job

from mail import services
from mail.models import Email
from mail.services import Attachment, NotSentYet, deliver, queue_email
from mail.tasks import RETRY

pytestmark = pytest.mark.django_db


def an_email(**overrides) -> Email:
    fields = {
        "to": "ann@example.org",
        "subject": "You have a place",
        "body": "Hello Ann.",
        "kind": "test.hello",
        "html": "<p>Hello Ann.</p>",
        "attachments": [Attachment("seminar.ics", b"BEGIN:VCALENDAR", "text/calendar")],
    }
    return queue_email(**fields | overrides)


def test_queueing_logs_the_email_and_defers_one_send_job():
    email = an_email()
    assert (email.state, email.attempts, email.sent_at) == ("waiting", 0, None)
    [job] = ProcrastinateJob.objects.all()
    assert (job.task_name, job.args, job.queue_name) == (
        "mail.tasks.send_email",
        {"email_id": email.pk},
        "emails",
    )


def test_a_rolled_back_change_queues_nothing():
    with pytest.raises(RuntimeError), transaction.atomic():
        an_email()
        raise RuntimeError("the sign-up failed after its email was queued")
    assert Email.objects.count() == 0
    assert ProcrastinateJob.objects.count() == 0


def test_the_worker_sends_it_once_with_its_html_and_calendar_file(mailoutbox):
    email = an_email()
    [message] = mailoutbox
    assert message.to == ["ann@example.org"]
    assert message.alternatives == [("<p>Hello Ann.</p>", "text/html")]
    assert message.attachments == [("seminar.ics", "BEGIN:VCALENDAR", "text/calendar")]
    assert message.extra_headers["Message-ID"] == f"<spirit-email-{email.pk}@127.0.0.1>"
    email.refresh_from_db()
    assert (email.state, email.attempts, email.last_error) == ("sent", 1, "")
    deliver(email.pk)  # a second job for the same email does nothing
    assert len(mailoutbox) == 1


def test_the_retry_schedule_is_8_tries_over_about_a_day():
    waits, job = [], Job(id=1, queue="emails", lock=None, queueing_lock=None, task_name="x")
    while (decision := RETRY.get_retry_decision(exception=NotSentYet(), job=job)) is not None:
        waits.append(services.next_try_in(job.attempts + 1))
        job = job.evolve(attempts=job.attempts + 1)
        assert decision.retry_at is not None
    assert len(waits) + 1 == services.TRIES == 8
    assert waits == sorted(waits)  # each wait is longer than the one before
    assert timedelta(hours=20) < sum(waits, timedelta()) < timedelta(hours=36)
    # A programming error is not retried: it would fail the same way each time.
    assert RETRY.get_retry_decision(exception=KeyError(), job=job.evolve(attempts=0)) is None


@pytest.mark.parametrize(
    ("error", "words", "lasting"),
    [
        (
            smtplib.SMTPRecipientsRefused({"a@example.org": (550, b"no")}),
            "The mail server refused the address.",
            True,
        ),
        (
            smtplib.SMTPRecipientsRefused({"a@example.org": (421, b"busy")}),
            "The mail server refused the address.",
            False,
        ),
        (TimeoutError(), "The mail server did not answer.", False),
        (socket.gaierror(), "We could not find the mail server's name.", False),
        (ConnectionRefusedError(), "The mail server is not there (connection refused).", False),
        (smtplib.SMTPServerDisconnected(), "The mail server hung up.", False),
        (smtplib.SMTPDataError(554, b"spam"), "The mail server said no (code 554).", True),
    ],
)
def test_why_an_email_was_not_sent_is_in_plain_words(error, words, lasting):
    assert services.why_not_sent(error) == (words, lasting)


def test_after_the_last_try_the_email_is_failed_with_the_reason(no_mail_server):
    email = an_email()
    for _ in range(services.TRIES - 1):
        with pytest.raises(NotSentYet):
            deliver(email.pk)
    email.refresh_from_db()
    assert (email.state, email.attempts) == ("retrying", services.TRIES - 1)
    deliver(email.pk)
    email.refresh_from_db()
    assert (email.state, email.attempts) == ("failed", services.TRIES)
    assert email.last_error == "The mail server is not there (connection refused)."


def test_an_address_the_server_refuses_for_good_fails_at_once(mail_server):
    mail_server.mode = "refuse_address"
    email = an_email()
    deliver(email.pk)  # no NotSentYet: trying again cannot help
    email.refresh_from_db()
    assert (email.state, email.attempts) == ("failed", 1)
    assert email.last_error == "The mail server refused the address."


def test_send_again_queues_a_fresh_logged_copy(mailoutbox, no_mail_server, settings):
    email = an_email()
    for _ in range(services.TRIES):
        with contextlib.suppress(NotSentYet):
            deliver(email.pk)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    copy = services.send_again(Email.objects.get(pk=email.pk))
    assert (copy.resent_from, copy.to, copy.subject, copy.state) == (
        email,
        email.to,
        email.subject,
        "waiting",
    )
    [message] = mailoutbox
    assert message.attachments == [("seminar.ics", "BEGIN:VCALENDAR", "text/calendar")]
    assert Email.objects.get(pk=email.pk).state == "failed"  # the first stays as it was


def test_the_purge_forgets_the_emails_of_the_people_it_anonymises(settings):
    from django.utils import timezone

    from seminars.models import Registration
    from seminars.services import anonymise_registrations
    from tests.seminars.factories import make_seminar

    long_ago = timezone.now() - timedelta(days=100)
    old = make_seminar(starts_at=long_ago, ends_at=long_ago + timedelta(hours=4))
    gone = Registration(
        seminar=old, name="Old", email="old@example.org", role="self_advocate", has_consented=True
    )
    gone.set_new_token()
    gone.save()
    an_email(to="old@example.org", about=gone)
    kept = an_email(to="someone@example.org")
    settings.SEMINARS_RETENTION_DAYS = 90
    assert anonymise_registrations() == 1
    assert list(Email.objects.all()) == [kept]


def test_deleting_an_account_forgets_the_emails_to_its_checked_addresses():
    from allauth.account.models import EmailAddress

    from spirit.privacy import delete_account
    from tests.factories import make_member

    member = make_member(email="mo@example.org")
    EmailAddress.objects.create(user=member, email="mo@example.org", verified=True, primary=True)
    an_email(to="mo@example.org")
    an_email(to="other@example.org", about=member)
    kept = an_email(to="someone@example.org")
    delete_account(member)
    assert list(Email.objects.all()) == [kept]


def test_old_sent_emails_are_forgotten_after_the_retention_days(settings, mailoutbox):
    from django.utils import timezone

    settings.EMAIL_LOG_RETENTION_DAYS = 365
    old, recent, waiting = an_email(), an_email(), an_email()
    len(mailoutbox)  # all three are sent
    Email.objects.filter(pk__in=[old.pk, waiting.pk]).update(
        created_at=timezone.now() - timedelta(days=400)
    )
    Email.objects.filter(pk=waiting.pk).update(state="retrying", sent_at=None)
    assert services.forget_old_emails() == 1
    assert set(Email.objects.values_list("pk", flat=True)) == {recent.pk, waiting.pk}
