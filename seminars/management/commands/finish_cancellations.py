from django.core.management.base import BaseCommand

from seminars.services import finish_held_cancellations


class Command(BaseCommand):
    help = (
        "Finish the places facilitators cancelled more than 10 minutes ago (the time they "
        "had to undo it): email each person, and give the freed places to the waiting list. "
        "Safe to run again and from several places at once. Run it every few minutes."
    )

    def handle(self, *args, **options):
        count = finish_held_cancellations()
        self.stdout.write(f"Finished {count} cancellation{'s' if count != 1 else ''}.")
