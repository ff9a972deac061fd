from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from seminars.services import anonymise_registrations


class Command(BaseCommand):
    help = (
        "Anonymise the personal details of people who signed up for seminars. "
        "It acts on every registration of a seminar that ended more than N days ago, "
        "where N is --days or the SEMINARS_RETENTION_DAYS setting (default 90). "
        "It removes name, email, phone, the 'more about needs' text, facilitators' notes "
        "and the link to a member account, and makes the secret link stop working. "
        "It keeps what reports need: the seminar, the state (place, waiting, cancelled), "
        "who they are (self-advocate, supporter, family, professional), the ticked access "
        "needs, whether a support worker came, and whether they were there. "
        "Their names and emails are also taken out of the admin's log, so no copy is left. "
        "Safe to run again: anonymised registrations are skipped. Run it daily, e.g. from cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=(
                "Days after a seminar ends before its people are anonymised "
                f"(default: SEMINARS_RETENTION_DAYS, now {settings.SEMINARS_RETENTION_DAYS})."
            ),
        )

    def handle(self, *args, days=None, **options):
        if days is not None and days < 0:
            raise CommandError("--days must be 0 or more.")
        count = anonymise_registrations(days=days)
        self.stdout.write(f"Anonymised {count} registration{'s' if count != 1 else ''}.")
