from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Take away a person's two-factor log-in (phone app and recovery codes), for a "
        "facilitator who lost their phone. They log in with their password, then the admin "
        "asks them to set up the app again."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", help="The email address the person logs in with.")

    def handle(self, *args, email, **options):
        address = EmailAddress.objects.filter(email__iexact=email).select_related("user").first()
        if address is None:
            raise CommandError(f"No account has the email address {email}.")
        removed, _ = Authenticator.objects.filter(user=address.user).delete()
        self.stdout.write(
            self.style.SUCCESS(
                f"Removed {removed} two-factor log-in record(s) of {address.email}. "
                "They set up the app again the next time they open the admin."
            )
        )
