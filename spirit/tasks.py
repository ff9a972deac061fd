"""The site's daily jobs, run by the worker on a schedule (times in UTC)."""

from django.core.management import call_command
from procrastinate.contrib.django import app


@app.periodic(cron="0 4 * * *")
@app.task(queue="daily", queueing_lock="clear_sessions")
def clear_sessions(timestamp: int) -> None:
    """Delete the logins that have ended, as ``manage.py clearsessions`` does."""
    call_command("clearsessions")
