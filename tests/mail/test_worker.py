"""A real worker, a real SMTP server, committed data (``transaction=True``): emails are never
lost and never sent twice, and the daily jobs run from the schedule by themselves."""

import asyncio
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone
from procrastinate import periodic
from procrastinate.contrib.django import app
from procrastinate.contrib.django.models import ProcrastinateJob

from mail.models import Email
from mail.tasks import send_email
from seminars import services
from seminars.models import Registration
from tests.mail.conftest import run_worker
from tests.seminars.factories import form_data, make_seminar, sign_up_data

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("worker_db")]


def sent_to(mail_server) -> Counter:
    """How many emails each (address, Message-ID) was delivered."""
    return Counter((message["To"], message["Message-ID"]) for message in mail_server.received)


def pass_time(seconds: float) -> None:
    """Move the clock of every waiting job on (they are due that much sooner)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE procrastinate_jobs SET scheduled_at = scheduled_at - %s "
            "WHERE status = 'todo' AND scheduled_at IS NOT NULL",
            [timedelta(seconds=seconds)],
        )


def test_a_sign_up_with_mail_hanging_answers_in_under_a_second(client, mail_server):
    mail_server.mode = "hang"
    seminar = make_seminar()
    url = reverse("seminars:sign_up", kwargs={"slug": seminar.slug})
    assert client.get(url).status_code == 200  # the person opens the form first
    started = time.monotonic()
    response = client.post(url, form_data())
    assert time.monotonic() - started < 1
    assert response.status_code == 200
    assert "<h1>You have a place</h1>" in response.content.decode()
    [email] = Email.objects.all()
    assert (email.kind, email.state, email.about) == (
        "seminars.confirmed",
        "waiting",
        Registration.objects.get(),
    )
    run_worker("emails")  # the worker waits EMAIL_TIMEOUT (1 s here), then gives up this try
    email.refresh_from_db()
    assert (email.state, email.attempts) == ("retrying", 1)
    assert email.last_error == "The mail server did not answer."


def test_mail_down_for_10_minutes_then_back_every_email_arrives_exactly_once(mail_server):
    """The measure of issue 13: 60 people sign up while mail is down; it comes back after
    10 minutes (the clock of the waiting jobs is moved on, the worker is real)."""
    people, down_for = 60, 10 * 60
    seminar = make_seminar(capacity=10)
    mail_server.mode = "refuse"
    for n in range(people):
        services.sign_up(seminar, **sign_up_data(email=f"p{n}@example.org", name=f"P {n}"))
    clock = 0.0
    while True:
        if clock >= down_for:
            mail_server.mode = "accept"
        run_worker("emails")
        due = (
            ProcrastinateJob.objects.filter(status="todo", queue_name="emails")
            .order_by("scheduled_at")
            .values_list("scheduled_at", flat=True)
            .first()
        )
        if due is None:
            break
        wait = max((due - timezone.now()).total_seconds(), 0)
        pass_time(wait)
        clock += wait
    delivered = sent_to(mail_server)
    print(
        f"\n{people} emails queued; refused {mail_server.refused} times while down "
        f"({down_for} s); all sent by {clock:.0f} s; {len(delivered)} delivered, "
        f"most copies of one: {max(delivered.values())}; "
        f"tries: {sorted(Counter(Email.objects.values_list('attempts', flat=True)).items())}"
    )
    assert mail_server.refused >= people
    assert len(delivered) == people
    assert set(delivered.values()) == {1}
    assert {to for to, _ in delivered} == {f"p{n}@example.org" for n in range(people)}
    assert Counter(Email.objects.values_list("state", flat=True)) == {"sent": people}
    kinds = Counter(Email.objects.values_list("kind", flat=True))
    assert kinds == {"seminars.confirmed": 10, "seminars.waiting": people - 10}


def test_two_workers_never_send_one_email_twice(mail_server):
    """Each email has two send jobs (as after a stalled worker's job is started again),
    and two workers take them at the same time."""
    seminar = make_seminar(capacity=20)
    for n in range(20):
        services.sign_up(seminar, **sign_up_data(email=f"p{n}@example.org"))
    for pk in Email.objects.values_list("pk", flat=True):
        send_email.defer(email_id=pk)
    assert ProcrastinateJob.objects.filter(task_name="mail.tasks.send_email").count() == 40
    run_worker("emails", workers=2)
    delivered = sent_to(mail_server)
    assert len(delivered) == 20
    assert set(delivered.values()) == {1}
    assert set(Email.objects.values_list("attempts", flat=True)) == {1}


def run_at_once(*jobs):
    barrier = threading.Barrier(len(jobs))
    results = []

    def run(job):
        barrier.wait()
        try:
            results.append(job())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=[job]) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_reminder_runs_and_two_workers_send_each_reminder_once(mail_server):
    soon = timezone.now() + timedelta(days=2)
    seminar = make_seminar(capacity=15, starts_at=soon, ends_at=soon + timedelta(hours=4))
    for n in range(15):
        services.sign_up(seminar, **sign_up_data(email=f"p{n}@example.org"))
    run_worker("emails")
    mail_server.received.clear()
    counts = run_at_once(services.send_reminders, services.send_reminders)
    assert sorted(counts)[-1] + sorted(counts)[0] == 15
    run_worker("emails", workers=2)
    delivered = sent_to(mail_server)
    assert len(delivered) == 15
    assert set(delivered.values()) == {1}
    assert all(message["Subject"].startswith("Reminder") for message in mail_server.received)
    assert seminar.registrations.filter(reminder_sent_at__isnull=True).count() == 0


def defer_on_schedule(at: datetime) -> list[str]:
    """What the worker's periodic deferrer does when its clock says ``at``."""
    deferrer = periodic.PeriodicDeferrer(registry=app.periodic_registry)

    async def defer():
        async with app.open_async():
            due = list(deferrer.get_previous_tasks(at=at.timestamp()))
            await deferrer.defer_jobs(due)
            return [periodic_task.task.name for periodic_task, _ in due]

    with app.replace_connector(app.connector.get_worker_connector()):
        return asyncio.run(defer())


def test_the_schedule_runs_the_reminders_and_the_purge_without_anyone_calling_them(
    mail_server, settings
):
    settings.SEMINARS_RETENTION_DAYS = 90
    soon = timezone.now() + timedelta(days=2)
    coming = make_seminar(starts_at=soon, ends_at=soon + timedelta(hours=4))
    services.sign_up(coming, **sign_up_data(email="coming@example.org"))
    long_ago = timezone.now() - timedelta(days=100)
    old = make_seminar(starts_at=long_ago, ends_at=long_ago + timedelta(hours=4))
    gone = Registration(
        seminar=old, name="Old", email="old@example.org", role="self_advocate", has_consented=True
    )
    gone.set_new_token()
    gone.save()
    run_worker("emails")
    mail_server.received.clear()

    today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    three = defer_on_schedule(today + timedelta(hours=3, seconds=30))
    seven = defer_on_schedule(today + timedelta(hours=7, seconds=30))
    # A second worker (on another host) whose clock says the same defers nothing new.
    defer_on_schedule(today + timedelta(hours=7, seconds=40))
    assert "seminars.tasks.purge_registrations" in three
    assert "seminars.tasks.send_seminar_reminders" in seven
    reminder_jobs = ProcrastinateJob.objects.filter(
        task_name="seminars.tasks.send_seminar_reminders"
    )
    assert reminder_jobs.count() == 1

    run_worker("daily", "emails")
    gone.refresh_from_db()
    assert (gone.name, gone.email, gone.anonymised_at is not None) == ("", None, True)
    [reminder] = mail_server.received
    assert (reminder["To"], reminder["Subject"]) == (
        "coming@example.org",
        f"Reminder: {coming.title} is soon",
    )
    assert set(reminder_jobs.values_list("status", flat=True)) == {"succeeded"}
