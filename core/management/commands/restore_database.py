from django.core.management.base import BaseCommand, CommandError

from core.backups import BackupError, restore


class Command(BaseCommand):
    help = (
        "Bring back a backup made by backup_database. Every table is replaced by the one in "
        "the backup (pg_restore --clean --if-exists), in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .dump file to restore.")
        parser.add_argument(
            "--dbname",
            help="Restore into this other database on the same server (to check a backup).",
        )
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, file, dbname=None, interactive=True, **options):
        target = dbname or "the portal's database"
        if interactive:
            answer = input(f"This replaces everything in {target} with {file}. Type yes: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was restored.")
        try:
            restore(file, dbname=dbname)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Restored {file} into {target}."))
