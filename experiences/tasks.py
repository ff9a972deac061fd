"""The experiences' daily job, run by the worker on a schedule (times in UTC)."""

from procrastinate.contrib.django import app

from experiences import services


@app.periodic(cron="30 3 * * *")
@app.task(queue="daily", queueing_lock="purge_experiences")
def purge_experiences(timestamp: int) -> int:
    """Delete withdrawn experiences after 30 days, and recordings of drafts never sent."""
    return services.purge()
