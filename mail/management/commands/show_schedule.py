from datetime import UTC, datetime

from django.core.management.base import BaseCommand
from procrastinate.contrib.django import app


class Command(BaseCommand):
    help = (
        "List the jobs the worker (manage.py procrastinate worker) runs by itself, "
        "with when each runs next. Times are in UTC."
    )

    def handle(self, *args, **options):
        now = datetime.now(UTC).timestamp()
        rows = sorted(
            (
                datetime.fromtimestamp(
                    periodic.croniter.get_next(ret_type=float, start_time=now), UTC
                ),
                periodic.cron,
                periodic.task.name,
            )
            for periodic in app.periodic_registry.periodic_tasks.values()
        )
        self.stdout.write("The worker runs these jobs by itself (times in UTC):")
        for next_at, cron, name in rows:
            self.stdout.write(f"  {name:<45} {cron:<14} next {next_at:%a %d %b %H:%M}")
