from django.core.management.base import BaseCommand

from seminars.services import send_reminders


class Command(BaseCommand):
    help = (
        "Email a reminder to everyone with a place at a seminar that starts within its "
        "'reminder days'. Each person gets one reminder, however often this runs. "
        "Run it daily, e.g. from cron."
    )

    def handle(self, *args, **options):
        count = send_reminders()
        self.stdout.write(f"Sent {count} reminder{'s' if count != 1 else ''}.")
