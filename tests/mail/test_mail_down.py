"""The faults issue 13 found with the mail server down: each one failed on the code that
sent email after the commit, inside the request (a 500, emails lost, reminders lost)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mail.models import Email
from seminars import services
from seminars.models import Registration
from tests.seminars.factories import form_data, make_seminar, sign_up_data

pytestmark = pytest.mark.django_db


def test_signing_up_with_mail_down_shows_the_place_and_queues_the_email(
    client, no_mail_server, django_capture_on_commit_callbacks
):
    seminar = make_seminar()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("seminars:sign_up", kwargs={"slug": seminar.slug}), form_data()
        )
    assert response.status_code == 200
    assert "<h1>You have a place</h1>" in response.content.decode()
    [email] = Email.objects.all()
    assert (email.to, email.kind, email.state) == (
        "ann@example.org",
        "seminars.confirmed",
        "waiting",
    )


def test_cancelling_with_mail_down_queues_both_emails(
    no_mail_server, django_capture_on_commit_callbacks
):
    seminar = make_seminar(capacity=1)
    first = services.sign_up(seminar, **sign_up_data(email="first@example.org"))
    services.sign_up(seminar, **sign_up_data(email="next@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(first)
    assert [r.email for r in promoted] == ["next@example.org"]
    queued = Email.objects.order_by("pk").values_list("to", "kind", "state")
    assert list(queued)[-2:] == [
        ("first@example.org", "seminars.cancelled", "waiting"),
        ("next@example.org", "seminars.place_offered", "waiting"),
    ]


def test_reminders_with_mail_down_are_all_queued_and_sent_when_mail_is_back(
    no_mail_server, settings, mailoutbox, django_capture_on_commit_callbacks
):
    soon = timezone.now() + timedelta(days=2)
    seminar = make_seminar(capacity=6, starts_at=soon, ends_at=soon + timedelta(hours=4))
    for n in range(6):
        services.sign_up(seminar, **sign_up_data(email=f"p{n}@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders() == 6
    assert Email.objects.filter(kind="seminars.reminder", state="waiting").count() == 6
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # mail is back
    reminders = [m.to[0] for m in mailoutbox if m.subject.startswith("Reminder")]
    assert sorted(reminders) == [f"p{n}@example.org" for n in range(6)]
    assert not Registration.objects.filter(reminder_sent_at__isnull=True).exists()
