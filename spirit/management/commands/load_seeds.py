from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that has seed content offers `<app>.seeds.load()`; they run in this order
# because meetings link to findings and seminars to meetings.
SEEDED_APPS = ["evidence", "meetings", "seminars"]


class Command(BaseCommand):
    help = (
        "Load the group's real first content (from ../shared/seeds/, written up in easy read). "
        "Safe to run again: nothing is added twice."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        for app in SEEDED_APPS:
            try:
                seeds = import_module(f"{app}.seeds")
            except ModuleNotFoundError as error:
                if error.name != f"{app}.seeds":
                    raise
                continue
            summary = seeds.load()
            self.stdout.write(f"{app}: {summary}")
