"""The worker's jobs for email (Procrastinate; ``manage.py procrastinate worker`` runs them).

``send_email`` is deferred by ``mail.services.queue_email``; the periodic jobs keep the
queue healthy. Periodic times are in UTC.
"""

from django.db import DatabaseError
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from mail import services

# The first try and TRIES - 1 more, each after WAIT_BASE_SECONDS ** (tries so far) seconds.
# A database that went away for a moment is a reason to try again too.
RETRY = RetryStrategy(
    max_attempts=services.TRIES - 1,
    exponential_wait=services.WAIT_BASE_SECONDS,
    retry_exceptions=[services.NotSentYet, DatabaseError],
)
# Jobs of a worker that stopped sending its heartbeat for this long are started again.
STALLED_AFTER_SECONDS = 5 * 60


@app.task(queue="emails", retry=RETRY)
def send_email(email_id: int) -> None:
    services.deliver(email_id)


@app.periodic(cron="*/10 * * * *")
@app.task(queue="housekeeping", queueing_lock="retry_stalled_jobs", pass_context=True)
async def retry_stalled_jobs(context, timestamp: int) -> None:
    """A worker that died mid-job (a host switched off) leaves its job "doing": start it
    again. The email's row lock and state make sure it is sent only if it has not gone."""
    manager = context.app.job_manager
    for job in await manager.get_stalled_jobs(seconds_since_heartbeat=STALLED_AFTER_SECONDS):
        await manager.retry_job(job)


@app.periodic(cron="15 3 * * *")
@app.task(queue="housekeeping", queueing_lock="forget_old_emails")
def forget_old_emails(timestamp: int) -> None:
    """The log keeps a person's emails for EMAIL_LOG_RETENTION_DAYS, then forgets them."""
    services.forget_old_emails()


@app.periodic(cron="30 3 * * *")
@app.task(queue="housekeeping", queueing_lock="remove_old_jobs", pass_context=True)
async def remove_old_jobs(context, timestamp: int) -> None:
    """Finished jobs are kept a week (the email log keeps what each email was)."""
    await context.app.job_manager.delete_old_jobs(
        nb_hours=7 * 24, include_failed=True, include_cancelled=True, include_aborted=True
    )
