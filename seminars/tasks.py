"""The seminars' daily jobs, run by the worker on a schedule (times in UTC)."""

from procrastinate.contrib.django import app

from seminars import services


@app.periodic(cron="0 7 * * *")
@app.task(queue="daily", queueing_lock="send_seminar_reminders")
def send_seminar_reminders(timestamp: int) -> int:
    """Queue the reminders due today: ``manage.py send_seminar_reminders`` does the same."""
    return services.send_reminders()


@app.periodic(cron="0 3 * * *")
@app.task(queue="daily", queueing_lock="purge_registrations")
def purge_registrations(timestamp: int) -> int:
    """Remove the details of people whose seminar ended SEMINARS_RETENTION_DAYS ago."""
    return services.anonymise_registrations()


@app.periodic(cron="* * * * *")
@app.task(queue="daily", queueing_lock="finish_held_cancellations")
def finish_held_cancellations(timestamp: int) -> int:
    """Each minute: email the people whose cancellation can no longer be undone (10 minutes
    after a facilitator cancelled), and give their places to the waiting list."""
    return services.finish_held_cancellations()
