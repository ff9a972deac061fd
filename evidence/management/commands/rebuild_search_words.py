from django.core.management.base import BaseCommand

from evidence.search import rebuild_vocabulary


class Command(BaseCommand):
    help = (
        "Rebuild the words that search uses to correct spellings. "
        "New findings add their words as they are saved; run this now and then (for example "
        "nightly) so that the counts stay right and deleted words go."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{rebuild_vocabulary()} search words")
