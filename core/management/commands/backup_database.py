from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, backup


class Command(BaseCommand):
    help = "Write a PostgreSQL dump of the database to backups/spirit-YYYY-MM-DD-HHMMSS.dump."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="Write the dump here instead.")

    def handle(self, *args, output=None, **options):
        try:
            path = backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path}"))
