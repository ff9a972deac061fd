from django.core.management.base import BaseCommand

from evidence.services import rebuild_search_terms


class Command(BaseCommand):
    help = (
        'Rebuild the words that search uses to suggest spellings ("Did you mean ...?"). '
        "New findings add their words as they are saved; run this now and then (for example "
        "nightly) so that the counts stay right and deleted words go."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{rebuild_search_terms()} search words")
